# Shared by run.sh and test.sh: make .venv with Python 3.11+, installing python3-venv if needed.
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y --no-install-recommends python3-venv
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
