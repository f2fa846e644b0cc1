"""Work around a reference-count bug measured with PySide6 6.12.0 on CPython 3.11.

Every ``Signal.emit()`` from Python drops one reference to ``True`` that it never took
(``/tmp``-style repro: emit 100 times with no connection → ``sys.getrefcount(True)`` falls by 100).
After a few thousand emits the interpreter aborts with "bool_dealloc: deallocating True or False".
CPython 3.12+ makes True immortal, so there the drop is harmless. On 3.11 we add a large number of
references to True, False and None once at start-up (None is hit the same way by some calls): at 1,000 emits a second that lasts for decades, and it
costs no memory (the count is just a number in the object header).
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def pin_bool_refcounts() -> bool:
    """Returns True when the pin was applied (only needed, and only done, before CPython 3.12)."""
    if sys.version_info >= (3, 12):
        return False
    for obj in (True, False, None):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field of every object
        if refcnt.value < _HEADROOM:
            refcnt.value += _HEADROOM
    return True
