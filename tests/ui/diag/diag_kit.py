"""Helpers for the diagnostics tests: an initialised data dir whose devices are all virtual."""

from __future__ import annotations

from pathlib import Path

from kiosk import config as config_mod
from kiosk.cli.main import main as kiosk_main


def make_data_dir(root: Path, **sections) -> Path:
    """``kiosk init`` (intl suite, quick) and a config with virtual devices, overridden by ``sections``."""
    data_dir = root / "kiosk"
    assert kiosk_main(["--data-dir", str(data_dir), "init", "--suite", "intl"]) == 0
    path = data_dir / config_mod.CONFIG_FILE
    devices = {"card": {"driver": "virtual"}, "camera": {"driver": "virtual"}, "sigpad": {"driver": "virtual"},
               "printer": {"driver": "virtual"}}
    for name, values in sections.items():
        devices[name] = {**devices.get(name, {}), **values}
    path.write_text(config_mod.render_toml(config_mod.replace(config_mod.load(path), **devices)), encoding="utf-8")
    return data_dir
