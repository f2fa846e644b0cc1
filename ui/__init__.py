"""The villager touchscreen app (PySide6 + QML). ``ui.app`` is the composition root."""

from ui.qtfix import pin_bool_refcounts
from ui.sources import keep_module_sources_out_of_memory

pin_bool_refcounts()  # before any Qt signal is emitted; see ui/qtfix.py
keep_module_sources_out_of_memory()  # before the app's modules are imported; see ui/sources.py
