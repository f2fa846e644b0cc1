"""`kiosk user …` on an initialised data dir: staff actions land in the audit log, never a password."""

from __future__ import annotations

import io
import json

from kiosk.cli.main import main


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_user_lifecycle_is_audited(tmp_path, capsys, monkeypatch):
    d = str(tmp_path / "kiosk")
    assert run(capsys, monkeypatch, "--data-dir", d, "init", "--suite", "intl")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "--data-dir", d, "user", "add", "lihua", "--role", "clerk", "--name", "李华",
                       "--password-stdin", stdin="Init1234\n")
    assert code == 0 and "首次登录须修改初始密码" in out
    code, out, _ = run(capsys, monkeypatch, "--data-dir", d, "user", "list")
    assert "lihua" in out and "待改初始密码" in out
    code, _, err = run(capsys, monkeypatch, "--data-dir", d, "user", "add", "wang", "--role", "technician",
                       "--password-stdin", stdin="short\n")
    assert code == 2 and "密码至少8位" in err
    code, _, err = run(capsys, monkeypatch, "--data-dir", d, "user", "unlock", "nobody")
    assert code == 2 and "没有这个用户" in err
    assert run(capsys, monkeypatch, "--data-dir", d, "user", "unlock", "lihua")[0] == 0

    code, out, _ = run(capsys, monkeypatch, "--data-dir", d, "audit", "export")
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    events = [(r.get("actor_ref"), r.get("event")) for r in records if r.get("type") != "checkpoint"]
    assert ("admin:cli", "account_created") in events and ("admin:cli", "account_unlocked") in events
    assert "Init1234" not in out
    assert run(capsys, monkeypatch, "--data-dir", d, "audit", "verify")[0] == 0
