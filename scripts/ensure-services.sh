#!/usr/bin/env bash
# Makes sure the local services the live-data tests talk to are up: PostgreSQL (5432) and
# Mosquitto (1883). The machine starts both at boot; this only restarts one that has stopped,
# with the same commands, so a test run never fails for a service that merely went down.
set -euo pipefail

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 50); do
    listening "$port" && return 0
    sleep 0.2
  done
  echo "$name is not listening on 127.0.0.1:$port" >&2
  return 1
}

if ! listening 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "Starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  fi
  wait_for PostgreSQL 5432
fi

if ! listening 1883; then
  if command -v mosquitto >/dev/null; then
    echo "Starting Mosquitto"
    mosquitto -d -c /etc/mosquitto/mosquitto.conf
  fi
  wait_for Mosquitto 1883
fi

# The live-hub tests run Redis servers of their own (started and stopped by the tests), so only
# the binary is needed.
if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The live-hub tests need redis-server: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
  echo "Installing Debian's redis-server for the live-hub tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server
fi
