"""The PC/SC driver against a real pcscd + vsmartcard-vpcd + our virtual card (tests/support/pcsc.py)."""

from __future__ import annotations

import re
import subprocess

import pytest

from drivers.card.base import CardError, CardState, NoCard, PinBlocked
from drivers.card.pcsc import PcscCardReader, choose_reader
from drivers.card.virtual_card import profile

pytestmark = [pytest.mark.pcsc, pytest.mark.root]


def test_choose_reader_by_name_or_prefix_never_the_first():
    names = ["ACS ACR39U 00 00", "Virtual PCD 00 00", "Virtual PCD 00 01"]
    assert choose_reader(names, "Virtual PCD 00 01") == "Virtual PCD 00 01"
    assert choose_reader(names, "Virtual PCD") == "Virtual PCD 00 00"
    assert choose_reader(names, "Virtual PCD", exclude="Virtual PCD 00 00") == "Virtual PCD 00 01"
    assert choose_reader(names, "") is None
    assert choose_reader(names, "Feitian") is None


@pytest.mark.parametrize("key", ["v2", "rare", "blocked"])
def test_full_read_of_each_readable_profile(driver, stack, log, key):
    card = stack.insert(key)
    holder = log.wait_for("CardInserted").holder
    v = card.profile.villager
    assert (holder.name, holder.id_number, holder.card_number, holder.birth_date) == (
        v.name, v.id_number, v.card_number, v.birth_date)
    assert driver.holder() == holder and driver.state is CardState.READY
    assert log.card_events() == ["CardReading", "CardInserted"]


@pytest.mark.parametrize(("key", "code"), [("v3", "psam"), ("not_sscard", "not_sscard")])
def test_unreadable_profiles_give_typed_failures(driver, stack, log, key, code):
    stack.insert(key)
    failed = log.wait_for("CardReadFailed")
    assert failed.code == code and failed.message
    assert driver.holder() is None and driver.state is CardState.ERROR


def test_third_generation_message_is_the_psam_one(driver, stack, log):
    stack.insert("v3")
    assert log.wait_for("CardReadFailed").message == "此卡需要安全模块(PSAM)才能读取，请到窗口办理"


def test_hot_plug_20_cycles_no_missed_or_duplicated_event(driver, stack, log):
    for i in range(20):
        stack.insert("v2")
        log.wait_for("CardInserted", i + 1)
        stack.remove()
        log.wait_for("CardRemoved", i + 1)
    assert log.card_events() == ["CardReading", "CardInserted", "CardRemoved"] * 20
    assert driver.holder() is None


def test_card_removed_mid_read_is_a_clean_error_with_no_stale_holder(driver, stack, log):
    stack.insert("v2")
    log.wait_for("CardInserted")
    stack.remove()
    log.wait_for("CardRemoved")
    stack.insert("pulled")  # leaves the slot after 9 APDUs, in the middle of EF05
    failed = log.wait_for("CardReadFailed")
    assert failed.code == "removed"
    log.wait_for("CardRemoved", 2)
    assert driver.holder() is None and driver.state is CardState.EMPTY


def test_mute_card_times_out_and_the_kiosk_keeps_running(driver, stack, log):
    stack.insert("mute")
    failed = log.wait_for("CardReadFailed", timeout=5)
    assert failed.code == "mute"
    assert driver.state is CardState.ERROR and driver.holder() is None
    with pytest.raises(CardError):
        driver.verify_pin("000000")  # a service asking now gets a typed error, not a hang
    stack.remove()
    log.wait_for("CardRemoved")
    card = stack.insert("v2")
    assert log.wait_for("CardInserted").holder.name == "张三"
    assert driver.verify_pin("123456").ok
    assert card.apdu_count == 18 + 3  # the read, then only our VERIFY: the stale one never reached this card


def test_verify_pin_only_on_request_with_tries_left(driver, stack, log):
    card = stack.insert("v2")
    log.wait_for("CardInserted")
    assert card.apdu_count == 18  # the read sent no VERIFY
    result = driver.verify_pin("654321")
    assert (result.ok, result.tries_left) == (False, 2)
    assert driver.verify_pin("123456").ok


