"""The runner's and the checks' own messages, kept as gettext msgids (Dutch, B1).

A message is stored in a learner's progress (JSON), so it is a plain dict: the Dutch text
under "nl" (what older progress rows and `pick` know) plus its msgid and parameters, so it
is translated when it is shown, in the language the learner reads then:

    msg("Vul een antwoord in.")
    nmsg("U heeft %(num)d keer hulp gebruikt.", "U heeft %(num)d keer hulp gebruikt.", n)

`pybabel extract` finds them by these two names (babel.cfg, scripts/i18n.sh). This module
knows no Flask: the app gives it the catalogs with `set_translator` (simulator/i18n.py);
without one (a unit test) a message is its Dutch text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

#: (lang, msgid, plural msgid or None, n) -> the translation, or None when there is none
Translator = Callable[[str, str, str | None, int], str | None]
_translator: Translator | None = None


def msg(msgid: str, **params: object) -> dict:
    """A message to show later, translated: {"nl": Dutch text, "msgid": ..., "params": ...}."""
    return {"nl": _format(msgid, params), "msgid": msgid, "params": dict(params)}


def nmsg(singular: str, plural: str, num: int, **params: object) -> dict:
    """A message with a number in it (plural forms differ per language); `num` is %(num)d."""
    params = {"num": num, **params}
    text = singular if num == 1 else plural
    return {
        "nl": _format(text, params),
        "msgid": singular,
        "plural": plural,
        "params": params,
    }


def is_message(value: object) -> bool:
    """True for a dict made by msg() or nmsg()."""
    return isinstance(value, Mapping) and isinstance(value.get("msgid"), str)


def set_translator(translator: Translator | None) -> None:
    """The app's catalogs (None: every message stays Dutch)."""
    global _translator
    _translator = translator


def translate(message: Mapping, lang: str) -> tuple[str, str]:
    """(the language shown, the text): the message in lang, or in Dutch when its catalog has
    no translation for it (yet)."""
    params = dict(message.get("params") or {})
    if lang != "nl" and _translator is not None:
        num = int(params.get("num", 1) or 0)
        found = _translator(lang, message["msgid"], message.get("plural"), num)
        if found:
            return lang, _format(found, params)
    if message.get("plural") is not None:
        text = message["msgid"] if params.get("num") == 1 else message["plural"]
        return "nl", _format(text, params)
    return "nl", _format(message["msgid"], params)


def _format(text: str, params: Mapping) -> str:
    if not params:
        return text
    try:
        return text % dict(params)
    except (KeyError, ValueError, TypeError):  # a broken translation: never a 500
        return text
