"""The county crypto service behind ``POST /v1/card-auth``, and the hub's check of offline identities.

``CryptoProvider`` is what a real 加密机 vendor SDK or the provincial service plugs in as. The
``ReferenceTestProvider`` derives per-card keys from TEST ONLY master keys and must never be given
production cards: it exists so the whole flow runs for real in tests and the demo.

Key scheme of the reference provider (the virtual card's 3.0 profile is personalised with the same):
- per-card key = SM4-ECB(master, card identification code): EF05 01 is exactly one 16-byte SM4 block
  and unique per card, so one-level diversification needs no padding (public terminal code diversifies
  with the card's identification data the same way, with 3DES on older cards);
- INTERNAL AUTHENTICATE answer = SM4-ECB(internal key, 16-byte random);
- EXTERNAL AUTHENTICATE cryptogram = SM4-ECB(RKSSSE key, 8-byte challenge || 00×8).

Freshness and replay: the request's ``issued_at`` must be within ``MAX_AGE_S`` of the hub clock and its
``request_id`` is stored once (a unique key, so several hub processes agree).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from sync import protocol, signing
from sync.gen3 import (
    CARD_AUTH_PATH,
    MAX_AGE_S,
    REPLY_TTL_S,
    CardAuthError,
    CardAuthReply,
    CardAuthRequest,
    now_utc,
)

from .storage import HubDB

log = logging.getLogger(__name__)

# TEST ONLY master keys: never production keys, never for real cards.
TEST_MASTER_INTERNAL = b"TEST ONLY int MK"
TEST_MASTER_RKSSSE = b"TEST ONLY RKSSSE"
NOT_GENUINE_MESSAGE = "这张社保卡未通过真伪校验，请到窗口办理"

_metadata = sa.MetaData()
card_auth_requests = sa.Table(
    "card_auth_requests", _metadata,
    sa.Column("request_id", sa.String(32), primary_key=True),  # a replay hits this unique key
    sa.Column("device_id", sa.String(64), nullable=False),
    sa.Column("received_at", sa.String(40), nullable=False),
    sa.Column("outcome", sa.String(16), nullable=False),
)
card_identities = sa.Table(
    "card_identities", _metadata,
    # card number ↔ ID number as the county's card register holds them (the reference: imported by hand)
    sa.Column("card_number", sa.String(20), primary_key=True),
    sa.Column("id_number", sa.String(18), nullable=False),
)
identity_checks = sa.Table(
    "identity_checks", _metadata,
    sa.Column("txn_id", sa.String(64), primary_key=True),
    sa.Column("card_number", sa.String(20), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # confirmed / mismatch / unknown_card
    sa.Column("checked_at", sa.String(40), nullable=False),
)


class NotGenuine(Exception):
    """The card's INTERNAL AUTHENTICATE answer is wrong: not a card this county issued."""


class CryptoProvider(Protocol):
    name: str

    def external_auth(self, card_id: bytes, algorithm: str, internal_random: bytes, internal_response: bytes,
                      challenge: bytes) -> bytes:
        """Check the internal-auth answer (raise NotGenuine) and return the 16-byte cryptogram."""
        ...


def sm4_block(key: bytes, block: bytes) -> bytes:
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


class ReferenceTestProvider:
    """SM4 with per-card keys diversified from the TEST ONLY master keys. Not for production."""

    name = "reference-test"

    def __init__(self, master_internal: bytes = TEST_MASTER_INTERNAL, master_rksse: bytes = TEST_MASTER_RKSSSE):
        self._master_internal = master_internal
        self._master_rksse = master_rksse

    def card_keys(self, card_id: bytes) -> tuple[bytes, bytes]:
        return sm4_block(self._master_internal, card_id), sm4_block(self._master_rksse, card_id)

    def external_auth(self, card_id: bytes, algorithm: str, internal_random: bytes, internal_response: bytes,
                      challenge: bytes) -> bytes:
        internal_key, rksse_key = self.card_keys(card_id)
        if not hmac.compare_digest(sm4_block(internal_key, internal_random), internal_response):
            raise NotGenuine("internal authentication answer does not match")
        return sm4_block(rksse_key, challenge.ljust(16, b"\x00"))


PROVIDERS: dict[str, Callable[[], CryptoProvider]] = {"reference-test": ReferenceTestProvider}


def provider_named(name: str) -> CryptoProvider | None:
    """The provider for ``kiosk-hub serve --crypto-provider NAME``; "" or "none": no crypto service."""
    if name in ("", "none"):
        return None
    if name not in PROVIDERS:
        raise ValueError(f"unknown crypto provider {name!r}; known: {', '.join(PROVIDERS)}")
    if name == "reference-test":
        log.warning("crypto provider %r uses TEST ONLY master keys: never use it with real cards", name)
    return PROVIDERS[name]()


