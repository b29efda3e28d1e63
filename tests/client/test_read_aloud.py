"""Read-aloud audio of lesson texts and glossary words: espeak-ng per language with the Dutch
words in Dutch, a volunteer's recording first, a plain 404 where there is neither."""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from mutagen.mp3 import MP3

from simulator import create_app
from simulator.lessons import speech_web
from tests.conftest import glossary_without

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "unit" / "lesson_fixtures" / "good.yaml"
#: Lesson 2's first instruction in every language, as the translators wrote it.
INSTRUCTION = next(
    part["instruction"]
    for part in yaml.safe_load((ROOT / "lessons" / "02-inloggen.yaml").read_text("utf-8"))["parts"]
    if part["id"] == "inloggen-mijn-inburgering"
)
SPOKEN = ("nl", "en", "ar", "uk", "fa", "tr")
RECORDING = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(413) * 20
URL = "/les/goed/klik/instruction/{}.mp3"


def _lesson_dir(tmp_path: Path, recordings: dict[str, str]) -> Path:
    lessons = tmp_path / "lessons"
    (lessons / "audio" / "goed").mkdir(parents=True)
    shutil.copytree(ROOT / "lessons" / "woorden", lessons / "woorden")
    lines = "".join(f"      {lang}: {json.dumps(text)}\n" for lang, text in INSTRUCTION.items())
    audio = ", ".join(f"{lang}: {file}" for lang, file in recordings.items())
    if audio:
        lines += f"      audio: {{{audio}}}\n"
    yaml_text = GOOD.read_text(encoding="utf-8").replace(
        "    instruction: {nl: Klik op Lening., en: Click Lening.}\n", "    instruction:\n" + lines
    )
    (lessons / "good.yaml").write_text(yaml_text, encoding="utf-8")
    for file in recordings.values():
        (lessons / file).write_bytes(RECORDING)
    return lessons


def _app(tmp_path, recordings=None, **config):
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "t",
            "LESSON_DIR": str(_lesson_dir(tmp_path, recordings or {})),
            **config,
        }
    )
    assert "goed" in app.extensions["lessons"].lessons, app.extensions["lessons"].broken
    return app


@pytest.fixture
def speaking(tmp_path):
    app = _app(tmp_path, {"ti": "audio/goed/klik-ti.mp3"})
    if not app.extensions["speech"].installed():
        pytest.skip("espeak-ng and lame are installed by scripts/test.sh")
    yield app
    app.extensions["store"].engine.dispose()


def test_a_glossary_word_without_a_text_in_the_language_has_no_audio(tmp_path):
    lessons = _lesson_dir(tmp_path / "copy", {})
    glossary_without(lessons, "ar")
    app = _app(tmp_path, LESSON_DIR=str(lessons))
    try:
        response = app.test_client().get("/woorden/factuur/ar.mp3")
        assert response.status_code == 404
        assert "Deze tekst is er niet in deze taal." in response.get_data(as_text=True)
    finally:
        app.extensions["store"].engine.dispose()


def seconds(data: bytes) -> float:
    return MP3(io.BytesIO(data)).info.length


@pytest.mark.parametrize("lang", SPOKEN)
def test_each_language_with_a_voice_answers_an_mp3_longer_than_half_a_second(speaking, lang):
    response = speaking.test_client().get(URL.format(lang))
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    assert seconds(response.data) > 0.5
    slow = speaking.test_client().get(URL.format(lang) + "?langzaam=1")
    assert seconds(slow.data) > seconds(response.data)


def test_dutch_words_inside_a_translation_are_spoken_in_dutch(speaking):
    with speaking.test_request_context():
        audio = speech_web.find_audio(
            speaking.extensions["lessons"].get("goed").parts[1].instruction, "ar"
        )
    assert ("nl", "Inloggen Mijn Inburgering") in audio.segments
    assert audio.segments[0] == ("ar", "تريد أن تذهب إلى")


def test_a_volunteers_recording_is_served_for_tigrinya(speaking):
    response = speaking.test_client().get(URL.format("ti"))
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    assert response.data == RECORDING


def test_tigrinya_without_a_recording_says_reading_aloud_is_not_available(tmp_path):
    app = _app(tmp_path)
    response = app.test_client().get(URL.format("ti"))
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "Voorlezen is niet beschikbaar in deze taal.\n"
    app.extensions["store"].engine.dispose()


def test_a_recording_wins_over_espeak_ng(tmp_path):
    app = _app(tmp_path, {"nl": "audio/goed/klik-nl.mp3"})
    response = app.test_client().get(URL.format("nl"))
    assert response.status_code == 200 and response.data == RECORDING
    assert not list((tmp_path / "instance").rglob("*.mp3"))  # espeak-ng made nothing
    app.extensions["store"].engine.dispose()


