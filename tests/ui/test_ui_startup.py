"""Start-up weight (issue 8): the real start path (``ui.app.start``, devices from config) to the first frame
of the home screen, in a fresh interpreter, must not load what a home screen does not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import config as config_mod
from kiosk.keys import create_device_keys
from kiosk.store import open_store

ROOT = Path(__file__).resolve().parents[2]

# The hub's server stack, test tools and Qt modules the villager app has no use for: never in its process.
# Qt Multimedia too: prompts are played by a child (ui.speech), its FFmpeg backend stays out of the kiosk.
NEVER = ("fastapi", "uvicorn", "starlette", "sqlalchemy", "psycopg", "sync.hub", "pytest", "hypothesis",
         "PySide6.QtWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineQuick", "PySide6.QtCharts",
         "PySide6.QtMultimedia")

# Loaded where first used, never for a home screen (issue 8): pypinyin's dictionaries (search, speech: in a child
# process), OpenCV and numpy (the camera runs in its own process, drivers.camera.process), the diagnostic checks of camera, printer and network (cv2, requests), the signature renderer,
# 我的查询's hub client and answer models (built by the first villager who opens it). PDFs are drawn by a render
# child, so even with a printer the kiosk holds no reportlab (test_ui_memory: nor after a printed receipt).
LAZY = ("pypinyin", "cv2", "numpy", "drivers.camera.service", "ui.diag.camera_checks", "ui.diag.network_checks", "ui.diag.printer_checks",
        "drivers.sigpad.render", "sync.client.query", "sync.query", "reportlab", "drivers.printer.documents_pdf",
        "drivers.printer.fonts")
# ... and on a terminal without a camera or a printer, their drivers' libraries either
LAZY_WITHOUT_DEVICES = (*LAZY, "cv2", "numpy", "drivers.camera", "drivers.printer")

# Runs in the child: start the app as `python -m ui.app` does, report at the first frame, quit.
CHILD = """
import ctypes, json, linecache, sys
from PySide6.QtCore import QObject, Qt, QTimer
import ui.app

app, kiosk = ui.app.start(["--data-dir", sys.argv[1], "--windowed"])

def report():
    print("READY " + json.dumps({"modules": sorted(sys.modules), "screen": kiosk.controller.screen,
                                 "switch_interval_s": sys.getswitchinterval(),
                                 "thp_disabled": ctypes.CDLL(None).prctl(ui.app.PR_GET_THP_DISABLE, 0, 0, 0, 0),
                                 "started_s": ui.app.seconds_since_process_start(), "rss_mb": ui.app.resident_mb(),
                                 "source_lines_cached": sum(len(entry[2]) for entry in linecache.cache.values()),
                                 "keyboard": kiosk.window.findChild(QObject, "inputPanel") is not None,
                                 "query_desk": kiosk.queries._desk is not None,
                                 "ledger_definitions": kiosk.clerk._ledger_defs is not None}),
          flush=True)
    QTimer.singleShot(0, app.quit)

kiosk.window.frameSwapped.connect(report, Qt.ConnectionType.SingleShotConnection)
app.exec()
kiosk.close()
"""


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> dict:
    """One start to the home screen on what `kiosk init` leaves, with the production device drivers (absent
    hardware is reported, not fatal)."""
    return start_to_home(initialised(tmp_path_factory.mktemp("startup")))


def initialised(data_dir: Path, **sections) -> Path:
    create_device_keys(data_dir, "intl")
    config = config_mod.replace(config_mod.Config(), crypto={"suite": "intl"}, **sections)
    (data_dir / config_mod.CONFIG_FILE).write_text(config_mod.render_toml(config), encoding="utf-8")
    open_store(data_dir, config, create=True).close()
    return data_dir


def start_to_home(data_dir: Path) -> dict:
    """The child's report, plus ``elapsed_s`` as this process saw it (spawn to exit)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software",
           "XDG_CONFIG_HOME": str(data_dir / "xdg-config"), "PYTHONPATH": str(ROOT)}
    spawned = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    elapsed = time.monotonic() - spawned
    ready = [line for line in proc.stdout.splitlines() if line.startswith("READY ")]
    assert proc.returncode == 0 and ready, f"app did not reach the home screen: {proc.stderr[-2000:]}"
    return {**json.loads(ready[0][len("READY "):]), "elapsed_s": elapsed}


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({n for n in names for m in modules if m == n or m.startswith(n + ".")})


def test_loaded_helper_matches_packages_not_prefixes():
    assert loaded(["fastapi.routing", "uvicornish", "sync.hubble"], ("fastapi", "uvicorn", "sync.hub")) == ["fastapi"]


def test_home_screen_starts_without_the_hub_stack_or_test_tools(started: dict):
    assert started["screen"] == "Home"
    assert "ui.app" in started["modules"] and "kiosk.catalog" in started["modules"]  # the report is of the app
    assert loaded(started["modules"], NEVER) == []


