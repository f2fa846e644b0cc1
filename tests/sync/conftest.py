"""Fixtures for the sync tests: a real hub process on loopback (tests/support/hub.py)."""

from __future__ import annotations

import pytest

from tests.support.hub import HubProcess


@pytest.fixture
def hub(tmp_path):
    h = HubProcess(tmp_path / "hub")
    try:
        h.start()
        yield h
    finally:
        h.close()
