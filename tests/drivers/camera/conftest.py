"""Shared pieces for the camera tests: one texture cache, and a recorder that waits on a condition."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from drivers.camera.textures import DocumentTextures


@pytest.fixture(scope="session")
def textures() -> DocumentTextures:
    return DocumentTextures()


class Recorder:
    """Collects items from another thread; ``wait_for`` blocks on a condition until a predicate holds."""

    def __init__(self) -> None:
        self.items: list = []
        self._cond = threading.Condition()

    def __call__(self, item) -> None:
        with self._cond:
            self.items.append(item)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[object], bool], timeout: float = 20.0, *, after: object = None):
        """The first item matching ``predicate`` (only items recorded after the item ``after``, if given)."""
        with self._cond:
            start = 0 if after is None else next(k for k, i in enumerate(self.items) if i is after) + 1
            found = self._cond.wait_for(lambda: next((i for i in self.items[start:] if predicate(i)), None), timeout)
        assert found is not None, f"timed out; last items: {[repr(i)[:120] for i in self.items[-3:]]}"
        return found

    def clear(self) -> None:
        with self._cond:
            self.items.clear()


@pytest.fixture
def recorder_factory():
    return Recorder
