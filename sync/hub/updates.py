"""App update bundles at the hub: make, publish, list, and serve them to kiosks (resumable).

Which key signs: the hub's own bundle-signing key of each suite (``keys.bundle_key``), the key every kiosk
pinned at enrolment (``EnrolReply.hub_signing_public_key``) and wrote to ``keys/bundle-signing.pub.json``
for ``kiosk-update``. A kiosk checks a bundle twice with it: the sync client before it puts the file in
``updates/ready/``, and ``kiosk-update apply-ready`` (root) before it installs. A technician's laptop key
is still possible on the USB path (``kiosk-update apply --public-key``), never through the hub.

    kiosk-hub update make --version 0.2.0 --wheels W [--catalog C] [--suite gm] --out F.bundle
    kiosk-hub update publish F.bundle       refused unless signed by this hub's key of some suite
    kiosk-hub update list

The bytes are files in ``<hub folder>/updates/`` (beside ``keys/``, which several hub hosts share the
same way); the database holds size, SHA-256 and publication order. ``GET /v1/app-update/{suite}/{v}``
is a FileResponse, which answers ``Range`` requests with 206, so a cut download resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse

from sync import protocol, signing
from sync.protocol import AppUpdateIndex, AppUpdateRef, ErrorReply

from .keys import HubKeys
from .storage import HubDB


class PublishError(Exception):
    """The file is not a bundle this hub signed, or that version is already published."""


def updates_folder(keys: HubKeys) -> Path:
    return keys.folder.parent / "updates"


def as_ref(row: dict) -> AppUpdateRef:
    return AppUpdateRef(suite=row["suite"], version=row["version"], size=row["size"], sha256=row["sha256"],
                        published_at=row["published_at"])


def register_update_routes(app: FastAPI, db: HubDB, folder: Path) -> None:
    @app.get("/v1/app-update/{suite}")
    def update_index(suite: str) -> dict:
        rows = db.app_updates(suite)
        return AppUpdateIndex(latest=as_ref(rows[0]) if rows else None).model_dump()

    @app.get("/v1/app-update/{suite}/{version}")
    def update_bytes(suite: str, version: str):
        row = db.app_update(suite, version)
        path = folder / row["file"] if row else None
        if path is None or not path.is_file():
            reply = ErrorReply(code="not_found", message="暂无此版本的更新包", detail=f"{suite} {version}")
            return JSONResponse(reply.model_dump(), status_code=404)
        return FileResponse(path, media_type="application/octet-stream")


def make(keys: HubKeys, suite: str, out: Path, version: str, wheels: Path, catalog: Path | None,
         requirement: str) -> None:
    key = keys.bundle_key[suite]
    protocol.app_bundle_tool().make_bundle(out, version, wheels, catalog, requirement,
                                           {"suite": suite, "private": key.private.hex()})


def signed_suite(keys: HubKeys, bundle: Path) -> tuple[str, str]:
    """(suite, version) of the hub key that signed ``bundle``; PublishError if none did."""
    tool = protocol.app_bundle_tool()
    reasons = []
    for suite, key in keys.bundle_key.items():
        try:
            manifest, _ = tool.verify_bundle(bundle, {"suite": suite, "public": key.public_text})
            return suite, manifest["version"]
        except tool.BundleRefused as exc:
            reasons.append(f"{suite}: {exc}")
    raise PublishError("not a bundle signed by this hub's bundle-signing key (" + "; ".join(reasons) + ")")


def store(db: HubDB, folder: Path, suite: str, version: str, bundle: Path) -> AppUpdateRef:
    """Copy the bytes in (temp file + rename) and record them. No signature check here: ``publish`` does it."""
    if db.app_update(suite, version) is not None:
        raise PublishError(f"version {version} ({suite}) is already published; make a new version")
    folder.mkdir(parents=True, exist_ok=True)
    name = f"village-kiosk-{version}-{suite}.bundle"
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
    try:
        with open(bundle, "rb") as src, os.fdopen(fd, "wb") as dst:
            while block := src.read(1 << 20):
                digest.update(block)
                size += len(block)
                dst.write(block)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, folder / name)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return as_ref(db.put_app_update(suite, version, size, digest.hexdigest(), name))


def publish(db: HubDB, keys: HubKeys, bundle: Path) -> AppUpdateRef:
    suite, version = signed_suite(keys, bundle)
    return store(db, updates_folder(keys), suite, version, bundle)


# --- command line ------------------------------------------------------------------------------------


def register_cli(sub, open_db: Callable, load_keys: Callable[[object], HubKeys]) -> None:
    up = sub.add_parser("update", help="app update bundles for the kiosks").add_subparsers(dest="sub",
                                                                                         metavar="ACTION")
    s = up.add_parser("make", help="make a bundle signed with this hub's bundle-signing key")
    s.add_argument("--version", required=True)
    s.add_argument("--wheels", type=Path, required=True, help='from: pip wheel -w DIR ".[devices,sync,ui]"')
    s.add_argument("--catalog", type=Path)
    s.add_argument("--requirement", default="village-kiosk[devices,sync,ui]")
    s.add_argument("--suite", choices=signing.SUITES, default="gm", help="the kiosks' suite (default gm)")
    s.add_argument("--out", type=Path, required=True)
    s.set_defaults(fn=lambda args: _cmd_make(args, load_keys(args)))
    s = up.add_parser("publish", help="offer a bundle to the kiosks (newest published is the latest)")
    s.add_argument("bundle", type=Path)
    s.set_defaults(fn=lambda args: _cmd_publish(args, open_db(args), load_keys(args)))
    s = up.add_parser("list", help="published bundles, newest first")
    s.set_defaults(fn=lambda args: _cmd_list(open_db(args)))


def _cmd_make(args, keys: HubKeys) -> int:
    tool = protocol.app_bundle_tool()
    try:
        make(keys, args.suite, args.out, args.version, args.wheels, args.catalog, args.requirement)
    except (OSError, tool.BundleRefused, tool.BuildFailed) as exc:
        print(f"cannot make the bundle: {exc}", file=sys.stderr)
        return 2
    print(f"bundle {args.out} for version {args.version}, signed with the hub's {args.suite} key")
    return 0


def _cmd_publish(args, db: HubDB, keys: HubKeys) -> int:
    try:
        ref = publish(db, keys, args.bundle)
    except (PublishError, OSError) as exc:
        print(f"not published: {exc}", file=sys.stderr)
        return 2
    print(f"published version {ref.version} ({ref.suite}, {ref.size} bytes, sha256 {ref.sha256})")
    return 0


def _cmd_list(db: HubDB) -> int:
    for r in db.app_updates():
        print(f"{r['version']}  {r['suite']}  {r['size']} B  sha256 {r['sha256'][:16]}…  published {r['published_at']}")
    return 0
