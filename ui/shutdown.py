"""SIGTERM (systemd's ExecStop, a shutdown) and Ctrl+C end the app the way a session ends: the villager's data
wiped, devices closed, exit code 0 — not Python's default of dying on the spot.

Qt's event loop runs in C++, where Python cannot run its signal handlers; ``signal.set_wakeup_fd`` makes the
C-level handler write to a pipe that a QSocketNotifier watches, so the loop wakes and the Python handler runs.
"""

from __future__ import annotations

import logging
import os
import signal

from PySide6.QtCore import QCoreApplication, QSocketNotifier

log = logging.getLogger(__name__)


def quit_on_signals(app: QCoreApplication, signals=(signal.SIGTERM, signal.SIGINT)) -> QSocketNotifier:
    """Call on the main thread before ``app.exec()``; keep the returned notifier as long as the loop runs."""
    read_fd, write_fd = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)
    end_event_loop = app.quit  # the only way out besides an applied update (ui/update_watch.py); no key does this

    def drain() -> None:  # running Python here is what lets the pending handler below run
        try:
            os.read(read_fd, 512)
        except BlockingIOError:
            pass

    def stop(signum: int, _frame) -> None:
        log.info("stopping on %s: ending the session and closing the devices", signal.Signals(signum).name)
        end_event_loop()

    notifier.activated.connect(drain)
    for signum in signals:
        signal.signal(signum, stop)
    return notifier
