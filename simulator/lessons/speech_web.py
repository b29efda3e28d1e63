"""Read-aloud audio of lesson texts and glossary entries (blueprint "speech").

    /les/<lesson>/<part>/<field>/<lang>.mp3[?langzaam=1][&v=<version>]
    /woorden/<id>/<lang>.mp3[?langzaam=1][&v=<version>]

A volunteer's recording (`audio: {ti: audio/....mp3}` beside the text) wins; otherwise
espeak-ng makes it (simulator/speech.py). URLs from read_aloud_*() carry the version, a hash
of what is said: with it the answer may be cached for a year. Where there is no audio the
answer is 404 with one plain sentence the panel can show.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, request, send_file, url_for
from flask_babel import gettext as _
from werkzeug.security import safe_join

from simulator.assets import IMMUTABLE
from simulator.lessons import fields, tracker
from simulator.lessons.texts import LANGUAGES, Text, spoken
from simulator.speech import VOICES, Speech, SpeechError, SpeechUnavailable

bp = Blueprint("speech", __name__)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Audio:
    """What reading one text aloud in one language comes down to."""

    recording: Path | None = None  # a volunteer's file
    segments: tuple = ()  # or what espeak-ng says
    version: str = ""  # a hash of the audio's source, for the URL
    problem: str = ""  # why there is no audio (a sentence for the learner)


@dataclass(frozen=True)
class ReadAloud:
    """For a template: the audio URLs of a text, or the sentence saying why there is none."""

    url: str | None
    slow_url: str | None
    message: str = ""

    @property
    def available(self) -> bool:
        """There is audio to play."""
        return self.url is not None


def speech() -> Speech:
    """The app's read-aloud maker."""
    return current_app.extensions["speech"]


def find_audio(text: Text | dict | None, lang: str, slow: bool = False) -> Audio:
    """The recording or the spoken segments of text in lang, or the reason there are none."""
    recording = _recording(getattr(text, "audio", {}).get(lang))
    if recording is not None:
        return Audio(recording=recording, version=_file_hash(recording))
    if text is None:
        return Audio(problem=_("Deze tekst bestaat niet."))
    if lang not in LANGUAGES or not text.get(lang):
        return Audio(problem=_("Deze tekst is er niet in deze taal."))
    if lang not in VOICES:
        return Audio(problem=_("Voorlezen is niet beschikbaar in deze taal."))
    if not speech().installed():
        return Audio(problem=_("Voorlezen is hier niet beschikbaar."))
    segments = spoken(text[lang], lang)
    return Audio(segments=tuple(segments), version=speech().key(segments, slow)[:16])


def _recording(relative: str | None) -> Path | None:
    if not relative:
        return None
    found = safe_join(current_app.config["LESSON_DIR"], relative)
    return Path(found) if found and Path(found).is_file() else None


_hashes: dict[tuple, str] = {}


def _file_hash(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _hashes:
        _hashes[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return _hashes[key]


def _plain(message: str, status: int) -> Response:
    return Response(message + "\n", status, mimetype="text/plain")


def _serve(text: Text | dict | None) -> Response:
    lang = request.view_args["lang"]
    slow = request.args.get("langzaam") == "1"
    audio = find_audio(text, lang, slow)
    if audio.problem:
        return _plain(audio.problem, 404)
    path = audio.recording
    if path is None:
        try:
            path, _key = speech().audio(list(audio.segments), slow)
        except SpeechUnavailable:
            return _plain(_("Voorlezen is hier niet beschikbaar."), 404)
        except SpeechError:
            log.exception("read aloud failed for %s", request.path)
            return _plain(_("Voorlezen lukt nu even niet. Probeer het straks opnieuw."), 503)
    response = send_file(
        path,
        mimetype="audio/mpeg",
        etag=audio.version,
        conditional=True,
        download_name=f"voorlezen-{lang}.mp3",
    )
    if request.args.get("v") == audio.version:
        response.headers["Cache-Control"] = IMMUTABLE
    else:  # an old or missing version: the browser must ask again next time
        response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/les/<lesson_id>/<part_id>/<field>/<lang>.mp3")
def lesson_audio(lesson_id: str, part_id: str, field: str, lang: str):
    """One text of a lesson part, read aloud."""
    return _serve(_lesson_text(lesson_id, part_id, field))


@bp.get("/woorden/<word_id>/<lang>.mp3")
def word_audio(word_id: str, lang: str):
    """A glossary entry read aloud: the Dutch word, then its explanation."""
    return _serve(_word_text(word_id))


def _lesson_text(lesson_id: str, part_id: str, field: str) -> Text | None:
    lesson = tracker.catalog().get(lesson_id)
    return fields.find(lesson, part_id, field) if lesson else None


def _word_text(word_id: str) -> Text | None:
    """What is said for an entry: its Dutch word (in Dutch) and its explanation."""
    entry = current_app.extensions["glossary"].get(word_id)
    if entry is None:
        return None
    said = {lang: f"*{entry.word}*.\n{text}" for lang, text in entry.text.items()}
    return Text(said, audio=entry.text.audio)


def _read_aloud(text: Text | None, lang: str, endpoint: str, **values) -> ReadAloud:
    audio = find_audio(text, lang)
    if audio.problem:
        return ReadAloud(None, None, audio.problem)
    slow = find_audio(text, lang, slow=True)
    return ReadAloud(
        url_for(endpoint, lang=lang, v=audio.version, **values),
        url_for(endpoint, lang=lang, langzaam=1, v=slow.version, **values),
    )


def read_aloud_lesson(lesson_id: str, part_id: str, field: str, lang: str) -> ReadAloud:
    """{{ read_aloud_lesson(lesson.id, part.id, 'instruction', lang) }}: the audio URLs."""
    return _read_aloud(
        _lesson_text(lesson_id, part_id, field),
        lang,
        "speech.lesson_audio",
        lesson_id=lesson_id,
        part_id=part_id,
        field=field,
    )


def read_aloud_word(word_id: str, lang: str) -> ReadAloud:
    """{{ read_aloud_word(entry.id, lang) }}: the audio URLs of a glossary entry."""
    return _read_aloud(_word_text(word_id), lang, "speech.word_audio", word_id=word_id)


def init_app(app: Flask) -> None:
    """The speech maker (cache in the instance folder) and the template helpers."""
    app.extensions["speech"] = Speech(
        cache_dir=Path(app.instance_path) / "speech",
        espeak=app.config.get("SPEECH_ESPEAK", "espeak-ng"),
        lame=app.config.get("SPEECH_LAME", "lame"),
    )
    if not app.extensions["speech"].installed():
        log.warning("espeak-ng or lame is not installed: reading aloud is not available here.")
    app.jinja_env.globals.update(
        read_aloud_lesson=read_aloud_lesson, read_aloud_word=read_aloud_word
    )
