"""English for the text Python builds (ui/i18n.py): every UserFacingError message, every message table and
the status words, found by introspection, so a new message without English fails here by name; and a
card error seen on the English screen."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from drivers.card import base as card_base
from drivers.card.events import CardReadFailed
from kiosk.config.schema import Config, KioskSection
from kiosk.errors import UserFacingError
from kiosk.events import EventHub
from tests.ui.support import find, make_app
from ui.bridges.status import StatusBridge
from ui.i18n import tr
from ui.tour import wait_until

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "assets" / "translations" / "kiosk_en.qm"
PACKAGES = ("kiosk", "drivers", "sync", "ui")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Module-level Chinese that is data, not a message: fake identities, card record code tables, catalog
# vocabulary and search words (the catalog's own text is county data, shown as the county wrote it).
NOT_MESSAGES = {
    "kiosk.simulate._SURNAMES", "kiosk.simulate._GIVEN", "drivers.camera.textures._HANZI",
    "drivers.camera.textures._FAKE_NAMES", "drivers.sigpad.scribble._KINDS", "drivers.card.records.SEX",
    "drivers.card.records.ETHNICITIES", "drivers.card.records.ETHNICITY_BY_CODE",
    "kiosk.catalog.CATEGORIES", "kiosk.catalog.model.CATEGORIES", "kiosk.catalog.model.CHANNELS",
    "kiosk.catalog.model.VILLAGE_LEVELS",
    "drivers.printer.proofs._CONTRIBUTION_COLUMNS",  # printed on the official paper, in Chinese
}
# Terminal commands talk Chinese to the technician; the demo's panel and fake hub are not the kiosk's screen.
NOT_SCREEN_MODULES = re.compile(r"(^|\.)(cli|__main__)$|^ui\.demo")


def _modules():
    for package in PACKAGES:
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
            if not NOT_SCREEN_MODULES.search(info.name):
                yield info.name, importlib.import_module(info.name)


def _texts(value: object) -> list[str]:
    """The strings in a constant: a str, a dict's values, a sequence's items (one level of nesting)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in ([v] if isinstance(v, str) else [])]
    if isinstance(value, (list, tuple, set, frozenset)):
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, (dict, tuple)):
                out += [t for t in (item.values() if isinstance(item, dict) else item) if isinstance(t, str)]
        return out
    return []


def message_tables() -> dict[str, list[str]]:
    """Every module-level constant holding Chinese, by dotted name (data tables left out by name)."""
    tables = {}
    for name, module in _modules():
        for attr, value in vars(module).items():
            dotted = f"{name}.{attr}"
            if attr.startswith("__") or getattr(value, "__module__", name) != name or dotted in NOT_MESSAGES:
                continue
            texts = [t for t in _texts(value) if HAN.search(t)]
            if texts:
                tables[dotted] = texts
    return tables


def error_messages() -> dict[str, str]:
    """``message`` of every UserFacingError subclass in the four packages."""
    list(_modules())  # import them all, so every subclass exists
    found, todo = {}, [UserFacingError]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.split(".")[0] in PACKAGES and HAN.search(cls.message or ""):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls.message
    return found


