"""`kiosk sigpad emulate` in one process and `kiosk sigpad capture` in another, as a technician runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from PIL import Image

from drivers.sigpad.protocols import PROTOCOLS
from drivers.sigpad.scribble import name_strokes

KIOSK = [sys.executable, "-m", "kiosk.cli.main"]


@pytest.fixture
def emulate(tmp_path):
    procs = []

    def run(protocol: str) -> str:
        proc = subprocess.Popen([*KIOSK, "sigpad", "emulate", "--protocol", protocol, "--name", "刘备",
                                 "--link", str(tmp_path / "pad"), "--time-scale", "0.1", "--noise", "300",
                                 "--split"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        procs.append(proc)
        return proc.stdout.readline().strip()

    yield run
    for proc in procs:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


@pytest.mark.parametrize("protocol", ["isdv4", "hanvon", "topaz"])
def test_emulate_then_capture_gives_strokes_and_a_visible_png(protocol, emulate, tmp_path):
    path = emulate(protocol)
    assert path == str(tmp_path / "pad")
    out = tmp_path / "sig.png"
    done = subprocess.run([*KIOSK, "--data-dir", str(tmp_path), "sigpad", "capture", "--port", path,
                           "--protocol", protocol, "--json", "--out", str(out), "--idle", "0.5", "--timeout", "30"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    expected = name_strokes("刘备", rate_hz=PROTOCOLS[protocol].sample_rate_hz)
    assert [len(s["points"]) for s in result["strokes"]] == [len(s) for s in expected]
    assert set(result["strokes"][0]["points"][0]) == {"x", "y", "t", "pressure"}
    image = Image.open(io.BytesIO(out.read_bytes())).convert("L")
    dark = sum(1 for v in image.tobytes() if v < 100)
    assert dark > 1500  # a new user can see it: plenty of ink


def test_capture_from_a_missing_port_says_so(tmp_path):
    done = subprocess.run([*KIOSK, "--data-dir", str(tmp_path), "sigpad", "capture", "--port",
                           str(tmp_path / "none"), "--protocol", "isdv4", "--timeout", "1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "签名板未连接" in done.stderr
