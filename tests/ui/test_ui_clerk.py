"""协管员 mode in the real app (pytest-qt, offscreen): the hidden corner, login (wrong, good), reminders and
statistics on the clerk home screen, a ledger entry refused then submitted through the real store, the
month closed, logout wiping the clerk's state."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.accounts import AccountStore, Role
from kiosk.accounts.cli import ACCOUNTS_DB
from kiosk.config.schema import Config
from kiosk.keys import create_device_keys
from kiosk.store import DB_FILE, Store
from tests.ui.support import find, make_app, tap
from ui.app import Parts
from ui.tour import wait_until


def type_into(app, name: str, text: str) -> None:
    item = find(app, name)
    assert item is not None, name
    item.setProperty("text", text)


def test_clerk_logs_in_fills_a_ledger_and_logs_out(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    keys, _escrow = create_device_keys(data, "intl")
    store = Store.open(data / DB_FILE, suite="intl", keys=keys, config=Config())
    accounts = AccountStore(data / ACCOUNTS_DB)
    accounts.add("lihua", Role.CLERK, "李华", "chushi123")
    accounts.change_password("lihua", "chushi123", "xinmima456")
    accounts.close()
    app = make_app(tmp_path, Parts(store=store, extra_closers=[store.close]))
    clerk = app.clerk
    try:
        # the hidden corner: hold it for 3 s
        app.window.grabWindow()
        corner = find(app, "clerkEntry")
        point = corner.mapToScene(QPointF(20, 20)).toPoint()
        QTest.mousePress(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        qtbot.waitUntil(lambda: clerk.screen == "ClerkLogin", timeout=8000)
        QTest.mouseRelease(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        wait_until(lambda: find(app, "clerkLoginButton") is not None)

        type_into(app, "clerkUser", "lihua")
        type_into(app, "clerkPassword", "wrong0000")
        tap(qtbot, app, "clerkLoginButton")
        qtbot.waitUntil(lambda: "还可尝试4次" in clerk.message, timeout=10000)
        assert clerk.screen == "ClerkLogin"

        type_into(app, "clerkPassword", "xinmima456")
        tap(qtbot, app, "clerkLoginButton")
        qtbot.waitUntil(lambda: clerk.screen == "ClerkHome", timeout=10000)
        assert clerk.clerkName == "李华"
        # 23 November: October's labour-force report was due on the 5th
        assert any("2026年10月农村劳动力就业信息月采集已逾期18天" in r for r in clerk.reminders)
        assert clerk.stats[0] == "2026年11月服务统计"

        wait_until(lambda: find(app, "clerkLedger_TZ-LDL") is not None)
        tap(qtbot, app, "clerkLedger_TZ-LDL")
        qtbot.waitUntil(lambda: clerk.screen == "ClerkLedger" and find(app, "clerkField_name") is not None)
        type_into(app, "clerkField_name", "韦小宝")
        tap(qtbot, app, "clerkSubmit")
        qtbot.waitUntil(lambda: "id_number" in clerk.errors, timeout=10000)
        assert store.list_items() == []
        for key, value in (("household_no", "07"), ("id_number", "450102198001010015"),
                           ("employment_status", "灵活就业"), ("training_wish", "无")):
            type_into(app, f"clerkField_{key}", value)
        tap(qtbot, app, "clerkSubmit")
        qtbot.waitUntil(lambda: clerk.screen == "ClerkHome" and clerk.message.startswith("已提交"), timeout=10000)
        assert [(i.kind, i.service_code) for i in store.list_items()] == [("ledger", "TZ-LDL")]
        assert {d["code"]: d["count"] for d in clerk.ledgers}["TZ-LDL"] == 1

        wait_until(lambda: find(app, "clerkLedger_TZ-LDL") is not None)
        tap(qtbot, app, "clerkLedger_TZ-LDL")
        qtbot.waitUntil(lambda: find(app, "clerkCloseMonth") is not None)
        tap(qtbot, app, "clerkCloseMonth")
        qtbot.waitUntil(lambda: clerk.screen == "ClerkHome" and "已报送" in clerk.message, timeout=10000)
        assert not any("农村劳动力就业信息月采集" in r and "10月" in r for r in clerk.reminders)

        wait_until(lambda: find(app, "clerkLogout") is not None)
        tap(qtbot, app, "clerkLogout")
        qtbot.waitUntil(lambda: clerk.screen == "" and clerk.clerkName == "", timeout=5000)
        assert clerk.reminders == [] and clerk.values == {}
        events = [(r.event, r.outcome) for r in store.audit_records() if r.actor == "clerk"]
        assert ("clerk.logout", "logout") in events and ("login", "ok") in events
    finally:
        app.close()
