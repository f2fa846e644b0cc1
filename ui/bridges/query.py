"""我的查询 as QML sees it (``queries``): PIN on the card, then look-ups answered online by the hub, and
the 参保证明, 个人权益记录单, 缴费凭证 and 待遇权益单 printed (or shown on screen) with a QR the hub verifies.
The last three print from the answer already on screen (its number came with it): no second round trip.

Every network, card and printer call runs on a pool thread; answers live in the session's
``SessionAnswers`` and in the rows shown, and both are dropped when the controller's session ends.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QThreadPool, Signal, Slot

from kiosk.domain import Holder
from kiosk.queries import QUERY_MENU, Identity, SessionAnswers, days_left_text
from ui.i18n import tr

from .jobs import run_async

if TYPE_CHECKING:  # the hub link (requests, pydantic) is imported by the first 我的查询 (issue 8)
    from sync import query as q
    from sync.client.query import QueryDesk

log = logging.getLogger(__name__)

TITLES = dict(QUERY_MENU) | {"proof": "参保证明"}
NO_PRINTER = "本终端未配置打印机，参保证明已显示在屏幕上"
# the documents printed from an answer: key → (title, the answer kind they come from)
STATEMENTS = {"record": ("社会保险个人权益记录单", "contributions"), "voucher": ("养老保险参保缴费凭证", "contributions"),
              "benefit": ("养老待遇权益单", "benefits")}
CANNOT_ISSUE = "县平台这次没有给出凭证编号，暂不能打印，请重新查询或到窗口办理"


def proof_document(reply: q.QueryReply, id_number: str, device_id: str, sign: Callable[[bytes], bytes],
                   now: dt.datetime) -> Any:
    """The printable 参保证明 for a ``proof`` answer, its QR signed by this terminal's device key."""
    from drivers.printer.documents import InsuranceProof, InsuranceRecord
    from kiosk.receipt_code import ReceiptCode, build_receipt_code

    issued = reply.answer.proof
    if issued is None:
        raise ValueError("not a proof answer")
    code = build_receipt_code(ReceiptCode(issued.proof_no, device_id, "SB-004", now.date()), sign)
    records = tuple(InsuranceRecord(e.scheme, e.status, e.since, e.months_paid) for e in issued.enrolments)
    return InsuranceProof(holder_name=issued.holder_name, id_number=id_number, records=records, issued_at=now,
                          office=issued.office, verification_code=code)


def statement_document(key: str, reply: q.QueryReply, id_number: str, device_id: str,
                       sign: Callable[[bytes], bytes], now: dt.datetime, *, year: int = 0) -> Any:
    """The printable 权益记录单 / 缴费凭证 (of ``year``) / 待遇权益单 from an answer the hub numbered."""
    from drivers.printer import proofs
    from kiosk.errors import UserFacingError
    from kiosk.receipt_code import ReceiptCode, build_receipt_code

    a = reply.answer
    if a.proof is None:  # an older hub, or nothing to print: never a document the county cannot verify
        raise UserFacingError(CANNOT_ISSUE, detail=f"{reply.kind} answer carries no document number")
    service = {"record": proofs.RECORD_SERVICE, "voucher": proofs.VOUCHER_SERVICE,
               "benefit": proofs.BENEFIT_SERVICE}[key]
    code = build_receipt_code(ReceiptCode(a.proof.proof_no, device_id, service, now.date()), sign)
    issue = proofs.Issue(number=a.proof.proof_no, office=a.proof.office, device_name=device_id, issued_at=now,
                         verification_code=code)
    if key == "benefit":
        lines = tuple(proofs.BenefitLine(b.kind, b.status, b.monthly_amount, b.since) for b in a.benefits)
        return proofs.BenefitStatement(a.holder_name, id_number, lines, issue)
    years = tuple(proofs.ContributionLine(c.year, c.scheme, c.months, c.amount, c.subsidy) for c in a.contributions)
    if key == "record":
        return proofs.RecordStatement(a.holder_name, id_number, years, issue)
    chosen = tuple(c for c in years if c.year == year)
    if not chosen:
        raise UserFacingError("没有查到这一年的缴费记录", detail=f"no contributions in {year}")
    return proofs.PaymentVoucher(a.holder_name, id_number, year, chosen, issue)