def test_the_ui_thread_waits_at_most_1_ms_for_the_gil_from_a_device_thread(started: dict):
    assert started["switch_interval_s"] <= 0.001


def test_no_transparent_huge_pages_hold_freed_frames_in_rss(started: dict):
    assert started["thp_disabled"] == 1


def test_home_screen_leaves_search_speech_and_diagnostic_libraries_unloaded(started: dict):
    assert started["screen"] == "Home" and "ui.diag.rig" in started["modules"]  # the diagnostic monitor is up
    assert loaded(started["modules"], LAZY) == []


def test_home_screen_without_camera_or_printer_loads_neither_driver(tmp_path):
    data_dir = initialised(tmp_path, camera={"driver": "none"}, printer={"driver": "none"})
    report = start_to_home(data_dir)
    assert report["screen"] == "Home"
    assert loaded(report["modules"], LAZY_WITHOUT_DEVICES) == []


def test_home_screen_has_no_on_screen_keyboard(started: dict):
    """The InputPanel (pinyin engine, its QML and layouts: ~15 MB) is built by the first text field (Main.qml)."""
    assert started["screen"] == "Home" and started["keyboard"] is False


def test_modes_a_villager_may_never_open_build_nothing_at_start(started: dict):
    """我的查询's hub link and client (ui.bridges.query) and the clerk's ledger definitions (YAML, ~50 ms,
    ui.bridges.clerk) are made by their first use."""
    assert started["screen"] == "Home"
    assert started["query_desk"] is False and started["ledger_definitions"] is False


def test_module_sources_are_not_kept_in_memory(started: dict):
    """PySide6's import hook reads every later module's source through linecache (PYSIDE-2029): without
    ui.sources.keep_module_sources_out_of_memory that is 100 000+ lines held for the day (7 MB for numpy and the
    hub stack alone, 34 MB after a session)."""
    assert "drivers.camera.process" in started["modules"]  # devices are built after PySide6: the hook ran on them
    assert started["source_lines_cached"] < 2_000


def test_the_source_check_gives_pysides_answer_without_caching(tmp_path):
    """The replacement answers as PySide's own check does (does the source mention PySide6?), from the bytes."""
    code = """
import linecache, sys
import PySide6.QtCore
feature = sys.modules["__feature__"]
original = feature._mod_uses_pyside
import ui.sources, ui.speech, json  # the ui package installs it on import
assert feature._mod_uses_pyside is not original and not ui.sources.keep_module_sources_out_of_memory()
linecache.clearcache()
answers = [feature._mod_uses_pyside(m) for m in (ui.speech, json, sys)]
cached = len(linecache.cache)
print(json.dumps({"ours": answers, "cached": cached, "pysides": [original(m) for m in (ui.speech, json, sys)]}))
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["ours"] == report["pysides"] == [True, False, False]
    assert report["cached"] == 0


def test_start_cost_counts_from_the_process_start(started: dict):
    """The figures the app logs at its first frame: the imports included, within what the parent saw."""
    assert 0.1 < started["started_s"] <= started["elapsed_s"] + 0.02  # /proc tick: 10 ms
    assert 50 < started["rss_mb"] < 4096


# Runs in the child: six threads allocate at once; glibc's malloc_info lists one <heap> per arena.
ARENAS = """
import ctypes, sys, tempfile, threading
from pathlib import Path
if sys.argv[1] == "prepared":
    import ui.app
    ui.app.prepare_environment(Path(tempfile.mkdtemp()))
libc = ctypes.CDLL(None)
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
together = threading.Barrier(6)
def allocate():
    together.wait()
    for _ in range(200):
        libc.malloc(4096)
threads = [threading.Thread(target=allocate) for _ in range(6)]
for t in threads: t.start()
for t in threads: t.join()
libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes, libc.fclose.argtypes = [ctypes.c_int, ctypes.c_void_p], [ctypes.c_void_p]
out = Path(tempfile.mkdtemp()) / "malloc.xml"
stream = libc.fopen(str(out).encode(), b"w")
libc.malloc_info(0, stream)
libc.fclose(stream)
print("ARENAS", out.read_text().count("<heap nr="))
"""


def arenas_after_six_threads(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    proc = subprocess.run([sys.executable, "-c", ARENAS, mode], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    line = [x for x in proc.stdout.splitlines() if x.startswith("ARENAS ")]
    assert line, proc.stderr[-2000:]
    return int(line[0].split()[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc arenas")
def test_prepared_app_keeps_at_most_two_malloc_arenas():
    assert arenas_after_six_threads("plain") > 2  # what glibc does unprepared: the check can see a difference
    assert arenas_after_six_threads("prepared") <= 2
