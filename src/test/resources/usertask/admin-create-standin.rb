# A stand-in for Discourse's `rake admin:create` (lib/tasks/admin.rake), asking what it asks, in its order and
# with its prompts, through HighLine as it does: Email; for an existing user whether to reset the password; the
# password twice; Full name only when the site requires one at signup; on a refused save, back to Email; then
# whether to grant admin. It logs every answer it got, by question, to $STANDIN_LOG. Modes, from env:
# STANDIN_EXISTING=1 (the email has a user), STANDIN_FULL_NAME=1 (full_name_requirement: required_at_signup),
# STANDIN_REFUSE=1 (the first save fails, as with a too common password).
require "highline/import"

log = File.open(ENV.fetch("STANDIN_LOG"), "a")
log.sync = true
existing = ENV["STANDIN_EXISTING"] == "1"
refusals = ENV["STANDIN_REFUSE"] == "1" ? 1 : 0

loop do
  email = ask("Email:  ")
  log.puts "email=#{email}"
  wants_password = true
  if existing
    reset = ask("User with this email already exists! Do you want to reset the password for this email? (Y/n)  ")
    log.puts "reset=#{reset}"
    wants_password = reset.empty? || reset.downcase == "y"
  end
  if wants_password
    password = ask("Password:  ") { |q| q.echo = false }
    repeat = ask("Repeat password:  ") { |q| q.echo = false }
    log.puts "password=#{password}"
    log.puts "repeat=#{repeat}"
  end
  if ENV["STANDIN_FULL_NAME"] == "1"
    log.puts "name=#{ask("Full name:  ")}"
  end
  if refusals > 0
    refusals -= 1
    puts "Password is too common."
    next
  end
  break
end
puts "\nEnsuring account is active!"
grant = ask("Do you want to grant Admin privileges to this account? (Y/n)  ")
log.puts "grant=#{grant}"
puts "\nYour account now has Admin privileges!" if grant.empty? || grant.downcase == "y"
