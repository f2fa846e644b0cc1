"""A real county hub for tests: ``kiosk-hub serve`` under uvicorn on a loopback port, stopped by PID.

The listening socket is made here and handed to the hub process, so the port stays the same across a
``restart()`` (connections made while it restarts wait in the backlog, as with socket activation).

    with running_hub(tmp_path / "hub") as hub:
        token = hub.token("示范村")
        ... hub.url, hub.cert_file, hub.cli("applications", "list", "--json")

Other test packages (the UI's) can use ``running_hub`` directly or the ``hub`` fixture in
tests/sync/conftest.py as a template.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from kiosk.processes import stop_process
from sync.hub.serving import wait_until_serving

HUB = [sys.executable, "-m", "sync.hub.cli"]
REPO = Path(__file__).resolve().parents[2]


class HubProcess:
    def __init__(self, folder: Path, db_url: str | None = None):
        self.folder = Path(folder)
        self.db_url = db_url
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.sock.set_inheritable(True)
        self.port = self.sock.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_file = self.folder / "hub.log"

    @property
    def cert_file(self) -> Path:
        return self.folder / "keys" / "tls-cert.pem"

    def _base(self) -> list[str]:
        cmd = [*HUB, "--data-dir", str(self.folder)]
        if self.db_url:
            cmd += ["--db", self.db_url]
        return cmd

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self._base(), *args], capture_output=True, text=True, timeout=60, check=check,
                              cwd=REPO)

    def token(self, village: str = "示范村") -> str:
        return self.cli("token", "create", "--village", village).stdout.strip()

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.cert_file.exists():
            self.cli("init")
        log = open(self.log_file, "ab")  # noqa: SIM115 - closed by the child's exit
        self.proc = subprocess.Popen([*self._base(), "serve", "--fd", str(self.sock.fileno())],
                                     pass_fds=(self.sock.fileno(),), stdout=log, stderr=log, cwd=REPO)
        log.close()
        self.wait_ready()

    def wait_ready(self, timeout: float = 30.0) -> None:
        wait_until_serving(self.url, self.cert_file, self.proc, self.log_file, timeout)

    def stop(self) -> None:
        """Stop this hub process (by its PID), SIGTERM then SIGKILL."""
        stop_process(self.proc)
        self.proc = None

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, 9)
            self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        self.sock.close()


@contextlib.contextmanager
def running_hub(folder: Path, db_url: str | None = None) -> Iterator[HubProcess]:
    hub = HubProcess(folder, db_url)
    try:
        hub.start()
        yield hub
    finally:
        hub.close()
