"""The 受理回执 and the 参保证明 (``documents``) and the statements' sheets (``proofs``) rendered to PDF bytes
with reportlab. Imported by the render child (``python -m drivers.printer.render``) and by tests, never by the
kiosk process.

Rendering is pure (data in, bytes out) and logs nothing: these carry names and ID numbers.
"""

from __future__ import annotations

import datetime as dt
import io

import qrcode
import qrcode.constants
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain import mask_name

from .documents import InsuranceProof, Receipt
from .fonts import FontSet
from .proofs import Sheet, Statement

# --- drawing helpers ---------------------------------------------------------------------------------


def _pdf_canvas(pagesize: tuple[float, float], title: str) -> tuple[io.BytesIO, Canvas]:
    """A compressed PDF canvas writing into memory, titled for the print queue."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=pagesize, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("village-kiosk")
    return out, canvas


def _draw(canvas: Canvas, fonts: FontSet, x: float, y: float, text: str, size: float) -> None:
    """Draw text with per-character font fallback (rare characters come from HanaMinB)."""
    for font, part in fonts.runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += canvas.stringWidth(part, font, size)


def _draw_centered(canvas: Canvas, fonts: FontSet, cx: float, y: float, text: str, size: float) -> None:
    _draw(canvas, fonts, cx - fonts.width(text, size) / 2, y, text, size)


def _wrap(fonts: FontSet, text: str, size: float, width: float) -> list[str]:
    """Break a line for CJK text: any character boundary is a valid break."""
    lines, current = [], ""
    for char in text:
        if current and fonts.width(current + char, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    return [*lines, current] if current else lines


def _draw_qr(canvas: Canvas, value: str, x: float, y: float, side: float) -> None:
    """Vector QR (level M, 2-module quiet zone) from the qrcode library's matrix, one rectangle per
    horizontal run of dark modules: crisp at any printer resolution and quick to draw."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(value.encode("ascii"))
    matrix = code.get_matrix()
    module = side / len(matrix)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        top = y + side - (row_index + 1) * module
        col = 0
        while col < len(row):
            if not row[col]:
                col += 1
                continue
            start = col
            while col < len(row) and row[col]:
                col += 1
            canvas.rect(x + start * module, top, (col - start) * module, module, stroke=0, fill=1)
    canvas.restoreState()


def _draw_signoff(canvas: Canvas, fonts: FontSet, texts: tuple[str, ...], y: float, margin: float, office: str,
                  issued_at: dt.datetime) -> None:
    """The foot of an A4 document: its closing paragraphs, then 出具单位 and 出具日期 on the right."""
    width = A4[0]
    for line in (part for text in texts for part in _wrap(fonts, text, 11, width - 2 * margin)):
        _draw(canvas, fonts, margin, y, line, 11)
        y -= 18
    y -= 12
    _draw(canvas, fonts, width - margin - 80 * mm, y, f"出具单位：{office}", 11)
    y -= 18
    _draw(canvas, fonts, width - margin - 80 * mm, y, f"出具日期：{issued_at:%Y年%m月%d日}", 11)


# --- the receipt -------------------------------------------------------------------------------------


def render_receipt(receipt: Receipt, fonts: FontSet, *, paper_width_mm: float = 80) -> bytes:
    width = paper_width_mm * mm
    margin = 4 * mm
    text_width = width - 2 * margin
    body = 10 if paper_width_mm >= 70 else 8.5
    lines: list[tuple[str, float]] = [
        (f"受理编号：{receipt.acceptance_no}", body),
        *[(line, body) for line in _wrap(fonts, f"办理事项：{receipt.service_name}", body, text_width)],
        (f"受理时间：{receipt.accepted_at:%Y年%m月%d日 %H:%M}", body),
        *[(line, body) for line in _wrap(fonts, f"办理时限：{receipt.time_limit}", body, text_width)],
    ]
    if receipt.holder_name:
        lines.append((f"申请人：{mask_name(receipt.holder_name)}", body))
    if receipt.office:
        lines += [(line, body) for line in _wrap(fonts, f"受理单位：{receipt.office}", body, text_width)]
    if receipt.device_name:
        lines += [(line, body) for line in _wrap(fonts, f"受理终端：{receipt.device_name}", body, text_width)]
    for note in receipt.notes:
        lines += [(line, body - 1) for line in _wrap(fonts, note, body - 1, text_width)]
    qr_side = min(text_width, 42 * mm)
    height = margin + 18 + sum(size * 1.6 for _, size in lines) + 6 + qr_side + 28 + margin

    out, canvas = _pdf_canvas((width, height), receipt.pdf_title())
    y = height - margin - 14
    _draw_centered(canvas, fonts, width / 2, y, "受 理 回 执", 14)
    y -= 10
    canvas.setLineWidth(0.6)
    canvas.line(margin, y, width - margin, y)
    for text, size in lines:
        y -= size * 1.6
        _draw(canvas, fonts, margin, y, text, size)
    y -= 6 + qr_side
    _draw_qr(canvas, receipt.qr_text, (width - qr_side) / 2, y, qr_side)
    y -= 12
    _draw_centered(canvas, fonts, width / 2, y, "扫码可核验回执真伪", body - 1.5)
    y -= 12
    _draw_centered(canvas, fonts, width / 2, y, "请妥善保管本回执，凭受理编号查询办理进度", body - 1.5)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# --- the proof of insurance --------------------------------------------------------------------------


