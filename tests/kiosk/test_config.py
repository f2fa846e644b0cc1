"""Config: a bad value gets a clear message naming the file, the key and the allowed values."""

import dataclasses

import pytest

from kiosk import config
from kiosk.errors import ConfigError


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_round_trip_through_toml(tmp_path):
    cfg = config.Config()
    path = write(tmp_path, config.render_toml(cfg))
    assert config.load(path) == cfg


def test_values_are_typed(tmp_path):
    cfg = config.load(write(tmp_path, '[card]\ndriver = "virtual"\nreader = "Virtual PCD"\n[sync]\ninterval_s = 5\n'))
    assert cfg.card.driver == "virtual"
    assert cfg.card.reader == "Virtual PCD"
    assert cfg.sync.interval_s == 5.0 and isinstance(cfg.sync.interval_s, float)
    assert cfg.camera == config.Config().camera


def test_bad_choice_names_key_and_allowed_values(tmp_path):
    path = write(tmp_path, '[crypto]\nsuite = "rsa"\n')
    with pytest.raises(ConfigError) as info:
        config.load(path)
    assert str(path) in info.value.detail
    assert "[crypto] suite" in info.value.detail
    assert "gm, intl" in info.value.detail
    assert info.value.message == "终端配置有误，请联系管理员"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[session]\nidle_countdown_s = 5\n", "out of range; allowed: 20"),
        ("[camera]\ndevice = 1.5\n", "whole number"),
        ("[kiosk]\nelder_mode_default = 1\n", "true or false"),
        ("[card]\nreader = 3\n", "must be a string"),
        ("[card]\nreeder = 'x'\n", "unknown key [card] reeder"),
        ("[cards]\n", "unknown section [cards]"),
        ("card = 1\n", "[card] must be a table"),
        ("[card\n", "not valid TOML"),
    ],
)
def test_bad_values_are_refused_with_a_reason(tmp_path, text, fragment):
    with pytest.raises(ConfigError) as info:
        config.load(write(tmp_path, text))
    assert fragment in info.value.detail


def test_missing_file_says_which_and_what_to_do(tmp_path):
    with pytest.raises(ConfigError) as info:
        config.load(tmp_path / "nope.toml")
    assert "nope.toml" in info.value.detail and "kiosk init" in info.value.detail


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "env"))
    assert config.default_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert config.default_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("KIOSK_DATA_DIR")
    assert "village-kiosk" in str(config.default_data_dir(None))


def test_replace_validates_like_a_file():
    cfg = config.replace(config.Config(), card={"driver": "virtual"})
    assert cfg.card.driver == "virtual"
    with pytest.raises(ConfigError):
        config.replace(cfg, card={"driver": "usb"})
    assert dataclasses.asdict(cfg)["card"]["driver"] == "virtual"
