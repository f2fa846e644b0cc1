"""A private cupsd for tests: temp dirs, a Unix socket of its own, a PDF-writing backend, stopped by PID.

Usage in a test module::

    from tests.support.cups import private_cups  # noqa: F401  (the fixture)

    def test_x(private_cups):
        queue = private_cups.add_queue("kiosk")
        ... CupsPrinter(queue.name, server=private_cups.server) ...
        pdf = queue.wait_for_output(job_number)

The backend ``kioskpdf:/dir`` writes each job's bytes to ``dir/job-<n>.pdf`` (the queue is raw, so those
are exactly the bytes the kiosk sent). ``queue.inject_fault("media-empty")`` makes the next job fail
the way a real USB receipt printer's backend does: it reports ``media-empty-error`` and stops the queue.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from drivers.printer.lpstat import job_ids
from kiosk.processes import stop_process

CUPSD = "/usr/sbin/cupsd"
START_TIMEOUT_S = 15.0

_BACKEND = r"""#!/bin/sh
# kioskpdf backend (tests only): argv = job-id user title copies options [file]
if [ $# -eq 0 ]; then echo 'direct kioskpdf "Unknown" "Kiosk test PDF backend"'; exit 0; fi
dir="${DEVICE_URI#kioskpdf:}"
if [ -s "$dir/FAULT" ]; then
  case "$(cat "$dir/FAULT")" in
    media-empty) echo "STATE: +media-empty-error" >&2; echo "ERROR: Out of paper" >&2 ;;
    offline) echo "STATE: +offline-report" >&2; echo "ERROR: Printer not responding" >&2 ;;
    *) echo "STATE: +other-error" >&2; echo "ERROR: Printer fault" >&2 ;;
  esac
  exit 4  # CUPS_BACKEND_STOP: the scheduler stops the queue, as for a real printer fault
fi
if [ $# -ge 6 ]; then cat "$6" > "$dir/job-$1.part"; else cat > "$dir/job-$1.part"; fi
mv "$dir/job-$1.part" "$dir/job-$1.pdf"
exit 0
"""

_CUPSD_CONF = """\
Listen {socket}
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
MaxJobs 100
PreserveJobFiles No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

_CUPS_FILES_CONF = """\
ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/spool
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
ServerBin {root}/serverbin
DataDir /usr/share/cups
SystemGroup root
"""


def _wait_for(predicate, timeout_s: float, what: str, poll_s: float = 0.05) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout_s}s waiting for {what}")
        time.sleep(poll_s)


@dataclass
class TestQueue:
    name: str
    out_dir: Path
    cups: PrivateCups

    def inject_fault(self, fault: str | None) -> None:
        """"media-empty", "offline", "other", or None to clear."""
        fault_file = self.out_dir / "FAULT"
        if fault is None:
            fault_file.unlink(missing_ok=True)
        else:
            fault_file.write_text(fault)

    def outputs(self) -> list[Path]:
        return sorted(self.out_dir.glob("job-*.pdf"))

    def wait_for_output(self, job_id: str, timeout_s: float = 20.0) -> bytes:
        number = job_id.rsplit("-", 1)[-1]
        target = self.out_dir / f"job-{number}.pdf"
        _wait_for(target.exists, timeout_s, f"{target.name} from the backend")
        return target.read_bytes()


class PrivateCups:
    def __init__(self, root: Path):
        self.root = root
        self.server = str(root / "cups.sock")
        self._proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return dict(os.environ, CUPS_SERVER=self.server, LANG="C", LC_ALL="C")

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, env=self.env(), capture_output=True, text=True, timeout=30, check=False)

    def start(self) -> None:
        root = self.root
        for sub in ("spool", "cache", "state", "log", "ppd", "serverbin/backend"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        for sub in os.listdir("/usr/lib/cups"):
            if sub != "backend":
                os.symlink(f"/usr/lib/cups/{sub}", root / "serverbin" / sub)
        backend = root / "serverbin/backend/kioskpdf"
        backend.write_text(_BACKEND)
        backend.chmod(0o700)  # owner-only: cupsd runs it as root, like the usb backend
        (root / "cupsd.conf").write_text(_CUPSD_CONF.format(socket=self.server))
        (root / "cups-files.conf").write_text(_CUPS_FILES_CONF.format(root=root))
        log = (root / "log/cupsd.out").open("wb")
        self._proc = subprocess.Popen(
            [CUPSD, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        _wait_for(self._answers, START_TIMEOUT_S, "cupsd to answer on its socket", poll_s=0.1)

    def _answers(self) -> bool:
        if self._proc is not None and self._proc.poll() is not None:
            raise RuntimeError(f"cupsd exited with {self._proc.returncode}: {self.error_log()[-2000:]}")
        return os.path.exists(self.server) and "is running" in self.run("lpstat", "-r").stdout

    def add_queue(self, name: str) -> TestQueue:
        out_dir = self.root / "out" / name
        out_dir.mkdir(parents=True)
        proc = self.run("lpadmin", "-p", name, "-E", "-v", f"kioskpdf:{out_dir}", "-m", "raw")
        if proc.returncode != 0:
            raise RuntimeError(f"lpadmin failed: {proc.stderr}")
        return TestQueue(name, out_dir, self)

    def error_log(self) -> str:
        path = self.root / "log/error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        stop_process(self._proc)
        self._proc = None


def cupsd_available() -> bool:
    return os.path.exists(CUPSD) and shutil.which("lpadmin") is not None and os.geteuid() == 0


@pytest.fixture
def private_cups() -> Iterator[PrivateCups]:
    if not cupsd_available():
        pytest.skip("needs cupsd + cups-client and root (scripts/setup.sh installs them)")
    # a short path under /tmp: the socket path must fit in sun_path (108 bytes)
    root = Path(tempfile.mkdtemp(prefix="kcups-"))
    cups = PrivateCups(root)
    try:
        cups.start()
        yield cups
    finally:
        cups.stop()
        shutil.rmtree(root, ignore_errors=True)


# --- checking what came out ------------------------------------------------------------------------


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_qr_values(pdf: bytes, tmp_path: Path, dpi: int = 150) -> list[str]:
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp_path / "page")], check=True)
    values = []
    for page in sorted(tmp_path.glob("page*.png")):
        values += [symbol.data.decode("ascii") for symbol in decode(Image.open(page))]
    return values


def pdf_fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def job_ids_pending(cups: PrivateCups, queue: str) -> set[str]:
    return job_ids(cups.run("lpstat", "-W", "not-completed", "-o", queue).stdout)
