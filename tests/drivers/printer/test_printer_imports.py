"""The kiosk process prints without reportlab (issue 8: ~14 MB, ~100 modules): it builds documents from
``documents`` (data only) and hands them to the render child, which alone imports the drawing code."""

import json
import subprocess
import sys

import pytest

import drivers.printer.documents as documents

# the drawing side: reportlab, its fonts, and our modules that import it
DRAWING = ("reportlab", "drivers.printer.documents_pdf", "drivers.printer.fonts", "drivers.printer.proofs")

PRINT_IN_FRESH_PROCESS = """
import datetime as dt, json, sys
from pathlib import Path
from drivers.printer.documents import InsuranceProof, InsuranceRecord, Receipt
from drivers.printer.service import DocumentPrinter, make_printer
from drivers.printer.virtual import VirtualPrinter
from drivers.printer.worker import PrinterWorker
import ui.bridges.printer  # the receipt's path in the app
worker = PrinterWorker(VirtualPrinter(Path(sys.argv[1])))
at = dt.datetime(2026, 11, 23, 10, 5)
printer = DocumentPrinter(worker)
printed = [printer.print_receipt(Receipt("SL20261123000123", "城乡居民基本养老保险参保登记", at, "5个工作日",
                                         "SL20261123000123", holder_name="王𠮷祥"), wait_s=30).printed,
           printer.print_proof(InsuranceProof("王𠮷祥", "110101199003071234",
                                              (InsuranceRecord("城乡居民基本养老保险", "正常参保", "2012-07", 160),),
                                              at, "示范县社会保险事业管理局", "SL1"), wait_s=30).printed]
worker.close()
print(json.dumps({"printed": printed, "modules": sorted(sys.modules)}))
"""


def drawing_modules(modules) -> list[str]:
    return sorted({m for m in modules for d in DRAWING if m == d or m.startswith(d + ".")})


def test_printing_a_receipt_and_a_proof_loads_no_drawing_code_in_the_caller(tmp_path):
    out = subprocess.run([sys.executable, "-c", PRINT_IN_FRESH_PROCESS, str(tmp_path)], capture_output=True,
                         text=True, timeout=90)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["printed"] == [True, True] and len(list(tmp_path.glob("*.pdf"))) == 2
    assert "drivers.printer.render" in report["modules"]  # the report is of a process that printed
    assert drawing_modules(report["modules"]) == []


def test_drawing_modules_helper_sees_submodules_not_prefixes():
    assert drawing_modules(["reportlab.pdfgen", "reportlabish", "drivers.printer.fontsize"]) == ["reportlab.pdfgen"]


def test_the_renderers_stay_importable_from_documents():
    from drivers.printer import documents_pdf

    assert documents.render_receipt is documents_pdf.render_receipt
    assert documents.render_proof is documents_pdf.render_proof
    with pytest.raises(AttributeError):
        documents.render_everything  # noqa: B018 (the attribute access is the test)
