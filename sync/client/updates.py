"""App updates from the county hub: fetch the newest bundle, resuming after a cut, verify it, and hand it
to root through ``<data_dir>/updates/ready/``. Nothing here installs anything: the app runs as the
unprivileged ``kiosk`` user, and ``village-kiosk-update.path`` → ``kiosk-update apply-ready`` (root) does.

    updates/partial/<name>.bundle   bytes so far; each request asks ``Range: bytes=<have>-…``
    updates/download.json           the version being fetched and how it ended (downloading/ready/refused)
    updates/ready/<name>.bundle     complete, SHA-256 from the index and the hub's signature checked
    updates/done|refused/, result.json   written by apply-ready (root)

A bundle is refused (and not fetched again) when its SHA-256 differs from the index or its signature is
not the pinned hub key's (``keys/bundle-signing.pub.json``, written by ``kiosk enroll``). A version that is
not newer than the running one is not even downloaded (``kiosk-update`` would refuse it: no rollbacks).

Once root has applied a newer version, the running app still has the old one's modules loaded;
``restart_due`` tells the UI (``ui/update_watch.py``) to quit when idle, and systemd starts the new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from kiosk.errors import UserFacingError
from sync import protocol
from sync.protocol import AppUpdateIndex, AppUpdateRef

from . import identity
from .identity import write_atomic
from .sender import HUB_DOWN, OFFLINE, SLOW, HubLink

log = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20  # one request: small enough that a cut on a bad line costs little
ROUND_BUDGET_BYTES = 8 << 20  # per call, so the sync thread gets back to the outbox in between
READ_BYTES = 16 << 10


class UpdateError(UserFacingError):
    code = "app_update"
    message = "县平台下发的更新包校验失败，未安装"


@dataclass(frozen=True)
class Fetch:
    """How one call ended. ``state``: none (hub has no update), current (we run it), downloading (more to
    come), ready (verified, waiting for root), refused (bad bundle; not fetched again)."""

    state: str
    version: str = ""
    have: int = 0
    size: int = 0
    fetched: int = 0  # bytes that came over the line in this call
    reason: str = ""  # plain Chinese, for the status line


class UpdateFolder:
    """``<data_dir>/updates``: file operations only."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "updates"
        self.partial, self.ready = self.root / "partial", self.root / "ready"
        self.download_file, self.result_file = self.root / "download.json", self.root / "result.json"

    def _read(self, path: Path) -> dict:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def download(self) -> dict:
        return self._read(self.download_file)

    def result(self) -> dict:
        """The last ``kiosk-update apply-ready`` outcome (installer/kiosk_update.py writes it)."""
        return self._read(self.result_file)

    def save_download(self, **state) -> None:
        write_atomic(self.download_file, json.dumps(state, ensure_ascii=False).encode(), 0o644)

    def ready_bundles(self) -> list[str]:
        return sorted(p.name for p in self.ready.glob("*.bundle")) if self.ready.is_dir() else []

    def partial_size(self, name: str) -> int:
        try:
            return (self.partial / name).stat().st_size
        except FileNotFoundError:
            return 0

    def discard_partials(self) -> None:
        for p in self.partial.glob("*.bundle") if self.partial.is_dir() else ():
            p.unlink()


def pinned_key(data_dir: Path) -> dict:
    """The hub's bundle-signing key as kiosk-update reads it; a kiosk enrolled before that file existed
    gets it here from what enrolment pinned (same key, same suite)."""
    path = identity.keys_dir(data_dir) / "bundle-signing.pub.json"
    if not path.exists():
        state = identity.load_state(Path(data_dir))
        if state is None:
            raise UpdateError(identity.EnrolError.message, detail="not enrolled: no hub key to check updates with")
        identity.write_bundle_signing_key(data_dir, state.suite, identity.read_hub_signing_key(data_dir))
    return json.loads(path.read_text())


def running_version() -> str:
    try:
        return importlib.metadata.version("village-kiosk")
    except importlib.metadata.PackageNotFoundError:
        return ""


def bundle_name(ref: AppUpdateRef) -> str:
    return f"village-kiosk-{ref.version}-{ref.suite}.bundle"


