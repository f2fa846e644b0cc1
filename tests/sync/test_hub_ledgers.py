"""A ledger month and a 帮办 application reach a real hub on loopback through the real commands; the hub
lists the application marked 帮办 with the clerk's name, the ledger entries, and the month's figures."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from kiosk.cli.main import main
from sync.hub.cli import main as hub_main
from sync.hub.ledgers import assisted_label, hub_statistics, ledger_rows

VILLAGER_ID = "450102195505050025"
MEMBER_ID = "450102198001010015"


@pytest.fixture
def kiosk(capsys, monkeypatch):
    """The real `kiosk` command in this process (a subprocess per call costs seconds of imports)."""

    def run(data_dir, *args, stdin: str = "", check=True):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        rc = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        if check:
            assert rc == 0, f"kiosk {' '.join(args)} -> {rc}: {err}"
        return subprocess.CompletedProcess(args, rc, out, err)

    return run


@pytest.fixture
def hub_cli(hub, capsys):
    """The real `kiosk-hub` command, in this process, on the running hub's folder."""

    def run(*args):
        assert hub_main(["--data-dir", str(hub.folder), *args]) == 0
        return capsys.readouterr().out

    return run


def test_assisted_application_and_ledger_month_at_the_hub(hub, tmp_path, kiosk, hub_cli):
    data = tmp_path / "kiosk"
    kiosk(data, "enroll", "--hub", hub.url, "--token", hub.token("那坡村"), "--suite", "intl")
    kiosk(data, "user", "add", "lihua", "--role", "clerk", "--name", "李华", "--password-stdin", stdin="chushi123\n")
    # the initial password must be changed first
    r = kiosk(data, "ledger", "close", "TZ-SW", "--user", "lihua", "--period", "2026-10", "--password-stdin",
              stdin="chushi123\n", check=False)
    assert r.returncode == 2 and "修改初始密码" in r.stderr
    kiosk(data, "assist", "password", "--user", "lihua", "--password-stdin", stdin="chushi123\nxinmima456\n")
    pw = "xinmima456\n"
    draft = kiosk(data, "ledger", "fill", "TZ-LDL", "--user", "lihua", "--period", "2026-10", "--draft",
                  "--set", "name=韦小宝", "--password-stdin", stdin=pw).stdout.split("：")[-1].strip()
    bad = kiosk(data, "ledger", "fill", "TZ-LDL", "--user", "lihua", "--period", "2026-10", "--draft-id", draft,
                "--password-stdin", stdin=pw, check=False)
    assert bad.returncode == 2 and "employment_status" in bad.stderr and "Traceback" not in bad.stderr
    kiosk(data, "ledger", "fill", "TZ-LDL", "--user", "lihua", "--period", "2026-10", "--draft-id", draft,
          "--set", "household_no=07", "--set", f"id_number={MEMBER_ID}", "--set", "employment_status=灵活就业",
          "--set", "training_wish=无", "--password-stdin", stdin=pw)
    kiosk(data, "ledger", "close", "TZ-LDL", "--user", "lihua", "--period", "2026-10", "--password-stdin", stdin=pw)
    assert "0 份草稿" in kiosk(data, "ledger", "drafts", "--user", "lihua", "--password-stdin", stdin=pw).stderr
    sig = tmp_path / "sig.json"
    sig.write_text('{"strokes": [[[10, 10, 300], [40, 20, 500]]]}')
    out = kiosk(data, "assist", "apply", "JY-002", "--user", "lihua", "--id-number", VILLAGER_ID, "--name", "黄阿婆",
                "--set", "phone=13800138000", "--set", "education=初中", "--signature-file", str(sig),
                "--password-stdin", stdin=pw).stdout
    assert "办理方式：帮办" in out and "经办协管员：李华（lihua）" in out
    today = dt.date.today().strftime("%Y-%m")
    kiosk(data, "ledger", "stats", "--send", "--user", "lihua", "--village", "那坡村", "--password-stdin", stdin=pw)
    result = json.loads(kiosk(data, "sync", "now", "--json").stdout)
    assert result["ok"] and result["accepted"] == 4
    device = json.loads(kiosk(data, "sync", "status", "--json").stdout)["device_id"]

    listing = hub_cli("applications", "list", "--device", device)
    jy = [line for line in listing.splitlines() if "JY-002" in line]
    assert len(jy) == 1 and jy[0].endswith("帮办 李华（lihua）")
    rows = [json.loads(x) for x in hub_cli("applications", "list", "--json", "--device", device).splitlines()]
    assert sorted(r["assisted"] for r in rows) == ["", "", "", "帮办 李华（lihua）"]

    ledgers = hub_cli("ledgers", "list", "--period", "2026-10", "--device", device).splitlines()
    assert len(ledgers) == 2 and all("协管员 李华" in line for line in ledgers)
    assert "韦*宝" in ledgers[0] and "韦小宝" not in ledgers[0] and MEMBER_ID not in ledgers[0]
    assert "共 1 条" in ledgers[1]
    stats = json.loads(hub_cli("ledgers", "stats", "--period", today, "--device", device, "--json"))
    assert (stats["acceptances"], stats["assisted"], stats["ledger_items"]) == (1, 1, 2)


def test_hub_views_are_pure_over_rows():
    def row(kind, code, payload, meta=None, when="2026-11-10T02:00:00Z"):
        return {"kind": kind, "service_code": code, "acceptance_no": f"SL{code}", "device_id": "d1", "created_at": when,
                "content": json.dumps({"meta": meta or {}, "payload": payload})}

    rows = [
        row("application", "JY-002", {"assisted": {"mode": "上门办", "clerk": {"display_name": "王五", "username": "ww"}}},
            {"assisted": True}),
        row("application", "SB-001", {}),
        row("rating", "SB-001", {"level": 5}),
        row("rating", "SB-001", {"level": 1}),
        row("ledger", "TZ-SW", {"action": "entry", "ledger": "TZ-SW", "period": "2026-10",
                                "entry": {"deceased_name": "某某某", "deceased_id_number": VILLAGER_ID}}),
        row("application", "SB-001", {}, when="2026-12-01T02:00:00Z"),
        {**row("application", "X", {}), "content": "not json"},
    ]
    assert assisted_label(rows[0]) == "上门办 王五（ww）" and assisted_label(rows[1]) == ""
    stats = hub_statistics(rows, "2026-11", on_the_spot_codes={"JY-002"})
    assert (stats.acceptances, stats.completions, stats.assisted, stats.ledger_items) == (3, 1, 1, 1)
    assert stats.rated == 2 and stats.ratings["5"] == 1 and stats.ratings["1"] == 1 and stats.satisfaction == 0.5
    (entry,) = ledger_rows(rows, period="2026-10")
    assert VILLAGER_ID not in entry.summary and "某某某" not in entry.summary and "某*某" in entry.summary
    assert ledger_rows(rows, period="2026-09") == []
