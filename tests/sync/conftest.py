"""Fixtures for the sync tests: a real hub process on loopback (tests/support/hub.py)."""

from __future__ import annotations

import pytest

from tests.support.hub import HubProcess


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """One hub per test module (each test enrols its own kiosk, so tests stay independent)."""
    h = HubProcess(tmp_path_factory.mktemp("hub"))
    try:
        h.start()
        yield h
    finally:
        h.close()
