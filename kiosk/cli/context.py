"""What a CLI handler gets: the data dir, and the config and core objects built on first use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk import config as config_mod


class CliContext:
    def __init__(self, data_dir: str | None):
        self.data_dir: Path = config_mod.default_data_dir(data_dir)
        self._config: config_mod.Config | None = None
        self._closers: list[Callable[[], None]] = []

    @property
    def config_path(self) -> Path:
        return self.data_dir / config_mod.CONFIG_FILE

    @property
    def config(self) -> config_mod.Config:
        if self._config is None:
            self._config = config_mod.load(self.config_path)
        return self._config

    def on_close(self, fn: Callable[[], None]) -> None:
        self._closers.append(fn)

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()