def document_rows(doc: Any) -> list[dict]:
    """The printed document's content as the proof screen lists it."""
    if not hasattr(doc, "sheet"):  # the 参保证明
        return [{"title": r.scheme, "lines": [f"{r.status}，{r.since} 起，累计缴费 {r.months_paid} 个月"]}
                for r in doc.records]
    sheet = doc.sheet()
    names = [title for title, _ in sheet.columns]
    rows = [{"title": row[0], "lines": ["，".join(f"{n} {cell}" for n, cell in zip(names[1:], row[1:], strict=True))]}
            for row in sheet.rows]
    return rows + [{"title": "说明", "lines": [sheet.footer[0]]}]


def print_buttons(reply: q.QueryReply) -> list[dict]:
    """The print buttons under an answer: only for documents the hub numbered."""
    if reply.answer.proof is None:
        return []
    if reply.kind == "contributions" and reply.answer.contributions:
        return [{"key": "record"}]  # each year's 缴费凭证 has its button on that year's row
    if reply.kind == "benefits" and reply.answer.benefits:
        return [{"key": "benefit"}]
    return []


def answer_rows(reply: q.QueryReply) -> list[dict]:
    """What the result screen lists: one card per item, a title and a few plain lines."""
    from sync.query import FINAL_STATES

    a = reply.answer
    if reply.kind == "contributions":
        rows = [{"title": e.scheme, "lines": [f"{e.status}，{e.since} 起，累计缴费 {e.months_paid} 个月"]}
                for e in a.enrolments]
        rows += [{"title": f"{c.year} 年", "year": c.year, "lines": [f"{c.scheme}：缴费 {c.months} 个月，{c.amount:.2f} 元"
                                                     + (f"，政府补贴 {c.subsidy:.2f} 元" if c.subsidy else "")]}
                 for c in sorted(a.contributions, key=lambda c: -c.year)]
        return rows
    if reply.kind == "benefits":
        return [{"title": b.kind, "lines": [b.status + (f"，每月 {b.monthly_amount:.2f} 元" if b.monthly_amount else "")
                                             + (f"，{b.since} 起" if b.since else "")]} for b in a.benefits]
    if reply.kind == "card_status" and a.card is not None:
        c = a.card
        return [{"title": f"社保卡 {c.card_number_masked}",
                 "lines": [f"卡状态：{c.status}", f"金融账户：{c.financial_account or '—'}",
                           f"发卡银行：{c.bank or '—'}", f"发卡日期：{c.issued_on or '—'}"]}]
    if reply.kind == "applications":
        return [{"title": f"{x.service_name}（{x.status}）",
                 "lines": [f"受理编号：{x.acceptance_no}", f"办结期限：{x.deadline}，"
                           + days_left_text(x.days_left, x.status, x.status in FINAL_STATES)]
                 + ([f"办理结果：{x.result}"] if x.result else []) + ([f"退回原因：{x.reason}"] if x.reason else [])}
                for x in a.applications]
    return []


