"""/usr/bin/kiosk, the wrapper the package ships: root's `kiosk init` / `kiosk enroll` run as user kiosk, so
every file in the data dir is the app's (the app, user kiosk under ProtectSystem=strict, could not open
root's files), and a successful `kiosk enroll` pins the hub's bundle-signing key as root
(`kiosk-update trust-enrolled-key`). Other users run the app's kiosk directly.

The wrapper runs for real, as root, against this repo's kiosk and a real hub on loopback. Its test-only
settings (KIOSK_WRAPPER_TARGET / _USER / _UPDATE, documented in the wrapper) point it at them and at
user `nobody` instead of `kiosk`, which this host does not have.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support.hub import REPO, HubProcess

WRAPPER = REPO / "installer/files/usr/bin/kiosk"
NOBODY = pwd.getpwnam("nobody")

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("runuser") is None,
                                reason="needs root and runuser")


@pytest.fixture
def shared(tmp_path):
    """A folder user nobody can reach (pytest's own tmp dirs are root's, mode 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-wrapper-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def data_dir(shared) -> Path:
    """As systemd-tmpfiles makes /var/lib/village-kiosk: the kiosk user's, 0750."""
    d = shared / "var-lib-village-kiosk"
    d.mkdir(mode=0o750)
    os.chown(d, NOBODY.pw_uid, NOBODY.pw_gid)
    return d


def wrapper_env(shared: Path, target: str | Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_DATA_DIR"}
    update = shared / "kiosk-update"  # /usr/sbin/kiosk-update, with the pin in a test folder
    update.write_text(f'#!/bin/sh\nexec {sys.executable} {REPO}/installer/kiosk_update.py "$@" '
                      f'--pinned-key {shared}/etc/bundle-signing.pub.json\n')
    update.chmod(0o755)
    return env | {"KIOSK_WRAPPER_TARGET": str(target), "KIOSK_WRAPPER_USER": "nobody",
                  "KIOSK_WRAPPER_UPDATE": str(update)} | extra


def run_wrapper(env: dict, *args: str, as_user: str | None = None) -> subprocess.CompletedProcess[str]:
    argv = ["sh", str(WRAPPER), *args]
    if as_user:
        argv = ["runuser", "-u", as_user, "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False)


def run_wrapper_with_this_python(shared: Path, env: dict, *args: str) -> subprocess.CompletedProcess[str]:
    """As ``run_wrapper``, where user nobody can run this venv's interpreter. A pyenv Python under /root
    (mode 0700) cannot be, so in a private mount namespace a tmpfs covers the closed folder and the
    interpreter's prefix is bind-mounted back at its own path: nothing changes outside."""
    base = Path(sys.base_prefix).resolve()
    closed = next((p for p in reversed(base.parents) if not os.stat(p).st_mode & 0o001), None)
    if closed is None:
        return run_wrapper(env, *args)
    stash = shared / "interpreter"
    stash.mkdir()
    script = (f'set -e; mount --bind "{base}" "{stash}"; mount -t tmpfs -o mode=0755 tmpfs "{closed}"; '
              f'mkdir -p "{base}"; mount --bind "{stash}" "{base}"; exec sh "{WRAPPER}" "$@"')
    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "wrapper",
                               *args], capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False)
    finally:
        stash.rmdir()


def owners(folder: Path) -> dict[str, int]:
    """Every path under ``folder`` (itself included) → its owner's uid."""
    return {str(p.relative_to(folder)): p.lstat().st_uid for p in [folder, *folder.rglob("*")]}


def test_root_runs_as_the_kiosk_user_with_the_terminal_data_dir_and_others_run_directly(shared):
    probe = shared / "probe"
    probe.write_text('#!/bin/sh\necho "$(id -u) $KIOSK_DATA_DIR $#:$*"\n')
    probe.chmod(0o755)
    env = wrapper_env(shared, probe)
    as_root = run_wrapper(env, "--data-dir", "/x y", "queue", "stats", "村 名")
    assert as_root.returncode == 0, as_root.stderr
    assert as_root.stdout == f"{NOBODY.pw_uid} /var/lib/village-kiosk 5:--data-dir /x y queue stats 村 名\n"
    mine = run_wrapper(env | {"KIOSK_DATA_DIR": "/elsewhere"}, "diag", as_user="nobody")
    assert mine.returncode == 0, mine.stderr  # as root's wrapper would, runuser would fail for nobody
    assert mine.stdout == f"{NOBODY.pw_uid} /elsewhere 1:diag\n"
    probe.write_text("#!/bin/sh\nexit 7\n")
    assert run_wrapper(env, "diag").returncode == 7  # the command's own exit status


def test_root_init_and_enroll_leave_only_kiosk_owned_files_and_pin_the_key_as_root(shared, data_dir, tmp_path):
    hub = HubProcess(tmp_path / "hub")
    hub.start()
    try:
        env = wrapper_env(shared, REPO / ".venv/bin/kiosk", KIOSK_DATA_DIR=str(data_dir))
        pin = shared / "etc/bundle-signing.pub.json"
        init = run_wrapper_with_this_python(shared, env, "init", "--suite", "intl")
        assert init.returncode == 0, init.stderr
        bad = run_wrapper_with_this_python(shared, env, "enroll", "--hub", hub.url, "--token", "not-a-valid-token", "--suite", "intl")
        assert bad.returncode != 0 and not pin.exists()  # a failed enrolment pins nothing
        enrolled = run_wrapper_with_this_python(shared, env, "enroll", "--hub", hub.url, "--token", hub.token(), "--suite", "intl")
    finally:
        hub.close()
    assert enrolled.returncode == 0, enrolled.stderr
    assert "已注册到县平台" in enrolled.stdout and "已信任县平台的更新签名密钥" in enrolled.stdout
    made = owners(data_dir)
    assert {"config.toml", "keys", "keys/bundle-signing.pub.json"} <= set(made)
    assert {path: uid for path, uid in made.items() if uid != NOBODY.pw_uid} == {}  # nothing of root's
    assert pin.stat().st_uid == 0 and pin.stat().st_mode & 0o777 == 0o644
    assert json.loads(pin.read_text()) == json.loads((data_dir / "keys/bundle-signing.pub.json").read_text())
