"""The printed proofs villagers ask for most, from a 我的查询 answer, on A4:

- 社会保险个人权益记录单 (``RecordStatement``): contribution history by year, for the holder to check;
- 养老保险参保缴费凭证 (``PaymentVoucher``): one year's contributions, handed to whoever asks for proof;
- 养老待遇权益单 (``BenefitStatement``): the benefits being paid.

Only what the county's answer carries is printed (years, months, personal amount, subsidy; no account
balance or 缴费基数 — the answer has none). The voucher is shown to third parties, so it carries the full
name and ID number like the 参保证明; the two statements are for the holder and may be left on the
counter, so they are masked. Each carries the issuing terminal, the time, and a QR the hub verifies.

Each document lays itself out as a ``Sheet`` (text only); ``documents_pdf.render_sheet`` draws it in the render
child, so the kiosk builds these without reportlab. Rendering is pure (data in, PDF bytes out) and logs nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kiosk.domain import mask_id_number, mask_name

# the catalog services each document is printed under; the hub checks the QR's code against them
RECORD_SERVICE, VOUCHER_SERVICE, BENEFIT_SERVICE = "SB-022", "SB-021", "SB-025"


@dataclass(frozen=True)
class ContributionLine:
    year: int
    scheme: str
    months: int
    personal: float  # 个人缴费, 元
    subsidy: float = 0.0  # 政府补贴, 元


@dataclass(frozen=True)
class BenefitLine:
    kind: str
    status: str
    monthly_amount: float = 0.0
    since: str = ""


@dataclass(frozen=True)
class Issue:
    """Who issued a document, when, where, and its verification: common to the three."""

    number: str  # the number the county registered (the QR names it)
    office: str
    device_name: str
    issued_at: dt.datetime
    verification_code: str  # a receipt_code text signed by this terminal


@dataclass(frozen=True)
class Sheet:
    """One document laid out as text: what ``render_sheet`` draws."""

    title: str
    heading: tuple[str, ...]  # "label：value" lines under the title
    columns: tuple[tuple[str, float], ...]  # (title, x offset in mm)
    rows: tuple[tuple[str, ...], ...]
    footer: tuple[str, ...]  # totals, then the statement
    issue: Issue
    qr_caption: str


def _money(value: float) -> str:
    return f"{value:,.2f}"


def _holder_lines(name: str, id_number: str, *, masked: bool) -> tuple[str, str]:
    if masked:
        name, id_number = mask_name(name), mask_id_number(id_number)
    return f"姓名：{name}", f"公民身份号码：{id_number}"


def _issue_lines(issue: Issue) -> tuple[str, ...]:
    return (f"凭证编号：{issue.number}", f"打印时间：{issue.issued_at:%Y年%m月%d日 %H:%M}",
            f"打印终端：{issue.device_name}")


_CONTRIBUTION_COLUMNS = (("年度", 0.0), ("险种", 22.0), ("缴费月数", 82.0), ("个人缴费(元)", 106.0),
                         ("政府补贴(元)", 138.0))


def _contribution_rows(lines: tuple[ContributionLine, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple((str(c.year), c.scheme, f"{c.months}", _money(c.personal), _money(c.subsidy))
                 for c in sorted(lines, key=lambda c: (c.year, c.scheme)))


def _totals(lines: tuple[ContributionLine, ...]) -> str:
    return (f"合计：缴费 {sum(c.months for c in lines)} 个月，个人缴费 {_money(sum(c.personal for c in lines))} 元，"
            f"政府补贴 {_money(sum(c.subsidy for c in lines))} 元")


@dataclass(frozen=True)
class RecordStatement:
    """社会保险个人权益记录单: for the holder, masked."""

    holder_name: str
    id_number: str
    years: tuple[ContributionLine, ...]
    issue: Issue

    def pdf_title(self) -> str:  # lands in the CUPS logs: no personal data
        return f"个人权益记录单 {self.issue.number}"

    def sheet(self) -> Sheet:
        span = f"{min(c.year for c in self.years)}—{max(c.year for c in self.years)} 年" if self.years else "—"
        return Sheet(
            title="社会保险个人权益记录单",
            heading=(*_holder_lines(self.holder_name, self.id_number, masked=True), f"记录期间：{span}",
                     *_issue_lines(self.issue)),
            columns=_CONTRIBUTION_COLUMNS, rows=_contribution_rows(self.years),
            footer=(_totals(self.years),
                    "以上为县人社平台查询时的记录，仅供本人核对。如有疑问请带社保卡到窗口查询。"),
            issue=self.issue, qr_caption="扫码核验本记录单")


@dataclass(frozen=True)
class PaymentVoucher:
    """养老保险参保缴费凭证 for one year: a proof for third parties, so name and ID in full."""

    holder_name: str
    id_number: str
    year: int
    lines: tuple[ContributionLine, ...]  # that year's lines (one per 险种)
    issue: Issue

    def pdf_title(self) -> str:
        return f"缴费凭证 {self.year} {self.issue.number}"

    def sheet(self) -> Sheet:
        return Sheet(
            title="养老保险参保缴费凭证",
            heading=(*_holder_lines(self.holder_name, self.id_number, masked=False), f"缴费年度：{self.year} 年",
                     *_issue_lines(self.issue)),
            columns=_CONTRIBUTION_COLUMNS, rows=_contribution_rows(self.lines),
            footer=(_totals(self.lines),
                    f"兹证明上述人员 {self.year} 年度养老保险缴费情况如上。本凭证经扫码可向出具单位核实。"),
            issue=self.issue, qr_caption="扫码核验本凭证")


@dataclass(frozen=True)
class BenefitStatement:
    """养老待遇权益单: for the holder, masked."""

    holder_name: str
    id_number: str
    benefits: tuple[BenefitLine, ...]
    issue: Issue

    def pdf_title(self) -> str:
        return f"待遇权益单 {self.issue.number}"

    def sheet(self) -> Sheet:
        rows = tuple((b.kind, b.status, _money(b.monthly_amount) if b.monthly_amount else "—", b.since or "—")
                     for b in self.benefits)
        return Sheet(
            title="养老待遇权益单",
            heading=(*_holder_lines(self.holder_name, self.id_number, masked=True), *_issue_lines(self.issue)),
            columns=(("待遇类别", 0.0), ("发放状态", 62.0), ("月发放金额(元)", 96.0), ("起始年月", 136.0)),
            rows=rows,
            footer=("以上为县人社平台查询时的待遇情况，仅供本人核对。待遇调整以发放为准。",),
            issue=self.issue, qr_caption="扫码核验本权益单")


Statement = RecordStatement | PaymentVoucher | BenefitStatement


def __getattr__(name: str) -> Any:
    # drawn by documents_pdf (reportlab: the render child only); the names stay importable from here for callers
    if name in ("render_sheet", "render_statement"):
        from . import documents_pdf

        return getattr(documents_pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
