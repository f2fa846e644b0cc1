"""The card's ATR through the Protocol: the virtual reader, the PC/SC driver on the real pcscd + vpcd stack
(compared with what `opensc-tool --atr` prints), `kiosk card atr` / `kiosk card read`, and the diag check."""

from __future__ import annotations

import json
import subprocess

import pytest

from drivers.card.base import NoCard, atr_hex
from drivers.card.virtual import VirtualCardReader
from drivers.card.virtual_card.card import ATR
from kiosk.cli.main import main
from kiosk.diag import Status, run_checks
from ui.diag.card_checks import card_checks


def opensc_atr(stack) -> bytes:
    argv = stack.inside(["opensc-tool", "-r", stack.reader, "--atr"])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout
    return bytes.fromhex(out.strip().replace(":", ""))


def read_check(reader, runs: int = 1):
    (result,) = [r for r in run_checks(card_checks(reader, runs=runs)).results if r.check_id == "card.read"]
    return result


# --- the virtual reader ------------------------------------------------------------------------------


@pytest.fixture
def virtual(hub):
    reader = VirtualCardReader(hub, read_timeout_s=1.0)
    reader.start()
    yield reader
    reader.stop()


def test_virtual_reader_gives_the_virtual_cards_atr_and_no_card_when_empty(virtual, log):
    with pytest.raises(NoCard):
        virtual.atr()
    virtual.insert("mute")  # answers the reset, never an APDU: the ATR is all a technician gets
    log.wait_for("CardReadFailed")
    assert virtual.atr() == ATR
    virtual.remove()
    log.wait_for("CardRemoved")
    with pytest.raises(NoCard):
        virtual.atr()


def test_diag_read_check_shows_atr_and_spec_version_even_when_reads_fail(virtual, log):
    reader = virtual
    reader.insert("v2")
    log.wait_for("CardInserted")
    good = read_check(reader, runs=2)
    assert good.status is Status.OK and good.details["atr"] == atr_hex(ATR) == "3B 6C 00 00 53 53 43 41 52 44 2D 56 49 52 54 31"
    assert good.details["card_version"] == "2.00" and "2.00版卡" in good.summary and atr_hex(ATR) in good.summary
    reader.insert("not_sscard")  # a bank card: every read fails, the ATR still says what is in the slot
    log.wait_for("CardReadFailed")
    bad = read_check(reader, runs=1)
    assert bad.status is Status.FAIL and bad.details["ok"] == 0
    assert bad.details["atr"] == atr_hex(ATR) and atr_hex(ATR) in bad.summary


def test_cli_prints_the_atr_with_the_masked_holder_and_alone(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "card", "read", "--virtual", "v2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["atr"] == atr_hex(ATR)
    # a third-generation card this terminal cannot read: the read fails, `kiosk card atr` still answers
    assert main(["--data-dir", str(tmp_path), "card", "atr", "--virtual", "v3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"atr": atr_hex(ATR), "read": "psam"}
    assert main(["--data-dir", str(tmp_path), "card", "read", "--virtual", "v3"]) == 2
    assert f"ATR：{atr_hex(ATR)}" in capsys.readouterr().err


# --- the PC/SC driver on the real stack -------------------------------------------------------------


@pytest.mark.pcsc
def test_pcsc_atr_equals_opensc_tool_and_reaches_the_diag_check(driver, stack, hub, log):
    stack.insert("v2")
    log.wait_for("CardInserted")
    theirs = opensc_atr(stack)
    assert driver.atr() == theirs == ATR
    check = read_check(driver, runs=1)
    assert check.status is Status.OK and check.details["atr"] == atr_hex(theirs)
    stack.remove()
    log.wait_for("CardRemoved")
    with pytest.raises(NoCard):
        driver.atr()


@pytest.mark.pcsc
def test_pcsc_atr_of_a_card_that_fails_to_read(driver, stack, log):
    stack.insert("garbage")
    log.wait_for("CardReadFailed")
    assert driver.atr() == opensc_atr(stack)


@pytest.mark.pcsc
@pytest.mark.root
def test_kiosk_card_atr_over_the_real_stack(stack, tmp_path):
    stack.insert("v2")
    assert stack.wait_card(present=True)
    out = stack.kiosk_cli(tmp_path, "card", "atr", "--reader", stack.reader)
    assert out.splitlines()[0] == f"ATR：{atr_hex(opensc_atr(stack))}"
