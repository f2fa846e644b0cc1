"""Start-up weight (issue 8): the real start path (``ui.app.start``, devices from config) to the first frame
of the home screen, in a fresh interpreter, must not load what a home screen does not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import config as config_mod
from kiosk.keys import create_device_keys
from kiosk.store import open_store

ROOT = Path(__file__).resolve().parents[2]

# The hub's server stack, test tools and Qt modules the villager app has no use for: never in its process.
NEVER = ("fastapi", "uvicorn", "starlette", "sqlalchemy", "psycopg", "sync.hub", "pytest", "hypothesis",
         "PySide6.QtWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineQuick", "PySide6.QtCharts")

# Runs in the child: start the app as `python -m ui.app` does, report at the first frame, quit.
CHILD = """
import json, sys
from PySide6.QtCore import Qt, QTimer
import ui.app

app, kiosk = ui.app.start(["--data-dir", sys.argv[1], "--windowed"])

def report():
    print("READY " + json.dumps({"modules": sorted(sys.modules), "screen": kiosk.controller.screen}), flush=True)
    QTimer.singleShot(0, app.quit)

kiosk.window.frameSwapped.connect(report, Qt.ConnectionType.SingleShotConnection)
app.exec()
kiosk.close()
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """What `kiosk init` leaves, with the production device drivers (absent hardware is reported, not fatal)."""
    create_device_keys(tmp_path, "intl")
    config = config_mod.replace(config_mod.Config(), crypto={"suite": "intl"})
    (tmp_path / config_mod.CONFIG_FILE).write_text(config_mod.render_toml(config), encoding="utf-8")
    open_store(tmp_path, config, create=True).close()
    return tmp_path


def start_to_home(data_dir: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software",
           "XDG_CONFIG_HOME": str(data_dir / "xdg-config"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    ready = [line for line in proc.stdout.splitlines() if line.startswith("READY ")]
    assert proc.returncode == 0 and ready, f"app did not reach the home screen: {proc.stderr[-2000:]}"
    return json.loads(ready[0][len("READY "):])


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({n for n in names for m in modules if m == n or m.startswith(n + ".")})


def test_loaded_helper_matches_packages_not_prefixes():
    assert loaded(["fastapi.routing", "uvicornish", "sync.hubble"], ("fastapi", "uvicorn", "sync.hub")) == ["fastapi"]


def test_home_screen_starts_without_the_hub_stack_or_test_tools(data_dir: Path):
    started = start_to_home(data_dir)
    assert started["screen"] == "Home"
    assert "ui.app" in started["modules"] and "kiosk.catalog" in started["modules"]  # the report is of the app
    assert loaded(started["modules"], NEVER) == []