def test_blocked_pin(driver, stack, log):
    stack.insert("blocked")
    log.wait_for("CardInserted")
    with pytest.raises(PinBlocked) as info:
        driver.verify_pin("123456")
    assert info.value.code == "blocked"


def test_verify_without_card_is_no_card(driver, stack):
    with pytest.raises(NoCard):
        driver.verify_pin("123456")


def test_fuzzed_responses_through_the_real_stack(driver, stack, log):
    stack.insert("garbage", garbage_seed=11)
    log.wait_for("CardReadFailed")
    outcomes = []
    for _ in range(40):
        try:
            outcomes.append(driver.read_holder())
        except CardError as exc:
            outcomes.append(exc.code)
    assert len(outcomes) == 40 and all(isinstance(o, str) for o in outcomes)
    assert "bad_data" in outcomes
    assert driver.state is not CardState.STOPPED


def test_other_slot_by_exact_name(stack, hub, log):
    reader = PcscCardReader(hub, reader="Virtual PCD 00 01", read_timeout_s=1.5)
    reader.start()
    try:
        stack.insert("v2", slot=0)
        stack.insert("rare", slot=1)
        assert log.wait_for("CardInserted").holder.name == "欧阳𠮷䶮㑇"
        assert reader.reader_name == "Virtual PCD 00 01"
    finally:
        reader.stop()


def test_unknown_reader_reports_no_reader(stack, hub, log):
    reader = PcscCardReader(hub, reader="Feitian R502", read_timeout_s=1.5)
    reader.start()
    try:
        changed = log.wait_for("DeviceStateChanged")
        assert changed.state == "no_reader" and changed.message == "读卡器未连接，请联系工作人员"
        assert "Virtual PCD 00 00" in reader.readers()
    finally:
        reader.stop()


def test_survives_pcscd_restart(driver, stack, log):
    stack.insert("rare")
    log.wait_for("CardInserted")
    stack.restart_pcscd()
    log.wait_for("CardRemoved")
    assert log.wait_for("CardInserted", 2, timeout=10).holder.name == "欧阳𠮷䶮㑇"
    assert driver.state is CardState.READY


def _opensc_records(stack, commands: list[str]) -> list[bytes]:
    argv = ["opensc-tool", "-r", stack.reader, "-c", "default"]
    for c in commands:
        argv += ["-s", c]
    out = subprocess.run(stack.inside(argv), capture_output=True, text=True, timeout=30, check=True).stdout
    answers: list[bytes] = []
    for block in out.split("Sending:")[1:]:
        lines = block.splitlines()[2:]  # after "Sending: …" and "Received (SW1=…)"
        hex_part = " ".join(re.match(r"((?:[0-9A-F]{2} )+)", ln).group(1) for ln in lines if re.match(r"[0-9A-F]{2} ", ln))
        answers.append(bytes.fromhex(hex_part))
    return answers


def test_peer_check_bytes_equal_opensc_tool(driver, stack, log):
    stack.insert("v2")
    log.wait_for("CardInserted")
    ours = driver.read_raw()
    select = "00A404000F7378312E73682EC9E7BBE1B1A3D5CF00"  # case 4, so OpenSC fetches the FCI itself
    ef05 = ["01", "02", "03", "04", "05", "06", "07"]
    ef06 = ["08", "09", "4E", "0A", "0B", "0C", "0D"]
    commands = [select, "00A4020002EF05"] + [f"00B2{t}0000" for t in ef05] + ["00A4020002EF06"] + [
        f"00B2{t}0000" for t in ef06]
    theirs = _opensc_records(stack, commands)
    assert theirs[0] == ours.fci
    peer = dict(zip(ef05 + ef06, theirs[2:9] + theirs[10:], strict=True))
    assert {f"{tag:02X}": raw for tag, raw in ours.records.items()} == peer
    assert profile("v2").villager.name.encode("gb18030") in peer["09"]
