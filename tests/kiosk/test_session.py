import subprocess
import sys
from types import SimpleNamespace

from kiosk.domain import Holder
from kiosk.session import (
    SESSION_PREFIX,
    CitizenSession,
    IdlePolicy,
    IdleState,
    IdleTimer,
    sweep_abandoned_sessions,
)

HOLDER = Holder(id_number="110101199003071234", name="王𠮷华")


def test_idle_warns_then_expires():
    timer = IdleTimer(IdlePolicy(warning_after_s=60, countdown_s=30), now=0)
    assert timer.state(59.9) is IdleState.ACTIVE
    assert timer.state(60) is IdleState.WARNING
    assert timer.seconds_left(60) == 30
    assert timer.seconds_left(60.5) == 30  # rounded up
    assert timer.state(90) is IdleState.EXPIRED


def test_touch_restarts_only_while_active():
    timer = IdleTimer(IdlePolicy(60, 30), now=0)
    timer.touch(50)
    assert timer.state(100) is IdleState.ACTIVE
    timer.touch(115)  # warning since 110: a stray touch does not extend
    assert timer.state(141) is IdleState.EXPIRED


def test_extend_at_least_ten_times_then_refuses():
    timer = IdleTimer(IdlePolicy(60, 30), now=0)
    now = 0.0
    for _ in range(10):
        now += 70
        assert timer.state(now) is IdleState.WARNING
        assert timer.extend(now)
        assert timer.state(now) is IdleState.ACTIVE
    assert not timer.extend(now + 70)


def test_policy_elder_mode_is_longer_and_countdown_at_least_20s():
    section = SimpleNamespace(idle_warning_s=90, idle_countdown_s=10, elder_idle_factor=2.0)
    normal = IdlePolicy.from_config(section, elder_mode=False)
    elder = IdlePolicy.from_config(section, elder_mode=True)
    assert normal.countdown_s == 20
    assert elder.warning_after_s == 180 and elder.countdown_s == 20


def test_wipe_forgets_everything_and_deletes_temp_files(tmp_path):
    session = CitizenSession(HOLDER, temp_root=tmp_path)
    session.start_service("CODE1")
    session.form_values["name"] = HOLDER.name
    session.materials["id_card_front"] = [b"jpeg"]
    session.signature_png = b"png"
    photo = session.temp_file("frame.jpg")
    photo.write_bytes(b"secret image")
    assert session.has_unsaved_work
    session.wipe()
    assert session.holder is None and not session.form_values and not session.materials
    assert not session.signature_png and not session.has_unsaved_work
    assert not photo.exists() and list(tmp_path.iterdir()) == []
    assert "𠮷" not in repr(session)


def test_clear_service_keeps_the_card():
    session = CitizenSession(HOLDER)
    try:
        session.start_service("A")
        session.form_values["x"] = "1"
        session.start_service("B")
        assert session.holder is HOLDER and session.form_values == {} and session.service_code == "B"
    finally:
        session.wipe()


def test_next_start_destroys_folders_of_kiosks_that_died_mid_session(tmp_path):
    """kill -9 or a power cut skips the wipe: the next start destroys what the dead kiosk left, and only that."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=30)
    abandoned = tmp_path / f"{SESSION_PREFIX}{dead.pid}-x1y2"
    (abandoned / "materials").mkdir(parents=True)
    (abandoned / "materials" / "id_front.jpg").write_bytes(b"\xff\xd8 fake id card image")
    unnamed = tmp_path / f"{SESSION_PREFIX}oldformat"  # before the pid was in the name: nobody can own it
    unnamed.mkdir()
    live = CitizenSession(None, temp_root=tmp_path)  # this process's: a running kiosk's folder
    (live.temp_dir / "signature.png").write_bytes(b"ink")
    unrelated = tmp_path / "kiosk-hub-cache"
    unrelated.mkdir()

    assert sweep_abandoned_sessions(tmp_path) == 2

    assert not abandoned.exists() and not unnamed.exists()
    assert (live.temp_dir / "signature.png").read_bytes() == b"ink" and unrelated.exists()
    assert sweep_abandoned_sessions(tmp_path) == 0
    live.wipe()
