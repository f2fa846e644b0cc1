from __future__ import annotations

import json

import cv2
import numpy as np

from drivers.camera.geometry import smartdoc_jaccard
from kiosk.cli.main import main


def test_detect_prints_correct_quads_for_virtual_frames(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "data"), "camera", "synth", str(tmp_path), "--count", "4",
                 "--seed", "31"]) == 0
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    capsys.readouterr()
    frames = sorted(str(tmp_path / name) for name in truth)
    assert main(["--data-dir", str(tmp_path / "data"), "camera", "detect", "--json", *frames]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 4
    for line in lines:
        expected = np.array(truth[line["image"].rsplit("/", 1)[1]]["quad"], np.float32)
        assert line["quad"] is not None, line
        assert smartdoc_jaccard(expected, np.array(line["quad"], np.float32)) > 0.9
        assert set(line["quality"]) >= {"sharpness", "glare", "coverage", "skew_deg", "hint"}
        assert 0 < line["confidence"] <= 1


def test_detect_says_what_is_wrong_with_bad_files(tmp_path, capsys):
    not_image = tmp_path / "notes.jpg"
    not_image.write_text("这不是图片", encoding="utf-8")
    empty = tmp_path / "plate.png"
    cv2.imwrite(str(empty), np.full((720, 1280, 3), 60, np.uint8))
    code = main(["--data-dir", str(tmp_path / "data"), "camera", "detect", str(not_image), str(empty),
                 str(tmp_path / "missing.png")])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("不是可读的图片文件") == 2 and "未找到材料" in out


def test_capture_from_the_virtual_camera(tmp_path, capsys):
    out = tmp_path / "card.jpg"
    assert main(["--data-dir", str(tmp_path / "data"), "camera", "capture", "--device", "virtual",
                 "--profile", "id_card_back", "--out", str(out)]) == 0
    page = cv2.imread(str(out))
    assert page is not None and max(page.shape[:2]) / min(page.shape[:2]) > 1.5
    assert "已保存" in capsys.readouterr().out
