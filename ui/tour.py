"""A scripted walk through every screen on the virtual devices: ``make screenshots``, the accessibility
walker and the benchmark all use it, so each sees the same screens in the same states.

``rig`` is the demo rig (ui/demo.py): insert_card(key), remove_card(), show_document(profile), sign().
``visit(name)`` is called once each screen is up and settled.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop

from ui import flow


class SteppableClock:
    """Monotonic time that a script can move forward (to show the idle warning without waiting)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Run the event loop until ``condition`` holds (the bridges deliver by queued signals)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the UI did not reach the expected state")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def wait_shown(controller: Any, timeout_s: float = 10.0) -> None:
    """Until the controller's screen is on show: QML builds each screen asynchronously after the slot
    that changed ``controller.screen`` returned (ui/qml/Kiosk/Main.qml)."""
    wait_until(lambda: controller.shown_screen == controller.screen, timeout_s)


def when_shown(controller: Any, visit: Callable[[str], None]) -> Callable[[str], None]:
    return lambda name: (wait_shown(controller), visit(name))[1]


def luhn_complete(prefix: str) -> str:
    digits = [int(c) for c in prefix]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return prefix + str((10 - total % 10) % 10)


def sample_value(row: dict, holder: Any) -> str:
    """A valid value for a form row (what a villager would type), for fields the card did not fill."""
    if row["options"]:
        return row["options"][0]
    return {
        "phone": "13800138000",
        "bank_card": luhn_complete("622202020011223344"),
        "id_number": getattr(holder, "id_number", ""),
        "name": getattr(holder, "name", "张三"),
        "date": "2031-06-01" if row.get("when") == "future" else "2020-06-01",
        "amount": "200",
        "number": "1",
        "address": "示范县示范镇示范村 1 组 8 号",
    }.get(row["kind"], "无")


def fill_form(controller: Any) -> None:
    holder = controller.session.holder if controller.session else None
    for row in controller.fields:
        if not row["value"]:
            controller.setValue(row["key"], sample_value(row, holder))


def do_service(controller: Any, rig: Any, code: str, visit: Callable[[str], None] = lambda _n: None,
               *, pin: str = "123456", rating: int = 5) -> str:
    """One whole 办件 by the controller's slots (what the touches call); returns the 受理 number."""
    visit = when_shown(controller, visit)
    controller.chooseService(code)
    wait_until(lambda: controller.screen == "Notice")
    visit("Notice")
    controller.beginService()
    if controller.screen == "Pin":
        visit("Pin")
        controller.verifyPin(pin)
        wait_until(lambda: controller.screen != "Pin")
    if controller.screen == "Form":
        fill_form(controller)
        visit("Form")
        controller.submitForm()
        if controller.formErrors:
            raise AssertionError(f"form rejected: {dict(controller.formErrors)}")
    capture = controller.capture
    while controller.screen == "Materials":
        rig.show_document(capture.current()["profile"])
        wait_until(lambda: capture.quad or capture.materialReview, 20)
        if not capture.materialReview:
            visit("MaterialsLive")  # the live preview with the page outline, before auto-capture fires
        wait_until(lambda: capture.materialReview, 20)
        visit("Materials")
        rig.take_away()
        capture.acceptMaterial()
    if controller.screen == "Signature":
        if rig.sigpad is not None:
            rig.sign()
            wait_until(lambda: len(capture.strokes) > 0 and not rig.signing())
        else:
            sign_on_glass(capture)
        visit("Signature")
        capture.confirmSignature()
    wait_until(lambda: controller.screen == "Review")
    visit("Review")
    controller.confirm()
    wait_until(lambda: controller.screen == "Receipt", 30)
    number = controller.receipt["acceptance_no"]
    wait_until(lambda: bool(controller.receipt.get("qr")), 30)  # signed off the UI thread: show it, not the grey square
    visit("Receipt")
    controller.openRating()
    wait_until(lambda: controller.screen == "Rating")
    visit("Rating")
    controller.rate(rating, [])
    wait_until(lambda: controller.screen == "Done", 30)
    visit("Done")
    return number