def render_proof(proof: InsuranceProof, fonts: FontSet) -> bytes:
    width, height = A4
    margin = 22 * mm
    out, canvas = _pdf_canvas(A4, proof.pdf_title())
    y = height - margin - 10
    _draw_centered(canvas, fonts, width / 2, y, "社会保险参保证明", 20)
    y -= 36
    for text in (
        f"姓名：{proof.holder_name}",
        f"公民身份号码：{proof.id_number}",
        *([f"用途：{proof.purpose}"] if proof.purpose else []),
    ):
        _draw(canvas, fonts, margin, y, text, 12)
        y -= 22
    y -= 6
    columns = (("险种", 0), ("参保状态", 70 * mm), ("参保起始年月", 100 * mm), ("累计缴费月数", 135 * mm))
    canvas.setLineWidth(0.8)
    canvas.line(margin, y + 14, width - margin, y + 14)
    for title, dx in columns:
        _draw(canvas, fonts, margin + dx, y, title, 11)
    canvas.line(margin, y - 6, width - margin, y - 6)
    for record in proof.records:
        y -= 22
        cells = (record.scheme, record.status, record.since, f"{record.months_paid}个月")
        for (_, dx), cell in zip(columns, cells, strict=True):
            _draw(canvas, fonts, margin + dx, y, cell, 10.5)
    canvas.line(margin, y - 8, width - margin, y - 8)
    y -= 36
    statement = "兹证明上述人员在本统筹区参加社会保险，情况如上。本证明经扫码或凭核验码可向出具单位核实。"
    _draw_signoff(canvas, fonts, (statement,), y, margin, proof.office, proof.issued_at)
    qr_side = 32 * mm
    _draw_qr(canvas, proof.verification_code, margin, margin + 8, qr_side)
    _draw(canvas, fonts, margin + qr_side + 6, margin + 20, "扫码核验本证明", 9)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# --- the statements (proofs) ------------------------------------------------------------------------


def render_sheet(sheet: Sheet, fonts: FontSet) -> bytes:
    """A4 pages: title, heading lines, the table (continued on new pages when long), footer, QR."""
    width, height = A4
    margin = 20 * mm
    qr_side = 32 * mm
    bottom = margin + qr_side + 16  # the table never runs into the QR block
    out, canvas = _pdf_canvas(A4, sheet.title + " " + sheet.issue.number)
    canvas.setLineWidth(0.8)

    def page_top(continued: bool) -> float:
        y = height - margin - 10
        _draw_centered(canvas, fonts, width / 2, y, sheet.title + ("（续）" if continued else ""), 20)
        return y - 34

    def table_header(y: float) -> float:
        canvas.line(margin, y + 14, width - margin, y + 14)
        for title, dx in sheet.columns:
            _draw(canvas, fonts, margin + dx * mm, y, title, 11)
        canvas.line(margin, y - 6, width - margin, y - 6)
        return y - 24

    def finish_page() -> None:
        _draw_qr(canvas, sheet.issue.verification_code, margin, margin, qr_side)
        _draw(canvas, fonts, margin + qr_side + 6, margin + 12, f"{sheet.qr_caption}（{sheet.issue.number}）", 9)
        canvas.showPage()

    y = page_top(False)
    for line in sheet.heading:
        _draw(canvas, fonts, margin, y, line, 12)
        y -= 20
    y = table_header(y - 8)
    for row in sheet.rows:
        if y < bottom:
            finish_page()
            y = table_header(page_top(True))
        for (_, dx), cell in zip(sheet.columns, row, strict=True):
            _draw(canvas, fonts, margin + dx * mm, y, cell, 10.5)
        y -= 20
    canvas.line(margin, y + 10, width - margin, y + 10)
    footer = [line for text in sheet.footer for line in _wrap(fonts, text, 11, width - 2 * margin)]
    if y - 18 * (len(footer) + 4) < bottom:
        finish_page()
        y = page_top(True)
    _draw_signoff(canvas, fonts, sheet.footer, y - 12, margin, sheet.issue.office, sheet.issue.issued_at)
    finish_page()
    canvas.save()
    return out.getvalue()


def render_statement(doc: Statement, fonts: FontSet) -> bytes:
    return render_sheet(doc.sheet(), fonts)
