#!/usr/bin/env python3
"""Writes the seed budget's table lines (the tab-separated part of the pasted PDF text) as a legacy
Excel 97-2003 workbook (.xls, via xlwt) and an OpenDocument spreadsheet (.ods, via odfpy).

No Rust crate writes .xls, so the file is committed together with this script:
    pip install xlwt odfpy && python3 tests/data/make_legacy.py
Numbers go into numeric cells where a cell reads as a plain amount, as a finance system exports them.
"""
import pathlib
import re

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
import xlwt

HERE = pathlib.Path(__file__).parent
lines = (HERE / "shanghai-stcsm-2021-budget.txt").read_text(encoding="utf-8").splitlines()
# From the first table title to the end of the 三公 table's data row.
start = next(i for i, l in enumerate(lines) if l.startswith("2021年部门财务收支预算总表"))
end = next(i for i, l in enumerate(lines) if l.startswith("995.20"))
rows = [l.split("\t") for l in lines[start : end + 1]]
AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")


def value(cell):
    if AMOUNT.match(cell) and ("," in cell or "." in cell or len(cell) > 3):
        return float(cell.replace(",", ""))
    return cell


book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("部门预算")
for r, row in enumerate(rows):
    for c, cell in enumerate(row):
        if cell:
            sheet.write(r, c, value(cell))
book.save(str(HERE / "seed-tables.xls"))

doc = OpenDocumentSpreadsheet()
table = Table(name="部门预算")
for row in rows:
    tr = TableRow()
    for cell in row:
        v = value(cell) if cell else ""
        if isinstance(v, float):
            tc = TableCell(valuetype="float", value=v)
            tc.addElement(P(text=cell))
        else:
            # LibreOffice marks text cells with office:value-type="string"; so do we.
            tc = TableCell(valuetype="string") if v else TableCell()
            if v:
                tc.addElement(P(text=v))
        tr.addElement(tc)
    table.addElement(tr)
doc.spreadsheet.addElement(table)
doc.save(str(HERE / "seed-tables.ods"))