class LocalCryptoService:
    """A provider called in-process, shaped like ``sync.gen3.HubCryptoService`` (same error codes).

    For the demo rig (which has no hub process: ``online`` follows its "cut the network" switch) and
    unit tests. A kiosk in the field always goes through the hub.
    """

    def __init__(self, provider: CryptoProvider, online: Callable[[], bool] = lambda: True):
        self.provider = provider
        self._online = online
        self.calls = 0

    def external_auth(self, request: Any) -> bytes:
        self.calls += 1
        if not self._online():
            raise CardAuthError("暂时连不上县里的读卡服务", code="hsm_offline", detail="network cut")
        try:
            return self.provider.external_auth(request.card_id, request.algorithm, request.internal_random,
                                               request.internal_response, request.challenge)
        except NotGenuine as exc:
            raise CardAuthError(NOT_GENUINE_MESSAGE, code="not_genuine", detail=str(exc)) from None


def _error(status: int, code: str, message: str, detail: str = "") -> JSONResponse:
    body = protocol.ErrorReply(code=code, message=message, detail=detail).model_dump()
    return JSONResponse(body, status_code=status)


class CardAuthService:
    def __init__(self, db: HubDB, provider: CryptoProvider | None, clock: Callable[[], dt.datetime] = now_utc):
        self._db = db
        self._provider = provider
        self._clock = clock
        _metadata.create_all(db.engine)

    def handle(self, device_id: str, body: bytes, signature: bytes) -> Response:
        device = self._db.device(device_id) if device_id else None
        if device is None:
            return _error(403, "unknown_device", "设备未注册，请联系管理员", f"device {device_id!r}")
        if device.revoked_at:
            return _error(403, "revoked", "设备证书已失效，请联系管理员")
        if not signing.verify(device.suite, device.public_key, body, signature):
            return _error(401, "bad_signature", "数据签名校验失败", "card-auth signature does not verify")
        request = protocol.parse(CardAuthRequest, body)
        if request.device_id != device_id:
            return _error(400, "bad_request", "数据格式有误", "device id in body differs from header")
        if self._provider is None:
            return _error(503, "no_provider", "县里的读卡服务未开通", "hub started without a crypto provider")
        now = self._clock()
        try:
            issued = dt.datetime.fromisoformat(request.issued_at)
            age = abs((now - issued).total_seconds())
        except (ValueError, TypeError):
            return _error(400, "bad_request", "数据格式有误", "issued_at is not ISO 8601 with an offset")
        if age > MAX_AGE_S:
            return _error(410, "expired", "读卡请求已过期，请重新插卡", f"request {age:.0f} s from hub time")
        if not self._claim(request, now):
            return _error(409, "replayed", "读卡请求重复，请重新插卡", "request_id seen before")
        try:
            cryptogram = self._provider.external_auth(
                bytes.fromhex(request.card_id), request.algorithm, bytes.fromhex(request.internal_random),
                bytes.fromhex(request.internal_response), bytes.fromhex(request.challenge))
        except NotGenuine as exc:
            log.warning("card from device %s failed internal authentication", device_id)
            return _error(403, "not_genuine", NOT_GENUINE_MESSAGE, str(exc))
        reply = CardAuthReply(request_id=request.request_id, card_id=request.card_id, challenge=request.challenge,
                              cryptogram=cryptogram.hex().upper(),
                              expires_at=(now + dt.timedelta(seconds=REPLY_TTL_S)).isoformat(timespec="seconds"))
        return JSONResponse(reply.model_dump())

    def _claim(self, request: CardAuthRequest, now: dt.datetime) -> bool:
        try:
            with self._db.engine.begin() as c:
                c.execute(card_auth_requests.insert().values(
                    request_id=request.request_id, device_id=request.device_id,
                    received_at=now.isoformat(timespec="seconds"), outcome="answered"))
        except sa.exc.IntegrityError:
            return False
        return True


def register(app: FastAPI, db: HubDB, provider: CryptoProvider | None) -> CardAuthService:
    """Adds ``POST /v1/card-auth`` to the hub app."""
    service = CardAuthService(db, provider)

    @app.post(CARD_AUTH_PATH)
    async def card_auth(request: Request) -> Response:
        body = await request.body()
        try:
            signature = protocol.b64d(request.headers.get(protocol.SIGNATURE_HEADER, ""))
        except protocol.ProtocolError:
            signature = b""
        return service.handle(request.headers.get(protocol.DEVICE_HEADER, ""), body, signature)

    return service