class QueryBridge(QObject):
    changed = Signal()
    finished = Signal(str)  # the kind answered, or "error"; tests wait on it
    _answered = Signal(object)
    _failed = Signal(str)
    _pin_done = Signal(object)
    _printed = Signal(object)

    def __init__(self, open_desk: Callable[[], tuple[QueryDesk, Callable[[bytes], bytes] | None, str]], reader: Any,
                 *, holder: Callable[[], Holder | None], printer_worker: Any = None,
                 wall_clock: Callable[[], dt.datetime] = dt.datetime.now, parent: QObject | None = None):
        super().__init__(parent)
        self._open_desk, self._desk = open_desk, None
        self.reader, self.holder = reader, holder
        self.printer_worker, self.sign, self.device_id = printer_worker, None, ""
        self.wall_clock = wall_clock
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._document_printer: Any = None
        self._answered.connect(self._on_answered)
        self._failed.connect(self._on_failed)
        self._pin_done.connect(self._on_pin)
        self._printed.connect(self._on_printed)
        self._clear()

    @property
    def desk(self) -> QueryDesk:
        """The hub link, its HTTP client and the answers' models (requests, pydantic: ~40 MB and ~350 modules
        in a process without the sync client) are built when a villager first opens 我的查询, on the UI thread."""
        if self._desk is None:
            self._desk, self.sign, self.device_id = self._open_desk()
        return self._desk

    def _clear(self) -> None:
        self._screen, self._title, self._rows, self._message = "", "", [], ""
        self._pin_message, self._busy, self._proof_qr, self._print_status = "", False, "", ""
        self._prints: list[dict] = []
        self._print_key = ""  # the statement on the proof screen, if any

    screen = Property(str, lambda s: s._screen, notify=changed)
    title = Property(str, lambda s: tr(s._title), notify=changed)
    rows = Property("QVariantList", lambda s: s._rows, notify=changed)
    message = Property(str, lambda s: tr(s._message), notify=changed)
    pinMessage = Property(str, lambda s: tr(s._pin_message), notify=changed)
    busy = Property(bool, lambda s: s._busy, notify=changed)
    proofQr = Property(str, lambda s: s._proof_qr, notify=changed)
    printStatus = Property(str, lambda s: tr(s._print_status), notify=changed)
    prints = Property("QVariantList", lambda s: s._prints, notify=changed)  # print buttons under an answer
    menu = Property("QVariantList", lambda s: [{"kind": k, "title": tr(t)} for k, t in QUERY_MENU], constant=True)

    def _show(self, screen: str, **values: Any) -> None:
        self._screen = screen
        for key, value in values.items():
            setattr(self, f"_{key}", value)
        self.changed.emit()

    @Slot()
    def open(self) -> None:
        if self.holder() is None:
            return
        verified = self.desk.answers.identity is not None
        self._show("QueryHome" if verified else "QueryPin", message="", pin_message="", busy=False)

    @Slot(str)
    def verifyPin(self, pin: str) -> None:  # noqa: N802
        holder = self.holder()
        if holder is None or self.reader is None or self._busy:
            return
        read_at = dt.datetime.now(dt.UTC)
        self._show("QueryPin", busy=True, pin_message="")
        run_async(self._pool, lambda: (self.reader.verify_pin(pin), Identity.from_holder(holder, read_at)),
                  self._pin_done.emit, self._failed.emit)

    def _on_pin(self, outcome: tuple) -> None:
        result, identity = outcome
        if result.ok:
            self.desk.begin(identity.with_pin(dt.datetime.now(dt.UTC)))
            self._show("QueryHome", busy=False)
        else:
            left = result.tries_left
            self._show("QueryPin", busy=False,
                       pin_message=f"密码不对，还可以再试 {left} 次" if left is not None else "密码不对")
        self.finished.emit("pin")

    @Slot(str)
    def ask(self, kind: str) -> None:
        if self._busy:
            return
        self._show("QueryResult", busy=True, title=TITLES.get(kind, ""), rows=[], prints=[],
                   message="正在向县平台查询…")
        desk = self.desk
        run_async(self._pool, lambda: desk.ask(kind), self._answered.emit, self._failed.emit)

    def _on_answered(self, reply: q.QueryReply) -> None:
        rows = answer_rows(reply)
        self._show("QueryResult", busy=False, rows=rows, prints=print_buttons(reply),
                   message="" if rows else "没有查到记录")
        self.finished.emit(reply.kind)

    def _on_failed(self, message: str) -> None:
        # offline or refused: say so plainly and show nothing from before
        pin_screen = self._screen == "QueryPin"
        self._show(self._screen or "QueryResult", busy=False, rows=[], prints=[], message=message,
                   pin_message=message if pin_screen else self._pin_message)
        self.finished.emit("error")

    @Slot()
    def printProof(self) -> None:  # noqa: N802
        if self._busy or self._desk is None or self.sign is None:
            return
        self._show("QueryProof", busy=True, title="参保证明", rows=[], message="正在出具参保证明…", proof_qr="",
                   print_status="", print_key="")
        run_async(self._pool, self._issue_and_print, self._printed.emit, self._failed.emit)

    def _issue_and_print(self) -> tuple[str, Any, Any]:
        reply = self.desk.ask("proof")
        identity = self.desk.answers.identity
        if identity is None:  # wiped while the hub answered
            raise RuntimeError("session ended")
        doc = proof_document(reply, identity.id_number, self.device_id, self.sign, self.wall_clock())
        return "proof", doc, self._printer().print_proof(doc)

    @Slot(str, int)
    def printDocument(self, key: str, year: int) -> None:  # noqa: N802
        """Print a 权益记录单 / 缴费凭证 / 待遇权益单 from the answer on screen (or show it when it cannot)."""
        if self._busy or self._desk is None or self.sign is None or key not in STATEMENTS:
            return
        title, kind = STATEMENTS[key]
        reply, identity = self.desk.answers.get(kind), self.desk.answers.identity
        if reply is None or identity is None:
            return
        self._show("QueryProof", busy=True, title=title, rows=[], prints=[], message=f"正在出具{title}…",
                   proof_qr="", print_status="", print_key=key)

        def issue_and_print() -> tuple[str, Any, Any]:
            doc = statement_document(key, reply, identity.id_number, self.device_id, self.sign, self.wall_clock(),
                                     year=year)
            return key, doc, self._printer().print_statement(doc)

        run_async(self._pool, issue_and_print, self._printed.emit, self._failed.emit)

    def _printer(self) -> Any:
        from drivers.printer.service import DocumentPrinter

        if self._document_printer is None:
            self._document_printer = DocumentPrinter(self.printer_worker)
        return self._document_printer

    def _on_printed(self, result: tuple) -> None:
        key, doc, outcome = result
        if self.desk.answers.identity is None:  # the session ended while printing: show nothing of it
            return
        name = self._title
        if outcome.printed:
            status = f"{name}已打印，请取走"
        elif self.printer_worker is None:
            status = f"本终端未配置打印机，{name}已显示在屏幕上"
        else:
            status = outcome.message.replace("回执", name)
        code = doc.verification_code if hasattr(doc, "verification_code") else doc.issue.verification_code
        self._show("QueryProof", busy=False, rows=document_rows(doc), message="", proof_qr=code, print_status=status)
        self.finished.emit(key)

    @Slot()
    def back(self) -> None:
        kind = STATEMENTS.get(self._print_key, ("", ""))[1]
        reply = self._desk.answers.get(kind) if kind and self._screen == "QueryProof" and self._desk else None
        if reply is not None:  # from a printed statement back to the answer it came from
            self._show("QueryResult", title=TITLES.get(kind, ""), rows=answer_rows(reply), prints=print_buttons(reply),
                       message="", print_key="")
            return
        self._show("QueryHome" if self._screen in ("QueryResult", "QueryProof") else "", message="", rows=[],
                   prints=[])

    @Slot()
    def close(self) -> None:
        self._show("", message="", rows=[], prints=[], proof_qr="")

    def wipe(self, _reason: str = "") -> None:
        """The session ended: forget every answer and what the screens showed."""
        if self._desk is not None:
            self._desk.wipe()
        self._clear()
        self.changed.emit()

    def stop(self) -> None:
        self._pool.waitForDone(15_000)
        if self._desk is not None and self._desk.client is not None:
            self._desk.client.close()


