"""Typed, validated configuration from one TOML file. See ``schema.py`` for the sections."""

from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import platformdirs

from kiosk.errors import ConfigError

from .schema import Config

__all__ = ["Config", "load", "parse", "default_data_dir", "render_toml", "CONFIG_FILE"]

CONFIG_FILE = "config.toml"


def default_data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir beats KIOSK_DATA_DIR beats platformdirs' site data dir."""
    if override:
        return Path(override)
    if env := os.environ.get("KIOSK_DATA_DIR"):
        return Path(env)
    return Path(platformdirs.site_data_dir("village-kiosk", appauthor=False))


def _check_value(where: str, f: dataclasses.Field, value: Any, hint: Any) -> Any:
    origin = get_origin(hint)
    if origin is Literal:
        allowed = get_args(hint)
        if value not in allowed:
            raise ConfigError(
                detail=f"{where} = {value!r} is not allowed; choose one of: {', '.join(map(str, allowed))}"
            )
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(detail=f"{where} = {value!r} must be true or false")
        return value
    if hint in (int, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if hint is int:
            ok = ok and float(value).is_integer()
        if not ok:
            raise ConfigError(detail=f"{where} = {value!r} must be {'a whole number' if hint is int else 'a number'}")
        lo, hi = f.metadata.get("min"), f.metadata.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ConfigError(detail=f"{where} = {value!r} is out of range; allowed: {lo} to {hi}")
        return hint(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(detail=f"{where} = {value!r} must be a string")
        return value
    raise TypeError(f"unsupported config type {hint!r} for {where}")


def parse(data: dict[str, Any], source: str = "config") -> Config:
    """Validate a dict (from TOML) into a Config; errors name the file, the key and the allowed values."""
    sections = {}
    cfg_hints = typing.get_type_hints(Config)
    for name, raw in data.items():
        if name not in cfg_hints:
            raise ConfigError(detail=f"{source}: unknown section [{name}]; known: {', '.join(cfg_hints)}")
        if not isinstance(raw, dict):
            raise ConfigError(detail=f"{source}: [{name}] must be a table")
        cls = cfg_hints[name]
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        values = {}
        for key, value in raw.items():
            if key not in fields:
                raise ConfigError(detail=f"{source}: unknown key [{name}] {key}; known: {', '.join(fields)}")
            values[key] = _check_value(f"{source}: [{name}] {key}", fields[key], value, hints[key])
        sections[name] = cls(**values)
    return Config(**sections)


def load(path: str | os.PathLike) -> Config:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(detail=f"config file {path} does not exist; run `kiosk init` first") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(detail=f"cannot read config file {path}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(detail=f"{path}: not valid TOML: {exc}") from None
    return parse(data, str(path))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def render_toml(config: Config) -> str:
    """Write a Config back as commented TOML (used by `kiosk init`)."""
    out = ["# Village kiosk configuration. Every key is optional; see kiosk/config/schema.py.", ""]
    for section in dataclasses.fields(config):
        out.append(f"[{section.name}]")
        for f in dataclasses.fields(getattr(config, section.name)):
            out.append(f"{f.name} = {_toml_value(getattr(getattr(config, section.name), f.name))}")
        out.append("")
    return "\n".join(out)


def replace(config: Config, **sections: dict[str, Any]) -> Config:
    """A copy of ``config`` with some keys of some sections changed, validated like a file."""
    data = {s.name: dataclasses.asdict(getattr(config, s.name)) for s in dataclasses.fields(config)}
    for name, changes in sections.items():
        data.setdefault(name, {}).update(changes)
    return parse(data, "override")
