"""The operator commands end to end: init → simulate → queue → audit verify/export, and bad input."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from kiosk.cli.main import main
from kiosk.crypto import get_suite
from kiosk.keys import read_escrowed_hub_private_key
from kiosk.simulate import fake_person, is_valid_id_number
from tests.support.store_kit import open_item


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(params=["gm", "intl"])
def data_dir(request, tmp_path, capsys):
    d = tmp_path / "kiosk"
    code, out, _ = run(capsys, "--data-dir", str(d), "init", "--suite", request.param)
    assert code == 0 and "NOTICE" in out
    return d


def test_init_simulate_verify(data_dir, capsys):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "simulate", "--transactions", "30", "--seed", "7")
    assert code == 0 and "queued 30" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "audit", "verify")
    assert (code, out.strip()) == (0, "ok 32 records")  # init + epoch + 30 items
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "queue", "stats", "--json")
    stats = json.loads(out)
    assert stats["counts"]["queued"] == 30 and stats["pending_bytes"] > 0


def test_queue_list_and_export_hold_no_personal_data(data_dir, capsys):
    run(capsys, "--data-dir", str(data_dir), "simulate", "-n", "5", "--seed", "3")
    import random

    rng = random.Random(3)
    person = fake_person(rng).holder  # the first identity simulate used with this seed
    _, listing, _ = run(capsys, "--data-dir", str(data_dir), "queue", "list")
    _, export, _ = run(capsys, "--data-dir", str(data_dir), "audit", "export")
    assert len(listing.strip().splitlines()) == 5
    for text in (listing, export):
        assert person.id_number not in text and person.name not in text
    lines = [json.loads(line) for line in export.splitlines()]
    assert [r["seq"] for r in lines if r["type"] == "record"] == list(range(1, 8))
    assert any(r["type"] == "checkpoint" for r in lines)


def test_simulated_items_open_with_the_escrowed_hub_key(data_dir, capsys):
    run(capsys, "--data-dir", str(data_dir), "simulate", "-n", "2", "--with-images")
    from kiosk import config as config_mod
    from kiosk.crypto.sealing import decode_attachments
    from kiosk.store import open_store

    with open_store(data_dir, config_mod.load(data_dir / "config.toml")) as store:
        items = store.claim_batch(10, 10**9)
        device_id = store.keys.device_id
    doc = open_item(items[0], read_escrowed_hub_private_key(data_dir), device_id)
    assert is_valid_id_number(doc["payload"]["id_number"])
    photo = dict((n, d) for n, _m, d in decode_attachments(doc))["id_card_front"]
    assert photo[:2] == b"\xff\xd8" and 100_000 < len(photo) < 250_000


def test_tampering_one_row_fails_verify_naming_it(data_dir, capsys):
    run(capsys, "--data-dir", str(data_dir), "simulate", "-n", "5")
    conn = sqlite3.connect(data_dir / "store.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET outcome = 'denied' WHERE seq = 4")
    conn.close()
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "audit", "verify")
    assert code == 1 and "record 4" in err


def test_init_refuses_an_initialised_dir(data_dir, capsys):
    before = (data_dir / "keys" / "audit-mac.key").read_bytes()
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "init")
    assert code == 2 and "config.toml" in err and "Traceback" not in err
    assert (data_dir / "keys" / "audit-mac.key").read_bytes() == before


def test_init_with_a_given_hub_key_writes_no_escrow(tmp_path, capsys):
    hub = get_suite("intl").new_wrap_keypair()
    (tmp_path / "hub.pem").write_text(hub.public_text)
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "init", "--suite", "intl", "--hub-key",
                       str(tmp_path / "hub.pem"))
    assert code == 0 and "NOTICE" not in out and not (tmp_path / "d" / "hub-escrow").exists()
    (tmp_path / "bad.pem").write_text("garbage")
    code, _out, err = run(capsys, "--data-dir", str(tmp_path / "e"), "init", "--suite", "intl", "--hub-key",
                          str(tmp_path / "bad.pem"))
    assert code == 2 and "hub key" in err


def test_missing_config_is_a_clear_error(tmp_path, capsys):
    code, _out, err = run(capsys, "--data-dir", str(tmp_path / "none"), "queue", "stats")
    assert code == 2 and "config.toml" in err and "kiosk init" in err


def test_corrupt_database_is_a_clear_error(data_dir, capsys):
    (data_dir / "store.sqlite3").write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / f"store.sqlite3{suffix}").unlink(missing_ok=True)
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "audit", "verify")
    assert code == 2 and "store.sqlite3" in err and "Traceback" not in err


def test_shell_sequence_from_the_issue(tmp_path):
    """`kiosk init && kiosk simulate --transactions 200 && kiosk audit verify` as a user runs it."""
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "k")}
    kiosk = [sys.executable, "-m", "kiosk"]
    script = " && ".join(" ".join(kiosk + args) for args in (["init", "--suite", "intl"],
                                                            ["simulate", "--transactions", "200"],
                                                            ["audit", "verify"]))
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "ok 202 records"
