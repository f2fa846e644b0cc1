"""A private PC/SC stack for tests: pcscd + vsmartcard-vpcd + our virtual 社保卡, isolated in namespaces.

    with pcsc_stack() as stack:              # or the ``pcsc`` pytest fixture (session scope)
        stack.insert("rare")                 # a profile key from drivers.card.virtual_card.profiles
        stack.wait_card(present=True)
        ... PcscCardReader(..., reader=stack.reader) ...
        stack.remove(); stack.swap("v3"); stack.restart_pcscd()

Shape (reference/smartcard.md §3.5, recipe B+C): a holder process made by ``unshare --net --mount`` keeps
a network namespace with only ``lo`` (vpcd binds 0.0.0.0:35963 there, reachable by nothing else) and a
mount namespace with a tmpfs on /run/pcscd (no clash with a host pcscd). pcscd runs in it through
``nsenter``, with a private reader.conf.d. This process reaches pcscd through PCSCLITE_CSOCK_NAME pointing
into the holder's root, and the virtual card's sockets are created inside the namespace with setns(2)
from a short-lived thread. Every process is stopped by PID. Needs root (CI is root); else skipped.

One stack at a time per process (libpcsclite fixes its socket path at first use).

Run a command inside the stack by hand (e.g. the CLI against a chosen card):
    .venv/bin/python -m tests.support.pcsc --profile rare -- kiosk card read --reader "Virtual PCD 00 00"
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from drivers.card.virtual_card import profile
from drivers.card.virtual_card.card import VirtualCard
from drivers.card.virtual_card.vpcd_link import VPCD_PORT, VpcdSlot

VPCD_LIB = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so.0.8"
FRIENDLY_NAME = "Virtual PCD"
READER = f"{FRIENDLY_NAME} 00 00"
SECOND_READER = f"{FRIENDLY_NAME} 00 01"
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
SOCKET_LINK_DIR = Path(tempfile.gettempdir()) / f"kiosk-pcsc-{os.getpid()}"
START_TIMEOUT_S = 10.0


def missing_requirements() -> str:
    """Why the stack cannot run here, or "" when it can."""
    if os.geteuid() != 0:
        return "needs root for unshare --net --mount"
    for tool in ("unshare", "nsenter", "pcscd", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} not installed"
    if not Path(VPCD_LIB).exists():
        return f"vsmartcard-vpcd not installed ({VPCD_LIB})"
    try:
        import smartcard.scard  # noqa: F401
    except ImportError:
        return "pyscard not installed"
    return ""


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the test process dies, so no pcscd is left behind."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def socket_in_netns(netns: str) -> socket.socket:
    """A TCP socket created inside ``netns``; the namespace switch happens on a throwaway thread."""
    libc = ctypes.CDLL(None, use_errno=True)
    result: dict[str, object] = {}

    def work() -> None:
        own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        target = os.open(netns, os.O_RDONLY)
        try:
            if libc.setns(target, CLONE_NEWNET) != 0:
                result["error"] = OSError(ctypes.get_errno(), "setns failed")
                return
            try:
                result["sock"] = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            finally:
                libc.setns(own, CLONE_NEWNET)
        finally:
            os.close(own)
            os.close(target)

    t = threading.Thread(target=work, name="pcsc-netns")
    t.start()
    t.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["sock"]  # type: ignore[return-value]


def wait_until(predicate, timeout: float, interval: float = 0.005) -> bool:
    """Poll a condition that has no event to wait on (a file appearing), bounded by ``timeout``."""
    tick = threading.Event()
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        tick.wait(interval)
    return True


class _LineWaiter:
    """Drains a process's output on a thread and lets callers wait for a line containing some text."""

    def __init__(self, stream, name: str):
        self.lines: deque[str] = deque(maxlen=200)
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._drain, args=(stream,), name=name, daemon=True)
        self._thread.start()

    def _drain(self, stream) -> None:
        for raw in stream:
            with self._cond:
                self.lines.append(raw.decode(errors="replace").rstrip())
                self._cond.notify_all()
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def wait_for(self, text: str, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._closed or any(text in line for line in self.lines), timeout) \
                and any(text in line for line in self.lines)

    def clear(self) -> None:
        with self._cond:
            self.lines.clear()


