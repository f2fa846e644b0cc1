"""The kiosk's side of online queries: one signed, short-lived request over the pinned HTTPS session.

Queries are never queued: offline, the villager is told so plainly and nothing stale is shown or
printed. The identity proof is built from this session's card read and VERIFY result (``CardProof``);
the PIN never leaves the card driver. Every query is audited (who — a pseudonym, what kind, outcome),
never its answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import requests
from requests.adapters import HTTPAdapter

from kiosk.errors import UserFacingError
from kiosk.queries import Identity, SessionAnswers
from sync import protocol
from sync import query as q
from sync.protocol import ErrorReply

from .sender import BAD_CERT, HUB_DOWN, HubLink

log = logging.getLogger(__name__)

OFFLINE_QUERY = "网络未连接，暂时无法查询。查询需要联网，请稍后再试或到窗口咨询"
SLOW_QUERY = "县平台响应超时，请稍后再试"

# (kind, outcome) -> None; the composition root connects it to the store's audit log
AuditHook = Callable[[str, str], None]


class QueryFailed(UserFacingError):
    """No answer. ``code`` says why: offline, timeout, hub_down, refused (with the hub's reason)."""

    code = "query_failed"
    message = SLOW_QUERY


class QueryClient:
    """Sends queries for one kiosk. Thread-safe for one caller at a time (the UI's network pool)."""

    def __init__(self, link: HubLink, *, timeout_s: float = 10.0, audit: AuditHook | None = None):
        self.link = link
        self.timeout_s = timeout_s
        self.audit = audit
        self.session = requests.Session()
        self.session.mount("https://", HTTPAdapter(pool_connections=1, pool_maxsize=2, max_retries=0))
        self.session.verify = link.ca_file
        self.session.trust_env = False  # else REQUESTS_CA_BUNDLE would override the pinned certificate

    def close(self) -> None:
        self.session.close()

    def ask(self, kind: str, card: q.CardProof) -> q.QueryReply:
        """One query about the card holder; raises QueryFailed with a plain-Chinese message."""
        try:
            if not card.pin_verified:
                # the hub would refuse it too; asking first would only spend a nonce
                raise QueryFailed("请先输入社保卡密码", code="no_pin", detail="PIN not verified in this session")
            reply = self._send(q.new_query(self.link.device_id, kind, card))
        except QueryFailed as exc:
            self._audit(kind, exc.code)
            raise
        self._audit(kind, "answered")
        return reply

    def send(self, request: q.QueryRequest) -> q.QueryReply:
        """Send a prepared request as is (tests use it to replay or age one)."""
        return self._send(request)

    def _send(self, request: q.QueryRequest) -> q.QueryReply:
        body = protocol.canonical_json(request.model_dump())
        headers = {"Content-Type": "application/json", protocol.DEVICE_HEADER: self.link.device_id,
                   protocol.SIGNATURE_HEADER: protocol.b64e(self.link.signer.sign(body))}
        url = f"{self.link.url}/v1/queries"
        try:
            resp = self.session.post(url, data=body, headers=headers, timeout=self.timeout_s)
        except requests.exceptions.SSLError as exc:
            raise QueryFailed(BAD_CERT, code="bad_cert", detail=str(exc)) from None
        except requests.exceptions.Timeout as exc:
            raise QueryFailed(SLOW_QUERY, code="timeout", detail=f"{type(exc).__name__}") from None
        except requests.RequestException as exc:
            raise QueryFailed(OFFLINE_QUERY, code="offline", detail=f"{type(exc).__name__}: {exc}") from None
        if resp.status_code != 200:
            raise self._failure(resp)
        try:
            reply = protocol.parse(q.QueryReply, resp.content)
        except protocol.ProtocolError as exc:
            raise QueryFailed(HUB_DOWN, code="hub_down", detail=exc.detail) from None
        if reply.query_id != request.query_id or reply.kind != request.kind:
            raise QueryFailed(HUB_DOWN, code="hub_down", detail="reply for another query")
        return reply

    @staticmethod
    def _failure(resp: requests.Response) -> QueryFailed:
        try:
            err = protocol.parse(ErrorReply, resp.content)
        except protocol.ProtocolError:
            # a proxy's HTML page or a half-started hub: the county side is down, not our request
            return QueryFailed(HUB_DOWN, code="hub_down", detail=f"HTTP {resp.status_code}")
        if resp.status_code >= 500:
            return QueryFailed(HUB_DOWN, code="hub_down", detail=f"HTTP {resp.status_code}: {err.detail}")
        return QueryFailed(err.message, code="refused", detail=f"{err.code}: {err.detail}")

    def verify_code(self, text: str) -> q.VerifyCodeReply:
        """Ask the hub whether a printed QR text is genuine (the diagnostic screen and tests use it)."""
        body = protocol.canonical_json(q.VerifyCodeRequest(text=text).model_dump())
        try:
            resp = self.session.post(f"{self.link.url}/v1/verify-code", data=body, timeout=self.timeout_s,
                                     headers={"Content-Type": "application/json"})
        except requests.RequestException as exc:
            raise QueryFailed(OFFLINE_QUERY, code="offline", detail=type(exc).__name__) from None
        if resp.status_code != 200:
            raise self._failure(resp)
        return protocol.parse(q.VerifyCodeReply, resp.content)

    def _audit(self, kind: str, outcome: str) -> None:
        if self.audit is not None:
            try:
                self.audit(kind, outcome)
            except Exception:  # an audit failure must not hide the answer; the store logs its own errors
                log.exception("auditing query %s failed", kind)


class QueryDesk:
    """"我的查询" for one terminal: the session's identity in, answers into the session's store.

    ``client`` is None when this kiosk is not enrolled: every question then says plainly that the
    terminal cannot query, and nothing is shown from before."""

    def __init__(self, client: QueryClient | None, answers: SessionAnswers):
        self.client = client
        self.answers = answers

    def begin(self, identity: Identity) -> None:
        """A card was read and its PIN verified in this session."""
        self.answers.wipe()
        self.answers.identity = identity

    def ask(self, kind: str) -> q.QueryReply:
        identity = self.answers.identity
        if identity is None or identity.pin_verified_at is None:
            raise QueryFailed("请先插入社保卡并输入密码", code="no_pin", detail="no verified identity in session")
        if self.client is None:
            raise QueryFailed(OFFLINE_QUERY, code="not_enrolled", detail="kiosk not enrolled")
        card = q.CardProof(card_number=identity.card_number, id_number=identity.id_number,
                           card_read_at=q.iso(identity.card_read_at), pin_verified=True,
                           pin_verified_at=q.iso(identity.pin_verified_at))
        reply = self.client.ask(kind, card)
        self.answers.put(kind, reply)
        return reply

    def wipe(self) -> None:
        self.answers.wipe()