# --- offline fallback: the hub confirms card number ↔ ID number on receipt --------------------------


def register_card(db: HubDB, card_number: str, id_number: str) -> None:
    """Put one card into the hub's card register (the reference hub's stand-in for the county's)."""
    _metadata.create_all(db.engine)
    with db.engine.begin() as c:
        c.execute(card_identities.delete().where(card_identities.c.card_number == card_number))
        c.execute(card_identities.insert().values(card_number=card_number, id_number=id_number))


def check_identity(db: HubDB, txn_id: str, content: Any) -> str | None:
    """For an item whose payload carries ``identity_to_confirm``: confirmed / mismatch / unknown_card.

    Called from the receive path for each accepted item; a mismatch is kept for a clerk to look at.
    Returns None when the item has nothing to confirm.
    """
    claim = _claim_of(content)
    if claim is None:
        return None
    _metadata.create_all(db.engine)
    card_number, id_number = str(claim.get("card_number", "")), str(claim.get("id_number", ""))
    with db.engine.begin() as c:
        known = c.execute(sa.select(card_identities.c.id_number)
                          .where(card_identities.c.card_number == card_number)).scalar()
        status = "unknown_card" if known is None else "confirmed" if known == id_number else "mismatch"
        c.execute(identity_checks.delete().where(identity_checks.c.txn_id == txn_id))
        c.execute(identity_checks.insert().values(txn_id=txn_id, card_number=card_number, status=status,
                                                  checked_at=now_utc().isoformat(timespec="seconds")))
    if status != "confirmed":
        log.warning("item %s: offline identity %s, flagged for a clerk", txn_id, status)
    return status


def identity_check(db: HubDB, txn_id: str) -> str | None:
    _metadata.create_all(db.engine)
    with db.engine.connect() as c:
        return c.execute(sa.select(identity_checks.c.status).where(identity_checks.c.txn_id == txn_id)).scalar()


def _claim_of(content: Any) -> dict | None:
    if isinstance(content, (bytes, str)):
        if "identity_to_confirm" not in (content if isinstance(content, str) else content.decode(errors="ignore")):
            return None  # the common case, without parsing the item
        try:
            content = json.loads(content)
        except ValueError:
            return None
    if not isinstance(content, dict):
        return None
    for value in (content, content.get("payload"), content.get("form")):
        if isinstance(value, dict) and isinstance(value.get("identity_to_confirm"), dict):
            return value["identity_to_confirm"]
    return None


def list_identity_checks(db: HubDB, status: str | None = None) -> list[dict[str, Any]]:
    _metadata.create_all(db.engine)
    query = sa.select(identity_checks).order_by(identity_checks.c.checked_at)
    if status:
        query = query.where(identity_checks.c.status == status)
    with db.engine.connect() as c:
        return [dict(r) for r in c.execute(query).mappings()]


def register_cli(sub, open_db: Callable[[Any], HubDB]) -> None:
    """``kiosk-hub cards add`` (the card register) and ``kiosk-hub identities list`` (for a clerk)."""
    cards = sub.add_parser("cards", help="the card register (card number ↔ ID number)").add_subparsers(
        dest="sub", metavar="ACTION")
    s = cards.add_parser("add", help="add or replace one card")
    s.add_argument("card_number")
    s.add_argument("id_number")
    s.set_defaults(fn=lambda args: _cmd_add_card(args, open_db))
    identities = sub.add_parser("identities", help="offline 3.0 card identities checked on receipt")
    actions = identities.add_subparsers(dest="sub", metavar="ACTION")
    s = actions.add_parser("list", help="checks by status (mismatch and unknown_card need a clerk)")
    s.add_argument("--status", choices=("confirmed", "mismatch", "unknown_card"))
    s.set_defaults(fn=lambda args: _cmd_list_identities(args, open_db))


def _cmd_add_card(args, open_db) -> int:
    register_card(open_db(args), args.card_number, args.id_number.upper())
    print(f"card ***{args.card_number[-3:]} registered")
    return 0


def _cmd_list_identities(args, open_db) -> int:
    rows = list_identity_checks(open_db(args), args.status)
    for r in rows:  # the txn id and a masked card number: the clerk opens the application for the rest
        print(f"{r['txn_id']}  {r['status']:<13} card ***{r['card_number'][-3:]}  checked {r['checked_at']}")
    print(f"{len(rows)} identity checks", file=sys.stderr)
    return 0
