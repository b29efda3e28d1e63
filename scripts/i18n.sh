#!/usr/bin/env bash
# The interface translations (gettext catalogs in simulator/translations/<lang>/LC_MESSAGES):
#   bash scripts/i18n.sh            extract the Dutch msgids from the code and templates into
#                                   messages.pot, update every messages.po, compile the .mo files
#   bash scripts/i18n.sh compile    only compile (what run.sh and test.sh do)
#   bash scripts/i18n.sh add xx     start a catalog for a new language xx
# After an update: translate the empty msgstr "" lines in a .po (poedit or a text editor),
# then run this again. Untranslated texts show in Dutch.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
source scripts/_venv.sh
if ! "$VENV/bin/python" -c "import babel, simulator" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet -e .
fi
DIR=simulator/translations
POT="$DIR/messages.pot"
PYBABEL="$VENV/bin/pybabel"

case "${1:-all}" in
  compile)
    "$VENV/bin/python" -m simulator.catalogs compile "$DIR"
    ;;
  add)
    lang="${2:?give the language code, e.g. bash scripts/i18n.sh add so}"
    "$PYBABEL" init -i "$POT" -d "$DIR" -l "$lang" --no-wrap
    "$VENV/bin/python" -m simulator.catalogs compile "$DIR"
    ;;
  all)
    [ -f "$POT" ] && cp "$POT" "$POT.old"
    "$PYBABEL" extract -F babel.cfg -k msg -k nmsg:1,2 -k N_ --add-location=file --sort-by-file \
      --no-wrap --project=Oefenomgeving --copyright-holder=Oefenomgeving -c "Translators:" \
      -o "$POT" .
    # Nothing changed but the date: keep the old file (no churn in git, no merge conflicts).
    if [ -f "$POT.old" ] && diff -q <(grep -v '^"POT-Creation-Date' "$POT.old") \
        <(grep -v '^"POT-Creation-Date' "$POT") >/dev/null; then
      mv "$POT.old" "$POT"
    else
      rm -f "$POT.old"
    fi
    for po in "$DIR"/*/LC_MESSAGES/messages.po; do
      lang="$(basename "$(dirname "$(dirname "$po")")")"
      "$PYBABEL" update -i "$POT" -d "$DIR" -l "$lang" --no-fuzzy-matching --ignore-obsolete --no-wrap
    done
    "$VENV/bin/python" -m simulator.catalogs identity "$DIR/nl/LC_MESSAGES/messages.po"
    "$VENV/bin/python" -m simulator.catalogs compile "$DIR"
    "$VENV/bin/python" -m simulator.catalogs report "$DIR"
    ;;
  *)
    echo "usage: bash scripts/i18n.sh [compile | add <lang>]" >&2
    exit 2
    ;;
esac
