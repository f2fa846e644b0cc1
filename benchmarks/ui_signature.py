"""What signature evidence costs at 确认签名 + 确认 (issue 6): the glass strokes become a kiosk.signature
record, are checked, rendered by drivers/sigpad/render.py and bound to the transaction digest — against
a baseline measured in the same run like the old glass path (a QPainter render of the same strokes, no record).

    .venv/bin/python benchmarks/ui_signature.py [--runs 30] [--points 600]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from timing import median_seconds as timed  # noqa: E402  (benchmarks/timing.py; run as a script)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path[0] = str(Path(__file__).resolve().parents[1])  # the ui package, not benchmarks/ui.py


def strokes(points: int) -> list[list[list[float]]]:
    """A longish name written in 6 strokes, with times as the glass records them."""
    per = points // 6
    return [[[0.05 + 0.15 * s + 0.12 * i / per, 0.5 + 0.3 * ((i % 7) / 7 - 0.5), (s * per + i) * 8.0]
             for i in range(per)] for s in range(6)]


def qpainter_png(ink: list[list[list[float]]], width: int = 800, height: int = 300) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice, QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("black"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for stroke in ink:  # one polyline per stroke: per-segment drawLine calls trip PySide6's None refcount bug
        painter.drawPolyline(QPolygonF([QPointF(p[0] * width, p[1] * height) for p in stroke]))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def evidence(ink: list[list[list[float]]]) -> tuple[bytes, bytes]:
    from drivers.sigpad.render import render_png
    from kiosk.signature import bind_record, from_normalised, quality_hint, to_record
    from ui import flow
    from ui.capture import GLASS_RULES

    signature = from_normalised(ink)
    assert quality_hint(signature, GLASS_RULES) == ""
    png = render_png(signature)
    digest = flow.signing_digest("SB-001", {"name": "测试人", "phone": "13800138000"}, {"actor_ref": "p:bench"})
    return png, bind_record(to_record(signature), digest)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--points", type=int, default=600)
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    import ui  # noqa: F401 - pins the None/True refcounts PySide6 6.12 drops (ui/qtfix.py)

    _app = QGuiApplication([])
    ink = strokes(args.points)
    base = timed(lambda: qpainter_png(ink), args.runs)
    new = timed(lambda: evidence(ink), args.runs)
    print(f"{args.points} points, median of {args.runs}")
    print(f"baseline QPainter PNG only:            {base * 1000:.1f} ms")
    print(f"kiosk.signature record + check + Pillow PNG + binding: {new * 1000:.1f} ms")
    print(f"ratio evidence/baseline: {new / base:.2f}x   (one tap, off the hot path; goal < 200 ms absolute)")


if __name__ == "__main__":
    main()
