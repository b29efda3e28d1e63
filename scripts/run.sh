#!/usr/bin/env bash
# Install what the simulator needs (in .venv) and start it: bash scripts/run.sh [--host 0.0.0.0]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
"$VENV/bin/pip" install --quiet -e .
exec "$VENV/bin/python" run.py "$@"
