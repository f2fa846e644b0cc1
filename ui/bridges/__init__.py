"""Thin QObjects that re-emit driver and core events as Qt signals (queued onto the UI thread)."""
