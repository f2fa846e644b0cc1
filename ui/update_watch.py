"""Start the new version after an app update, but never in front of a villager.

Root (``kiosk-update apply-ready``) switches ``/opt/village-kiosk/current`` to a newer version and writes
``updates/result.json``; this process still runs the old modules. Every minute the watch asks
``sync.client.updates.restart_due`` whether that happened since the process started, and quits the app
only when it is idle: the home screen, no villager's session, no clerk logged in, nothing being saved.
systemd (``Restart=always``) then starts the new version, after ``confirm-or-rollback`` has checked it.

    self.update_watch = watch_for_update(self)   # in ui.app.KioskApp, once the controller exists
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from sync.client.updates import UpdateFolder, restart_due, running_version

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60_000


class UpdateWatch(QObject):
    def __init__(self, data_dir: Path, is_idle: Callable[[], bool], *, started_at: dt.datetime, running: str,
                 quit_app: Callable[[], None] = QCoreApplication.quit, interval_ms: int = CHECK_EVERY_MS,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._folder, self._is_idle, self._quit = UpdateFolder(data_dir), is_idle, quit_app
        self.started_at, self.running = started_at, running
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> bool:
        """Quit now if a newer version is in place and nobody is using the kiosk. True: it quit."""
        try:
            due = restart_due(self._folder.result(), self.started_at, self.running)
        except OSError as exc:  # no kiosk_update.py to compare versions with: keep running as we are
            log.warning("update watch: cannot compare versions: %s", exc)
            return False
        if not due or not self._is_idle():
            return False
        self._timer.stop()
        log.info("app update: version %s is installed, this process runs %s; idle at home, restarting",
                 self._folder.result().get("current"), self.running)
        self._quit()
        return True

    def stop(self) -> None:
        self._timer.stop()


def idle_at_home(app) -> bool:
    """The kiosk is free: home screen, no villager's session, no clerk logged in, nothing being saved."""
    controller, clerk = app.controller, getattr(app, "clerk", None)
    return (controller.screen == "Home" and controller.session is None and not controller.busy
            and (clerk is None or not clerk.screen))


def watch_for_update(app, **kw) -> UpdateWatch:
    """The watch for a ``ui.app.KioskApp``: its data dir, its controller's and clerk's state."""
    return UpdateWatch(app.data_dir, lambda: idle_at_home(app), started_at=process_started_at(),
                       running=running_version(), parent=app.controller, **kw)


def process_started_at() -> dt.datetime:
    """Wall-clock time this process started (what ``ui.app`` logs the start-up cost from)."""
    from ui.app import seconds_since_process_start  # ui.app imports this module

    return dt.datetime.fromtimestamp(time.time() - seconds_since_process_start(), dt.UTC)
