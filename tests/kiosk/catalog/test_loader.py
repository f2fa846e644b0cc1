"""A bad catalog is refused with every problem listed, each naming the service and the field."""

import copy
import json
import shutil

import pytest

from kiosk.catalog import Catalog, CatalogError
from kiosk.catalog.loader import ASSETS_DIR, DEFAULT_CATALOG, build_services, read_document


@pytest.fixture(scope="module")
def shipped():
    return read_document(DEFAULT_CATALOG)


def problems_of(doc) -> list[str]:
    with pytest.raises(CatalogError) as info:
        build_services(doc)
    assert info.value.message == "服务目录有误，请联系管理员"
    return info.value.problems


def service(doc, code):
    return next(s for s in doc["services"] if s["code"] == code)


def test_unknown_field_type_names_service_and_field(shipped):
    doc = copy.deepcopy(shipped)
    service(doc, "SB-003")["fields"].append({"key": "colour", "type": "colour", "label": "颜色"})
    problems = problems_of(doc)
    assert len(problems) == 1
    assert "服务 SB-003 城乡居民养老保险暂停参保 的 fields[3]" in problems[0]


def test_bad_camera_profile_is_refused(shipped):
    doc = copy.deepcopy(shipped)
    service(doc, "SB-006")["materials"].append({"id": "x", "name": "证明", "profile": "x_ray"})
    problems = problems_of(doc)
    assert any("SB-006" in p and "materials[4]" in p and "x_ray" in p for p in problems), problems


def test_missing_required_key_and_bad_channel_are_both_reported(shipped):
    doc = copy.deepcopy(shipped)
    del service(doc, "JY-001")["notice"]
    service(doc, "PX-002")["channel"] = "网上"
    problems = problems_of(doc)
    assert any(p.startswith("服务 JY-001 职业介绍") and "'notice' is a required property" in p for p in problems)
    assert any(p.startswith("服务 PX-002 职业培训报名 的 channel") for p in problems)


def test_unknown_library_reference_and_duplicate_field(shipped):
    doc = copy.deepcopy(shipped)
    service(doc, "SK-004")["fields"].append("shoe_size")
    service(doc, "SK-003")["fields"].append("name")
    problems = problems_of(doc)
    assert "服务 SK-004 社会保障卡信息变更 的 fields[4]: 字段库里没有 “shoe_size”" in problems
    assert any(p.startswith("服务 SK-003") and "“name” 重复了" in p for p in problems)


def test_duplicate_code_and_alias_clash(shipped):
    doc = copy.deepcopy(shipped)
    clone = copy.deepcopy(service(doc, "SB-004"))
    clone["name"] = "另一个证明"
    clone["aliases"] = ["职业介绍"]
    doc["services"].append(clone)
    problems = problems_of(doc)
    assert "服务 SB-004: 编码 “SB-004” 用了 2 次，每项服务的编码必须唯一" in problems
    assert any("“职业介绍” 与 JY-001 重复" in p for p in problems)


def test_enum_without_options_and_pin_without_card(shipped):
    doc = copy.deepcopy(shipped)
    service(doc, "SB-017")["fields"].append({"key": "level", "type": "enum", "label": "等级"})
    s = service(doc, "SB-005")
    s["needs_card"] = False
    problems = problems_of(doc)
    assert "服务 SB-017 城乡居民养老保险参保人员基本信息维护 的 fields[4] 字段 level: enum 字段至少需要两个 options" in problems
    assert any(p.startswith("服务 SB-005") and "needs_pin" in p for p in problems)


def test_draft_needs_a_note_and_source_must_be_declared(shipped):
    doc = copy.deepcopy(shipped)
    s = service(doc, "JY-002")
    s["draft"] = True
    s["sources"].append("nowhere:1")
    problems = problems_of(doc)
    assert any(p.startswith("服务 JY-002") and "draft_note" in p for p in problems)
    doc = copy.deepcopy(shipped)
    service(doc, "JY-002")["sources"].append("nowhere:1")
    assert any("来源 “nowhere:1” 不在 sources 里" in p for p in problems_of(doc))


def copy_catalog(tmp_path):
    target = tmp_path / "catalog"
    shutil.copytree(ASSETS_DIR, target)
    return target


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    target = copy_catalog(tmp_path)
    jobs = target / "services-jobs.yaml"
    lines = jobs.read_text(encoding="utf-8").splitlines()
    lines[5] = "    name: [职业介绍"
    jobs.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        Catalog.load(target / "catalog.yaml")
    assert "services-jobs.yaml:" in info.value.problems[0]
    assert "YAML 格式错误" in info.value.problems[0]


