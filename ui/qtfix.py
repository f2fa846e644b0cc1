"""Two process-wide adjustments a long-running PySide6 app on CPython 3.11 needs.

1. A reference-count bug measured with PySide6 6.12.0: every ``Signal.emit()`` from Python drops one
reference to ``True`` that it never took (``/tmp``-style repro: emit 100 times with no connection →
``sys.getrefcount(True)`` falls by 100). After a few thousand emits the interpreter aborts with
"bool_dealloc: deallocating True or False". CPython 3.12+ makes True immortal, so there the drop is
harmless. On 3.11 we add a large number of references to True, False and None once at start-up (None is
hit the same way by some calls): at 1,000 emits a second that lasts for decades, and it costs no memory
(the count is just a number in the object header).

2. Garbage-collector pauses. The kiosk holds ~430,000 long-lived Python objects (Qt wrappers, catalog,
pinyin dictionaries, report fonts). A full (generation 2) collection walks all of them: measured 200–320 ms,
on whichever thread happened to allocate, holding the GIL, so the UI thread froze mid-session. Objects alive
at start-up and after each wipe are moved to the permanent generation (``gc.freeze``), so later collections
walk only what was made since; reference counting still frees them as usual.
"""

from __future__ import annotations

import ctypes
import gc
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


def freeze_survivors(*, collect: bool = True) -> None:
    """Move every tracked object into the permanent generation. (Not counted here: gc.get_freeze_count
    walks the whole frozen list, 18-36 ms on the UI thread at each wipe.)

    ``collect`` first frees the cycles among objects made since the last freeze (after a wipe: the
    villager's screens and session), so no garbage is frozen with them; it only walks those newer objects.
    At start-up, pass ``collect=False``: a freeze alone is a list splice, it costs no frame."""
    if collect:
        gc.collect()
    gc.freeze()


def freeze_between_sessions(session_ended, window) -> None:
    """Start-up objects frozen now, survivors of each wipe frozen at ``session_ended``, all thawed when the
    window is destroyed (the app closed: its objects must be collectable again, e.g. between tests)."""
    freeze_survivors(collect=False)
    session_ended.connect(lambda _reason: freeze_survivors())
    window.destroyed.connect(lambda *_: gc.unfreeze())


def qobject_classes(root) -> dict[str, int]:
    """How many QObjects of each class live under ``root`` (itself included), read from Qt's own
    ``dumpObjectTree``, so no Python wrapper is made: PySide keeps wrappers of QML objects it was handed
    (``findChildren``) after Qt deletes them, which both grows memory and can hand back a stale wrapper
    for a new object at the same address."""
    from collections import Counter

    from PySide6.QtCore import qInstallMessageHandler

    lines: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, message: lines.append(message))
    try:
        root.dumpObjectTree()
    finally:
        qInstallMessageHandler(previous)
    return dict(Counter(line.strip().split("::", 1)[0] for line in lines if "::" in line))
