"""The downlink: signed, versioned bundles (catalog, jobs, policy, notices) from the hub.

Layout under ``<data_dir>/bundles/<kind>/``: ``v<N>.json`` per kept version and ``current.json``
naming the active one and the one before it. A new version is verified (hub signature, digest from
the index, version strictly newer), written in full, and only then made current by an atomic rename
of ``current.json``; a crash at any point leaves the old version active. ``rollback`` switches back.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from kiosk.errors import UserFacingError
from sync import protocol, signing
from sync.protocol import Bundle, BundleIndex

from .identity import write_atomic
from .sender import HUB_DOWN, OFFLINE, HubLink

log = logging.getLogger(__name__)


class BundleError(UserFacingError):
    code = "bundle"
    message = "县平台下发的资料校验失败，已继续使用原版本"


@dataclass(frozen=True)
class Applied:
    kind: str
    version: int
    previous: int | None


class BundleShelf:
    """The bundles on disk. Pure file operations; no network."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "bundles"

    def _pointer(self, kind: str) -> dict[str, Any]:
        try:
            return json.loads((self.root / kind / "current.json").read_text())
        except FileNotFoundError:
            return {}

    def current_version(self, kind: str) -> int:
        return int(self._pointer(kind).get("version", 0))

    def content(self, kind: str) -> Any:
        version = self.current_version(kind)
        if not version:
            return None
        return json.loads((self.root / kind / f"v{version}.json").read_text(encoding="utf-8"))["content"]

    def install(self, bundle: Bundle, raw: bytes) -> Applied:
        folder = self.root / bundle.kind
        before = self._pointer(bundle.kind)
        previous = before.get("version")
        write_atomic(folder / f"v{bundle.version}.json", raw, 0o644)
        write_atomic(folder / "current.json", json.dumps({"version": bundle.version, "previous": previous}).encode(),
                     0o644)
        # keep the active and the previous version; older ones are no longer reachable
        for old in folder.glob("v*.json"):
            if old.stem[1:].isdigit() and int(old.stem[1:]) not in (bundle.version, previous):
                old.unlink()
        return Applied(bundle.kind, bundle.version, previous)

    def rollback(self, kind: str) -> int:
        pointer = self._pointer(kind)
        previous = pointer.get("previous")
        if not previous or not (self.root / kind / f"v{previous}.json").exists():
            raise BundleError("没有可回退的上一版本", detail=f"{kind}: no previous version kept")
        write_atomic(self.root / kind / "current.json", json.dumps({"version": previous, "previous": None}).encode(),
                     0o644)
        return int(previous)


def verify_bundle(raw: bytes, suite: str, hub_signing_key: str, expected_sha256: str = "") -> Bundle:
    """Parse and check one bundle; raises BundleError unless it is exactly what the hub signed."""
    if expected_sha256 and hashlib.sha256(raw).hexdigest() != expected_sha256:
        raise BundleError(detail="bundle digest differs from the index")
    try:
        bundle = protocol.parse(Bundle, raw)
    except protocol.ProtocolError as exc:
        raise BundleError(detail=exc.detail) from None
    sig = bundle.signatures.get(suite, "")
    try:
        sig_bytes = protocol.b64d(sig)
    except protocol.ProtocolError:
        sig_bytes = b""
    if not signing.verify_body(suite, hub_signing_key, protocol.canonical_json(bundle.signing_view()), sig_bytes):
        raise BundleError(detail=f"{bundle.kind} v{bundle.version}: signature does not verify")
    return bundle


def fetch_bundles(session: requests.Session, link: HubLink, suite: str, hub_signing_key: str,
                  shelf: BundleShelf) -> list[Applied]:
    """Fetch and apply every kind whose hub version is newer than ours. One bad bundle does not stop
    the others; its error is logged and the old version stays."""
    try:
        resp = session.get(f"{link.url}/v1/bundles", timeout=link.timeout_s)
        resp.raise_for_status()
        index = protocol.parse(BundleIndex, resp.content)
    except requests.exceptions.HTTPError as exc:
        raise BundleError(HUB_DOWN, detail=str(exc)) from None
    except requests.RequestException as exc:
        raise BundleError(OFFLINE, detail=f"{type(exc).__name__}") from None
    except protocol.ProtocolError as exc:
        raise BundleError(HUB_DOWN, detail=exc.detail) from None
    applied = []
    for ref in index.bundles:
        if ref.kind not in protocol.BUNDLE_KINDS or ref.version <= shelf.current_version(ref.kind):
            continue
        try:
            r = session.get(f"{link.url}/v1/bundles/{ref.kind}", timeout=link.timeout_s)
            r.raise_for_status()
            bundle = verify_bundle(r.content, suite, hub_signing_key, ref.sha256)
            if bundle.kind != ref.kind or bundle.version <= shelf.current_version(ref.kind):
                raise BundleError(detail=f"{ref.kind}: not newer than the installed version")
            applied.append(shelf.install(bundle, r.content))
        except (requests.RequestException, BundleError) as exc:
            log.warning("bundle %s not applied: %s", ref.kind, getattr(exc, "detail", exc))
    return applied
