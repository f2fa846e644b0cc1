"""Spoken prompts: Mandarin from pypinyin → ``espeak-ng -v cmn-latn-pinyin`` → WAV, played by ``aplay`` (or
``pw-play``/``paplay``) in a short-lived child process.

Debian 12's espeak-ng reads hanzi given to ``-v cmn`` as English tone digits, so the text is turned into
tone-numbered pinyin first (measured in reference/qt-stack.md §6). WAVs are cached by a hash of the text; fixed
prompts can be synthesised ahead of time into assets/sounds (``python -m ui.speech --build``). Synthesis runs
on the "speech" thread, never on the UI thread, and the pinyin in a child process (pypinyin stays out of the kiosk).
Playing in a child keeps Qt Multimedia and its FFmpeg backend (libraries, threads, decoders) out of the kiosk
process, which only ever plays short WAVs (issue 8). No audio device, no player or no espeak-ng → one notice,
never a crash.
Callers pass only fixed prompt text: never a name, ID number or amount of the villager.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

PREBUILT_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"
VOICE = "cmn-latn-pinyin"
ENGLISH_VOICE = "en-gb"  # the English UI (issue 8): its prompts have no hanzi and are spoken as written
_HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# ALSA's aplay first: a kiosk session (cage under systemd) usually runs no sound server for pw-play/paplay
PLAYERS = (("aplay", "-q"), ("pw-play",), ("paplay",))
PLAY_TIMEOUT_S = 60  # a prompt is a few seconds; a player stuck on a hung device must not hold the speech thread
NO_SPEAKER = "没有检测到扬声器，请看屏幕上的文字"
_PAUSE = re.compile(r"[，。！？；：、,.!?;:…（）()“”\"《》—\-\s]+")


def to_pinyin(text: str) -> str:
    """'您好，请插卡。' → 'nin2 hao3, qing3 cha1 ka3.' Characters without a reading (rare ones, Latin
    letters already spoken as pinyin would mislead) are dropped rather than spelled out."""
    # 0.2 s and ~55 MB of dictionaries: loaded in pinyin_in_child's process, never in the kiosk's
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    for chunk in _PAUSE.split(text):
        syllables = [s for s in lazy_pinyin(chunk, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")]
        if syllables:
            out.append(" ".join(syllables))
    return ", ".join(out) + ("." if out else "")


def voice_for(text: str) -> str:
    """Mandarin for Chinese text; English for a prompt without hanzi (the English UI), which pinyin would drop."""
    return VOICE if _HANZI.search(text) else ENGLISH_VOICE


def wav_name(text: str) -> str:
    """Keyed by the text itself, so finding a prepared WAV needs no pypinyin (issue 8)."""
    return hashlib.sha256(f"{voice_for(text)}|text|{text}".encode()).hexdigest()[:24] + ".wav"


def pinyin_in_child(text: str, timeout_s: float = 20) -> str:
    """``to_pinyin`` in a short-lived interpreter: pypinyin's dictionaries (~55 MB) would otherwise stay resident
    in the kiosk for the day after its first new prompt. Costs ~0.3 s per prompt not yet in the cache.
    The text goes through stdin, never the command line (another user's ps)."""
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, os.environ.get("PYTHONPATH"))))}
    try:
        done = subprocess.run([sys.executable, "-m", "ui.speech", "--pinyin"], input=text, capture_output=True,
                              text=True, encoding="utf-8", timeout=timeout_s, check=True, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("pinyin for speech failed: %s", type(exc).__name__)
        return ""
    return done.stdout.strip()


def synthesise(text: str, cache_dir: Path, prebuilt_dir: Path = PREBUILT_DIR, *,
               pinyin=pinyin_in_child) -> Path | None:
    """The WAV for ``text`` (from assets/sounds, the cache, or espeak-ng now); None if it can't be made."""
    name = wav_name(text)
    for folder in (prebuilt_dir, cache_dir):
        if (folder / name).is_file():
            return folder / name
    espeak = shutil.which("espeak-ng")
    if not espeak:
        return None
    voice = voice_for(text)
    spelled = pinyin(text) if voice == VOICE else text
    if not spelled:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / name
    partial = target.with_suffix(".part")
    try:
        subprocess.run([espeak, "-v", voice, "-s", "140", "-w", str(partial), spelled], check=True,
                       capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("speech synthesis failed: %s", type(exc).__name__)
        return None
    partial.replace(target)
    return target


class _SpeechWorker:
    """One named thread ("speech") that makes and plays the prompts in order. Not a QThreadPool: with
    PySide 6.12 each job handed to ``QThreadPool.start`` stayed referenced from the pool after it ran
    (measured: one more job object per prompt, session after session)."""

    def __init__(self, speak_one) -> None:
        self._speak_one = speak_one
        self._jobs: deque = deque()
        self._cond = threading.Condition()
        self._busy = False
        self._thread: threading.Thread | None = None

    def submit(self, text: str, serial: int) -> None:
        with self._cond:
            self._jobs.append((text, serial))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def wait_idle(self, timeout_s: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._jobs and not self._busy, timeout_s)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._jobs)
                text, serial = self._jobs.popleft()
                self._busy = True
            try:
                self._speak_one(text, serial)
            except Exception:  # a bug in one prompt must not silence the kiosk for the day
                log.exception("speech job failed")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()


def find_player() -> list[str] | None:
    """The first WAV player on PATH, as a command to which the file's path is appended."""
    for name, *options in PLAYERS:
        path = shutil.which(name)
        if path:
            return [path, *options]
    return None


class Speaker(QObject):
    """Says fixed prompts. ``spoken`` reports every prompt (the walker and tests listen to it).

    ``player``: the command that plays a WAV (its path appended); None finds one (``find_player``)."""

    spoken = Signal(str)
    notice = Signal(str)  # plain Chinese, shown once on screen

    def __init__(self, cache_dir: Path, *, enabled: bool = True, player: list[str] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.cache_dir = Path(cache_dir)
        self.enabled = enabled
        self.last_text = ""
        self._player = player
        self._serial = 0
        self._lock = threading.Lock()  # the serial and the playing child, shared with the speech thread
        self._playing: subprocess.Popen | None = None
        self._noticed = False
        self._worker = _SpeechWorker(self._speak_one)

    @Slot(str)
    def say(self, text: str) -> None:
        self.last_text = text
        self._cancel()  # a newer prompt cancels an older one still being made or played
        if not text or not self.enabled:
            return
        self.spoken.emit(text)
        self._worker.submit(text, self._serial)

    @Slot()
    def replay(self) -> None:
        self.say(self.last_text)

    def stop(self) -> None:
        self._cancel()

    def wait_idle(self, ms: int = 5000) -> bool:
        """Until every prompt asked for is made and played (or failed)."""
        return self._worker.wait_idle(ms / 1000)

    def _cancel(self) -> None:
        with self._lock:
            self._serial += 1
            playing = self._playing
        if playing is not None and playing.poll() is None:
            playing.terminate()

    def _speak_one(self, text: str, serial: int) -> None:
        """Speech thread: make the WAV, then play it in a child and wait for it (a newer prompt ends it)."""
        if serial != self._serial:
            return
        path = synthesise(text, self.cache_dir)
        if path is None:
            self._notice_once("语音播报暂不可用", "no WAV (espeak-ng missing or failed)")
            return
        command = self._player or find_player()
        if command is None:
            self._notice_once(NO_SPEAKER, f"no WAV player on PATH ({', '.join(p[0] for p in PLAYERS)})")
            return
        with self._lock:
            if serial != self._serial or not self.enabled:
                return
            try:
                playing = self._playing = subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL,
                                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            except OSError as exc:
                self._notice_once(NO_SPEAKER, f"player {command[0]} not started: {exc}")
                return
        try:
            _, errors = playing.communicate(timeout=PLAY_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            playing.kill()
            _, errors = playing.communicate()
        with self._lock:
            self._playing = None
            cancelled = serial != self._serial
        if playing.returncode != 0 and not cancelled:
            self._notice_once(NO_SPEAKER, f"{command[0]} exit {playing.returncode}: "
                                          f"{errors.decode(errors='replace').strip()[-300:]}")

    def _notice_once(self, text: str, detail: str) -> None:
        if not self._noticed:
            self._noticed = True
            log.info("speech: %s (%s)", text, detail)
            self.notice.emit(text)


def build_prompts(texts: list[str], out_dir: Path = PREBUILT_DIR) -> list[Path]:
    """Synthesise fixed prompts once, at build time (``python -m ui.speech --build``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [p for t in texts if (p := synthesise(t, out_dir, prebuilt_dir=out_dir, pinyin=to_pinyin)) is not None]


def fixed_prompts(qml_dir: Path | None = None) -> list[str]:
    """Every screen's fixed spoken prompt, read from the ``speech:`` properties of the QML files."""
    import re

    qml_dir = qml_dir or Path(__file__).resolve().parent / "qml"
    found: list[str] = []
    for path in sorted(qml_dir.rglob("*.qml")):
        in_speech = False
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("speech:", "property string speech:")):
                in_speech = True
            elif not stripped.startswith((":", "?")):
                in_speech = False
            if in_speech:
                found += [t for t in re.findall(r'qsTr\("([^"]+)"\)', line) if "%" not in t]
    return list(dict.fromkeys(found))


def main(argv: list[str] | None = None) -> int:
    """``python -m ui.speech --build [DIR]``: synthesise the fixed prompts (a build step, not run time)."""
    import argparse

    parser = argparse.ArgumentParser(prog="ui.speech")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--build", nargs="?", const=str(PREBUILT_DIR), metavar="DIR")
    mode.add_argument("--pinyin", action="store_true", help="stdin's text as espeak-ng's pinyin (pinyin_in_child)")
    args = parser.parse_args(argv)
    if args.pinyin:
        sys.stdout.write(to_pinyin(sys.stdin.read()) + "\n")
        return 0
    built = build_prompts(fixed_prompts(), Path(args.build))
    print(f"{len(built)} prompts in {args.build}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