def make_query_bridge(app: Any) -> QueryBridge:
    """Built by ui/app.py: the hub link from enrolment (none: queries say the terminal is offline), made when
    a villager first opens 我的查询."""
    from kiosk.errors import UserFacingError
    from kiosk.store.model import Actor

    parts, controller = app.parts, app.controller

    def holder() -> Holder | None:
        return controller.session.holder if controller.session is not None else None

    def audit(kind: str, outcome: str) -> None:
        h = holder()
        if parts.store is not None:
            parts.store.audit(Actor.VILLAGER, parts.pseudonym(h.id_number) if h and parts.pseudonym else "",
                              f"query.{kind}", outcome, {})

    def open_desk() -> tuple[QueryDesk, Callable[[bytes], bytes] | None, str]:
        from sync.client import identity
        from sync.client.query import QueryClient, QueryDesk

        link = getattr(parts.sync_client, "link", None)
        if link is None:
            try:
                link, _state = identity.hub_link(app.data_dir)
            except UserFacingError as exc:
                log.info("queries unavailable: %s", exc.detail)
        client = QueryClient(link, audit=audit) if link is not None else None
        sign = parts.sign or (link.signer.sign if link is not None else None)
        return QueryDesk(client, SessionAnswers()), sign, parts.device_id or (link.device_id if link else "")

    bridge = QueryBridge(open_desk, parts.card_reader, holder=holder,
                         printer_worker=app.printer.worker if app.printer is not None else None,
                         wall_clock=controller.d.wall_clock, parent=controller)
    controller.sessionEnded.connect(bridge.wipe)
    controller.screenChanged.connect(bridge.close)  # 回首页 and any other move of the kiosk leaves 我的查询
    parts.extra_closers.append(bridge.stop)
    return bridge
