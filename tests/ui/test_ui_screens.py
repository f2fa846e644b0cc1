"""Navigation by touch, the idle warning and wipe, on the real QML app (no devices attached)."""

import pytest

from sync.client.downlink import BundleShelf
from sync.protocol import Bundle
from tests.ui.support import ManualClock, find, make_app, tap


@pytest.fixture
def kiosk(qtbot, tmp_path):
    clock = ManualClock()
    app = make_app(tmp_path, clock=clock)
    app.clock = clock
    qtbot.waitExposed(app.window)
    yield app
    app.close()


def test_home_shows_card_prompt_and_tiles(kiosk, qtbot):
    assert kiosk.controller.screen == "Home"
    assert find(kiosk, "insertCardPanel").isVisible()
    for key in ("jobs", "skills", "social", "card", "policy", "rate"):
        assert find(kiosk, f"tile_{key}") is not None
    assert "读卡器暂不可用" in kiosk.controller.unavailableText


def test_switches_change_sizes_and_voice(kiosk, qtbot):
    label = find(kiosk, "elderSwitch")
    big = label.height()
    tap(qtbot, kiosk, "elderSwitch")
    qtbot.waitUntil(lambda: not kiosk.controller.elderMode)
    qtbot.waitUntil(lambda: find(kiosk, "elderSwitch").height() < big)
    tap(qtbot, kiosk, "voiceSwitch")
    qtbot.waitUntil(lambda: not kiosk.speaker.enabled)


def test_policy_info_works_offline_and_says_how_old(kiosk, qtbot, tmp_path):
    bundle = Bundle(kind="policy", version=3, created_at="2026-11-20T08:00:00+08:00",
                    content={"items": [{"title": "城乡居民养老保险缴费档次", "body": "每年 200 元起"}]})
    BundleShelf(kiosk.data_dir).install(bundle, bundle.model_dump_json().encode())
    tap(qtbot, kiosk, "tile_policy")
    qtbot.waitUntil(lambda: kiosk.controller.screen == "Info")
    qtbot.waitUntil(lambda: find(kiosk, "infoAge") is not None)
    assert "3 天前更新" in find(kiosk, "infoAge").property("text")
    assert kiosk.controller.infoItems[0]["title"] == "城乡居民养老保险缴费档次"


def test_idle_warning_continue_then_wipe(kiosk, qtbot):
    tap(qtbot, kiosk, "tile_rate")
    qtbot.waitUntil(lambda: kiosk.controller.screen == "Rating")
    kiosk.controller.userActivity()
    kiosk.clock.advance(kiosk.controller._policy().warning_after_s + 1)
    kiosk.controller.check_idle()
    assert kiosk.controller.idleSecondsLeft >= 20
    qtbot.waitUntil(lambda: find(kiosk, "idleOverlay").isVisible())
    tap(qtbot, kiosk, "continueButton")
    qtbot.waitUntil(lambda: kiosk.controller.idleSecondsLeft == 0)
    assert kiosk.controller.screen == "Rating"
    kiosk.clock.advance(kiosk.controller._policy().warning_after_s + kiosk.controller._policy().countdown_s + 1)
    with qtbot.waitSignal(kiosk.controller.sessionEnded, timeout=3000) as ended:
        kiosk.controller.check_idle()
    assert ended.args == ["idle"]
    qtbot.waitUntil(lambda: kiosk.controller.screen == "Home")
