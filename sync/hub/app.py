"""The hub's HTTP API (FastAPI). ``create_app`` is the composition root: it gets its database, keys
and item opener passed in, so tests and the CLI build it the same way. No state lives in the process.
"""

from __future__ import annotations

import gzip
import logging
import zlib

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from sync import protocol, signing
from sync.protocol import Batch, Bundle, BundleIndex, BundleRef, EnrolReply, EnrolRequest, ErrorReply

from . import crypto_service, sealing_keys
from .keys import HubKeys
from .queries import register_query_routes
from .receive import Opener, receive_batch
from .storage import HubDB, TokenError, now_iso
from .updates import register_update_routes, updates_folder

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024


def _error(status: int, code: str, message: str, detail: str = "") -> JSONResponse:
    return JSONResponse(ErrorReply(code=code, message=message, detail=detail).model_dump(), status_code=status)


async def _body(request: Request) -> bytes:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise protocol.ProtocolError("body too large")
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise protocol.ProtocolError(f"bad gzip body ({exc})") from None
        if len(raw) > MAX_BODY:
            raise protocol.ProtocolError("body too large")
    return raw


def create_app(db: HubDB, keys: HubKeys, opener: Opener | None = None, crypto_provider=None) -> FastAPI:
    app = FastAPI(title="county 人社 hub", version=str(protocol.PROTOCOL_VERSION), docs_url=None, redoc_url=None)
    open_item = opener or sealing_keys.opener_for(keys.sealing)
    crypto_service.register(app, db, crypto_provider)  # third-generation cards (issue 14)

    @app.exception_handler(sqlalchemy.exc.OperationalError)
    async def _db_down(_request: Request, exc: Exception) -> JSONResponse:
        # a locked or unreachable database: nothing was committed, the kiosk retries later
        log.warning("database unavailable: %s", exc)
        return _error(503, "unavailable", "县平台维护中", "database unavailable")

    @app.exception_handler(protocol.ProtocolError)
    async def _bad_request(_request: Request, exc: protocol.ProtocolError) -> JSONResponse:
        return _error(400, "bad_request", "数据格式有误", exc.detail)

    @app.get("/v1/health")
    def health() -> dict:
        return {"v": protocol.PROTOCOL_VERSION, "ok": True, "time": now_iso()}

    @app.get("/v1/hub-keys")
    def hub_keys() -> dict:
        """Public keys only: what a new kiosk seals for and how it checks bundles, before it enrols."""
        return {"v": protocol.PROTOCOL_VERSION,
                "sealing": {s: k.public_text for s, k in keys.sealing.items()},
                "signing": {s: k.public_text for s, k in keys.bundle_key.items()}}

    @app.post("/v1/enrol")
    async def enrol(request: Request) -> Response:
        req = protocol.parse(EnrolRequest, await _body(request))
        if not _key_parses(req):
            return _error(400, "bad_request", "设备密钥无效", "device public key does not parse")
        try:
            device = db.enrol(req.token, req.device_id, req.suite, req.device_public_key)
        except TokenError:
            return _error(403, "bad_token", "注册码无效或已使用，请向县人社局索取新的注册码")
        log.info("device %s enrolled for %s", device.device_id, device.village)
        reply = EnrolReply(device_id=device.device_id, village=device.village, suite=device.suite,
                           hub_encryption_public_key=keys.sealing[device.suite].public_text,
                           hub_signing_public_key=keys.bundle_key[device.suite].public_text, hub_time=now_iso())
        return JSONResponse(reply.model_dump())

    @app.post("/v1/batches")
    async def batches(request: Request) -> Response:
        body = await _body(request)
        device_id = request.headers.get(protocol.DEVICE_HEADER, "")
        device = db.device(device_id) if device_id else None
        if device is None:
            return _error(403, "unknown_device", "设备未注册，请联系管理员", f"device {device_id!r}")
        if device.revoked_at:
            return _error(403, "revoked", "设备证书已失效，请联系管理员", f"revoked at {device.revoked_at}")
        try:
            signature = protocol.b64d(request.headers.get(protocol.SIGNATURE_HEADER, ""))
        except protocol.ProtocolError:
            signature = b""
        if not signing.verify_body(device.suite, device.public_key, body, signature):
            return _error(401, "bad_signature", "数据签名校验失败", "batch signature does not verify")
        batch = protocol.parse(Batch, body)
        if batch.device_id != device.device_id or (batch.checkpoint and batch.checkpoint.device_id != device_id):
            return _error(400, "bad_request", "数据格式有误", "device id in body differs from header")
        reply = receive_batch(db, device, batch, open_item)
        return JSONResponse(reply.model_dump())

    @app.get("/v1/bundles")
    def bundle_index() -> dict:
        refs = [BundleRef(kind=b["kind"], version=b["version"], sha256=b["sha256"]) for b in db.latest_bundles()]
        return BundleIndex(bundles=tuple(refs)).model_dump()

    @app.get("/v1/bundles/{kind}")
    def bundle(kind: str) -> Response:
        row = db.bundle(kind)
        if row is None:
            return _error(404, "not_found", "暂无此类信息", f"no bundle of kind {kind!r}")
        return Response(row["body"], media_type="application/json")

    register_query_routes(app, db)
    register_update_routes(app, db, updates_folder(keys))
    return app


def _key_parses(req: EnrolRequest) -> bool:
    try:
        if req.suite == "intl":
            from cryptography.hazmat.primitives import serialization

            serialization.load_pem_public_key(req.device_public_key.encode("ascii"))
        else:
            if len(bytes.fromhex(req.device_public_key)) not in (64, 65):
                return False
        return True
    except (ValueError, UnicodeEncodeError):
        return False


def publish_bundle(db: HubDB, keys: HubKeys, kind: str, content: object) -> Bundle:
    """Sign (once per suite) and store a new version of a downlink bundle; kiosks fetch it on their next sync."""
    version = db.next_bundle_version(kind)
    unsigned = Bundle(kind=kind, version=version, created_at=now_iso(), content=content)
    message = protocol.canonical_json(unsigned.signing_view())
    sigs = {suite: protocol.b64e(signing.sign_body(key, message)) for suite, key in keys.bundle_key.items()}
    signed = unsigned.model_copy(update={"signatures": sigs})
    db.put_bundle(kind, version, protocol.canonical_json(signed.model_dump()).decode("utf-8"))
    return signed
