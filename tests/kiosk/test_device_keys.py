"""Device keys on disk: enrolment installs a hub key, the device public key verifies checkpoints."""

from __future__ import annotations

import pytest

from kiosk.crypto import get_suite
from kiosk.errors import ConfigError
from kiosk.keys import create_device_keys, install_hub_public_key, load_device_keys, read_device_public_key
from kiosk.store.audit import checkpoint_message
from tests.support.store_kit import open_test_store


@pytest.mark.parametrize("suite", ["gm", "intl"])
def test_install_hub_key_and_read_device_public_key(tmp_path, suite):
    keys, escrow = create_device_keys(tmp_path, suite)
    assert escrow is not None and escrow.stat().st_mode & 0o077 == 0
    new_hub = get_suite(suite).new_wrap_keypair()
    install_hub_public_key(tmp_path, new_hub.public_text)
    assert load_device_keys(tmp_path).hub_public == new_hub.public_text.strip()
    with pytest.raises(ConfigError, match="not a valid"):
        install_hub_public_key(tmp_path, "-----BEGIN nonsense-----")
    assert load_device_keys(tmp_path).hub_public == new_hub.public_text.strip()  # the old key survives

    public = read_device_public_key(tmp_path)
    with open_test_store(tmp_path, load_device_keys(tmp_path)) as store:
        cp = store.checkpoint()
    assert get_suite(suite).verify(public, checkpoint_message(cp.device_id, cp.seq, cp.head_hash, cp.time),
                                   cp.signature)
    assert cp.device_id == keys.device_id


def test_hub_key_of_the_wrong_suite_is_refused(tmp_path):
    intl_hub = get_suite("intl").new_wrap_keypair()
    with pytest.raises(ConfigError, match="gm hub public key"):
        create_device_keys(tmp_path, "gm", intl_hub.public_text)
    assert not (tmp_path / "keys").exists()
