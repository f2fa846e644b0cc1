"""Fixtures for the diagnostics tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pcsc import pcsc  # noqa: F401  (fixture: private pcscd + virtual card)
from tests.ui.diag.diag_kit import make_data_dir


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return make_data_dir(tmp_path)
