"""`kiosk card …`: masked output, against the in-process virtual card and the real stack."""

from __future__ import annotations

import json

import pytest

from drivers.card.virtual_card import profile
from kiosk.cli.main import main


def test_read_virtual_prints_masked_rare_name(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "card", "read", "--virtual", "rare", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    v = profile("rare").villager
    assert out["name"] == "欧***㑇"
    assert out["id_number"] == v.id_number[:6] + "********" + v.id_number[-4:]
    assert v.id_number not in json.dumps(out) and v.card_number not in json.dumps(out)


def test_trace_masks_ef06(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "card", "read", "--virtual", "v2", "--trace"]) == 0
    captured = capsys.readouterr()
    assert "姓名：张*" in captured.out
    assert "08 12 ** **" in captured.err
    assert profile("v2").villager.id_number.encode().hex(" ").upper() not in captured.err


def test_psam_card_is_a_plain_chinese_error(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "card", "read", "--virtual", "v3"]) == 2
    assert "此卡需要安全模块(PSAM)才能读取" in capsys.readouterr().err


@pytest.mark.pcsc
@pytest.mark.root
def test_read_over_the_real_stack(stack, tmp_path):
    stack.insert("rare")
    assert stack.wait_card(present=True)
    out = stack.kiosk_cli(tmp_path, "card", "read", "--reader", "Virtual PCD 00 00")
    assert "姓名：欧***㑇" in out
    assert profile("rare").villager.id_number not in out
    readers = stack.kiosk_cli(tmp_path, "card", "readers")
    assert readers.splitlines() == ["Virtual PCD 00 00", "Virtual PCD 00 01"]
