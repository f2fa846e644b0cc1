"""The accessibility walker visits every screen of the tour in 长辈模式 and checks text sizes, touch
targets, contrast and the spoken prompt against the 适老化 numbers for this panel; it names the screen
and element on failure. No personal data may be in a spoken prompt."""

from tests.ui.support import limits_for
from ui.tour import tour
from ui.walker import walk

EVERY_SCREEN = {"Home", "Services", "CardError", "Card", "Notice", "Form", "Materials", "Signature", "Review",
                "Receipt", "Rating", "Done", "Pin", "Info", "Leave", "Idle"}


def test_every_screen_in_elder_mode(rig):
    app = rig.app
    seen, problems, prompts = [], [], {}
    c = app.controller

    def visit(name: str) -> None:
        assert c.elderMode
        app.window.grabWindow()  # lay out and render the screen as a villager would see it
        screen = "Idle" if name == "Idle" else c.screen
        spoken = c.spoken.get(screen, "") if name != "Idle" else "idle"
        problems.extend(walk(app.window, name, spoken, limits_for(app)))
        prompts[name] = spoken
        seen.append(name)

    tour(app, rig, visit, rig.clock)
    assert not problems, "\n".join(map(str, problems))
    assert set(seen) >= EVERY_SCREEN, f"not visited: {EVERY_SCREEN - set(seen)}"
    for name, text in prompts.items():
        assert "欧阳" not in text and "110" not in text, f"{name} speaks personal data"
