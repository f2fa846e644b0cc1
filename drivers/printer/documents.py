"""What the two printed documents say: the 受理回执 (receipt, on the receipt roll) and the 参保证明 (proof
of insurance, on A4). Data only, so the kiosk process builds them without reportlab; they are drawn in the
render child by ``documents_pdf`` (``render_receipt``, ``render_proof``, still importable from here).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kiosk.domain import mask_id_number


@dataclass(frozen=True)
class Receipt:
    """What a 受理回执 says. The villager's name is printed masked: the slip may be left on the counter."""

    acceptance_no: str
    service_name: str
    accepted_at: dt.datetime
    time_limit: str  # 办理时限, from the catalog, e.g. "15个工作日"
    qr_text: str  # from receipt_code.build_receipt_code
    holder_name: str = ""
    device_name: str = ""
    office: str = ""  # 受理单位, e.g. "示范县人力资源和社会保障局"
    notes: tuple[str, ...] = ()

    def pdf_title(self) -> str:
        """The CUPS job title: it lands in the CUPS logs, so it carries no personal data."""
        return f"受理回执 {self.acceptance_no}"


@dataclass(frozen=True)
class InsuranceRecord:
    scheme: str  # 险种, e.g. "城乡居民基本养老保险"
    status: str  # 参保状态, e.g. "正常参保"
    since: str  # 参保起始年月, e.g. "2012-07"
    months_paid: int


@dataclass(frozen=True)
class InsuranceProof:
    """A 参保证明 issued to the card holder. Name and ID number are printed in full: it is their
    certificate; the verification code lets a third party check it with the county."""

    holder_name: str
    id_number: str
    records: tuple[InsuranceRecord, ...]
    issued_at: dt.datetime
    office: str
    verification_code: str  # a receipt_code text, signed like a receipt
    purpose: str = ""

    def pdf_title(self) -> str:
        return f"参保证明 {mask_id_number(self.id_number)}"


# drawn by documents_pdf (reportlab: the render child only); the names stay importable from here for callers
_DRAWING = ("render_receipt", "render_proof")


def __getattr__(name: str) -> Any:
    if name in _DRAWING:
        from . import documents_pdf

        return getattr(documents_pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
