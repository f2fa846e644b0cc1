"""Print documents rendered in a short-lived child process: reportlab's CJK fonts (HanaMin) cost the
app ~97 MB the first time and glibc never hands that back, so the app only ever holds the PDF bytes.

    python -m drivers.printer.render < document.json > document.pdf

The document goes to the child as JSON on stdin (``encode``/``decode`` are pure), the PDF comes back on
stdout. A child that crashes or hangs is a plain-Chinese ``RenderFailed``; the caller keeps the
on-screen receipt either way. Neither side logs the document: it carries names and ID numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import subprocess
import sys
from typing import Any

from .base import PrinterError
from .documents import InsuranceProof, InsuranceRecord, Receipt
from .proofs import BenefitLine, BenefitStatement, ContributionLine, Issue, PaymentVoucher, RecordStatement

log = logging.getLogger(__name__)

Document = Receipt | InsuranceProof | RecordStatement | PaymentVoucher | BenefitStatement
_TYPES = {cls.__name__: cls for cls in (Receipt, InsuranceProof, InsuranceRecord, RecordStatement, PaymentVoucher,
                                        BenefitStatement, ContributionLine, BenefitLine, Issue)}
RENDER_ARGV = (sys.executable, "-m", "drivers.printer.render")
RENDER_TIMEOUT_S = 30.0  # a cold child renders a receipt in about a second on a kiosk's two cores


class RenderFailed(PrinterError):
    """The villager hears the printer's plain message (打印机故障，回执已显示在屏幕上…); the detail says why."""

    code = "printer_render"


# --- the document as JSON (pure) ------------------------------------------------------------------


def _to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        fields = {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$type": type(value).__name__, **fields}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, tuple | list):
        return [_to_json(item) for item in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_from_json(item) for item in value)  # every sequence in the documents is a tuple
    if not isinstance(value, dict):
        return value
    if "$datetime" in value:
        return dt.datetime.fromisoformat(value["$datetime"])
    kind = _TYPES.get(value.get("$type", ""))
    if kind is None:
        raise ValueError(f"not a print document type: {value.get('$type')!r}")
    return kind(**{k: _from_json(v) for k, v in value.items() if k != "$type"})


def encode(doc: Document, *, paper_width_mm: float = 80) -> bytes:
    return json.dumps({"paper_width_mm": paper_width_mm, "document": _to_json(doc)}, ensure_ascii=False).encode()


def decode(data: bytes) -> tuple[Document, float]:
    """The document and the roll width; ``ValueError`` (or ``TypeError``) for anything else."""
    message = json.loads(data)
    return _from_json(message["document"]), float(message.get("paper_width_mm", 80))


# --- rendering --------------------------------------------------------------------------------------


def render(doc: Document, fonts: Any, *, paper_width_mm: float = 80) -> bytes:
    """In this process, with fonts already loaded (``fonts.load_fonts``)."""
    from .documents_pdf import render_proof, render_receipt, render_statement  # reportlab: here only

    if isinstance(doc, Receipt):
        return render_receipt(doc, fonts, paper_width_mm=paper_width_mm)
    if isinstance(doc, InsuranceProof):
        return render_proof(doc, fonts)
    return render_statement(doc, fonts)


def render_in_child(doc: Document, *, paper_width_mm: float = 80, timeout_s: float = RENDER_TIMEOUT_S,
                    argv: tuple[str, ...] = RENDER_ARGV) -> bytes:
    """The PDF, rendered by a fresh child that exits afterwards (its font memory goes with it)."""
    try:
        proc = subprocess.run(argv, input=encode(doc, paper_width_mm=paper_width_mm), capture_output=True,
                              timeout=timeout_s, check=False)  # run() kills the child on timeout
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed(detail=f"render child gave no PDF within {timeout_s:.0f}s") from exc
    except OSError as exc:
        raise RenderFailed(detail=f"render child could not start: {exc.strerror}") from exc
    if proc.returncode != 0 or not proc.stdout.startswith(b"%PDF"):
        # only the exception's type: its message could quote the document
        last = (proc.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
        raise RenderFailed(detail=f"render child exit {proc.returncode}: {last.split(':', 1)[0][:80] or 'no PDF'}")
    return proc.stdout


def main() -> int:
    from .fonts import load_fonts

    doc, paper_width_mm = decode(sys.stdin.buffer.read())
    sys.stdout.buffer.write(render(doc, load_fonts(), paper_width_mm=paper_width_mm))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
