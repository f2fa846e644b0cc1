"""kill -9 harness: a fork server whose children enqueue in a loop until they are killed.

Run as ``python -m tests.support.crash_forker DATA_DIR``. It imports everything once, then on each
``go`` line from stdin forks a child that opens the store and enqueues fake transactions forever,
writing ``started PID`` and then ``acknowledged PID ACCEPTANCE_NO TXN_ID`` after each *returned*
enqueue. The driver (``run_crash_cycles``) kills the child with SIGKILL at a random point, by PID.
Forking from a warm process makes hundreds of kill cycles cheap.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _child(data_dir: Path, seed: int) -> None:
    from kiosk import config as config_mod
    from kiosk.store import open_store
    from tests.support.store_kit import fake_txn

    os.write(1, f"started {os.getpid()}\n".encode())
    store = open_store(data_dir, config_mod.load(data_dir / config_mod.CONFIG_FILE))
    rng = random.Random(seed)
    for i in range(100_000):
        receipt = store.enqueue(fake_txn(i, image_bytes=rng.choice((0, 0, 2000, 20_000))))
        # one write() of a short line is atomic on a pipe: a kill leaves whole lines or none
        os.write(1, f"acknowledged {os.getpid()} {receipt.acceptance_no} {receipt.txn_id}\n".encode())
    os._exit(0)


def serve(data_dir: Path) -> None:
    import kiosk.store  # noqa: F401  (warm imports before forking)
    import tests.support.store_kit  # noqa: F401

    child = 0
    for n, line in enumerate(sys.stdin):
        if child:
            os.waitpid(child, 0)  # the driver killed it; reap before the next one
            child = 0
        if line.strip() != "go":
            break
        child = os.fork()
        if child == 0:
            try:
                _child(data_dir, n)
            finally:
                os._exit(1)
    if child:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


@dataclass
class CrashRun:
    acknowledged: dict[str, str] = field(default_factory=dict)  # acceptance_no -> txn_id
    kills: int = 0


def run_crash_cycles(data_dir: Path, cycles: int, seed: int = 1, timeout_s: float = 60.0) -> CrashRun:
    """Start the fork server, kill ``cycles`` children at random points, stop the server by PID."""
    rng = random.Random(seed)
    server = subprocess.Popen([sys.executable, "-m", "tests.support.crash_forker", str(data_dir)], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for text in server.stdout:
            lines.put(text)
        lines.put(None)

    threading.Thread(target=pump, name="crash-forker-stdout", daemon=True).start()
    run = CrashRun()
    pid = 0

    def next_line() -> str:
        text = lines.get(timeout=timeout_s)
        if text is None:
            raise RuntimeError(f"fork server exited (code {server.poll()})")
        parts = text.split()
        if parts[0] == "acknowledged":
            run.acknowledged[parts[2]] = parts[3]
        return text

    try:
        for _ in range(cycles):
            server.stdin.write("go\n")
            server.stdin.flush()
            while not (line := next_line()).startswith("started"):
                pass
            pid = int(line.split()[1])
            want = rng.choice((0, 1, 1, 2, 3, 5))  # 0: killed while opening the store
            got = 0
            while got < want:
                if next_line().split()[:2] == ["acknowledged", str(pid)]:
                    got += 1
            os.kill(pid, signal.SIGKILL)
            run.kills += 1
        pid = 0
        server.stdin.write("quit\n")
        server.stdin.close()
        server.wait(timeout=timeout_s)
        while (text := lines.get(timeout=timeout_s)) is not None:  # lines written just before the last kill
            parts = text.split()
            if parts[0] == "acknowledged":
                run.acknowledged[parts[2]] = parts[3]
    finally:
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)  # a child left alive by an error above
            except ProcessLookupError:
                pass
        if server.poll() is None:
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    return run


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
