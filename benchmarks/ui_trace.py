"""What runs on the UI thread during its long gaps (issue 8): the same sessions as benchmarks/ui.py, with
a tracer that says, for every gap of the 2 ms StallMeter longer than ``--over`` ms, which screen change
(controller ``_go`` → the screen Loader), which garbage collection and which of our Python frames
(sampled every millisecond from another thread) it held.

    .venv/bin/python benchmarks/ui_trace.py [--sessions 5] [--over 30] [--service materials]

cProfile (benchmarks/ui.py --profile) is cumulative over a session; this is per gap. It is an
investigation tool and prints no ratio; benchmarks/ui.py gives the figures.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if sys.path and Path(sys.path[0]).resolve() == ROOT / "benchmarks":
    sys.path[0] = str(ROOT)
WAITING = {"wait", "get", "select", "poll", "sleep", "read", "recv", "accept", "_wait_for_tstate_lock",
           "readinto", "acquire", "join"}
OURS = tuple(str(ROOT / pkg) for pkg in ("ui", "kiosk", "drivers", "sync"))


def _bench_ui():
    """benchmarks/ui.py by path (its name would shadow the ui package)."""
    spec = importlib.util.spec_from_file_location("bench_ui", Path(__file__).with_name("ui.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Sampler:
    """Every ``period`` s, the main thread's innermost frames that are our code (or the frame it is in)."""

    def __init__(self, period: float = 0.001):
        self.period = period
        self.samples: list[tuple[float, str]] = []
        self.busy: list[tuple[float, str]] = []  # other threads caught running, not waiting
        self._stop = threading.Event()
        self._main = threading.main_thread().ident
        self._thread = threading.Thread(target=self._run, name="ui-trace-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.period):
            frames = sys._current_frames()
            now = time.perf_counter()
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in frames.items():
                if ident == self._main:
                    self.samples.append((now, _describe(frame)))
                elif ident != me and frame.f_code.co_name not in WAITING:  # another thread running Python
                    self.busy.append((now, f"[{names.get(ident, ident)}] {_describe(frame)}"))


def _describe(frame) -> str:
    stack = traceback.extract_stack(frame, limit=40)
    ours = [f"{Path(f.filename).relative_to(ROOT)}:{f.lineno} {f.name}" for f in stack
            if f.filename.startswith(OURS) and "/tour.py" not in f.filename]
    top = stack[-1]
    leaf = f"{Path(top.filename).name}:{top.lineno} {top.name}"
    return " > ".join(ours[-3:] + ([leaf] if not top.filename.startswith(OURS) else [])) or leaf


class Spans:
    """(start, end, what) of screen changes and garbage collections on the UI thread."""

    def __init__(self):
        self.items: list[tuple[float, float, str]] = []
        self._gc_start = 0.0

    def on_gc(self, phase: str, info: dict) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.items.append((self._gc_start, time.perf_counter(), f"gc gen{info['generation']} "
                                                                    f"collected {info['collected']}"))

    def wrap_go(self, controller) -> None:
        real = controller._go

        def timed_go(screen: str) -> None:
            start = time.perf_counter()
            leaving = controller.screen
            real(screen)
            self.items.append((start, time.perf_counter(), f"_go {leaving}->{screen}"))

        controller._go = timed_go


def timed(owner, name: str, spans: Spans, label: str | None = None) -> None:
    """Replace ``owner.name`` (a class or module attribute) by a wrapper that records a span when called on
    the UI thread."""
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            return real(*args, **kwargs)
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spans.items.append((start, time.perf_counter(), label or name))

    setattr(owner, name, wrapper)


def cpu_meter(bench):
    """StallMeter that also keeps the UI thread's CPU time per gap: a long gap with little CPU was spent
    waiting (for the GIL or for a core on a loaded machine), not running our code."""

    class CpuMeter(bench.StallMeter):
        def reset(self) -> None:
            super().reset()
            self.cpu: list[tuple[float, float]] = []  # (UI thread, whole process)
            self._cpu_last = (time.thread_time(), time.process_time())

        def _tick(self) -> None:
            super()._tick()
            now = (time.thread_time(), time.process_time())
            self.cpu.append((now[0] - self._cpu_last[0], now[1] - self._cpu_last[1]))
            self._cpu_last = now

    return CpuMeter


def run(count: int, kind: str, over_ms: float) -> None:
    bench = _bench_ui()
    os.environ.update({k: v for k, v in bench.ENV.items() if k.startswith("QT_")})
    from PySide6.QtGui import QGuiApplication

    import kiosk.session
    import ui.app
    import ui.capture
    import ui.qtfix
    from ui.app import prepare_environment
    from ui.demo import DemoRig
    from ui.tour import pick_services, wait_until

    spans = Spans()
    timed(kiosk.session.CitizenSession, "wipe", spans, "CitizenSession.wipe (temp files)")
    timed(ui.capture.CaptureController, "reset", spans, "CaptureController.reset")
    timed(ui.app.KioskApp, "_release_after_session", spans, "KioskApp._release_after_session")
    timed(ui.qtfix, "freeze_survivors", spans, "qtfix.freeze_survivors")
    for name in ("freeze", "get_freeze_count"):
        timed(gc, name, spans, f"gc.{name}")
    with tempfile.TemporaryDirectory(prefix="kiosk-trace-") as tmp:
        prepare_environment(Path(tmp))  # sets the app's own switch interval (1 ms)
        sys.setswitchinterval(0.0005)  # then shorter still: let the sampler in while the UI thread runs Python
        app = QGuiApplication(sys.argv)
        rig = DemoRig(Path(tmp) / "data", pen_speed=0.1)
        kiosk = rig.build_app()
        c = kiosk.controller
        wait_until(lambda: kiosk.window.contentItem().width() > 0)
        meter = cpu_meter(bench)(kiosk.window)
        spans.wrap_go(c)
        gc.callbacks.append(spans.on_gc)
        screens: list[tuple[float, str]] = []
        c.screenChanged.connect(lambda: screens.append((time.perf_counter(), c.screen)))
        code = pick_services(c.d.catalog)[kind]
        sampler = Sampler()
        sampler.start()
        gaps: list[tuple[float, float, float]] = []
        frames: list[tuple[float, float]] = []

        one_session = bench.session_runner(rig, c, code)

        for _ in range(count):
            meter.measure(one_session)
            gaps.extend((a, b, cpu) for (a, b), cpu in zip(meter.gaps, meter.cpu, strict=True))
            frames.extend(meter.frames)
            bench._pump(0.3)
        sampler.stop()
        gc.callbacks.remove(spans.on_gc)
        kiosk.close()
        rig.close()
        del app
    _report(gaps, frames, spans.items, sampler.samples, sampler.busy, screens, over_ms)


def _report(gaps, frames, spans, samples, busy, screens, over_ms: float) -> None:
    long = sorted(((b - a) * 1000, a, b, cpu) for a, b, cpu in gaps if (b - a) * 1000 > over_ms)
    print(f"{len(long)} gaps over {over_ms:.0f} ms (of {len(gaps)} ticks); the worst last. CPU: the UI thread's / "
          "the process's; a gap with little of either waited for a core (a loaded machine), with little UI-thread "
          "CPU but much process CPU it waited for the GIL")
    busiest = sorted(gaps, key=lambda g: g[2][0])[-8:]  # where our UI-thread code itself ran longest
    print("gaps with the most UI-thread CPU: " + ", ".join(
        f"{(b - a) * 1000:.0f} ms gap / {cpu * 1000:.1f} ms CPU on {_screen_at(screens, a)}" for a, b, (cpu, _p) in busiest))
    for ms, a, b, (cpu, process_cpu) in long[-25:]:
        render = sum(max(0.0, min(b, fe) - max(a, fs)) for fs, fe in frames if fe > a and fs < b) * 1000
        print(f"\n{ms:6.1f} ms (rendering {render:.1f}, CPU {cpu * 1000:.1f} / {process_cpu * 1000:.1f}) "
              f"on {_screen_at(screens, a)}")
        for s, e, what in spans:
            if e > a and s < b:
                print(f"    {(min(b, e) - max(a, s)) * 1000:6.1f} ms  {what}")
        inside = Counter(where for t, where in samples if a <= t <= b)
        for where, n in inside.most_common(6):
            print(f"    {n:4d} samples  {where}")
        for where, n in Counter(where for t, where in busy if a <= t <= b).most_common(4):
            print(f"    {n:4d} running  {where}")


def _screen_at(screens: list[tuple[float, str]], when: float) -> str:
    on = [name for at, name in screens if at <= when]
    return on[-1] if on else "Home"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--over", type=float, default=30.0, help="report gaps longer than this (ms)")
    parser.add_argument("--service", choices=["materials", "plain", "pin"], default="materials")
    args = parser.parse_args()
    run(args.sessions, args.service, args.over)
    return 0


if __name__ == "__main__":
    sys.exit(main())
