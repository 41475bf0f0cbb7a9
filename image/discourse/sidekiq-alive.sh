#!/usr/bin/env bash
# Liveness probe of a separate Sidekiq pod (DesiredSidekiqStatefulSet): the memory guard Discourse's Unicorn
# master gives the Sidekiq it forks (core lib/demon/sidekiq.rb rss_memory_check), which a Sidekiq of its own
# loses. It fails while Sidekiq's resident memory is above UNICORN_SIDEKIQ_MAX_RSS megabytes (never less than
# Discourse's own floor), and the kubelet then restarts the container with TERM, which Sidekiq stops on
# gracefully. It reads only /proc: neither Redis nor PostgreSQL being down ever fails it.
set -euo pipefail

pid_file=${ENTRYPOINT_PID_FILE:-/tmp/discourse-main.pid}
# A probe's output reaches only the kubelet's event; the container's stderr (PID 1's, the entrypoint's) puts
# the reason in the pod's log too, where the Loki alert DiscourseSidekiqMemoryRestart finds it.
log=${SIDEKIQ_ALIVE_LOG:-/proc/1/fd/2}
# DEFAULT_MAX_ALLOWED_SIDEKIQ_RSS_MEGABYTES in Discourse 3.5 (image/discourse/CONTRACT.md)
floor_mb=${SIDEKIQ_ALIVE_FLOOR_MB:-500}
max_mb=${UNICORN_SIDEKIQ_MAX_RSS:-0}
if [ "$max_mb" -lt "$floor_mb" ]; then
  max_mb=$floor_mb
fi

if [ ! -r "$pid_file" ]; then
  # the entrypoint writes it before Sidekiq boots; without it there is nothing to judge yet
  exit 0
fi
pid=$(cat "$pid_file")
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
if [ -z "$rss_kb" ]; then
  echo "sidekiq-alive: process $pid from $pid_file is gone" >&2
  exit 1
fi
if [ "$rss_kb" -gt $((max_mb * 1024)) ]; then
  message="sidekiq-alive: Sidekiq uses $((rss_kb / 1024)) MB, over UNICORN_SIDEKIQ_MAX_RSS $max_mb MB; restarting it"
  echo "$message" >&2
  echo "$message" >> "$log" 2>/dev/null || true
  exit 1
fi
