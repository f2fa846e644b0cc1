"""The hub's side of online queries: who may ask, and where the answers come from.

``UpstreamProvider`` is what the provincial 人社 system would implement; ``ReferenceProvider`` answers
from the hub's own database: the applications it received (with the status a clerk set) and records
imported from a CSV/JSON file of FAKE identities for the demo (``kiosk-hub records import``).

``check_query`` is pure (lifetime, clock skew, PIN proof, "only your own records"); the replay check is a
unique key in the database, so several hub processes can share one PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from kiosk.errors import UserFacingError
from kiosk.receipt_code import InvalidReceiptCode, ReceiptCode, verify_receipt_code
from sync import protocol, signing
from sync import query as q
from sync.protocol import ErrorReply

from .storage import HubDB, applications, now_iso

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT_DAYS = 20
PROOF_SERVICE_CODE = "SB-004"  # 个人参保证明查询打印: the service a printed proof belongs to
# printed documents by number prefix, and the services (catalog codes) each may be printed under
DOCUMENTS: dict[str, dict[str, str]] = {
    "QY": {"SB-022": "社会保险个人权益记录单", "SB-021": "养老保险参保缴费凭证"},  # from a contributions answer
    "DY": {"SB-025": "养老待遇权益单"},  # from a benefits answer
}

metadata = sa.MetaData()

query_nonces = sa.Table(
    "query_nonces", metadata,
    sa.Column("query_id", sa.String(64), primary_key=True),  # a second use of the same id is a replay
    sa.Column("device_id", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.String(40), nullable=False),
)

application_events = sa.Table(
    "application_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("txn_id", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("result", sa.Text, nullable=False, server_default=""),
    sa.Column("clerk", sa.String(64), nullable=False, server_default=""),
    sa.Column("at", sa.String(40), nullable=False),
)

person_records = sa.Table(
    "person_records", metadata,
    sa.Column("person_key", sa.String(64), primary_key=True),  # sha256 of the ID number
    sa.Column("body", sa.Text, nullable=False),  # the imported record (JSON)
)

issued_proofs = sa.Table(
    "issued_proofs", metadata,
    sa.Column("proof_no", sa.String(32), primary_key=True),
    sa.Column("person_key", sa.String(64), nullable=False),
    sa.Column("device_id", sa.String(64), nullable=False),
    sa.Column("issued_at", sa.String(40), nullable=False),
)


class QueryRefused(UserFacingError):
    """The hub will not answer this query; ``status`` is the HTTP status to send."""

    code = "query_refused"

    def __init__(self, message: str, *, detail: str = "", code: str = "query_refused", status: int = 403):
        super().__init__(message, detail=detail, code=code)
        self.status = status


class StatusChangeError(UserFacingError):
    code = "status_change"


def person_key(id_number: str) -> str:
    return hashlib.sha256(id_number.strip().upper().encode("utf-8")).hexdigest()


def _parse_time(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def check_query(req: q.QueryRequest, device_id: str, now: dt.datetime) -> None:
    """Everything about a query that needs no database. Raises QueryRefused with the reason."""
    if req.device_id != device_id:
        raise QueryRefused("数据格式有误", detail="device id in body differs from header", code="bad_request",
                           status=400)
    try:
        issued, expires = _parse_time(req.issued_at), _parse_time(req.expires_at)
        pin_at = _parse_time(req.card.pin_verified_at) if req.card.pin_verified_at else None
    except ValueError:
        raise QueryRefused("数据格式有误", detail="bad timestamp", code="bad_request", status=400) from None
    if expires - issued > dt.timedelta(seconds=q.MAX_LIFETIME_S) or expires <= issued:
        raise QueryRefused("查询请求无效，请重新查询", detail="lifetime too long", code="expired")
    if now > expires:
        raise QueryRefused("查询请求已过期，请重新查询", detail=f"expired at {req.expires_at}", code="expired")
    if issued > now + dt.timedelta(seconds=q.CLOCK_SKEW_S):
        raise QueryRefused("终端时间有误，请联系管理员", detail=f"issued in the future: {req.issued_at}",
                           code="expired")
    if not req.card.pin_verified or pin_at is None:
        raise QueryRefused("请先输入社保卡密码", detail="no PIN verification in the proof", code="no_pin")
    if req.subject_id_number.upper() != req.card.id_number.upper():
        raise QueryRefused("只能查询本人的信息，请插入本人的社保卡", detail="subject is not the card holder",
                           code="not_holder")


class UpstreamProvider(Protocol):
    """One upstream system's answers about one person (the card holder, already checked)."""

    def answer(self, kind: str, id_number: str, card_number: str, device_id: str) -> q.Answer: ...


