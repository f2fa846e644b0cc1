"""kill -9 at random instants while enqueueing: nothing whose 受理编号 was handed out is lost."""

from __future__ import annotations

import time

import pytest

from kiosk import config as config_mod
from kiosk.cli.main import main
from kiosk.crypto.sealing import hub_opener
from kiosk.keys import read_escrowed_hub_private_key
from kiosk.store import open_store
from tests.support.crash_forker import run_crash_cycles


@pytest.mark.parametrize("suite,cycles", [("gm", 110), ("intl", 110)])  # 220 kill cycles in all
def test_kill_minus_nine_loses_nothing_acknowledged(tmp_path, capsys, suite, cycles):
    data_dir = tmp_path / "k"
    assert main(["--data-dir", str(data_dir), "init", "--suite", suite]) == 0
    started = time.monotonic()
    run = run_crash_cycles(data_dir, cycles, seed=cycles)
    assert run.kills == cycles and len(run.acknowledged) >= cycles  # most cycles acknowledged something
    open_sealed = hub_opener(read_escrowed_hub_private_key(data_dir))  # caches each epoch's key, as the hub does
    with open_store(data_dir, config_mod.load(data_dir / "config.toml")) as store:
        assert store.integrity_check() == "ok"
        items = {i.acceptance_no: i for i in store.claim_batch(100_000, 10**12)}
        missing = set(run.acknowledged) - set(items)
        assert not missing, f"{len(missing)} acknowledged transactions lost"
        for acceptance_no, txn_id in run.acknowledged.items():
            item = items[acceptance_no]
            assert item.txn_id == txn_id
            doc = open_sealed(item.sealed, txn_id=item.txn_id, kind=item.kind, service_code=item.service_code,
                              device_id=store.keys.device_id)
            assert doc["meta"]["acceptance_no"] == acceptance_no
        verdict = store.verify_audit()
        assert verdict.ok, verdict.summary()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("ok ")
    print(f"{suite}: {cycles} kills, {len(run.acknowledged)} acknowledged, {time.monotonic() - started:.1f} s")
