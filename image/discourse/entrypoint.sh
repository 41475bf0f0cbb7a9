#!/usr/bin/env bash
# Entry point of the Discourse workload image: runs the given command (by default Unicorn, see the Dockerfile's
# CMD) and turns the stop signal into the one that command stops gracefully on.
#
# Unicorn treats TERM (and INT) as "stop now", dropping requests in flight, and QUIT as "finish the requests,
# then stop" (its master also stops the Sidekiq it forked). Kubernetes stops a container with TERM (or with
# the image's STOPSIGNAL, QUIT here, where the runtime honours it), so both become QUIT for Unicorn. The pod's
# terminationGracePeriodSeconds (60 s, DesiredStatefulSet) bounds how long it may take.
#
# A separate Sidekiq (`bin/bundle exec sidekiq ...`, DesiredSidekiqStatefulSet) is the other way round: TERM
# is its graceful stop (unfinished jobs go back to Redis), and QUIT, which it does not trap, would kill it
# outright. So it gets TERM. The child's pid goes to a file for the image's Sidekiq memory guard
# (discourse-sidekiq-alive).
#
# It never runs migrations: the operator runs them as Jobs before the pods get the new image
# (docs/how-it-works.md, "Migrations and upgrades"). It writes no config/discourse.conf: Discourse would then ignore the
# DISCOURSE_* environment the operator sets.
set -euo pipefail

app_dir=${ENTRYPOINT_APP_DIR:-/srv/discourse/app}
pid_file=${ENTRYPOINT_PID_FILE:-/tmp/discourse-main.pid}
cd "$app_dir"

if [ -e config/discourse.conf ]; then
  echo "discourse-entrypoint: $app_dir/config/discourse.conf exists; Discourse would ignore DISCOURSE_* env" >&2
  exit 1
fi

if [ "$#" -eq 0 ]; then
  set -- bin/unicorn -c config/unicorn.conf.rb
fi

stop_signal=QUIT
for word in "$@"; do
  if [ "$word" = sidekiq ]; then
    stop_signal=TERM
  fi
done

"$@" &
child=$!
echo "$child" > "$pid_file"

graceful_stop() {
  kill -"$stop_signal" "$child" 2>/dev/null || true
}
trap graceful_stop TERM QUIT INT

# `wait` returns early when a trapped signal arrives; keep waiting until the child has really exited, and
# exit with its status.
while true; do
  status=0
  wait "$child" || status=$?
  if ! kill -0 "$child" 2>/dev/null; then
    exit "$status"
  fi
done
