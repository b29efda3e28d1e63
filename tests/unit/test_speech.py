"""Read aloud: the cache key, missing voices and programs, and each text made only once."""

from __future__ import annotations

import io
import multiprocessing
import threading
import time

import pytest
from mutagen.mp3 import MP3

from simulator.speech import Speech, SpeechError, SpeechUnavailable, ssml

SAID = [("ar", "اضغط على"), ("nl", "Inloggen Mijn Inburgering"), ("ar", ". انظر إلى السهم.")]
FAKE_MP3 = b"ID3 fake mp3 bytes"


def offline(tmp_path, **kwargs) -> Speech:
    """A Speech whose programs are never run (their versions given), for the key tests."""
    speech = Speech(tmp_path / "speech", **kwargs)
    speech._versions = "espeak-ng 1.51 / lame 3.100"
    return speech


def test_same_words_same_key_and_anything_that_changes_the_sound_changes_it(tmp_path):
    speech = offline(tmp_path)
    key = speech.key(SAID)
    assert key == offline(tmp_path).key([tuple(s) for s in SAID])
    assert len(key) == 64
    assert speech.key(SAID, slow=True) != key
    assert speech.key([("ar", "اضغط على"), ("ar", "Inloggen Mijn Inburgering")]) != key
    assert speech.key(SAID[:2]) != key
    other_engine = offline(tmp_path)
    other_engine._versions = "espeak-ng 1.52 / lame 3.100"
    assert other_engine.key(SAID) != key
    assert speech.path(key) == tmp_path / "speech" / key[:2] / f"{key}.mp3"


def test_no_voice_for_tigrinya(tmp_path):
    speech = offline(tmp_path, espeak="true", lame="true")
    assert speech.can_speak("nl") and not speech.can_speak("ti")
    with pytest.raises(SpeechUnavailable):
        speech.audio([("ti", "ናብ *Mijn Inburgering* ክትኸዱ ትደልዩ።")])
    with pytest.raises(SpeechUnavailable):
        speech.audio([])


def test_without_the_programs_nothing_can_be_spoken(tmp_path):
    speech = offline(tmp_path, espeak=str(tmp_path / "no-espeak-ng"))
    assert not speech.installed() and not speech.can_speak("nl")
    with pytest.raises(SpeechUnavailable):
        speech.audio([("nl", "Hallo")])


def broken_program(tmp_path) -> str:
    """A program that prints nothing and fails, whatever it is asked (also --version)."""
    path = tmp_path / "broken-espeak-ng"
    path.write_text("#!/bin/sh\necho 'kapot' >&2\nexit 3\n")
    path.chmod(0o755)
    return str(path)


def test_a_failing_program_is_a_speech_error_and_nothing_is_cached(tmp_path):
    speech = Speech(tmp_path / "speech", espeak=broken_program(tmp_path), lame="true")
    assert speech.installed() and len(speech.key(SAID)) == 64  # its version: the error line
    with pytest.raises(SpeechError, match="kapot"):
        speech.audio([("nl", "Hallo")])
    assert not list((tmp_path / "speech").rglob("*.mp3"))


def test_ssml_escapes_the_words_and_switches_voice_per_segment():
    text = ssml([("en", "a < b & c"), ("nl", "**Volgende**</voice><voice name='x'>")])
    assert text.startswith('<speak><voice name="en-gb">a &lt; b &amp; c </voice>')
    assert "<voice name=\"nl\">**Volgende**&lt;/voice&gt;&lt;voice name='x'&gt; </voice>" in text


def _slow_maker(speech: Speech, calls: list) -> None:
    def synthesize(segments, slow=False):
        calls.append(segments)
        time.sleep(0.2)  # a wide window for a second request to come in
        return b"RIFF"

    speech.synthesize = synthesize
    speech.encode = lambda wav: FAKE_MP3


def test_two_requests_for_a_new_text_make_it_once(tmp_path):
    speech = offline(tmp_path, espeak="true", lame="true")
    calls: list = []
    _slow_maker(speech, calls)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(speech.audio(SAID))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({path for path, _key in results}) == 1
    assert results[0][0].read_bytes() == FAKE_MP3
    assert not list((tmp_path / "speech").rglob("*.part"))
    speech.audio(SAID)  # cached: not made again
    assert len(calls) == 1


def _make_in_process(cache_dir, log_path):
    speech = Speech(cache_dir, espeak="true", lame="true")
    speech._versions = "v"

    def synthesize(segments, slow=False):
        with open(log_path, "a") as log:
            log.write("made\n")
        time.sleep(0.3)
        return b"RIFF"

    speech.synthesize = synthesize
    speech.encode = lambda wav: FAKE_MP3
    speech.audio(SAID)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_two_worker_processes_make_a_new_text_once(tmp_path):
    log_path = tmp_path / "made.log"
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_make_in_process, args=(tmp_path / "speech", log_path))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
        assert worker.exitcode == 0
    assert log_path.read_text().count("made") == 1


@pytest.fixture
def espeak(tmp_path):
    speech = Speech(tmp_path / "speech")
    if not speech.installed():
        pytest.skip("espeak-ng and lame are installed by scripts/test.sh")
    return speech


def test_real_audio_is_a_compact_mp3_and_slower_is_longer(espeak):
    path, key = espeak.audio(SAID)
    data = path.read_bytes()
    normal = MP3(io.BytesIO(data)).info
    assert normal.length > 1.0 and normal.channels == 1
    assert normal.bitrate == 32000 and len(data) < 6000 * normal.length  # < 6 KB per second
    slow_path, slow_key = espeak.audio(SAID, slow=True)
    assert slow_key != key
    assert MP3(io.BytesIO(slow_path.read_bytes())).info.length > normal.length * 1.15
