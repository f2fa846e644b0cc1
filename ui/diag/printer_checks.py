"""Printer and audio diagnostics: the printer's state from CUPS (or the virtual printer), a test page, and
a spoken prompt rendered by espeak-ng to a WAV file."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from drivers.printer.base import ERROR_STATES, PrinterState
from drivers.printer.documents import Receipt
from drivers.printer.receipt_code import ReceiptCode, build_receipt_code
from drivers.printer.service import DocumentPrinter, PrintOutcome
from drivers.printer.worker import PrinterWorker
from kiosk.diag import Check, Status

STATE_WORDS = {
    PrinterState.READY: "就绪",
    PrinterState.PRINTING: "正在打印",
    PrinterState.OFFLINE: "未连接或已停用",
    PrinterState.OUT_OF_PAPER: "缺纸",
    PrinterState.ERROR: "故障",
}
# fixed prompt, already in tone-numbered pinyin (what ui.speech feeds espeak-ng), so no Qt is needed here
AUDIO_PROMPT = "zhe4 shi4 sheng1 yin1 ce4 shi4"
ESPEAK_VOICE = "cmn-latn-pinyin"


def printer_checks(worker: PrinterWorker | None, *, timeout_s: float = 20.0) -> list[Check]:
    if worker is None:
        return [Check("printer.status", "打印机", lambda: (Status.SKIP, "本终端未配置打印机（回执显示在屏幕上）", {}))]

    def status():
        st = worker.status().result(timeout=timeout_s)
        details = {"state": st.state.value, "detail": st.detail[:200], "stopped": st.stopped}
        if st.state in ERROR_STATES:
            return Status.FAIL, f"打印机{STATE_WORDS[st.state]}", details
        return Status.OK, f"打印机{STATE_WORDS[st.state]}", details

    return [Check("printer.status", "打印机", status, timeout_s=timeout_s + 2)]


def print_test_page(worker: PrinterWorker | None, *, device_name: str, county: str, paper_width_mm: float = 80,
                    wait_s: float = 60.0) -> PrintOutcome:
    """A sample receipt with a fake holder and a QR no hub accepts; the outcome says whether it came out."""
    now = dt.datetime.now().replace(microsecond=0)
    code = ReceiptCode("DIAG" + now.strftime("%Y%m%d%H%M%S"), "TEST-DEVICE", "diag-test-page", now.date())
    qr_text = build_receipt_code(code, lambda payload: hashlib.sha256(b"diag-test-page|" + payload).digest())
    receipt = Receipt(acceptance_no=code.acceptance_no, service_name="诊断测试页（非正式回执）", accepted_at=now,
                      time_limit="测试", qr_text=qr_text, holder_name="测试用户", device_name=device_name,
                      office=f"{county}人力资源和社会保障局", notes=("生僻字测试：𠮷 䶮 㵘",))
    return DocumentPrinter(worker, paper_width_mm=paper_width_mm).print_receipt(receipt, wait_s=wait_s)


def render_prompt(out: Path, *, text: str = AUDIO_PROMPT, timeout_s: float = 10.0) -> float:
    """Synthesise the prompt to ``out``; returns its length in seconds. Raises OSError/CalledProcessError."""
    subprocess.run(["espeak-ng", "-v", ESPEAK_VOICE, "-w", str(out), text], check=True, capture_output=True,
                   timeout=timeout_s)
    with wave.open(str(out), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def audio_checks(*, espeak: str | None = "espeak-ng", sound_dir: Path = Path("/dev/snd")) -> list[Check]:
    def tts():
        if espeak is None or shutil.which(espeak) is None:
            return Status.FAIL, "语音合成程序(espeak-ng)未安装，语音提示不可用", {"espeak": False}
        with tempfile.TemporaryDirectory(prefix="kiosk-diag-") as tmp:
            seconds = render_prompt(Path(tmp) / "prompt.wav")
        details = {"espeak": True, "prompt_s": round(seconds, 2), "sound_device": sound_dir.exists()}
        if seconds <= 0.1:
            return Status.FAIL, "语音合成没有声音", details
        if not sound_dir.exists():
            return Status.WARN, "语音可合成，但未发现声卡", details
        return Status.OK, f"语音提示正常（{seconds:.1f}秒）", details

    return [Check("audio.tts", "语音提示", tts, timeout_s=15)]