def test_without_espeak_ng_the_simulator_works_and_says_why_there_is_no_audio(tmp_path):
    app = _app(
        tmp_path, {"ti": "audio/goed/klik-ti.mp3"}, SPEECH_ESPEAK=str(tmp_path / "no-espeak-ng")
    )
    client = app.test_client()
    response = client.get(URL.format("nl"))
    assert response.status_code == 404
    assert response.get_data(as_text=True) == "Voorlezen is hier niet beschikbaar.\n"
    assert client.get(URL.format("ti")).data == RECORDING  # recordings still play
    assert client.get("/").status_code == 200
    assert client.get("/les/goed").status_code == 200
    word = client.get("/woorden/factuur")
    assert word.status_code == 200
    assert "Voorlezen is hier niet beschikbaar." in word.get_data(as_text=True)
    app.extensions["store"].engine.dispose()


def test_a_failing_espeak_ng_is_a_plain_503_not_a_500(tmp_path):
    broken = tmp_path / "broken-espeak-ng"
    broken.write_text("#!/bin/sh\nexit 3\n")  # fails even for --version
    broken.chmod(0o755)
    app = _app(tmp_path, SPEECH_ESPEAK=str(broken))
    client = app.test_client()
    response = client.get(URL.format("nl"))
    assert response.status_code == 503
    assert "Voorlezen lukt nu even niet" in response.get_data(as_text=True)
    assert client.get("/woorden/factuur").status_code == 200
    app.extensions["store"].engine.dispose()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/les/bestaat-niet/klik/instruction/nl.mp3", "Deze tekst bestaat niet."),
        ("/les/goed/bestaat-niet/instruction/nl.mp3", "Deze tekst bestaat niet."),
        ("/les/goed/klik/tip-7/nl.mp3", "Deze tekst bestaat niet."),
        ("/les/goed/lees/text/ar.mp3", "Deze tekst is er niet in deze taal."),
        ("/les/goed/klik/instruction/xx.mp3", "Deze tekst is er niet in deze taal."),
        ("/woorden/bestaat-niet/nl.mp3", "Deze tekst bestaat niet."),
    ],
)
def test_unknown_texts_and_languages_answer_a_plain_404(tmp_path, path, message):
    app = _app(tmp_path)
    response = app.test_client().get(path)
    assert response.status_code == 404
    assert response.get_data(as_text=True) == message + "\n"
    app.extensions["store"].engine.dispose()


def test_hashed_url_is_cached_for_a_year_and_answers_304_and_ranges(speaking):
    client = speaking.test_client()
    with speaking.test_request_context():
        read = speech_web.read_aloud_lesson("goed", "klik", "instruction", "uk")
    assert read.available and re.fullmatch(
        r"/les/goed/klik/instruction/uk\.mp3\?v=[0-9a-f]{16}", read.url
    )
    assert "langzaam=1" in read.slow_url and read.slow_url != read.url
    response = client.get(read.url)
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    etag = response.headers["ETag"]
    assert client.get(read.url, headers={"If-None-Match": etag}).status_code == 304
    part = client.get(read.url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100
    fresh = speaking.test_client().get(read.url)  # the same for everyone: no learner, no cookie
    assert fresh.status_code == 200 and "Set-Cookie" not in fresh.headers
    stale = client.get(URL.format("uk") + "?v=0000000000000000")
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"


def test_read_aloud_helper_says_why_not_for_tigrinya_without_recording(tmp_path):
    app = _app(tmp_path)
    with app.test_request_context():
        read = speech_web.read_aloud_lesson("goed", "klik", "instruction", "ti")
    assert not read.available and read.message == "Voorlezen is niet beschikbaar in deze taal."
    app.extensions["store"].engine.dispose()


def test_two_learners_asking_for_a_new_text_at_once_make_it_once(speaking):
    speech = speaking.extensions["speech"]
    made = []
    real = speech.synthesize

    def counting(segments, slow=False):
        made.append(segments)
        return real(segments, slow)

    speech.synthesize = counting
    answers = []

    def ask():
        answers.append(speaking.test_client().get(URL.format("tr")))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200] * 6
    assert len({a.data for a in answers}) == 1
    assert len(made) == 1


def test_glossary_words_are_read_aloud_dutch_word_first(speaking):
    client = speaking.test_client()
    for lang in ("nl", "en"):
        response = client.get(f"/woorden/factuur/{lang}.mp3")
        assert response.status_code == 200 and seconds(response.data) > 2
    assert seconds(client.get("/woorden/factuur/ar.mp3").data) > 2
    with speaking.test_request_context():
        said = speech_web.find_audio(speech_web._word_text("factuur"), "en").segments
    assert said[0] == ("nl", "factuur") and said[1][0] == "en"