def sign_on_glass(capture: Any) -> None:
    """A finger writing two strokes in the box (what the glass MouseArea reports)."""
    for stroke in ([(0.15 + i * 0.02, 0.5 + (0.12 if i % 2 else -0.12)) for i in range(25)],
                   [(0.7, 0.3), (0.72, 0.5), (0.75, 0.7), (0.8, 0.5)]):
        for i, (x, y) in enumerate(stroke):
            capture.glassPoint(x, y, i == 0)
        capture.glassPenUp()


def pick_services(catalog_view: Any) -> dict[str, str]:
    """Codes of three kinds of service the tour and the e2e tests need: with materials and signature,
    with a PIN, and with no materials at all."""
    found: dict[str, str] = {}
    for service in catalog_view.catalog.services if catalog_view.ready else []:
        info = flow.service_dict(service)
        if getattr(service, "query", False) or getattr(service, "draft", False):
            continue
        if info["materials"] and info["needs_signature"] and not info["needs_pin"]:
            found.setdefault("materials", info["code"])
        if info["needs_pin"]:
            found.setdefault("pin", info["code"])
        if not info["materials"] and info["needs_card"] and info["needs_signature"]:
            found.setdefault("plain", info["code"])  # no camera needed, still shows the signature step
    return found


def tour(app: Any, rig: Any, visit: Callable[[str], None], clock: SteppableClock) -> None:
    """Every screen once: the villager's (home, services, card greeting and error, notice, PIN, form,
    materials, signature, review, receipt, rating, done, info, idle warning, card removed mid-form),
    我的查询, the 3.0 card read offline, 协管员 and 帮办, and the technician's diagnostics."""
    visit = when_shown(app.controller, visit)
    villager_tour(app, rig, visit, clock)
    queries_tour(app, rig, visit)
    offline_card_tour(app, rig, visit)
    clerk_tour(app, visit)
    diag_tour(app, visit)


def rendered_screen(app: Any) -> str:
    """The screen on top as QML shows it: a clerk's or a query screen over the kiosk's own."""
    loaders, stack = {}, [app.window.contentItem()]
    while stack:  # the visual tree: items a Loader made are not always its QObject children
        item = stack.pop()
        if item.objectName() in ("clerkLoader", "queryLoader", "screenLoader"):
            loaders[item.objectName()] = item
        stack.extend(item.childItems())
    for name in ("clerkLoader", "queryLoader", "screenLoader"):
        loader = loaders.get(name)
        item = loader.property("item") if loader is not None and loader.property("active") else None
        if item is not None and item.property("screenName"):
            return str(item.property("screenName"))
    return ""


def villager_tour(app: Any, rig: Any, visit: Callable[[str], None], clock: SteppableClock) -> None:
    c = app.controller
    visit("Home")
    c.openTile("social")
    wait_until(lambda: c.screen == "Services")
    visit("Services")
    rig.insert_card("mute")
    wait_until(lambda: c.cardState == "error")
    visit("CardError")
    rig.remove_card()
    wait_until(lambda: not c.hasCard)
    rig.insert_card("rare")
    wait_until(lambda: c.cardState == "ok" and c.screen == "Card")
    visit("Card")
    codes = pick_services(c.d.catalog)
    main = codes["materials"] if rig.camera is not None else codes["plain"]
    do_service(c, rig, main, visit)
    if "pin" in codes:
        do_service(c, rig, codes["pin"], lambda n: visit("Pin") if n == "Pin" else None)
    c.openTile("policy")
    wait_until(lambda: c.screen == "Info")
    visit("Info")
    c.openTile("social")
    c.chooseService(main)
    c.beginService()
    wait_until(lambda: c.screen in ("Form", "Materials"))
    c.setValue(c.fields[0]["key"] if c.fields else "x", "半填")
    rig.remove_card()
    wait_until(lambda: c.screen == "Leave")
    visit("Leave")
    c.endSession("card_removed")
    wait_until(lambda: c.screen == "Home")
    c.openTile("rate")
    c.userActivity()
    clock.advance(c._policy().warning_after_s + 1)
    c.check_idle()
    wait_until(lambda: c.idleSecondsLeft > 0)
    visit("Idle")
    c.extendSession()
    c.goHome()