class QueryStore:
    """The query tables on the hub's database (created next to the sync tables)."""

    def __init__(self, db: HubDB):
        self.db = db
        self.engine = db.engine
        metadata.create_all(self.engine)

    def _insert(self, table: sa.Table):
        return self.db._insert(table)

    def claim_nonce(self, query_id: str, device_id: str, expires_at: str) -> bool:
        """False when this query id was used before (a replay)."""
        stmt = self._insert(query_nonces).values(query_id=query_id, device_id=device_id, expires_at=expires_at)
        with self.engine.begin() as c:
            claimed = c.execute(stmt.on_conflict_do_nothing(index_elements=["query_id"])).rowcount == 1
            # old nonces are useless once expired (an expired query is refused anyway)
            cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(timespec="seconds")
            c.execute(query_nonces.delete().where(query_nonces.c.expires_at < cutoff))
        return claimed

    # --- records of fake identities --------------------------------------------------------------

    def import_records(self, people: list[dict[str, Any]]) -> int:
        with self.engine.begin() as c:
            for person in people:
                key = person_key(str(person["id_number"]))
                c.execute(person_records.delete().where(person_records.c.person_key == key))
                c.execute(person_records.insert().values(person_key=key, body=json.dumps(person, ensure_ascii=False)))
        return len(people)

    def record(self, id_number: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(person_records.c.body)
                            .where(person_records.c.person_key == person_key(id_number))).first()
        return json.loads(row[0]) if row else None

    # --- applications and their status -----------------------------------------------------------

    def applications_of(self, id_number: str) -> list[dict[str, Any]]:
        """Every application the hub received for this person (their ID number is in the decrypted content)."""
        like = f"%{id_number.strip()}%"
        with self.engine.connect() as c:
            rows = c.execute(sa.select(applications).where(applications.c.content.like(like))
                             .order_by(applications.c.received_at)).mappings().all()
        out = []
        for r in rows:
            content = json.loads(r["content"])
            holder = (content.get("payload") or content).get("holder") or {}
            if str(holder.get("id_number", "")).upper() == id_number.strip().upper():
                out.append({**dict(r), "payload": content.get("payload") or content})
        return out

    def find_application(self, acceptance_no: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(applications.c.txn_id, applications.c.received_at)
                            .where(applications.c.acceptance_no == acceptance_no)).mappings().first()
        return dict(row) if row else None

    def history(self, txn_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(application_events).where(application_events.c.txn_id == txn_id)
                             .order_by(application_events.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def set_status(self, acceptance_no: str, status: str, *, reason: str = "", result: str = "",
                   clerk: str = "") -> str:
        """Move an application one step: 受理 → 审核 → 办结 / 退回 (退回 needs a reason)."""
        app = self.find_application(acceptance_no)
        if app is None:
            raise StatusChangeError("没有这个受理编号", detail=f"no application {acceptance_no}")
        history = self.history(app["txn_id"])
        current = history[-1]["status"] if history else q.ACCEPTED
        allowed = {q.ACCEPTED: {q.REVIEWING, q.RETURNED}, q.REVIEWING: {q.DONE, q.RETURNED}}.get(current, set())
        if status not in allowed:
            raise StatusChangeError(f"不能从“{current}”改为“{status}”", detail=f"{current} -> {status}")
        if status == q.RETURNED and not reason.strip():
            raise StatusChangeError("退回必须写明原因", detail="reason missing")
        with self.engine.begin() as c:
            c.execute(application_events.insert().values(txn_id=app["txn_id"], status=status, reason=reason,
                                                         result=result, clerk=clerk, at=now_iso()))
        return current

    # --- printed proofs --------------------------------------------------------------------------

    def register_proof(self, id_number: str, device_id: str, prefix: str = "ZM") -> str:
        proof_no = prefix + dt.date.today().strftime("%Y%m%d") + secrets.token_hex(4).upper()
        with self.engine.begin() as c:
            c.execute(issued_proofs.insert().values(proof_no=proof_no, person_key=person_key(id_number),
                                                    device_id=device_id, issued_at=now_iso()))
        return proof_no

    def proof(self, proof_no: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(issued_proofs).where(issued_proofs.c.proof_no == proof_no)).mappings().first()
        return dict(row) if row else None


def default_time_limits() -> dict[str, int]:
    """办理时限 per service from the packaged catalog (限时办结); the hub needs no copy of its own."""
    try:
        from kiosk.catalog import Catalog

        return {s.code: s.time_limit_days for s in Catalog.load().services}
    except Exception as exc:  # a hub without the catalog assets still answers, with the default limit
        log.warning("catalog not loadable for time limits: %s", exc)
        return {}


def application_view(app: Mapping[str, Any], history: list[Mapping[str, Any]], time_limits: Mapping[str, int],
                     today: dt.date) -> q.ApplicationStatus:
    """One application as the villager sees it: status, deadline countdown, result. Pure."""
    received = _parse_time(app["received_at"])
    limit = time_limits.get(app["service_code"]) or DEFAULT_TIME_LIMIT_DAYS
    deadline = received.date() + dt.timedelta(days=limit)
    last = history[-1] if history else None
    status = last["status"] if last else q.ACCEPTED
    changes = [q.StatusChange(status=q.ACCEPTED, at=app["received_at"])]
    changes += [q.StatusChange(status=h["status"], at=h["at"], reason=h["reason"]) for h in history]
    payload = app.get("payload") or {}
    return q.ApplicationStatus(
        acceptance_no=app["acceptance_no"], service_code=app["service_code"],
        service_name=str(payload.get("service_name") or app["service_code"]), status=status,
        submitted_at=app["created_at"], time_limit_days=limit, deadline=deadline.isoformat(),
        days_left=0 if status in q.FINAL_STATES else (deadline - today).days,
        result=(last["result"] or ("已办结" if status == q.DONE else "")) if last else "",
        reason=last["reason"] if last and status == q.RETURNED else "", history=tuple(changes))


class ReferenceProvider:
    """Answers from the hub's own database: imported demo records and received applications."""

    def __init__(self, store: QueryStore, *, office: str = "示范县人力资源和社会保障局",
                 time_limits: Mapping[str, int] | None = None, today: Callable[[], dt.date] = dt.date.today):
        self.store = store
        self.office = office
        self.time_limits = dict(time_limits) if time_limits is not None else default_time_limits()
        self.today = today

    def answer(self, kind: str, id_number: str, card_number: str, device_id: str) -> q.Answer:
        record = self.store.record(id_number) or {}
        name = str(record.get("name", ""))
        enrolments = tuple(q.Enrolment(**e) for e in record.get("enrolments", ()))
        if kind == "contributions":
            years = tuple(q.ContributionYear(**c) for c in record.get("contributions", ()))
            return q.Answer(holder_name=name, enrolments=enrolments, contributions=years,
                            proof=self._issue(id_number, device_id, "QY", name, enrolments) if years else None)
        if kind == "benefits":
            benefits = tuple(q.Benefit(**b) for b in record.get("benefits", ()))
            return q.Answer(holder_name=name, benefits=benefits,
                            proof=self._issue(id_number, device_id, "DY", name, enrolments) if benefits else None)
        if kind == "card_status":
            card = dict(record.get("card") or {"status": "正常"})
            card.pop("card_number", None)
            masked = card_number[:2] + "*" * max(0, len(card_number) - 4) + card_number[-2:]
            return q.Answer(holder_name=name, card=q.CardStatus(card_number_masked=masked, **card))
        if kind == "applications":
            views = [application_view(a, self.store.history(a["txn_id"]), self.time_limits, self.today())
                     for a in self.store.applications_of(id_number)]
            return q.Answer(holder_name=name, applications=tuple(reversed(views)))
        if kind == "proof":
            if not enrolments:
                raise QueryRefused("没有查到您的参保记录，无法出具参保证明，请到窗口咨询", detail="no enrolment",
                                   code="no_record", status=404)
            proof_no = self.store.register_proof(id_number, device_id)
            return q.Answer(holder_name=name, enrolments=enrolments,
                            proof=q.IssuedProof(proof_no=proof_no, holder_name=name, office=self.office,
                                                enrolments=enrolments))
        raise QueryRefused("数据格式有误", detail=f"kind {kind!r}", code="bad_request", status=400)

    def _issue(self, id_number: str, device_id: str, prefix: str, name: str,
               enrolments: tuple[q.Enrolment, ...]) -> q.IssuedProof:
        """A number for the documents the kiosk may print from this answer (see ``DOCUMENTS``)."""
        return q.IssuedProof(proof_no=self.store.register_proof(id_number, device_id, prefix), holder_name=name,
                             office=self.office, enrolments=enrolments)


def verify_code(db: HubDB, store: QueryStore, text: str) -> q.VerifyCodeReply:
    """Check a printed QR: the issuing device's signature, and that the hub knows the number."""

    def verifier_for(device_id: str):
        device = db.device(device_id)
        if device is None:
            raise InvalidReceiptCode(detail=f"unknown device {device_id}")
        return lambda message, sig: signing.verify(device.suite, device.public_key, message, sig)

    try:
        code: ReceiptCode = verify_receipt_code(text, verifier_for)
    except InvalidReceiptCode as exc:
        return q.VerifyCodeReply(valid=False, message="核验失败：此二维码不是本系统出具的或已被改动",
                                 number="", device_id="", issued_on="", document=exc.code)
    if code.acceptance_no.startswith("ZM"):
        known, document = store.proof(code.acceptance_no) is not None, "参保证明"
    elif code.acceptance_no[:2] in DOCUMENTS:
        document = DOCUMENTS[code.acceptance_no[:2]].get(code.service_code, "")
        known = bool(document) and store.proof(code.acceptance_no) is not None
        document = document or "打印件"
    else:
        known, document = store.find_application(code.acceptance_no) is not None, "受理回执"
    if not known:
        return q.VerifyCodeReply(valid=False, message="核验失败：县平台没有此编号的记录", document=document,
                                 number=code.acceptance_no, device_id=code.device_id,
                                 issued_on=code.issued_on.isoformat())
    return q.VerifyCodeReply(valid=True, message=f"核验通过：此{document}真实有效", document=document,
                             number=code.acceptance_no, device_id=code.device_id,
                             issued_on=code.issued_on.isoformat())


def _refusal(exc: QueryRefused) -> JSONResponse:
    return JSONResponse(ErrorReply(code=exc.code, message=exc.message, detail=exc.detail).model_dump(),
                        status_code=exc.status)


def register_query_routes(app: FastAPI, db: HubDB, provider: UpstreamProvider | None = None) -> None:
    """Add ``/v1/queries`` and ``/v1/verify-code`` to the hub's app."""
    store = QueryStore(db)
    upstream = provider or ReferenceProvider(store)

    @app.post("/v1/queries")
    async def queries(request: Request) -> Response:
        body = await request.body()
        device_id = request.headers.get(protocol.DEVICE_HEADER, "")
        try:
            device = db.device(device_id) if device_id else None
            if device is None or device.revoked_at:
                raise QueryRefused("设备未注册或已停用，请联系管理员", detail=f"device {device_id!r}",
                                   code="unknown_device")
            try:
                signature = protocol.b64d(request.headers.get(protocol.SIGNATURE_HEADER, ""))
            except protocol.ProtocolError:
                signature = b""
            if not signing.verify(device.suite, device.public_key, body, signature):
                raise QueryRefused("数据签名校验失败", detail="query signature", code="bad_signature", status=401)
            req = protocol.parse(q.QueryRequest, body)
            check_query(req, device.device_id, dt.datetime.now(dt.UTC))
            if not store.claim_nonce(req.query_id, device.device_id, req.expires_at):
                raise QueryRefused("查询请求无效，请重新查询", detail="query id seen before", code="replay")
            answer = upstream.answer(req.kind, req.subject_id_number, req.card.card_number, device.device_id)
        except QueryRefused as exc:
            log.info("query from %s refused: %s (%s)", device_id, exc.code, exc.detail)
            return _refusal(exc)
        log.info("query %s answered for %s", req.kind, device_id)  # the kind only, never the person
        reply = q.QueryReply(query_id=req.query_id, kind=req.kind, answered_at=now_iso(), answer=answer)
        return JSONResponse(reply.model_dump())

    @app.post("/v1/verify-code")
    async def verify(request: Request) -> Response:
        req = protocol.parse(q.VerifyCodeRequest, await request.body())
        return JSONResponse(verify_code(db, store, req.text).model_dump())
