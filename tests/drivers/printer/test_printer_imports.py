"""The kiosk process prints without reportlab (issue 8: ~3.5 MB held, ~50 modules): it builds documents from
``documents`` and ``proofs`` (data only) and hands them to the render child, which alone imports the drawing."""

import json
import subprocess
import sys

import pytest

import drivers.printer.documents as documents
import drivers.printer.proofs as proofs

# the drawing side: reportlab, its fonts, and our modules that import it
DRAWING = ("reportlab", "drivers.printer.documents_pdf", "drivers.printer.fonts")

PRINT_IN_FRESH_PROCESS = """
import datetime as dt, json, sys
from pathlib import Path
from drivers.printer.documents import InsuranceProof, InsuranceRecord, Receipt
from drivers.printer.proofs import ContributionLine, Issue, PaymentVoucher
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
                                              at, "示范县社会保险事业管理局", "SL1"), wait_s=30).printed,
           printer.print_statement(PaymentVoucher("王𠮷祥", "110101199003071234", 2024,
                                                  (ContributionLine(2024, "城乡居民基本养老保险", 12, 500.0),),
                                                  Issue("QY1", "示范县人社局", "DEV-1", at, "QY1")), wait_s=30).printed]
worker.close()
print(json.dumps({"printed": printed, "modules": sorted(sys.modules)}))
"""


def drawing_modules(modules) -> list[str]:
    return sorted({m for m in modules for d in DRAWING if m == d or m.startswith(d + ".")})


def test_printing_a_receipt_a_proof_and_a_statement_loads_no_drawing_code_in_the_caller(tmp_path):
    out = subprocess.run([sys.executable, "-c", PRINT_IN_FRESH_PROCESS, str(tmp_path)], capture_output=True,
                         text=True, timeout=90)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["printed"] == [True, True, True] and len(list(tmp_path.glob("*.pdf"))) == 3
    assert "drivers.printer.render" in report["modules"]  # the report is of a process that printed
    assert drawing_modules(report["modules"]) == []


def test_drawing_modules_helper_sees_submodules_not_prefixes():
    assert drawing_modules(["reportlab.pdfgen", "reportlabish", "drivers.printer.fontsize"]) == ["reportlab.pdfgen"]


def test_the_renderers_stay_importable_from_documents_and_proofs():
    from drivers.printer import documents_pdf

    assert documents.render_receipt is documents_pdf.render_receipt
    assert documents.render_proof is documents_pdf.render_proof
    assert proofs.render_statement is documents_pdf.render_statement
    assert proofs.render_sheet is documents_pdf.render_sheet
    for module in (documents, proofs):
        with pytest.raises(AttributeError):
            module.render_everything  # noqa: B018 (the attribute access is the test)
