import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.config.schema import Config, KioskSection
from tests.ui.support import find, make_app

ROOT = Path(__file__).resolve().parents[2]


def sources(ts: Path) -> set[str]:
    return {m.find("source").text for m in ET.parse(ts).iter("message")}


# The villager screens of this package; other screens (diagnostics, queries, clerk) carry their own entries.
MINE = ["Main.qml", "Idle.qml", "Theme.qml", "parts", "screens/Home.qml", "screens/Card.qml", "screens/Services.qml",
        "screens/Notice.qml", "screens/Pin.qml", "screens/Form.qml", "screens/Materials.qml", "screens/Signature.qml",
        "screens/Review.qml", "screens/Receipt.qml", "screens/Rating.qml", "screens/Done.qml", "screens/Leave.qml",
        "screens/Info.qml", "screens/ClerkAssist.qml", "screens/ClerkConsent.qml", "screens/ConfirmId.qml"]


def test_every_qml_string_has_an_english_translation(tmp_path):
    sys.path.insert(0, str(ROOT / "assets" / "translations"))
    from en import EN

    fresh = tmp_path / "fresh.ts"
    kiosk_qml = ROOT / "ui" / "qml" / "Kiosk"
    qml = [str(p) for name in MINE for p in ([kiosk_qml / name] if name.endswith(".qml")
                                              else sorted((kiosk_qml / name).glob("*.qml")))]
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lupdate"), *qml, "-ts", str(fresh)],
                   check=True, capture_output=True)
    missing = sources(fresh) - set(EN)
    assert not missing, f"add English for: {sorted(missing)}"
    assert sources(fresh) <= sources(ROOT / "assets" / "translations" / "kiosk_en.ts"), "re-run lupdate + en.py"


def test_english_ui(qtbot, tmp_path):
    app = make_app(tmp_path, config=Config(kiosk=KioskSection(language="en")))
    try:
        qtbot.waitExposed(app.window)
        texts = []
        stack = [find(app, "insertCardPanel")]
        while stack:
            item = stack.pop()
            if isinstance(item.property("text"), str):
                texts.append(item.property("text"))
            stack.extend(item.childItems())
        assert "Please insert your card" in texts
    finally:
        app.close()
        app.app.removeTranslator(app.translator)