class PcscStack:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.reader = READER
        self.holder: subprocess.Popen | None = None
        self.pcscd: subprocess.Popen | None = None
        self._pcscd_log: _LineWaiter | None = None
        conf = workdir / "reader.conf.d"
        conf.mkdir()
        (conf / "vpcd").write_text(
            f'FRIENDLYNAME "{FRIENDLY_NAME}"\nDEVICENAME /dev/null:0x{VPCD_PORT:04X}\n'
            f"LIBPATH {VPCD_LIB}\nCHANNELID 0x{VPCD_PORT:04X}\n"
        )
        self.conf_dir = conf
        self.slots: list[VpcdSlot] = []
        self.socket_path = ""
        self._previous_env: str | None = None

    # --- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        os.makedirs("/run/pcscd", exist_ok=True)  # the mount point; the tmpfs on it is private
        script = (
            "ip link set lo up && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd && echo ready && exec cat"
        )
        self.holder = subprocess.Popen(
            ["unshare", "--net", "--mount", "--propagation", "private", "sh", "-c", script],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
        )
        ready = self.holder.stdout.readline()  # type: ignore[union-attr]
        if ready.strip() != b"ready":
            raise RuntimeError(f"namespace holder failed: {ready!r}")
        # libpcsclite reads PCSCLITE_CSOCK_NAME once per process, so every stack of this process uses
        # the same path: a symlink into the current holder's private /run/pcscd
        link = SOCKET_LINK_DIR / "pcscd.comm"
        SOCKET_LINK_DIR.mkdir(exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(f"/proc/{self.holder.pid}/root/run/pcscd/pcscd.comm")
        self.socket_path = str(link)
        self._previous_env = os.environ.get("PCSCLITE_CSOCK_NAME")
        os.environ["PCSCLITE_CSOCK_NAME"] = self.socket_path
        netns = f"/proc/{self.holder.pid}/ns/net"
        self.slots = [
            VpcdSlot(VPCD_PORT + i, make_socket=lambda: socket_in_netns(netns)) for i in range(2)
        ]
        self.start_pcscd()

    def start_pcscd(self) -> None:
        assert self.holder is not None
        self.pcscd = subprocess.Popen(
            self.inside(["pcscd", "--foreground", "--info", "-c", str(self.conf_dir)]),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
        )
        self._pcscd_log = _LineWaiter(self.pcscd.stdout, "pcscd-log")
        if not self._pcscd_log.wait_for("daemon ready", START_TIMEOUT_S):
            raise RuntimeError("pcscd did not start:\n" + "\n".join(self._pcscd_log.lines))
        # pcscd logs "ready" a few ms before its socket exists; wait for the socket itself
        if not wait_until(lambda: os.path.exists(self.socket_path), START_TIMEOUT_S):
            raise RuntimeError("pcscd socket did not appear")

    def stop_pcscd(self) -> None:
        proc, self.pcscd = self.pcscd, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # pcscd cleans /run/pcscd on SIGTERM
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def restart_pcscd(self) -> None:
        self.stop_pcscd()
        self.start_pcscd()

    def close(self) -> None:
        for slot in self.slots:
            slot.remove()
        self.stop_pcscd()
        if self.holder is not None:
            self.holder.stdin.close()  # type: ignore[union-attr]  # ends `cat`, and with it the namespaces
            try:
                self.holder.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.holder.kill()
                self.holder.wait()
            self.holder = None
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                SOCKET_LINK_DIR.rmdir()
            if self._previous_env is None:
                os.environ.pop("PCSCLITE_CSOCK_NAME", None)
            else:
                os.environ["PCSCLITE_CSOCK_NAME"] = self._previous_env

    # --- helpers for tests -------------------------------------------------------------------------

    def inside(self, argv: list[str]) -> list[str]:
        """``argv`` run in the stack's namespaces (for opensc-tool, pcsc_scan, the kiosk CLI)."""
        assert self.holder is not None
        return ["nsenter", "-t", str(self.holder.pid), "-n", "-m", f"--wd={os.getcwd()}", *argv]

    def kiosk_cli(self, data_dir: Path, *args: str) -> str:
        """stdout of ``kiosk --data-dir DATA_DIR ARGS…`` talking to this stack's pcscd (fails on a non-zero exit)."""
        argv = [sys.executable, "-m", "kiosk.cli.main", "--data-dir", str(data_dir), *args]
        env = dict(os.environ, PCSCLITE_CSOCK_NAME=self.socket_path)
        return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=30, check=True).stdout

    def insert(self, key: str, slot: int = 0, **changes) -> VirtualCard:
        return self.slots[slot].insert(profile(key, **changes))

    def remove(self, slot: int = 0) -> None:
        self.slots[slot].remove()

    def swap(self, key: str, slot: int = 0, **changes) -> VirtualCard:
        return self.slots[slot].swap(profile(key, **changes))

    def wait_card(self, present: bool, reader: str | None = None, timeout: float = 5.0) -> bool:
        """Wait on pcscd's own state change (SCardGetStatusChange) until the slot is (not) present."""
        from smartcard import scard

        reader = reader or self.reader
        hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            return False
        try:
            states = [(reader, scard.SCARD_STATE_UNAWARE)]
            remaining_ms = int(timeout * 1000)
            while remaining_ms > 0:
                hresult, states = scard.SCardGetStatusChange(ctx, min(remaining_ms, 500), states)
                remaining_ms -= 500
                if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
                    continue
                event = states[0][1]
                if bool(event & scard.SCARD_STATE_PRESENT) == present and not event & scard.SCARD_STATE_UNKNOWN:
                    return True
                states = [(reader, event & ~scard.SCARD_STATE_CHANGED)]
            return False
        finally:
            scard.SCardReleaseContext(ctx)


@contextlib.contextmanager
def pcsc_stack() -> Iterator[PcscStack]:
    with tempfile.TemporaryDirectory(prefix="kiosk-pcsc-") as tmp:
        stack = PcscStack(Path(tmp))
        try:
            stack.start()
            yield stack
        finally:
            stack.close()


try:
    import pytest
except ImportError:  # used as a script without pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture(scope="session")
    def pcsc() -> Iterator[PcscStack]:
        """The session's private PC/SC stack; tests insert/remove cards and leave slots empty."""
        why = missing_requirements()
        if why:
            pytest.skip(f"PC/SC stack unavailable: {why}")
        with pcsc_stack() as stack:
            yield stack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run a command inside a private pcscd + virtual card stack")
    parser.add_argument("--profile", default="rare", help="card profile to insert (default: rare)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command and arguments")
    args = parser.parse_args(argv)
    command = [c for c in args.command if c != "--"] or ["pcsc_scan", "-r"]
    why = missing_requirements()
    if why:
        print(f"cannot start the stack: {why}", file=sys.stderr)
        return 2
    with pcsc_stack() as stack:
        stack.insert(args.profile)
        stack.wait_card(present=True)
        return subprocess.call(stack.inside(command))


if __name__ == "__main__":
    sys.exit(main())