def queries_tour(app: Any, rig: Any, visit: Callable[[str], None]) -> None:
    """我的查询 with a card in: the PIN, the menu, an answer (or, offline, plainly why none), the 参保证明."""
    c, queries = app.controller, app.queries
    rig.insert_card("v2")
    wait_until(lambda: c.cardState == "ok" and c.screen == "Card")
    queries.open()
    wait_until(lambda: queries.screen == "QueryPin")
    visit("QueryPin")
    queries.verifyPin("123456")
    wait_until(lambda: queries.screen == "QueryHome" and not queries.busy)
    visit("QueryHome")
    queries.ask("contributions")
    wait_until(lambda: queries.screen == "QueryResult" and not queries.busy, 30)
    visit("QueryResult")
    queries.printProof()
    wait_until(lambda: queries.screen == "QueryProof" and not queries.busy, 30)
    visit("QueryProof")
    queries.close()
    _take_card_out(c, rig)


def offline_card_tour(app: Any, rig: Any, visit: Callable[[str], None]) -> None:
    """A third-generation card while the line to the county is down: type the ID number."""
    c = app.controller
    rig.set_network(False)
    rig.insert_card("v3")
    wait_until(lambda: c.screen == "ConfirmId" and c.identitySentence != "", 20)
    visit("ConfirmId")
    _take_card_out(c, rig)
    rig.set_network(True)


def clerk_tour(app: Any, visit: Callable[[str], None]) -> None:
    """协管员: login, the home screen, a ledger entry, then 帮办 (identify a fake villager, their consent)."""
    from ui.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    clerk, assist = app.clerk, app.clerk.assisting
    clerk.open()
    wait_until(lambda: clerk.screen == "ClerkLogin")
    visit("ClerkLogin")
    clerk.login(next(user for user, role, _name in DEMO_ACCOUNTS if role == "clerk"), DEMO_PASSWORD)
    wait_until(lambda: clerk.screen == "ClerkHome" and not clerk.busy, 30)
    visit("ClerkHome")
    clerk.openLedger(clerk.ledgers[0]["code"])
    wait_until(lambda: clerk.screen == "ClerkLedger")
    visit("ClerkLedger")
    clerk.home()
    assist.begin()
    wait_until(lambda: clerk.screen == "ClerkAssist")
    visit("ClerkAssist")
    assist.identifyTyped("11010519491231002X", "张三")  # a fake identity
    wait_until(lambda: clerk.screen == "ClerkConsent")
    for i in range(20):
        assist.consentPoint(0.2 + i * 0.03, 0.5 + (0.1 if i % 2 else -0.1), i == 0)
    visit("ClerkConsent")
    clerk.logout()
    wait_until(lambda: clerk.screen == "" and app.controller.session is None)
    app.controller.goHome()


def diag_tour(app: Any, visit: Callable[[str], None]) -> None:
    """The technician's diagnostic screen: login, then the device panels."""
    from ui.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    c, diag = app.controller, app.diag
    c.openDiag()
    wait_until(lambda: c.screen == "Diag")
    visit("Diag")
    diag.login(next(user for user, role, _name in DEMO_ACCOUNTS if role == "technician"), DEMO_PASSWORD)
    wait_until(lambda: diag.technician != "" and not diag.busy, 30)
    visit("DiagPanels")
    diag.logout()
    c.goHome()


def _take_card_out(controller: Any, rig: Any) -> None:
    rig.remove_card()
    wait_until(lambda: controller.screen in ("Home", "Leave") and not controller.hasCard)
    if controller.screen == "Leave":
        controller.endSession("card_removed")
    wait_until(lambda: controller.session is None and controller.screen == "Home")
