"""The villager touchscreen app (PySide6 + QML). ``ui.app`` is the composition root."""

from ui.qtfix import pin_bool_refcounts

pin_bool_refcounts()  # before any Qt signal is emitted; see ui/qtfix.py
