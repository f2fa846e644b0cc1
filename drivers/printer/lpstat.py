"""Pure parsers for the output of the CUPS command-line tools (``lpstat``, ``lp``). No I/O here."""

from __future__ import annotations

import re

from .base import PrinterState, PrinterStatus

_JOB_ID = re.compile(r"request id is (\S+)")

# IPP printer-state-reasons (RFC 8011 §5.4.12, PWG 5100.9) grouped by what the villager is told.
_PAPER_REASONS = ("media-empty", "media-needed", "media-low-error")
_OFFLINE_REASONS = ("offline-report", "offline", "shutdown", "paused", "timed-out")


def _reason_base(reason: str) -> str:
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix) and reason != "offline-report":
            return reason[: -len(suffix)]
    return reason


def parse_printer_status(lpstat_long: str, queue: str) -> PrinterStatus:
    """``lpstat -l -p QUEUE`` → status. Reasons beat the enabled flag: a stopped queue says why."""
    header = ""
    reasons: list[str] = []
    message = ""
    previous = ""
    for line in lpstat_long.splitlines():
        stripped = line.strip()
        if line.startswith(f"printer {queue} "):
            header = line
        elif header and stripped.startswith("Alerts:"):
            reasons = [r for r in stripped.removeprefix("Alerts:").split() if r != "none"]
        elif previous.startswith(f"printer {queue} ") and " disabled since " in previous:
            message = stripped  # the printer-state-message sits on the line under "disabled since"
        previous = line
    if not header:
        return PrinterStatus(PrinterState.OFFLINE, f"queue {queue!r} not found", stopped=True)
    disabled = " disabled since " in header
    detail = " ".join(reasons) + (f" ({message})" if message else "")
    if any(_reason_base(r) in _PAPER_REASONS or r.startswith(_PAPER_REASONS) for r in reasons):
        return PrinterStatus(PrinterState.OUT_OF_PAPER, detail, disabled)
    # a stopped queue always says "paused" as well, so a specific fault outranks it
    if any(r.endswith("-error") and _reason_base(r) not in _OFFLINE_REASONS for r in reasons):
        return PrinterStatus(PrinterState.ERROR, detail, disabled)
    if any(r in _OFFLINE_REASONS or _reason_base(r) in _OFFLINE_REASONS for r in reasons):
        return PrinterStatus(PrinterState.OFFLINE, detail, disabled)
    if disabled:
        return PrinterStatus(PrinterState.OFFLINE, detail or "queue disabled", True)
    if " now printing " in header:
        return PrinterStatus(PrinterState.PRINTING, detail, disabled)
    return PrinterStatus(PrinterState.READY, detail, disabled)


def parse_job_id(lp_output: str) -> str:
    """``lp`` prints ``request id is kiosk-12 (1 file(s))``."""
    match = _JOB_ID.search(lp_output)
    if not match:
        raise ValueError(f"no job id in lp output: {lp_output.strip()[:200]!r}")
    return match.group(1)


def job_ids(lpstat_jobs: str) -> set[str]:
    """``lpstat -o`` (one job per line, id first) → the set of job ids."""
    return {line.split()[0] for line in lpstat_jobs.splitlines() if line and not line[0].isspace()}
