"""Printing a receipt or proof from the UI's point of view: render, try to print, and whatever happens
hand back the PDF so the screen can show it. A printer fault never loses the villager's receipt."""

from __future__ import annotations

import logging
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.schema import PrinterSection

from .base import PrintedJob, Printer, PrinterError, PrintTimeout
from .cups import CupsPrinter
from .documents import InsuranceProof, Receipt
from .proofs import Statement
from .render import RENDER_ARGV, Document, RenderFailed, render, render_in_child
from .virtual import VirtualPrinter
from .worker import PrinterWorker

if TYPE_CHECKING:  # fonts imports reportlab, which only the render child (or a caller with fonts) loads
    from .fonts import FontSet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOutcome:
    """``pdf`` is there unless rendering failed; ``job`` when it printed, else ``error`` says why."""

    pdf: bytes
    job: PrintedJob | None = None
    error: PrinterError | None = None

    @property
    def printed(self) -> bool:
        return self.job is not None

    @property
    def message(self) -> str:
        """The plain-Chinese line for the screen."""
        return "回执已打印，请取走" if self.printed else (self.error or PrinterError()).message


def make_printer(section: PrinterSection, data_dir: Path) -> Printer | None:
    """The configured printer, or None when the terminal has none (receipts on screen only)."""
    if section.driver == "none":
        return None
    if section.driver == "virtual":
        return VirtualPrinter(Path(section.virtual_dir) if section.virtual_dir else data_dir / "printed")
    return CupsPrinter(section.name, server=section.cups_server, job_timeout_s=section.job_timeout_s)


class DocumentPrinter:
    """Renders documents and prints them on the printer's worker thread. Without ``fonts`` each document
    is rendered in a child process (``render.render_in_child``), so the caller never holds the fonts."""

    def __init__(self, worker: PrinterWorker | None, *, paper_width_mm: float = 80, fonts: FontSet | None = None,
                 render_argv: tuple[str, ...] = RENDER_ARGV):
        self._worker = worker
        self._paper_width_mm = paper_width_mm
        self._fonts = fonts
        self._render_argv = render_argv  # tests put a failing child here

    def print_receipt(self, receipt: Receipt, *, wait_s: float = 90.0) -> PrintOutcome:
        return self._render_and_print(receipt, wait_s)

    def print_proof(self, proof: InsuranceProof, *, wait_s: float = 90.0) -> PrintOutcome:
        return self._render_and_print(proof, wait_s)

    def print_statement(self, doc: Statement, *, wait_s: float = 90.0) -> PrintOutcome:
        """A 权益记录单, 缴费凭证 or 待遇权益单 (``drivers.printer.proofs``)."""
        return self._render_and_print(doc, wait_s)

    def _render_and_print(self, doc: Document, wait_s: float) -> PrintOutcome:
        try:
            if self._fonts is None:
                pdf = render_in_child(doc, paper_width_mm=self._paper_width_mm, argv=self._render_argv)
            else:
                pdf = render(doc, self._fonts, paper_width_mm=self._paper_width_mm)
        except RenderFailed as exc:  # nothing to print; the screen still shows the document
            log.warning("rendering %s failed: %s (%s)", doc.pdf_title(), exc.code, exc.detail)
            return PrintOutcome(b"", error=exc)
        return self._print(pdf, doc.pdf_title(), wait_s)

    def _print(self, pdf: bytes, title: str, wait_s: float) -> PrintOutcome:
        if self._worker is None:
            return PrintOutcome(pdf, error=PrinterError("本终端未配置打印机，回执已显示在屏幕上", detail="driver none"))
        try:
            job = self._worker.print_pdf(pdf, title=title).result(timeout=wait_s)
        except PrinterError as exc:
            log.warning("printing %s failed: %s (%s)", title, exc.code, exc.detail)
            return PrintOutcome(pdf, error=exc)
        except FutureTimeout:
            log.warning("printing %s: no answer from the printer thread in %.0fs", title, wait_s)
            return PrintOutcome(pdf, error=PrintTimeout(detail=f"no result in {wait_s:.0f}s"))
        return PrintOutcome(pdf, job=job)
