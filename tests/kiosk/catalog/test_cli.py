"""`kiosk catalog …` through the real argparse tree."""

import json
import shutil

import pytest

from kiosk.catalog.loader import ASSETS_DIR
from kiosk.cli.main import main


@pytest.fixture
def run(tmp_path, capsys):
    def run(*argv):
        code = main(["--data-dir", str(tmp_path / "data"), "catalog", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_list_groups_the_whole_catalog_by_category(run):
    code, out, _ = run("list")
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("== ")]
    assert [h.split("（")[0][3:] for h in heads] == ["找工作", "学技术", "办社保", "用社保卡"]
    assert "SB-001  城乡居民养老保险参保登记" in out
    listed = [line for line in out.splitlines() if line.startswith("  ") and "-" in line[:9]]
    total = int(out.split("共 ")[1].split(" 项")[0])
    assert len(listed) == total >= 70


def test_list_one_category_and_a_wrong_one(run):
    code, out, _ = run("list", "--category", "学技术")
    assert code == 0 and "PX-002" in out and "SB-001" not in out
    code, _, err = run("list", "--category", "买菜")
    assert code == 2 and "找工作、学技术、办社保、用社保卡" in err


def test_show_reads_like_a_villager_guide(run):
    code, out, _ = run("show", "SB-006")
    assert code == 0
    for part in ("一次性告知", "【需要带的材料】", "户口簿本人页", "【多久办好】15个工作日内办结",
                 "开户银行（选择一项，必填）", "插卡自动填写", "语音提示"):
        assert part in out, part


def test_show_by_alias_and_unknown(run):
    code, out, _ = run("show", "居保参保")
    assert code == 0 and out.startswith("SB-001")
    code, _, err = run("show", "养老金认")
    assert code == 1 and "SB-012" in err


def test_search(run):
    code, out, _ = run("search", "ylbx")
    assert code == 0 and "SB-001" in out
    code, out, _ = run("search", "火星移民")
    assert code == 1 and "没有找到" in out


def test_validate_good_and_bad_files(run, tmp_path):
    code, out, _ = run("validate", str(ASSETS_DIR / "catalog.yaml"))
    assert code == 0 and "目录有效" in out
    target = tmp_path / "bad"
    shutil.copytree(ASSETS_DIR, target)
    social = target / "services-social.yaml"
    social.write_text(social.read_text(encoding="utf-8").replace("channel: 自助", "channel: 电话", 1), encoding="utf-8")
    code, _, err = run("validate", str(target / "catalog.yaml"))
    assert code == 1
    assert "服务 SB-001 城乡居民养老保险参保登记 的 channel" in err


def test_export_then_validate_the_merged_json(run, tmp_path):
    out_file = tmp_path / "catalog.json"
    code, out, _ = run("export", str(out_file))
    assert code == 0
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert "include" not in doc and len(doc["services"]) >= 70
    code, out, _ = run("validate", str(out_file))
    assert code == 0 and "目录有效" in out
    code, out, _ = run("list", "--file", str(out_file))
    assert code == 0 and "SK-008" in out


def test_every_service_renders_with_its_form_materials_and_notice():
    from kiosk.catalog import Catalog
    from kiosk.catalog.cli import render_service

    for s in Catalog.load().services:
        text = render_service(s)
        assert s.notice in text and s.speech in text
        assert all(f.label in text for f in s.fields) and all(m.name in text for m in s.materials)
        assert ("（不需要填写）" in text) == (not s.fields)