def latest(session: requests.Session, link: HubLink, suite: str) -> AppUpdateRef | None:
    try:
        resp = session.get(f"{link.url}/v1/app-update/{suite}", timeout=link.timeout_s)
        resp.raise_for_status()
        return protocol.parse(AppUpdateIndex, resp.content).latest
    except requests.exceptions.HTTPError as exc:
        raise UpdateError(HUB_DOWN, detail=str(exc)) from None
    except requests.RequestException as exc:
        raise UpdateError(OFFLINE, detail=type(exc).__name__) from None
    except protocol.ProtocolError as exc:
        raise UpdateError(HUB_DOWN, detail=exc.detail) from None


def fetch_update(session: requests.Session, link: HubLink, public_key: dict, folder: UpdateFolder, *,
                 running: str | None = None, chunk_bytes: int = CHUNK_BYTES,
                 budget_bytes: int = ROUND_BUDGET_BYTES) -> Fetch:
    """One step towards having the hub's newest bundle in ready/. Safe to call after every drained round."""
    ref = latest(session, link, public_key["suite"])
    if ref is None:
        return Fetch("none")
    running = running_version() if running is None else running
    if not protocol.app_bundle_tool().is_newer(ref.version, running):
        if ref.version != running:
            log.info("app update %s on the hub is not newer than the running %s: not fetched", ref.version, running)
        return Fetch("current", ref.version)
    known = folder.download()
    same = known.get("version") == ref.version and known.get("sha256") == ref.sha256
    if same and known.get("state") in ("ready", "refused"):
        return Fetch(known["state"], ref.version, ref.size, ref.size, reason=known.get("reason", ""))
    name = bundle_name(ref)
    if not same or folder.partial_size(name) > ref.size:
        folder.discard_partials()  # another version, or bytes of a republished one: start again
        folder.save_download(version=ref.version, sha256=ref.sha256, size=ref.size, state="downloading")
    folder.partial.mkdir(parents=True, exist_ok=True)
    have, fetched = _download(session, f"{link.url}/v1/app-update/{ref.suite}/{ref.version}", folder.partial / name,
                              ref.size, link.timeout_s, chunk_bytes, budget_bytes)
    if isinstance(have, str):  # the line failed: keep what arrived, go on next time
        return Fetch("downloading", ref.version, folder.partial_size(name), ref.size, fetched, have)
    if have < ref.size:
        return Fetch("downloading", ref.version, have, ref.size, fetched)
    try:
        _verify(folder.partial / name, ref, public_key)
    except (OSError, subprocess.TimeoutExpired) as exc:  # could not check it now: the bytes stay, try again
        log.warning("app update %s not checked yet: %s", ref.version, exc)
        return Fetch("downloading", ref.version, ref.size, ref.size, fetched, SLOW)
    except UpdateError as exc:
        log.warning("app update %s refused: %s", ref.version, exc.detail)
        (folder.partial / name).unlink()
        folder.save_download(version=ref.version, sha256=ref.sha256, size=ref.size, state="refused",
                             reason=exc.message, detail=exc.detail)
        return Fetch("refused", ref.version, 0, ref.size, fetched, exc.message)
    folder.ready.mkdir(parents=True, exist_ok=True)
    os.replace(folder.partial / name, folder.ready / name)
    identity.fsync_dir(folder.ready)
    folder.save_download(version=ref.version, sha256=ref.sha256, size=ref.size, state="ready")
    return Fetch("ready", ref.version, ref.size, ref.size, fetched)


def _download(session: requests.Session, url: str, part: Path, size: int, timeout_s: float, chunk_bytes: int,
              budget_bytes: int) -> tuple[int | str, int]:
    """Append ranges to ``part`` until complete or the budget is used: (bytes held, fetched), or
    (reason, fetched) when the line failed. Every byte that arrived is kept, even from a cut reply."""
    have, fetched = part.stat().st_size if part.exists() else 0, 0
    while have < size and fetched < budget_bytes:
        end = min(size, have + chunk_bytes) - 1
        try:
            with session.get(url, headers={"Range": f"bytes={have}-{end}"}, stream=True, timeout=timeout_s) as resp, \
                    open(part, "ab") as out:
                if resp.status_code != 206 or not resp.headers.get("content-range", "").startswith(f"bytes {have}-"):
                    return HUB_DOWN, fetched  # not the range we asked for: write nothing
                try:
                    for block in resp.iter_content(READ_BYTES):
                        block = block[: end + 1 - have]
                        out.write(block)
                        have, fetched = have + len(block), fetched + len(block)
                finally:
                    out.flush()
                    os.fsync(out.fileno())
        except requests.exceptions.Timeout:
            return SLOW, fetched
        except requests.RequestException as exc:
            log.info("app update download cut at %d of %d bytes: %s", have, size, type(exc).__name__)
            return OFFLINE, fetched
    return have, fetched


