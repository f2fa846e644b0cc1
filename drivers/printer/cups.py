"""A real printer: one CUPS queue, driven through ``lp``/``lpstat``/``cancel``.

The command-line tools come with cups-client on every Debian box; pycups would need a compiler on the
terminal. The server is the configured one (``CUPS_SERVER``: a socket path or host:port), so the tests
point the same code at a private cupsd.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
import time
from collections.abc import Callable

from .base import (
    ERROR_STATES,
    PrintedJob,
    PrinterError,
    PrinterOffline,
    PrinterState,
    PrinterStatus,
    PrintTimeout,
    error_for,
)
from .lpstat import job_ids, parse_job_id, parse_printer_status

log = logging.getLogger(__name__)

_TOOL_TIMEOUT_S = 15.0


class CupsPrinter:
    def __init__(
        self,
        queue: str = "",
        *,
        server: str = "",
        job_timeout_s: float = 60.0,
        poll_interval_s: float = 0.2,
        fault_grace_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._server = server
        self._job_timeout_s = job_timeout_s
        self._poll_interval_s = poll_interval_s
        self._fault_grace_s = fault_grace_s
        self._clock = clock
        self.name = queue  # empty: CUPS' default destination, looked up on the printer thread

    # --- the tools ---------------------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = dict(os.environ, LANG="C", LC_ALL="C")  # the parsers read the English output
        if self._server:
            env["CUPS_SERVER"] = self._server
        return env

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                argv, env=self._env(), capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False
            )
        except FileNotFoundError as exc:
            raise PrinterOffline(detail=f"{argv[0]} not installed (package cups-client)") from exc
        except subprocess.TimeoutExpired as exc:
            raise PrinterOffline(detail=f"{argv[0]} timed out: CUPS server not answering") from exc

    def _default_queue(self) -> str:
        out = self._run("lpstat", "-d").stdout
        # "system default destination: kiosk" or "no system default destination"
        if "destination:" in out:
            return out.rsplit(":", 1)[1].strip()
        return ""

    # --- Printer -----------------------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        self.name = self.name or self._default_queue()
        if not self.name:
            return error_status("no queue configured and no CUPS default destination")
        proc = self._run("lpstat", "-l", "-p", self.name)
        if proc.returncode != 0:
            return error_status(proc.stderr.strip()[:200] or "lpstat failed")
        return parse_printer_status(proc.stdout, self.name)

    def print_pdf(self, pdf: bytes, *, title: str) -> PrintedJob:
        before = self.status()
        if before.stopped:
            raise error_for(before)
        with tempfile.NamedTemporaryFile(prefix="kiosk-print-", suffix=".pdf") as spool:
            spool.write(pdf)
            spool.flush()
            proc = self._run("lp", "-d", self.name, "-t", title, "-o", "document-format=application/pdf", spool.name)
        if proc.returncode != 0:
            raise PrinterError(detail=f"lp failed: {proc.stderr.strip()[:200]}")
        job_id = parse_job_id(proc.stdout)
        log.info("printer %s: job %s queued (%d bytes)", self.name, job_id, len(pdf))
        self._wait_until_done(job_id)
        return PrintedJob(job_id)

    def _wait_until_done(self, job_id: str) -> None:
        """Poll until the job leaves the queue. A queue that stops on it (no paper, offline) fails it, and
        so does a fault still reported after the grace time (an old reason is cleared when a job starts):
        the villager is gone by the time a technician fixes the printer, so the job is cancelled."""
        started = self._clock()
        while True:
            pending = job_ids(self._run("lpstat", "-W", "not-completed", "-o", self.name).stdout)
            if job_id not in pending:
                log.info("printer %s: job %s done", self.name, job_id)
                return
            status = self.status()
            elapsed = self._clock() - started
            if status.stopped or (status.state in ERROR_STATES and elapsed >= self._fault_grace_s):
                self._cancel(job_id)
                raise error_for(status)
            if elapsed >= self._job_timeout_s:
                self._cancel(job_id)
                raise PrintTimeout(detail=f"job {job_id} still queued after {self._job_timeout_s:.0f}s")
            time.sleep(self._poll_interval_s)  # the CLI has no wait-for-job; a short poll is what lp users do

    def _cancel(self, job_id: str) -> None:
        proc = self._run("cancel", job_id)
        if proc.returncode != 0:
            log.warning("printer %s: could not cancel %s: %s", self.name, job_id, proc.stderr.strip()[:200])


def error_status(detail: str) -> PrinterStatus:
    return PrinterStatus(PrinterState.OFFLINE, detail, stopped=True)
