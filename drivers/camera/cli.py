"""`kiosk camera detect IMAGE... [--json]`, `kiosk camera capture --out FILE` and `kiosk camera synth DIR`:
for technicians checking the 高拍仪 and for trying the detector on the virtual camera's frames."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import cv2
import numpy as np

from kiosk.events import EventHub

from .base import CameraError
from .detect import find_page
from .opencv_source import OpenCVSource
from .profiles import PROFILES
from .quality import assess
from .scene import render, scene_set
from .service import DocumentCamera
from .textures import DocumentTextures
from .virtual import VirtualCamera

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    parser = subparsers.add_parser("camera", help="高拍仪：检测、拍摄 (document camera: detect, capture)")
    sub = parser.add_subparsers(dest="camera_command", metavar="ACTION", required=True)
    p = sub.add_parser("detect", help="find the page outline in image files")
    p.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    p.add_argument("--json", action="store_true", help="one JSON object per image")
    p.set_defaults(handler=_detect)
    p = sub.add_parser("capture", help="take one still, rectify it and save it")
    p.add_argument("--device", help="V4L2 index or path (default: config [camera] device); 'virtual' for the demo")
    p.add_argument("--profile", default="free", choices=sorted(PROFILES))
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=_capture)
    p = sub.add_parser("synth", help="write seeded virtual-camera frames and their true outlines")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=_synth)


def _detect(args, ctx) -> int:
    failures = 0
    for path in args.images:
        result: dict = {"image": str(path)}
        image = cv2.imread(str(path), cv2.IMREAD_COLOR) if path.is_file() else None
        if image is None:
            failures += 1
            result["error"] = "不是可读的图片文件 (not a readable image)"
        else:
            found = find_page(image)
            result["size"] = [int(image.shape[1]), int(image.shape[0])]
            if found is None:
                result["quad"] = None
            else:
                quality = assess(image, found.quad)
                result.update(quad=[[round(float(x), 1), round(float(y), 1)] for x, y in found.quad],
                              confidence=round(found.confidence, 3),
                              quality={"sharpness": round(quality.sharpness, 1), "glare": round(quality.glare, 4),
                                       "coverage": round(quality.coverage, 4), "skew_deg": round(quality.skew_deg, 1),
                                       "problems": list(quality.problems), "hint": quality.hint})
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        elif "error" in result:
            print(f"{path}: {result['error']}")
        elif result["quad"] is None:
            print(f"{path}: 未找到材料 (no page)")
        else:
            q = result["quality"]
            print(f"{path}: quad={result['quad']} confidence={result['confidence']} sharpness={q['sharpness']} "
                  f"glare={q['glare']} coverage={q['coverage']} skew={q['skew_deg']}° {q['hint'] or '质量合格'}")
    return 1 if failures else 0


def _capture(args, ctx) -> int:
    if args.device == "virtual":
        source = VirtualCamera()
        source.show_document("a4" if args.profile == "free" else args.profile)
    else:
        section = ctx.config.camera
        device: int | str = section.device if args.device is None else (
            int(args.device) if args.device.isdigit() else args.device)
        source = OpenCVSource(device, width=section.width, height=section.height, still_width=section.still_width,
                              still_height=section.still_height, autofocus=section.autofocus)
    camera = DocumentCamera(source, EventHub())
    try:
        capture = camera.capture_still(args.profile)
    except CameraError as exc:
        print(f"{exc.message} ({exc.detail})")
        return 1
    finally:
        camera.close()
    args.out.write_bytes(capture.jpeg)
    if capture.quad is None:
        print(f"未找到材料，已保存整个画面 {capture.still.shape[1]}x{capture.still.shape[0]} → {args.out}")
        return 0
    q = capture.quality
    print(f"已保存 {args.out} ({len(capture.jpeg)} bytes, page {capture.page.shape[1]}x{capture.page.shape[0]}, "
          f"confidence {capture.confidence:.2f}) {q.hint if q and q.hint else '质量合格'}")
    return 0


def _synth(args, ctx) -> int:
    args.out_dir.mkdir(parents=True, exist_ok=True)
    textures = DocumentTextures()
    truth = {}
    for i, scene in enumerate(scene_set(args.seed, args.count)):
        frame, quad = render(scene, textures)
        name = f"frame_{i:03d}.png"
        cv2.imwrite(str(args.out_dir / name), frame)
        truth[name] = {"kind": scene.kind, "quad": np.round(quad, 1).tolist()}
    (args.out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    print(f"{args.count} frames and truth.json → {args.out_dir}")
    return 0
