"""The lpstat parsers against output captured from CUPS 2.4 (Debian 12)."""

import pytest

from drivers.printer.base import PrinterState
from drivers.printer.lpstat import job_ids, parse_job_id, parse_printer_status

ENABLED = """printer kiosk is idle.  enabled since Mon Nov 23 10:14:26 2026
\tForm mounted:
\tAlerts: none
\tUsers allowed:
\t\t(all)
"""

PAPER = """printer kiosk disabled since Mon Nov 23 10:16:39 2026 -
\tOut of paper
\tForm mounted:
\tAlerts: media-empty-error paused
\tUsers allowed:
\t\t(all)
"""


def _with(header: str, alerts: str) -> str:
    return f"{header}\n\tForm mounted:\n\tAlerts: {alerts}\n"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (ENABLED, PrinterState.READY),
        (PAPER, PrinterState.OUT_OF_PAPER),
        (_with("printer kiosk now printing kiosk-3.  enabled since Mon", "none"), PrinterState.PRINTING),
        (_with("printer kiosk disabled since Mon Nov 23 -\n\tPaused", "paused"), PrinterState.OFFLINE),
        (_with("printer kiosk is idle.  enabled since Mon", "offline-report"), PrinterState.OFFLINE),
        (_with("printer kiosk is idle.  enabled since Mon", "media-needed-warning"), PrinterState.OUT_OF_PAPER),
        (_with("printer kiosk disabled since Mon -\n\tJam", "media-jam-error paused"), PrinterState.ERROR),
        (_with("printer kiosk is idle.  enabled since Mon", "toner-low-warning"), PrinterState.READY),
        (_with("printer other is idle.  enabled since Mon", "none"), PrinterState.OFFLINE),
    ],
)
def test_state_from_lpstat(text, state):
    assert parse_printer_status(text, "kiosk").state is state


def test_disabled_message_is_kept_and_users_list_is_not():
    assert parse_printer_status(PAPER, "kiosk").detail == "media-empty-error paused (Out of paper)"
    assert "(all)" not in parse_printer_status(ENABLED, "kiosk").detail


def test_job_id_and_job_list():
    assert parse_job_id("request id is kiosk-12 (1 file(s))\n") == "kiosk-12"
    with pytest.raises(ValueError):
        parse_job_id("lp: Error - no default destination available.")
    listing = "kiosk-3                 root              1024   Mon Nov 23 10:14:26 2026\nkiosk-4  root  9  Mon\n"
    assert job_ids(listing) == {"kiosk-3", "kiosk-4"}
    assert job_ids("") == set()


def test_stopped_only_when_the_queue_will_not_move():
    assert parse_printer_status(PAPER, "kiosk").stopped
    stale = _with("printer kiosk is idle.  enabled since Mon", "media-empty-error")
    assert parse_printer_status(stale, "kiosk").state is PrinterState.OUT_OF_PAPER
    assert not parse_printer_status(stale, "kiosk").stopped
    assert not parse_printer_status(ENABLED, "kiosk").stopped
    assert parse_printer_status("", "kiosk").stopped
