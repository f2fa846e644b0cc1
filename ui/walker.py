"""The accessibility walker: checks a rendered screen's QML item tree against the 适老化 numbers.

For every visible text: pixel size ≥ the elder minimum and contrast ≥ 4.5:1 against the colour actually
behind it (the nearest filled ancestor, a control's background, or the window). For every touch target
(MouseArea, text field): both sides ≥ 60 dp-equivalent. And the screen must have a spoken prompt.
Physical sizes come from config ([ui] screen_width_mm, viewing_distance_cm), so the numbers are in
millimetres on the real panel, not in pixels of whatever window the test happens to use.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtQml import QQmlEngine, QQmlExpression
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


# --- geometry: what a smaller or upright panel breaks ---------------------------------------------------
SLACK_PX = 2.0  # anti-aliasing and rounding, not a layout fault
ELIDE_NONE = 3  # Text.ElideNone


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def painted_rect(item: QQuickItem) -> QRectF:
    """Where a text's glyphs land (its content can be wider or taller than the item), else the item's box."""
    rect = QRectF(0, 0, item.width(), item.height())
    if _is(item, "QQuickText") or _is(item, "QQuickTextInput"):
        content_w, content_h = item.property("contentWidth") or 0.0, item.property("contentHeight") or 0.0
        extra = max(0.0, content_w - rect.width())
        align = _int_property(item, "effectiveHorizontalAlignment")
        if align & Qt.AlignmentFlag.AlignRight.value:
            rect.setLeft(-extra)
        elif align & Qt.AlignmentFlag.AlignHCenter.value:
            rect.adjust(-extra / 2, 0, extra / 2, 0)
        else:
            rect.setRight(rect.right() + extra)
        rect.setBottom(max(rect.bottom(), content_h))
    return item.mapRectToScene(rect)


def _int_property(item: QQuickItem, name: str) -> int:
    """An enum property as a number (PySide has no converter for QQuickText's enums)."""
    value = QQmlExpression(QQmlEngine.contextForObject(item), item, f"Number({name})").evaluate()[0]
    return int(value) if isinstance(value, (int, float)) else 0


def _seen_region(item: QQuickItem) -> QRectF:
    """The part of ``item`` a clipping ancestor (a scrolling list, a slot) lets through."""
    region = painted_rect(item)
    node = item.parentItem()
    while node is not None and not region.isEmpty():
        if node.clip():
            region = region.intersected(_scene_rect(node))
        node = node.parentItem()
    return region


def _drawn(item: QQuickItem) -> bool:
    return _is(item, "QQuickRectangle") and (_fill(item) is not None or item.property("border").width() > 0)


def _frames_of(item: QQuickItem):
    """Ancestors drawn as a box (a button, a panel, a tile, the screen), nearest first: content stays inside."""
    node = item.parentItem()
    while node is not None:
        if _drawn(node):
            yield node
        node = node.parentItem()


def _opaque(item: QQuickItem) -> bool:
    return _is(item, "QQuickRectangle") and item.opacity() >= 1 and (c := _fill(item)) is not None and c.alpha() == 255


def _inside(inner: QRectF, outer: QRectF) -> bool:
    return outer.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(inner)


def _is_target(item: QQuickItem) -> bool:
    return _is(item, "QQuickMouseArea") and item.isEnabled() or _is(item, "QQuickTextInput")


def _related(a: QQuickItem, b: QQuickItem) -> bool:
    for child, ancestor in ((a, b), (b, a)):
        node = child.parentItem()
        while node is not None:
            if node is ancestor:
                return True
            node = node.parentItem()
    return False


def layout_walk(window: QQuickWindow, screen: str,
                skip: frozenset[str] = frozenset({"inputPanel"})) -> list[Problem]:
    """Problems a window size brings: text cut off (wider than its box without wrapping or eliding), text or a
    touch target spilling out of its panel or off the window, two touch targets on top of each other."""
    if window.contentItem().width() <= 0:
        raise RuntimeError("the window has not been laid out yet: nothing to check")
    problems: list[Problem] = []
    window_rect = QRectF(0, 0, window.width(), window.height())
    targets: list[tuple[QQuickItem, QRectF]] = []
    texts: list[tuple[QQuickItem, QRectF]] = []
    items = list(_visible_items(window.contentItem(), set(skip)))  # in painting order: later ones on top
    covers = [(i, item, _scene_rect(item)) for i, item in enumerate(items) if _opaque(item)]
    for index, item in enumerate(items):
        text = item.property("text")
        is_text = (_is(item, "QQuickText") or _is(item, "QQuickTextInput")) and isinstance(text, str) and text.strip()
        if not (is_text or _is_target(item)):
            continue
        seen = _seen_region(item)
        if seen.isEmpty():
            continue  # scrolled out of its list: not on screen now
        if any(i > index and rect.contains(seen) and not _related(item, cover) for i, cover, rect in covers):
            continue  # under a layer (我的查询, 协管员) that covers it: not on screen now
        owner = item.parentItem() if _is(item, "QQuickMouseArea") else item
        if is_text and not _is(item, "QQuickTextInput") and _int_property(item, "elide") == ELIDE_NONE:
            content_w = item.property("contentWidth") or 0.0
            if content_w > item.width() + SLACK_PX:
                problems.append(Problem(screen, describe(item),
                                        f"text cut off: {content_w:.0f}px wide in a {item.width():.0f}px box"))
        if not _inside(seen, window_rect):
            problems.append(Problem(screen, describe(owner), f"off the window at {_fmt(seen)}"))
        frame = next((f for f in _frames_of(item) if not _inside(seen, _scene_rect(f))), None)
        if frame is not None:
            problems.append(Problem(screen, describe(owner),
                                    f"spills out of {describe(frame)} ({_fmt(seen)} beyond {_fmt(_scene_rect(frame))})"))
        if _is_target(item):
            targets.append((item, seen))
        elif is_text:
            texts.append((item, seen))
    for i, (a, rect_a) in enumerate(targets):
        for b, rect_b in targets[i + 1:]:
            overlap = rect_a.intersected(rect_b)
            if overlap.width() <= SLACK_PX or overlap.height() <= SLACK_PX or _related(a, b):
                continue
            if rect_a.contains(rect_b) or rect_b.contains(rect_a):
                continue  # a modal layer (the idle warning) or a button on a tappable panel: meant to be on top
            problems.append(Problem(screen, describe(a.parentItem() if _is(a, "QQuickMouseArea") else a),
                                    f"touch target overlaps {describe(b.parentItem() if _is(b, 'QQuickMouseArea') else b)}"))
    for text, rect_t in texts:  # words under a button or switch that is not their own: one hides the other
        for target, rect in targets:
            owner = target.parentItem() if _is(target, "QQuickMouseArea") else target
            overlap = rect_t.intersected(rect)
            if overlap.width() <= SLACK_PX or overlap.height() <= SLACK_PX or _related(text, owner):
                continue
            if rect.contains(rect_t) or not _drawn(owner):
                continue  # a modal layer's backdrop, a tappable panel around its words, a hidden hold-corner
            problems.append(Problem(screen, describe(text), f"text under touch target {describe(owner)}"))
    return problems


def _fmt(rect: QRectF) -> str:
    return f"{rect.x():.0f},{rect.y():.0f} {rect.width():.0f}×{rect.height():.0f}"