def raised_and_returned() -> dict[str, str]:
    """Literal messages raised (``raise SomeError("…")``) anywhere, and returned by kiosk/validators.py."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "cli" in path.stem or path.name == "__main__.py":
                continue  # terminal commands print Chinese for the technician, not for the screen
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                arg = None
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                    arg = node.exc.args[0]
                elif isinstance(node, ast.Return) and path.name == "validators.py":
                    arg = node.value
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and HAN.search(arg.value):
                    found[f"{path.relative_to(ROOT)}:{node.lineno}"] = arg.value
    return found


# UI modules whose words reach the screen through ui.i18n.tr (flow.py's are tables, found above)
SCREEN_MODULES = ["ui/controller.py", "ui/card_session.py", "ui/capture.py", "ui/info.py", "ui/speech.py",
                  *(f"ui/bridges/{name}.py" for name in ("card", "status", "store", "camera", "sigpad", "printer",
                                                          "query"))]
NOT_SHOWN_LITERALS = {"回执", "说明"}  # a word replaced inside a printer message; a printed document's footer title


def screen_literals() -> dict[str, str]:
    """Plain Chinese literals in those modules (not docstrings, not f-string parts, not log lines)."""
    found = {}
    for name in SCREEN_MODULES:
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):
            docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            log_line = isinstance(node, ast.Call) and ast.unparse(node.func).startswith("log.")
            if docstring or log_line or isinstance(node, ast.JoinedStr):
                skip.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value)
                    and id(node) not in skip and node.value not in NOT_SHOWN_LITERALS):
                found[f"{name}:{node.lineno}:{node.col_offset}"] = node.value
    return found


def status_words() -> dict[str, str]:
    """What the top bar and the home screen say about the line, the queue and the devices."""
    bridge = StatusBridge(EventHub())
    out = {}
    try:
        for online in (None, True, False):
            for waiting in (0, 3):
                bridge.online, bridge.waiting, bridge.reason = online, waiting, ""
                out[f"status online={online} waiting={waiting}"] = bridge.text()
        reasons = {t for name, texts in message_tables().items()  # what the sync client reports (not 我的查询)
                   if name.startswith("sync.client.") and not name.startswith("sync.client.query.") for t in texts}
        assert len(reasons) >= 5, reasons
        for reason in sorted(reasons):  # the sync client's plain reasons, with the queue added to them
            bridge.online, bridge.waiting, bridge.reason = False, 3, reason
            out[f"status reason={reason}"] = bridge.text()
        bridge.failed_devices = {d: "x" for d in ("card", "camera", "sigpad", "printer")}
        out["unavailable devices"] = bridge.unavailable()
    finally:
        bridge.close()
    return out


@pytest.fixture
def english():
    app = QCoreApplication.instance()
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


def assert_english(texts: dict[str, str]) -> None:
    missing = [f"{where}: {text}" for where, text in sorted(texts.items()) if HAN.search(tr(text))]
    assert not missing, ("add English in assets/translations/messages_en.py, then run en.py (README):\n"
                         + "\n".join(missing))


def test_every_user_facing_error_message_has_english(qapp, english):
    errors = error_messages()
    assert len(errors) > 40, "the introspection found too few UserFacingError subclasses"
    assert_english(errors)


def test_every_raised_or_validator_message_has_english(qapp, english):
    found = raised_and_returned()
    assert len(found) > 30
    assert_english(found)


def test_every_message_table_has_english(qapp, english):
    tables = message_tables()
    assert "ui.bridges.card.ADVICE" in tables and "drivers.camera.quality.HINTS" in tables
    flat = {f"{name}[{i}]": text for name, texts in tables.items() for i, text in enumerate(texts)}
    assert_english(flat)


def test_every_screen_literal_has_english(qapp, english):
    found = screen_literals()
    assert len(found) > 40 and "读卡器暂不能校验密码，请到窗口办理" in found.values()
    assert_english(found)


def test_status_words_have_english(qapp, english):
    words = status_words()
    assert_english(words)
    assert tr(words["status online=False waiting=3"]).startswith("Network not connected, 3 ")


def test_chinese_stays_chinese_without_a_translator(qapp):
    assert tr("请插入社保卡") == "请插入社保卡"
    assert tr("网络未连接，3 件待上传，联网后自动上传") == "网络未连接，3 件待上传，联网后自动上传"


def test_a_sentence_with_an_unknown_part_is_left_whole(qapp, english):
    assert tr("网络正常，没有这句话") == "网络正常，没有这句话"  # never half English, half Chinese
    assert tr("密码不对，还可以再试 2 次") == "Wrong PIN, 2 tries left"


def test_english_card_error_on_screen(qtbot, tmp_path):
    mute = next(cls for cls in vars(card_base).values()
                if isinstance(cls, type) and issubclass(cls, card_base.CardError) and cls.code == "mute")
    events = EventHub()
    app = make_app(tmp_path, events=events, config=Config(kiosk=KioskSection(language="en")))
    try:
        qtbot.waitExposed(app.window)
        worker = threading.Thread(target=events.publish, name="dev-card",
                                  args=(CardReadFailed(mute.code, mute.message, "virtual"),))
        worker.start()
        worker.join(5)
        wait_until(lambda: find(app, "cardTitle") is not None and find(app, "cardAdvice") is not None)
        title, advice = find(app, "cardTitle").property("text"), find(app, "cardAdvice").property("text")
        assert title == "The card does not respond. Please take it out and insert it again", title
        assert advice == "Please take the card out, wipe the chip and insert it again.", advice
        assert not HAN.search(app.controller.spoken["Card"])
    finally:
        app.close()
        app.app.removeTranslator(app.translator)
