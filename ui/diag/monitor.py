"""Idle health monitoring: run the self-checks every so often while no villager is at the terminal.

A device that starts failing is published as ``DeviceStateChanged(device, "fault", <plain Chinese>)``, may
file a fault ticket once (not again until it has recovered), and takes out only the services that need it:
``unavailable(services)`` is the map the home screen shows ("高拍仪故障，请到窗口办理").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from kiosk.diag import DEVICE_OUTAGE_MESSAGES, Check, Report, run_checks, unavailable_services
from kiosk.events import DeviceStateChanged, EventHub

from .tickets import failed_symptoms

log = logging.getLogger(__name__)

FailureSink = Callable[[str, str, Report], None]  # (device, symptom, report), e.g. file a ticket
# the state a failing check stands for, in the driver's own words where the UI reads them (for the card
# reader, "error" means an unreadable card, not a broken reader)
FAULT_STATES = {"card": "no_reader"}


class HealthMonitor:
    def __init__(self, checks: Callable[[], list[Check]], events: EventHub, *, period_s: float = 300.0,
                 is_idle: Callable[[], bool] = lambda: True, on_failure: FailureSink | None = None,
                 sign_on_glass: bool = True):
        self._checks = checks
        self._events = events
        self.period_s = period_s
        self._is_idle = is_idle
        self._on_failure = on_failure
        self._sign_on_glass = sign_on_glass
        self._lock = threading.Lock()
        self._failed: dict[str, str] = {}
        self._last: Report | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reported = threading.Condition()  # notified after each run (tests and the screen wait on it)
        self.runs = 0

    # --- results (any thread) ------------------------------------------------------------------------
    @property
    def failed_devices(self) -> dict[str, str]:
        """device → symptom of every device failing at the last run."""
        with self._lock:
            return dict(self._failed)

    @property
    def last_report(self) -> Report | None:
        with self._lock:
            return self._last

    def unavailable(self, services: Iterable) -> dict[str, str]:
        return unavailable_services(services, set(self.failed_devices), sign_on_glass=self._sign_on_glass)

    # --- running -------------------------------------------------------------------------------------
    def run_once(self) -> Report | None:
        """One round, unless a villager is using the terminal (then None: the checks would disturb them)."""
        if not self._is_idle():
            return None
        report = run_checks(self._checks())
        failed = failed_symptoms(report)
        with self._lock:
            before, self._failed, self._last = self._failed, failed, report
        for device in sorted(failed.keys() - before.keys()):
            log.warning("health check: %s failing (%s)", device, failed[device])
            self._events.publish(DeviceStateChanged(device, FAULT_STATES.get(device, "fault"),
                                                    DEVICE_OUTAGE_MESSAGES.get(device, failed[device])))
            if self._on_failure is not None:
                try:
                    self._on_failure(device, failed[device], report)
                except Exception:  # a ticket that cannot be filed must not stop the monitoring
                    log.exception("fault sink failed for %s", device)
        for device in sorted(before.keys() - failed.keys()):
            log.info("health check: %s recovered", device)
            self._events.publish(DeviceStateChanged(device, "ok", ""))
        with self.reported:
            self.runs += 1
            self.reported.notify_all()
        return report

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="diag-health", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.period_s):
            try:
                self.run_once()
            except Exception:  # a bug in one round; try again next period
                log.exception("health check round failed")
