"""Keeping Python module sources out of the kiosk's memory (issue 8).

Called from ``ui/__init__.py``, so it takes effect before the composition root imports its ~500 modules.
"""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import PySide6.QtCore  # noqa: F401 (loads shibokensupport.feature, whose check is replaced here)


def keep_module_sources_out_of_memory() -> bool:
    """PySide6's import hook (``shibokensupport.feature``, PYSIDE-2029) asks of every module imported after it
    whether its source mentions "PySide6", with ``inspect.getsource``, and ``linecache`` then keeps every line of
    every module for the life of the process: measured 34 MB of strings after one session, scattered among the
    code objects (freeing them later left the arenas fragmented). Same question, asked of the file's bytes."""
    feature = sys.modules.get("shibokensupport.feature")
    asks_source = getattr(feature, "_mod_uses_pyside", None)
    if asks_source is None or getattr(asks_source, "reads_bytes", False):
        return False

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return asks_source(module)  # built-in or compiled: no source, so nothing is cached
        try:
            return b"PySide6" in Path(path).read_bytes()
        except OSError:
            return False

    uses_pyside.reads_bytes = True
    feature._mod_uses_pyside = uses_pyside
    linecache.clearcache()  # what was read before (the few modules imported ahead of the ui package)
    return True
