"""Read aloud: a text in the learner's language made into an MP3 on the server, made once.

espeak-ng speaks (one voice per language; the Dutch words inside a translation switch to the
Dutch voice through SSML), lame encodes. MP3, because every phone browser plays it (also old
Android and iPhone browsers that play no Ogg/Opus), at 32 kbit/s mono: 4 KB per second of
speech instead of WAV's 44 KB, so a ten-second instruction is 40 KB on a slow connection.

Files are cached under the instance folder by a hash of (what is said, in which voices, the
speed, the engine's versions): the same text is made once, also when two requests ask for it
at the same moment (a lock per hash, across threads and, where the OS has flock, processes).
Nothing here knows Flask or lessons: the caller gives [(voice language, words)].
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

try:
    import fcntl
except ImportError:  # Windows: threads are still serialised, files still replaced atomically
    fcntl = None

#: espeak-ng voice per language; Tigrinya has none (recordings only).
VOICES = {"nl": "nl", "en": "en-gb", "ar": "ar", "fa": "fa", "tr": "tr", "uk": "uk"}
#: words per minute, and the pause between words (10 ms units), for normal and slower
SPEEDS = {False: ("145", "1"), True: ("110", "6")}
#: lame: constant 32 kbit/s, mono, espeak-ng's own 22.05 kHz
LAME_ARGS = ("--quiet", "-m", "m", "--cbr", "-b", "32", "--resample", "22.05")
#: bump when the way audio is made changes, so old cached files are not used
FORMAT = "mp3-32k-mono-1"
SHARDS = 64

Segments = list[tuple[str, str]]


class SpeechUnavailable(Exception):
    """Reading aloud cannot be made here: no espeak-ng/lame, or no voice for the language."""


class SpeechError(Exception):
    """espeak-ng or lame failed on a text."""


@dataclass
class Speech:
    """Makes and caches read-aloud audio in cache_dir with the given programs."""

    cache_dir: Path
    espeak: str = "espeak-ng"
    lame: str = "lame"
    timeout: float = 60.0
    _versions: str | None = field(default=None, init=False, repr=False)
    _installed: bool | None = field(default=None, init=False, repr=False)
    _locks: list = field(
        default_factory=lambda: [threading.Lock() for _ in range(SHARDS)], init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.cache_dir = Path(self.cache_dir)

    def installed(self) -> bool:
        """espeak-ng and lame are both on this machine (looked up once)."""
        if self._installed is None:
            self._installed = bool(shutil.which(self.espeak) and shutil.which(self.lame))
        return self._installed

    def can_speak(self, lang: str) -> bool:
        """There is a voice for lang and the programs to use it."""
        return lang in VOICES and self.installed()

    def versions(self) -> str:
        """The programs' version lines (part of every cache key), asked once."""
        if self._versions is None:
            self._versions = "\n".join([FORMAT, *map(_version, (self.espeak, self.lame))])
        return self._versions

    def key(self, segments: Segments, slow: bool = False) -> str:
        """The cache key: a hash of what is said, how fast, and by which engine."""
        blob = json.dumps([self.versions(), bool(slow), segments], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        """Where the audio of a key is kept."""
        return self.cache_dir / key[:2] / f"{key}.mp3"

    def audio(self, segments: Segments, slow: bool = False) -> tuple[Path, str]:
        """(the MP3 file, its key): made now if it is not in the cache yet."""
        missing = sorted({voice for voice, _ in segments if voice not in VOICES})
        if missing or not segments:
            raise SpeechUnavailable(f"no voice for {', '.join(missing) or 'an empty text'}")
        if not self.installed():
            raise SpeechUnavailable("espeak-ng or lame is not installed")
        key = self.key(segments, slow)
        path = self.path(key)
        if path.exists():
            return path, key
        with self._lock(key):
            if not path.exists():  # another request may have made it while we waited
                self._write(path, self.encode(self.synthesize(segments, slow)))
        return path, key

    @contextmanager
    def _lock(self, key: str):
        shard = int(key[:8], 16) % SHARDS
        with self._locks[shard]:
            if fcntl is None:
                yield
                return
            lock_dir = self.cache_dir / "locks"
            lock_dir.mkdir(parents=True, exist_ok=True)
            with open(lock_dir / f"{shard:02d}.lock", "a+b") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.part")
        temporary.write_bytes(data)
        os.replace(temporary, path)

    def synthesize(self, segments: Segments, slow: bool = False) -> bytes:
        """WAV from espeak-ng, the voice switching per segment (SSML)."""
        speed, gap = SPEEDS[bool(slow)]
        return self._run(
            [self.espeak, "-m", "--stdout", "-s", speed, "-g", gap, "-v", VOICES[segments[0][0]]],
            ssml(segments).encode("utf-8"),
        )

    def encode(self, wav: bytes) -> bytes:
        """MP3 from WAV with lame."""
        return self._run([self.lame, *LAME_ARGS, "-", "-"], wav)

    def _run(self, command: list[str], data: bytes) -> bytes:
        try:
            done = subprocess.run(command, input=data, capture_output=True, timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SpeechError(f"{command[0]}: {exc}") from exc
        if done.returncode != 0 or not done.stdout:
            message = done.stderr.decode("utf-8", "replace").strip()[:300]
            raise SpeechError(f"{command[0]} failed ({done.returncode}): {message}")
        return done.stdout


def _version(program: str) -> str:
    """The first line of `program --version`; a broken program still gives a line (it will
    fail when it is asked to speak, and that is reported there)."""
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{program}: {type(exc).__name__}"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else f"{program}: exit {done.returncode}"


def ssml(segments: Segments) -> str:
    """<speak> with one <voice> per segment; the words escaped."""
    body = "".join(
        f'<voice name="{VOICES[voice]}">{escape(words)} </voice>' for voice, words in segments
    )
    return f"<speak>{body}</speak>"
