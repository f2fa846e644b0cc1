"""The update units as shipped: the app's ExecStartPre health-checks a version on trial as user kiosk
(root never runs `kiosk diag` on the kiosk's store), and village-kiosk-update.service applies with root's
pinned key and restarts nothing (the app restarts itself when idle: ui/update_watch.py).
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil

import pytest

from tests.installer.test_update_bundle import REPO, kiosk_update

UNITS = REPO / "installer/files/usr/lib/systemd/system"


def unit_command(unit: str, key: str) -> list[str]:
    """The command line of ``key`` (ExecStart, ExecStartPre), continuation lines joined."""
    text = (UNITS / unit).read_text().replace("\\\n", " ")
    (line,) = re.findall(rf"^{key}=(.*)$", text, re.M)
    return shlex.split(line)


def test_the_kiosk_service_health_checks_as_user_kiosk():
    assert unit_command("village-kiosk.service", "ExecStartPre") == [
        "+/usr/sbin/kiosk-update", "confirm-or-rollback", "--run-as", "kiosk"]


def test_the_update_service_uses_the_pin_and_restarts_nothing(tmp_path):
    argv = unit_command("village-kiosk-update.service", "ExecStart")
    assert argv[:2] == ["/usr/sbin/kiosk-update", "apply-ready"]
    assert "--restart-unit" not in argv and "systemctl" not in " ".join(argv)
    assert argv[argv.index("--pinned-key") + 1] == "/etc/village-kiosk/bundle-signing.pub.json"
    assert argv[argv.index("--run-as") + 1] == "kiosk"
    text = (UNITS / "village-kiosk-update.service").read_text()
    assert not re.search(r"^ExecStart(Post)?=.*(systemctl|restart)", text, re.M)
    # the unit's own arguments parse (an option kiosk-update no longer knows would exit 2 here)
    data_dir = tmp_path / "data"
    (data_dir / "updates/ready").mkdir(parents=True)
    args = [str(data_dir) if a == "/var/lib/village-kiosk" else a for a in argv[2:]]
    assert kiosk_update.main(["--root", str(tmp_path / "opt"), "apply-ready", *args]) == 0


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("runuser") is None, reason="needs root and runuser")
def test_confirm_or_rollback_runs_the_health_check_as_the_given_user(tmp_path):
    """The health command passes only when it does not run as root: as root the trial rolls back."""
    root = tmp_path / "opt"
    for version in ("1.0", "1.1"):
        (root / f"versions/{version}").mkdir(parents=True)
        (root / f"versions/{version}/COMPLETE").write_text(version)
    tree = kiosk_update.AppTree(root)
    tree.switch("1.0")
    nobody = pwd.getpwnam("nobody").pw_uid
    health = ["sh", "-c", f'test "$(id -u)" = {nobody}']

    tree.start_trial("1.1")
    assert tree.confirm_or_rollback(health, run_as="nobody") is True
    assert tree.current_version() == "1.1" and "pending" not in tree.state()

    tree.start_trial("1.0")  # the same check run by root fails: back to 1.1
    assert tree.confirm_or_rollback(health) is False
    assert tree.current_version() == "1.1" and tree.state()["bad"] == ["1.0"]
