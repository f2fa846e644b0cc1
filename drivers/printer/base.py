"""The printer as the rest of the kiosk sees it: a small Protocol, a state Enum and typed errors.

Implementations: ``cups.CupsPrinter`` (a real queue through the CUPS command-line tools) and
``virtual.VirtualPrinter`` (writes the PDFs to a folder, for the demo and e2e tests).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from kiosk.errors import DeviceError


class PrinterState(enum.Enum):
    READY = "ready"
    PRINTING = "printing"
    OFFLINE = "offline"  # queue disabled, printer unplugged or unreachable
    OUT_OF_PAPER = "out_of_paper"
    ERROR = "error"  # anything else the printer reports (jam, cover open, driver failure)


# The states in which a job will not come out; the UI offers the on-screen receipt instead.
ERROR_STATES = frozenset({PrinterState.OFFLINE, PrinterState.OUT_OF_PAPER, PrinterState.ERROR})


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    detail: str = ""  # technical, for the log and the diagnostic screen; never personal data
    # the queue will not move (stopped, missing, server down); a fault reason on a running queue may be
    # stale: CUPS clears it only when the next job starts
    stopped: bool = False

    @property
    def can_print(self) -> bool:
        return self.state not in ERROR_STATES


@dataclass(frozen=True)
class PrintedJob:
    job_id: str
    pages_source: Path | None = None  # where the virtual printer put the PDF; None for a real printer


class PrinterError(DeviceError):
    code = "printer"
    message = "打印机故障，回执已显示在屏幕上，请拍照保存或到窗口打印"


class PrinterOffline(PrinterError):
    code = "printer_offline"
    message = "打印机未连接，回执已显示在屏幕上，请拍照保存或到窗口打印"


class PrinterOutOfPaper(PrinterError):
    code = "printer_out_of_paper"
    message = "打印机缺纸，回执已显示在屏幕上，请拍照保存或请工作人员加纸"


class PrintTimeout(PrinterError):
    code = "printer_timeout"
    message = "打印超时，回执已显示在屏幕上，请拍照保存或到窗口打印"


def error_for(status: PrinterStatus) -> PrinterError:
    """The typed error that tells the villager why a job did not come out."""
    kind = {
        PrinterState.OFFLINE: PrinterOffline,
        PrinterState.OUT_OF_PAPER: PrinterOutOfPaper,
    }.get(status.state, PrinterError)
    return kind(detail=f"printer state {status.state.value}: {status.detail}".strip(": "))


@runtime_checkable
class Printer(Protocol):
    """One print queue. Calls block; run them on the printer's worker thread (``worker.PrinterWorker``)."""

    name: str

    def status(self) -> PrinterStatus: ...

    def print_pdf(self, pdf: bytes, *, title: str) -> PrintedJob:
        """Print and wait until the job has left the queue; raise a ``PrinterError`` if it cannot."""
        ...
