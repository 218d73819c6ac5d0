#!/usr/bin/env bash
# Run the demo: a Celery worker (embedded file-system broker unless REDIS_URL is set) beside the web server.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
cd "$(dirname "$0")/.."
mkdir -p var
.venv/bin/celery -A civilaffairs worker -B -l warning --concurrency 2 \
  --schedule var/celerybeat-schedule >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Celery worker started (pid $worker, log var/worker.log)."
.venv/bin/python manage.py runserver "$host:$port"
