"""The citizen session and its idle wipe: pure logic, no Qt, no clock of its own.

A session holds everything of one villager at the terminal (card holder, form values, captured
materials, signature, temp files). ``wipe()`` forgets all of it and deletes the temp files, so the next
villager finds nothing. ``IdleTimer`` decides, from the times it is given, when to warn and when to wipe;
the UI drives it with a Qt timer and the tests with plain numbers.
"""

from __future__ import annotations

import enum
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain import Holder


class IdleState(enum.StrEnum):
    ACTIVE = "active"
    WARNING = "warning"  # the countdown with the one big "继续办理" button is showing
    EXPIRED = "expired"  # time to wipe


@dataclass(frozen=True)
class IdlePolicy:
    warning_after_s: float  # quiet time before the warning appears
    countdown_s: float  # how long the warning stays; ≥ 20 s (WCAG 2.2.1, MIIT §2.3)
    max_extensions: int = 10  # WCAG 2.2.1: at least ten

    @classmethod
    def from_config(cls, section: Any, *, elder_mode: bool) -> IdlePolicy:
        """Elder mode stretches both times by the configured factor: older hands and eyes need longer."""
        factor = section.elder_idle_factor if elder_mode else 1.0
        return cls(section.idle_warning_s * factor, max(20.0, section.idle_countdown_s * factor))


class IdleTimer:
    """Warn after ``warning_after_s`` of no touch, wipe ``countdown_s`` later unless the villager extends."""

    def __init__(self, policy: IdlePolicy, now: float):
        self.policy = policy
        self._last_activity = now
        self.extensions = 0

    def touch(self, now: float) -> None:
        """Any touch while ACTIVE restarts the quiet period (a touch during the warning does not: it must
        be the big button, so a stray brush against the glass can't keep a stranger's session open)."""
        if self.state(now) is IdleState.ACTIVE:
            self._last_activity = now

    def extend(self, now: float) -> bool:
        """The "继续办理" button. Returns False once the extensions are used up."""
        if self.extensions >= self.policy.max_extensions:
            return False
        self.extensions += 1
        self._last_activity = now
        return True

    def state(self, now: float) -> IdleState:
        quiet = now - self._last_activity
        if quiet < self.policy.warning_after_s:
            return IdleState.ACTIVE
        if quiet < self.policy.warning_after_s + self.policy.countdown_s:
            return IdleState.WARNING
        return IdleState.EXPIRED

    def seconds_left(self, now: float) -> int:
        """Whole seconds until the wipe while warning (rounded up, so the screen never shows 0 too early)."""
        left = self.policy.warning_after_s + self.policy.countdown_s - (now - self._last_activity)
        return max(0, int(-(-left // 1)))


SESSION_PREFIX = "kiosk-session-"


class CitizenSession:
    """Everything of one villager. Created on card insert (or a card-less service), wiped at the end."""

    def __init__(self, holder: Holder | None, *, temp_root: str | os.PathLike | None = None):
        self.session_id = uuid.uuid4().hex
        self.holder = holder
        self.service_code: str = ""
        self.form_values: dict[str, str] = {}
        self.materials: dict[str, list[bytes]] = {}
        self.signature_png: bytes = b""
        self.signature_record: bytes = b""
        self.pin_verified = False
        self.receipts: list[str] = []  # acceptance numbers issued in this session
        # the pid in the name lets the next start tell a dead kiosk's folder from a live one's
        self.temp_dir = Path(tempfile.mkdtemp(prefix=f"{SESSION_PREFIX}{os.getpid()}-", dir=temp_root))
        self.wiped = False

    def __repr__(self) -> str:  # never the holder's data
        return f"CitizenSession({self.session_id[:8]}, service={self.service_code!r}, wiped={self.wiped})"

    @property
    def has_unsaved_work(self) -> bool:
        """A form half done: something typed, captured or signed that is not yet in a receipt."""
        return bool(self.form_values or self.materials or self.signature_png)

    def start_service(self, service_code: str) -> None:
        self.clear_service()
        self.service_code = service_code

    def clear_service(self) -> None:
        """Between two services of the same villager: the form goes, the card stays."""
        self.service_code = ""
        self.form_values = {}
        self.materials = {}
        self.signature_png = b""
        self.signature_record = b""
        self.pin_verified = False

    def temp_file(self, name: str) -> Path:
        return self.temp_dir / Path(name).name

    def wipe(self) -> None:
        """Forget the villager: drop references and destroy the temp folder."""
        self.clear_service()
        self.holder = None
        self.receipts = []
        _destroy(self.temp_dir)
        self.wiped = True


def sweep_abandoned_sessions(temp_root: str | os.PathLike) -> int:
    """Destroy session folders of kiosks that died mid-session (kill -9, a power cut), as their wipe would
    have; the number destroyed. A folder whose process still runs (a second app, a test) is left alone."""
    swept = 0
    for folder in Path(temp_root).glob(f"{SESSION_PREFIX}*"):
        pid = folder.name[len(SESSION_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and not (pid.isdigit() and _process_alive(int(pid))):
            _destroy(folder)
            swept += 1
    return swept


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _destroy(folder: Path) -> None:
    """Overwrite every file, then delete the folder, so a captured ID card image does not linger in free
    blocks of a plain filesystem."""
    if folder.exists():
        for path in folder.rglob("*"):
            if path.is_file():
                _overwrite(path)
        shutil.rmtree(folder, ignore_errors=True)


def _overwrite(path: Path) -> None:
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.write(b"\0" * size)
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass  # deletion below still happens; a vanished file is fine
