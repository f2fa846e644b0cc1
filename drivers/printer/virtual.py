"""A printer that writes each job's PDF into a folder: the demo and e2e tests use it.

Faults can be injected (``set_state``) so the UI's "printer out of paper" path can be shown without
hardware. Thread-safe, like the real one: the state may be set from a test thread.
"""

from __future__ import annotations

import itertools
import os
import threading
from pathlib import Path

from .base import ERROR_STATES, PrintedJob, PrinterState, PrinterStatus, error_for


class VirtualPrinter:
    def __init__(self, out_dir: Path, *, name: str = "virtual"):
        self.name = name
        self.out_dir = Path(out_dir)
        self._lock = threading.Lock()
        self._state = PrinterState.READY
        self._numbers = itertools.count(1)

    def set_state(self, state: PrinterState) -> None:
        with self._lock:
            self._state = state

    def status(self) -> PrinterStatus:
        with self._lock:
            return PrinterStatus(self._state, f"virtual printer writing to {self.out_dir}", self._state in ERROR_STATES)

    def print_pdf(self, pdf: bytes, *, title: str) -> PrintedJob:
        status = self.status()
        if status.state in ERROR_STATES:
            raise error_for(status)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        job_id = f"{self.name}-{next(self._numbers)}"
        target = self.out_dir / f"{job_id}.pdf"
        partial = target.with_suffix(".part")
        partial.write_bytes(pdf)
        os.replace(partial, target)  # a reader never sees half a PDF
        return PrintedJob(job_id, target)
