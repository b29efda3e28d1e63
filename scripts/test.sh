#!/usr/bin/env bash
# Install everything the tests need (Debian chromium included) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

# chromium for the benchmarks, its headless shell (the same build, lighter) for the tests.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromium-headless-shell ] \
    || ! fc-list 2>/dev/null | grep -qi dejavu; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends chromium chromium-headless-shell \
    fonts-dejavu-core
fi
# Read aloud: espeak-ng speaks, lame makes the mp3 (the tests play every voice).
if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v lame >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends espeak-ng lame
fi

source scripts/_venv.sh
"$VENV/bin/pip" install --quiet -e ".[test,scale]"
# The interface translations: .po -> .mo (the app would do it at start-up too).
"$VENV/bin/python" -m simulator.catalogs compile simulator/translations

# PostgreSQL and Redis for the scaled-mode tests: install and start them when missing.
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends postgresql
fi
if ! pg_isready -h 127.0.0.1 -q 2>/dev/null; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
fi
if [ -z "${SIMULATOR_TEST_POSTGRES_URL:-}" ] && ! psql -h 127.0.0.1 -U postgres -d test -c "select 1" >/dev/null 2>&1; then
  # A fresh Debian server: give the tests their own role and database.
  if [ "$(id -u)" = "0" ]; then AS_PG="runuser -u postgres --"; else AS_PG="sudo -u postgres"; fi
  $AS_PG psql -q -c "CREATE ROLE oefen LOGIN PASSWORD 'oefen' CREATEDB" 2>/dev/null || true
  $AS_PG createdb -O oefen test 2>/dev/null || true
  export SIMULATOR_TEST_POSTGRES_URL="postgresql+psycopg://oefen:oefen@127.0.0.1:5432/test"
fi
if ! command -v redis-server >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends redis-server
fi
if ! (redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG); then
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi

"$VENV/bin/python" -m ruff check simulator tests bench run.py
"$VENV/bin/flask" --app simulator scenarios check
if "$VENV/bin/flask" --app simulator lessons --help >/dev/null 2>&1; then
  "$VENV/bin/flask" --app simulator lessons check
fi
# One pytest worker per core (2 on the CI machines): the suite is mostly waiting on Chromium
# and SQLite, and every test makes its own app, instance folder and databases. worksteal: a
# worker that runs out of tests takes queued ones from the other, instead of idling while the
# other still has a queue behind a long browser walk at the end of the run.
exec "$VENV/bin/python" -m pytest -n "${PYTEST_WORKERS:-auto}" --dist worksteal "$@"
