from __future__ import annotations

import numpy as np

from drivers.camera.autocapture import HINT_DONE, HINT_PLACE, AutoCapture, AutoState
from drivers.camera.quality import Quality

SIZE = (1280, 720)
QUAD = np.array([[400, 200], [800, 200], [800, 450], [400, 450]], np.float32)
GOOD = Quality(500.0, 0.0, 0.2, 1.0, ())
GLARE = Quality(500.0, 0.2, 0.2, 1.0, ("glare",))


def test_captures_once_after_n_stable_frames():
    auto = AutoCapture(stable_frames=5)
    steps = [auto.feed(QUAD + 2 * (i % 2), GOOD, SIZE) for i in range(5)]
    assert [s.capture for s in steps] == [False] * 4 + [True]
    assert [round(s.progress, 1) for s in steps] == [0.2, 0.4, 0.6, 0.8, 1.0]
    assert auto.state is AutoState.CAPTURING
    assert not auto.feed(QUAD, GOOD, SIZE).capture  # waiting for the still: no second trigger


def test_drift_restarts_the_count():
    auto = AutoCapture(stable_frames=3, max_drift_fraction=0.012)  # 17.6 px at 1280×720
    auto.feed(QUAD, GOOD, SIZE)
    auto.feed(QUAD + 5, GOOD, SIZE)
    moved = auto.feed(QUAD + 40, GOOD, SIZE)
    assert moved.progress == 1 / 3 and not moved.capture
    creep = [auto.feed(QUAD + 40 + 9 * k, GOOD, SIZE) for k in (1, 2, 3)]  # slow creep beyond the bound
    assert not any(s.capture for s in creep)


def test_bad_quality_holds_it_back_with_the_hint():
    auto = AutoCapture(stable_frames=2)
    step = auto.feed(QUAD, GLARE, SIZE)
    assert step.state is AutoState.SEARCHING and step.hint == "有反光，请调整角度" and step.progress == 0
    assert not auto.feed(QUAD, GLARE, SIZE).capture
    assert auto.feed(QUAD, GOOD, SIZE).progress == 0.5


def test_done_until_the_page_is_taken_away():
    auto = AutoCapture(stable_frames=1, absent_frames=2)
    assert auto.feed(QUAD, GOOD, SIZE).capture
    assert auto.still_checked(GOOD).hint == HINT_DONE
    assert not auto.feed(QUAD, GOOD, SIZE).capture  # same page still there: no repeat
    auto.feed(None, None, SIZE)
    assert auto.feed(None, None, SIZE).hint == HINT_PLACE
    assert auto.state is AutoState.SEARCHING
    assert auto.feed(QUAD, GOOD, SIZE).capture  # the next document


def test_failed_still_goes_back_to_searching():
    auto = AutoCapture(stable_frames=1)
    auto.feed(QUAD, GOOD, SIZE)
    step = auto.still_checked(Quality(5.0, 0.0, 0.2, 1.0, ("blur",)))
    assert step.state is AutoState.SEARCHING and step.hint == "请保持不动"
    assert auto.feed(QUAD, GOOD, SIZE).capture


def test_no_page_no_progress():
    auto = AutoCapture()
    step = auto.feed(None, None, SIZE)
    assert step.state is AutoState.SEARCHING and step.progress == 0 and not step.capture
