#!/usr/bin/env bash
# Install what the simulator needs (in .venv) and start it: bash scripts/run.sh [--host 0.0.0.0]
set -euo pipefail
cd "$(dirname "$0")/.."
# Read aloud needs espeak-ng and lame; without them the simulator runs and says it is not available.
if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v lame >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = "0" ] || [ -n "$SUDO" ]; }; then
    $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends espeak-ng lame \
      || echo "espeak-ng/lame not installed: reading aloud is not available." >&2
  else
    echo "Install espeak-ng and lame for reading aloud (the simulator runs without them)." >&2
  fi
fi
source scripts/_venv.sh
"$VENV/bin/pip" install --quiet -e .
# The interface translations: .po -> .mo (the app would do it at start-up too).
"$VENV/bin/python" -m simulator.catalogs compile simulator/translations
exec "$VENV/bin/python" run.py "$@"