def _verify(path: Path, ref: AppUpdateRef, public_key: dict) -> None:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    if digest.hexdigest() != ref.sha256:
        raise UpdateError(detail=f"{ref.version}: SHA-256 differs from the hub's index")
    # in a child process: verifying holds the whole bundle in memory, which the app must not keep
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".pub.json") as key_file:
        json.dump(public_key, key_file)
        key_file.flush()
        proc = subprocess.run([sys.executable, protocol.app_bundle_tool().__file__, "verify", str(path),
                               "--public-key", key_file.name], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise UpdateError(detail=f"{ref.version}: {(proc.stderr or proc.stdout).strip()[-500:]}")
    if proc.stdout.strip() != f"kiosk-update: bundle OK, version {ref.version}":
        raise UpdateError(detail=f"the index says {ref.version}, the signed bundle: {proc.stdout.strip()}")


def restart_due(result: dict, started_at: dt.datetime, running: str) -> bool:
    """Has root switched the app to a newer version since this process started? ``result``: the last
    ``updates/result.json``; ``running``: the version this process loaded (read at its start: afterwards
    the venv behind ``current`` is the new one)."""
    if result.get("outcome") != "applied" or not result.get("current"):
        return False
    try:
        applied_at = dt.datetime.fromisoformat(str(result.get("at", "")))
    except ValueError:
        return False
    if applied_at.tzinfo is None or applied_at < started_at.replace(microsecond=0):
        return False
    return protocol.app_bundle_tool().is_newer(str(result["current"]), running)


# --- kiosk update status -------------------------------------------------------------------------------


def status(data_dir: Path) -> dict:
    folder = UpdateFolder(data_dir)
    download = folder.download()
    name = f"village-kiosk-{download.get('version')}-"
    have = max((folder.partial_size(p.name) for p in folder.partial.glob(f"{name}*.bundle")), default=0) \
        if folder.partial.is_dir() else 0
    return {"running": running_version(), "download": download, "have": have, "ready": folder.ready_bundles(),
            "last_result": folder.result()}


def describe(info: dict) -> list[str]:
    """The status in plain words, one line each."""
    lines = [f"当前版本 {info['running'] or '未知'}"]
    d, result = info["download"], info["last_result"]
    applied_this = result.get("version") == d.get("version") and result.get("outcome")
    if d.get("state") == "downloading":
        pct = 100 * info["have"] // max(1, d.get("size", 1))
        lines.append(f"正在下载新版本 {d['version']}：已下载 {pct}%（{info['have']}/{d['size']} 字节），断线后会接着下载")
    elif d.get("state") == "ready" and info["ready"]:
        lines.append(f"新版本 {d['version']} 已下载并校验，等待安装")
    elif d.get("state") == "refused":
        lines.append(f"县平台的新版本 {d['version']} 校验失败，未安装（{d.get('reason', '')}）")
    elif not applied_this:
        lines.append("没有待安装的更新")
    if result:
        lines.append(f"上次安装：版本 {result.get('version') or '?'} {result.get('message', '')}"
                     f"（{result.get('at', '')}，当前 {result.get('current')}）")
    return lines


def register_cli(sub) -> None:
    update = sub.add_parser("update", help="app updates from the county hub").add_subparsers(metavar="ACTION")
    st = update.add_parser("status", help="current version; downloaded / ready / applied / refused")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=cmd_update_status)


def cmd_update_status(args, ctx) -> int:
    info = status(ctx.data_dir)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, sort_keys=True))
    else:
        print("\n".join(describe(info)))
    return 0


__all__ = ("Fetch", "UpdateError", "UpdateFolder", "fetch_update", "status", "describe", "register_cli", "pinned_key",
           "restart_due", "running_version")
