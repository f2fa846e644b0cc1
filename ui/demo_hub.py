"""The county hub for ``make demo``: a real ``kiosk-hub serve`` (SQLite, HTTPS) on loopback, so the demo is
whole on one machine — the kiosk enrols to it, the sync client sends to it, 我的查询 asks it.

"断开网络" on the demo panel stops the hub process and closes its port (the kiosk then sees a refused
connection, as on a village line that is down); "恢复网络" starts it again on the same port.
Nothing here is used by a production kiosk, which talks to the county's own hub.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import socket
import subprocess
import sys
from pathlib import Path

from kiosk.processes import stop_process
from sync.hub.serving import wait_until_serving

log = logging.getLogger(__name__)

HUB = [sys.executable, "-m", "sync.hub.cli"]
ASSETS = Path(__file__).resolve().parents[1] / "assets"
DEFAULT_PORT = 18443
VILLAGE = "示范村"


def _die_with_parent() -> None:
    """In the hub child before exec: SIGTERM when the demo dies, however it dies (Linux prctl)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


class DemoHub:
    def __init__(self, folder: Path, port: int = DEFAULT_PORT):
        self.folder = Path(folder)
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def cert_file(self) -> Path:
        return self.folder / "keys" / "tls-cert.pem"

    def cli(self, *args: str) -> str:
        done = subprocess.run([*HUB, "--data-dir", str(self.folder), *args], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"kiosk-hub {args[0]} failed: {done.stderr.strip()[-500:]}")
        return done.stdout

    def prepare(self) -> None:
        """First run: keys, database, and the fake villagers' records for 我的查询."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.cert_file.exists():
            self.cli("init")
        marker = self.folder / ".demo-content-published"
        if marker.exists():
            return
        self.cli("records", "import", str(ASSETS / "queries" / "demo-records.json"))
        catalog = self.folder / "catalog-export.json"
        subprocess.run([sys.executable, "-m", "kiosk.cli.main", "catalog", "export", str(catalog)], check=True,
                       capture_output=True, timeout=120)
        self.cli("bundle", "publish", "--kind", "catalog", str(catalog))
        for kind in ("jobs", "policy", "notices"):  # demo content, marked as such in its text
            self.cli("bundle", "publish", "--kind", kind, str(ASSETS / "demo" / f"{kind}.json"))
        # the county's card register, for the fake villagers' cards: an offline 3.0 card session is
        # confirmed (or flagged) against it when the application arrives
        from drivers.card.virtual_card.profiles import PROFILES

        for card_number, id_number in sorted({(p.villager.card_number, p.villager.id_number)
                                              for p in PROFILES.values() if p.villager is not None and p.villager.card_number}):
            self.cli("cards", "add", card_number, id_number)
        marker.touch()

    def start(self, timeout_s: float = 30.0) -> None:
        self.prepare()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind(("127.0.0.1", self.port))
        except OSError:
            self.sock.bind(("127.0.0.1", 0))  # the usual port is taken: any free one (the kiosk re-enrols)
        self.port = self.sock.getsockname()[1]
        self.sock.listen(128)
        self.sock.set_inheritable(True)
        log_file = open(self.folder / "hub.log", "ab")  # noqa: SIM115 - the child keeps it
        self.proc = subprocess.Popen(
            [*HUB, "--data-dir", str(self.folder), "serve", "--fd", str(self.sock.fileno()),
             "--crypto-provider", "reference-test"],
            pass_fds=(self.sock.fileno(),), stdout=log_file, stderr=log_file, preexec_fn=_die_with_parent)
        log_file.close()
        wait_until_serving(self.url, self.cert_file, self.proc, self.folder / "hub.log", timeout_s)
        log.info("demo hub at %s (pid %s)", self.url, self.proc.pid)

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc = None
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def enrol_demo_kiosk(hub: DemoHub, data_dir: Path, suite: str) -> None:
    """Enrol the demo kiosk to the demo hub, again whenever the hub's address changed."""
    from sync.client import identity

    state = identity.load_state(data_dir)
    if state is None or state.hub_url != hub.url:
        token = hub.cli("token", "create", "--village", VILLAGE).strip()
        identity.enrol(data_dir, hub.url, token, suite)
        log.info("demo kiosk enrolled to %s", hub.url)
    from kiosk import config as config_mod
    from kiosk.store import DB_FILE, open_store

    if not (data_dir / DB_FILE).exists():
        open_store(data_dir, config_mod.load(data_dir / config_mod.CONFIG_FILE), create=True).close()
    # first exchange before the app starts: send what waits, fetch the catalog/jobs/policy/notices bundles
    done = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "--data-dir", str(data_dir), "sync", "now"],
                          capture_output=True, text=True, timeout=120)
    log.info("demo first sync: %s", (done.stdout or done.stderr).strip().replace("\n", "; ")[-300:])
