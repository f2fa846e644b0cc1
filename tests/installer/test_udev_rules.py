"""The udev rules: `udevadm verify` where systemd has it (≥ 253), and in any case a strict parse of
every rule, with the check that each one names the source of its IDs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "installer/files/usr/lib/udev/rules.d/70-village-kiosk.rules"

# keys and operators from udev(7); ATTR{…}/ATTRS{…}/ENV{…} take an attribute name
_KEY = r"(ACTION|SUBSYSTEM|SUBSYSTEMS|KERNEL|KERNELS|DRIVER|DRIVERS|TAG|TAGS|SYMLINK|GROUP|MODE|OWNER|RUN|NAME|" \
       r"(ATTR|ATTRS|ENV|SYSCTL)\{[A-Za-z0-9_.:/-]+\})"
_PAIR = re.compile(rf'^{_KEY}(==|!=|\+=|-=|:=|=)"[^"]*"$')
_MATCH_OPS = {"==", "!="}


def _rules_with_comments() -> list[tuple[int, str, list[str]]]:
    rules, comments = [], []
    for number, line in enumerate(RULES.read_text().splitlines(), 1):
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            rules.append((number, line, comments))
            comments = []
        else:
            comments = []
    return rules


def test_every_rule_parses_and_names_its_source():
    rules = _rules_with_comments()
    assert len(rules) >= 10
    for number, line, comments in rules:
        assert any(c.startswith("# source:") for c in comments), f"line {number}: no '# source:' comment"
        pairs = [p.strip() for p in re.split(r',\s*(?=[A-Z])', line)]
        for pair in pairs:
            match = _PAIR.match(pair)
            assert match, f"line {number}: cannot parse {pair!r}"
        ops = [_PAIR.match(p).group(3) for p in pairs]
        assert any(op in _MATCH_OPS for op in ops), f"line {number}: matches nothing"
        assert any(op not in _MATCH_OPS for op in ops), f"line {number}: assigns nothing"


def test_stable_names_for_each_device_kind():
    text = RULES.read_text()
    for name in ("kiosk-cardreader", "kiosk-sigpad", "kiosk-doccam"):
        assert f'SYMLINK+="{name}"' in text
    # USB IDs in sysfs are lower-case hex: an upper-case ID would never match
    for value in re.findall(r'ATTRS?\{id(?:Vendor|Product)\}=="([^"]*)"', text):
        assert re.fullmatch(r"[0-9a-f]{4}", value), value


def test_udevadm_verify_where_available():
    if shutil.which("udevadm") is None:
        pytest.skip("udevadm not installed")
    if "verify" not in subprocess.run(["udevadm", "--help"], capture_output=True, text=True).stdout:
        pytest.skip("this systemd's udevadm has no 'verify' (added in systemd 253; Debian 12 has 252)")
    proc = subprocess.run(["udevadm", "verify", str(RULES)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
