#!/usr/bin/env python3
"""Writes tests/data/encrypted.xlsx: a small real workbook protected with a password to open
("gouji"), the way Excel encrypts OOXML (agile encryption in a compound file).

    pip install openpyxl msoffcrypto-tool && python3 tests/data/make_encrypted.py
"""
import io
import pathlib

import msoffcrypto
import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile

HERE = pathlib.Path(__file__).parent
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "三公经费"
ws.append(["部门“三公”经费和机关运行经费预算表"])
ws.append(["单位：万元"])
ws.append(["合计", "因公出国(境)费", "公务接待费"])
ws.append([653.40, 455.00, 198.40])
plain = io.BytesIO()
wb.save(plain)
plain.seek(0)
out = io.BytesIO()
OOXMLFile(plain).encrypt("gouji", out)
(HERE / "encrypted.xlsx").write_bytes(out.getvalue())