def test_missing_include_file(tmp_path):
    target = copy_catalog(tmp_path)
    (target / "services-card.yaml").unlink()
    with pytest.raises(CatalogError) as info:
        Catalog.load(target / "catalog.yaml")
    assert "services-card.yaml" in info.value.problems[0]


def test_an_edited_copy_loads_and_changes_what_the_terminal_shows(tmp_path):
    target = copy_catalog(tmp_path)
    card = target / "services-card.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("time_limit_days: 20", "time_limit_days: 7"),
                    encoding="utf-8")
    catalog = Catalog.load(target / "catalog.yaml")
    assert catalog.get("SK-001").time_limit_days == 7
    assert "7个工作日内办结" in catalog.get("SK-001").notice


def test_document_is_a_copy(shipped):
    catalog = Catalog.from_document(shipped)
    doc = catalog.document()
    doc["services"].clear()
    assert len(catalog.document()["services"]) == len(catalog) == len(shipped["services"])


def install(data_dir, version, content):
    """The downlink's layout on disk (sync/client/downlink.py BundleShelf)."""
    from kiosk.catalog import seal_bundle

    folder = data_dir / "bundles" / "catalog"
    folder.mkdir(parents=True, exist_ok=True)
    bundle = seal_bundle("catalog", version, content, {"intl": lambda m: b"sig"})
    (folder / f"v{version}.json").write_bytes(bundle.to_json())
    (folder / "current.json").write_text(json.dumps({"version": version, "previous": None}))


def test_load_active_prefers_the_installed_hub_catalog(tmp_path, shipped):
    assert Catalog.load_active(tmp_path).source == str(DEFAULT_CATALOG)  # nothing installed yet
    doc = copy.deepcopy(shipped)
    doc["catalog_version"] = "2027.01.01-1"
    doc["services"] = [s for s in doc["services"] if s["category"] != "学技术"]
    install(tmp_path, 4, doc)
    active = Catalog.load_active(tmp_path)
    assert active.version == "2027.01.01-1" and active.source == "hub bundle v4"
    assert active.by_category()["学技术"] == []


def test_load_active_falls_back_when_the_installed_catalog_is_broken(tmp_path, caplog):
    install(tmp_path, 5, {"catalog_version": "broken"})
    active = Catalog.load_active(tmp_path)
    assert active.source == str(DEFAULT_CATALOG) and len(active) >= 70
    assert "installed catalog bundle unusable" in caplog.text


def test_misspelt_key_in_an_include_file_is_refused(tmp_path):
    target = copy_catalog(tmp_path)
    skills = target / "services-skills.yaml"
    skills.write_text(skills.read_text(encoding="utf-8").replace("category: 学技术", "categroy: 学技术"),
                      encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        Catalog.load(target / "catalog.yaml")
    assert "services-skills.yaml: 不认识的键 categroy" in info.value.problems[0]


def test_load_active_checks_a_catalog_against_the_schema_once(tmp_path, shipped, monkeypatch):
    """The schema verdict is remembered by the document's digest (issue 8: jsonschema off every start)."""
    from kiosk.catalog import loader

    checked = []
    real = loader.schema_problems
    monkeypatch.setattr(loader, "schema_problems", lambda doc: checked.append(doc["catalog_version"]) or real(doc))
    first = Catalog.load_active(tmp_path)
    again = Catalog.load_active(tmp_path)
    assert checked == [first.version] and len(again) == len(first)
    doc = copy.deepcopy(shipped)
    doc["catalog_version"] = "2027.02.01-1"
    install(tmp_path, 6, doc)
    assert Catalog.load_active(tmp_path).version == "2027.02.01-1"
    assert checked == [first.version, "2027.02.01-1"]  # another document: checked afresh
    broken = copy.deepcopy(doc)
    broken["catalog_version"] = "2027.03.01-1"
    service(broken, broken["services"][0]["code"])["fields"] = "not a list"
    install(tmp_path, 7, broken)
    assert Catalog.load_active(tmp_path).source == str(DEFAULT_CATALOG)  # refused, not remembered as good
    assert len(list((tmp_path / "cache" / "catalog-checked").iterdir())) == 2


def test_a_read_only_cache_costs_a_check_not_the_catalog(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "catalog-checked").write_text("not a folder")
    assert len(Catalog.load_active(tmp_path)) >= 70
