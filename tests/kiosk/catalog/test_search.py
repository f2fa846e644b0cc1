"""Search by Chinese text, full pinyin and pinyin initials, over the shipped catalog."""

import pytest

from kiosk.catalog import Catalog
from kiosk.catalog.search import pinyin_full, pinyin_initials


@pytest.fixture(scope="module")
def catalog():
    return Catalog.load()


def codes(hits):
    return [s.code for s in hits]


def test_pinyin_helpers():
    assert pinyin_full("养老保险") == "yanglaobaoxian"
    assert pinyin_initials("养老保险") == "ylbx"
    assert pinyin_initials("银行") == "yh"


@pytest.mark.parametrize("query", ["ylbx", "yanglaobaoxian", "养老保险", "YLBX", "yang lao"])
def test_pension_services_found_every_way(catalog, query):
    hits = catalog.search(query)
    assert hits, query
    assert "SB-001" in codes(hits)[:5]
    assert all("养老" in " ".join(s.all_names) or "养老" in s.description for s in hits), query


def test_exact_name_comes_first(catalog):
    assert codes(catalog.search("失业登记"))[0] == "JY-013"
    assert codes(catalog.search("就业登记"))[0] == "JY-004"


def test_alias_finds_the_service(catalog):
    assert codes(catalog.search("生存认证"))[0] == "SB-012"
    assert codes(catalog.search("退保")) == ["SB-010"]


def test_initials_for_card_loss(catalog):
    hits = codes(catalog.search("sbkgs"))  # 社保卡挂失
    assert hits[0] == "SK-006"


def test_several_words_must_all_match(catalog):
    hits = catalog.search("社保卡 密码")
    assert codes(hits) == ["SK-005"]


def test_characters_in_order_but_apart(catalog):
    assert "SB-012" in codes(catalog.search("养老认证"))


def test_code_and_nonsense(catalog):
    assert codes(catalog.search("sb-022")) == ["SB-022"]
    assert catalog.search("火星移民") == []
    assert catalog.search("   ") == []
    assert catalog.search("zzzzqqq") == []


SEARCH_IN_A_FRESH_PROCESS = """
import json, sys
from kiosk.catalog import Catalog
hits = [s.code for s in Catalog.load_active(sys.argv[1]).search("ylbx")]
print(json.dumps({"hits": hits, "pypinyin": "pypinyin" in sys.modules}))
"""


def search_in_a_fresh_process(data_dir) -> dict:
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SEARCH_IN_A_FRESH_PROCESS, str(data_dir)], capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_pinyin_of_the_catalog_is_kept_on_disk_so_later_starts_search_without_pypinyin(tmp_path):
    first = search_in_a_fresh_process(tmp_path)
    assert first["pypinyin"] and first["hits"]  # the first search on this terminal spells the names
    [kept] = (tmp_path / "cache" / "catalog-pinyin").glob("*.json")
    later = search_in_a_fresh_process(tmp_path)
    assert later == {"hits": first["hits"], "pypinyin": False}
    kept.write_text("{damaged", encoding="utf-8")  # a damaged file costs a spelling, not the search
    assert search_in_a_fresh_process(tmp_path) == first
