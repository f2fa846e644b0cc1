"""The touch-screen grid test: the technician touches every cell; cells never touched are dead zones."""

from __future__ import annotations

import threading

from kiosk.diag import Check, Status


class TouchGrid:
    def __init__(self, rows: int = 6, cols: int = 10):
        self.rows, self.cols = rows, cols
        self._lock = threading.Lock()
        self._touched = [False] * (rows * cols)

    def touch(self, index: int) -> bool:
        """Mark a cell; False for an index outside the grid (a stray event is not a crash)."""
        if not 0 <= index < len(self._touched):
            return False
        with self._lock:
            self._touched[index] = True
        return True

    def touch_at(self, x: float, y: float) -> bool:
        """A touch at (x, y) in 0..1 of the screen."""
        if not (0 <= x <= 1 and 0 <= y <= 1):
            return False
        col, row = min(int(x * self.cols), self.cols - 1), min(int(y * self.rows), self.rows - 1)
        return self.touch(row * self.cols + col)

    def reset(self) -> None:
        with self._lock:
            self._touched = [False] * (self.rows * self.cols)

    def cells(self) -> list[bool]:
        with self._lock:
            return list(self._touched)

    def dead_zones(self) -> list[tuple[int, int]]:
        """(row, col) of every cell not touched yet."""
        return [divmod(i, self.cols) for i, hit in enumerate(self.cells()) if not hit]

    def check(self) -> Check:
        def run():
            dead = self.dead_zones()
            details = {"rows": self.rows, "cols": self.cols, "dead_cells": [list(d) for d in dead]}
            if len(dead) == self.rows * self.cols:
                return Status.SKIP, "尚未进行触摸测试", details
            if dead:
                return Status.FAIL, f"{len(dead)}个区域没有触摸反应", details
            return Status.OK, "全部区域触摸正常", details

        return Check("touch.grid", "触摸屏", run, timeout_s=2)
