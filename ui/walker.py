"""The accessibility walker: checks a rendered screen's QML item tree against the 适老化 numbers.

For every visible text: pixel size ≥ the elder minimum and contrast ≥ 4.5:1 against the colour actually
behind it (the nearest filled ancestor, a control's background, or the window). For every touch target
(MouseArea, text field): both sides ≥ 60 dp-equivalent. And the screen must have a spoken prompt.
Physical sizes come from config ([ui] screen_width_mm, viewing_distance_cm), so the numbers are in
millimetres on the real panel, not in pixels of whatever window the test happens to use.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickItem, QQuickWindow

DP_MM = 25.4 / 160  # Android dp
PHONE_DISTANCE_CM = 30  # the MIIT numbers are for a phone held at ~30 cm (standards.md §1.6)
ELDER_TEXT_DP = 18
ELDER_TARGET_DP = 60
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Limits:
    min_text_px: float
    min_target_px: float
    min_contrast: float = MIN_CONTRAST

    @classmethod
    def for_panel(cls, window_width_px: int, screen_width_mm: float, viewing_distance_cm: float) -> Limits:
        px_per_mm = window_width_px / screen_width_mm
        text_mm = ELDER_TEXT_DP * DP_MM * viewing_distance_cm / PHONE_DISTANCE_CM  # same visual angle
        return cls(text_mm * px_per_mm, ELDER_TARGET_DP * DP_MM * px_per_mm)


@dataclass(frozen=True)
class Problem:
    screen: str
    element: str
    what: str

    def __str__(self) -> str:
        return f"{self.screen} / {self.element}: {self.what}"


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _class(item: QQuickItem) -> str:
    return item.metaObject().className()


def _is(item: QQuickItem, cpp_class: str) -> bool:
    """QML types made from a Rectangle or Text have their own class names; ask the inheritance chain."""
    return item.inherits(cpp_class)


def _fill(item: QQuickItem) -> QColor | None:
    if _is(item, "QQuickRectangle"):
        color = item.property("color")
        if isinstance(color, QColor) and color.alpha() > 200:
            return color
    background = item.property("background")
    if isinstance(background, QQuickItem) and background.isVisible():
        return _fill(background)
    return None


def background_of(item: QQuickItem, window: QQuickWindow) -> QColor:
    node = item.parentItem()
    while node is not None:
        color = _fill(node)
        if color is not None:
            return color
        node = node.parentItem()
    return window.color()


def describe(item: QQuickItem) -> str:
    name = item.objectName()
    text = item.property("text")
    label = f"'{str(text)[:16]}'" if isinstance(text, str) and text else ""
    return " ".join(p for p in (name, _class(item).split("_QML")[0], label) if p)


def _visible_items(root: QQuickItem, skip: set[str]):
    for child in root.childItems():
        if not child.isVisible() or child.opacity() < 0.05 or child.objectName() in skip:
            continue
        if (child.width() <= 0 or child.height() <= 0) and not _is(child, "QQuickText"):
            continue
        yield child
        yield from _visible_items(child, skip)


def walk(window: QQuickWindow, screen: str, spoken: str, limits: Limits,
         skip: frozenset[str] = frozenset({"inputPanel"})) -> list[Problem]:
    """Problems on the screen as currently rendered; empty when it passes."""
    if window.contentItem().width() <= 0:
        raise RuntimeError("the window has not been laid out yet: nothing to check")
    problems: list[Problem] = []
    if not spoken.strip():
        problems.append(Problem(screen, "screen", "no spoken prompt"))
    for item in _visible_items(window.contentItem(), set(skip)):
        text = item.property("text")
        is_text = _is(item, "QQuickText") or _is(item, "QQuickTextInput")
        if is_text and isinstance(text, str) and text.strip():
            size = item.property("font").pixelSize()
            if 0 < size < limits.min_text_px:
                problems.append(Problem(screen, describe(item), f"font {size}px < {limits.min_text_px:.1f}px"))
            ratio = contrast(item.property("color"), background_of(item, window))
            if ratio < limits.min_contrast:
                problems.append(Problem(screen, describe(item), f"contrast {ratio:.2f}:1 < {limits.min_contrast}:1"))
        is_area = _is(item, "QQuickMouseArea")
        is_target = is_area and item.isEnabled() or _is(item, "QQuickTextInput")
        if is_target and min(item.width(), item.height()) < limits.min_target_px:
            owner = item.parentItem() if is_area else item
            problems.append(Problem(screen, describe(owner),
                                    f"target {item.width():.0f}×{item.height():.0f}px < {limits.min_target_px:.0f}px"))
    return problems
