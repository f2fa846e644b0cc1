"""stop_process: SIGTERM first, SIGKILL for a child that ignores it, nothing for one already gone."""

import signal
import subprocess
import sys

from kiosk.processes import stop_process

CHILD = "import signal, sys, time\n{}\nprint('ready', flush=True)\ntime.sleep(60)\n"


def start(ignore_term: bool) -> subprocess.Popen:
    setup = "signal.signal(signal.SIGTERM, signal.SIG_IGN)" if ignore_term else ""
    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(setup)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"  # its handler is in place before we signal it
    return proc


def test_a_polite_child_ends_on_sigterm():
    proc = start(ignore_term=False)
    stop_process(proc, timeout_s=10)
    assert proc.returncode == -signal.SIGTERM


def test_a_child_ignoring_sigterm_is_killed():
    proc = start(ignore_term=True)
    stop_process(proc, timeout_s=0.5)
    assert proc.returncode == -signal.SIGKILL


def test_gone_or_absent_is_fine():
    proc = start(ignore_term=False)
    proc.kill()
    proc.wait(5)
    stop_process(proc)
    stop_process(None)
    assert proc.returncode == -signal.SIGKILL
