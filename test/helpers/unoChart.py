#!/usr/bin/python3
"""Drive LibreOffice Calc over UNO for the xlsx patch tests (test/workbook/xlsxPatch.test.ts).

Usage: /usr/bin/python3 unoChart.py JOBS.json   (needs Debian python3-uno and libreoffice-calc)

JOBS.json is a list of jobs, all run in one headless soffice process (start-up dominates):
  {"op": "decorate", "in": "a.xlsx", "out": "b.xlsx"}
      does what a coordinator would do by hand: adds a sheet "我的图表" with numbers and a chart, a
      comment (annotation) and a yellow background on 进度总览!B4, then saves as xlsx.
  {"op": "inspect", "in": "a.xlsx", "cells": [["sheet", "B6"], ...], "saveAs": "c.xlsx" (optional)}
      opens the file and reports sheet names, the given cells (value, string, formula), the charts of
      "我的图表", the annotations and the background of 进度总览!B4; optionally saves it again as xlsx.
Prints one JSON list of results on stdout. Always terminates: soffice is killed after a deadline.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import NamedValue
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.table import CellAddress

DEADLINE_SECONDS = int(os.environ.get("UNO_DEADLINE", "150"))
CHART_SHEET = "我的图表"
OVERVIEW = "进度总览"
MARKED_CELL = "B4"
COMMENT = "协调员的批注：请核实"
FILL = 0xFFFF00


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def named(name, value):
    v = NamedValue()
    v.Name = name
    v.Value = value
    return v


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def soffice_path():
    for p in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"):
        if os.path.exists(p):
            return p
    raise SystemExit("soffice not found (install libreoffice-calc)")


def load(desktop, path):
    doc = desktop.loadComponentFromURL(url(path), "_blank", 0, (prop("Hidden", True), prop("ReadOnly", False)))
    if doc is None:
        raise RuntimeError("LibreOffice could not open " + path)
    return doc


def save_xlsx(doc, path):
    doc.storeToURL(url(path), (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))


def decorate(desktop, job):
    doc = load(desktop, job["in"])
    try:
        sheets = doc.Sheets
        sheets.insertNewByName(CHART_SHEET, sheets.Count)
        sheet = sheets.getByName(CHART_SHEET)
        data = [("月份", "完成数"), ("1月", 10.0), ("2月", 25.0), ("3月", 42.5), ("4月", 61.0)]
        for r, (label, value) in enumerate(data):
            sheet.getCellByPosition(0, r).setString(label)
            if isinstance(value, str):
                sheet.getCellByPosition(1, r).setString(value)
            else:
                sheet.getCellByPosition(1, r).setValue(value)
        rng = sheet.getCellRangeByName("A1:B5").getRangeAddress()
        rect = Rectangle(4000, 1000, 12000, 7000)
        sheet.getCharts().addNewByName("完成趋势", rect, (rng,), True, True)

        overview = sheets.getByName(OVERVIEW)
        cell = overview.getCellRangeByName(MARKED_CELL)
        cell.CellBackColor = FILL
        addr = CellAddress()
        addr.Sheet = cell.getCellAddress().Sheet
        addr.Column = cell.getCellAddress().Column
        addr.Row = cell.getCellAddress().Row
        overview.getAnnotations().insertNew(addr, COMMENT)
        save_xlsx(doc, job["out"])
    finally:
        doc.close(True)
    return {"op": "decorate", "out": job["out"]}


def encrypt(desktop, job):
    """Save a copy protected by an opening password, as a unit that locks its file would."""
    doc = load(desktop, job["in"])
    try:
        filters = {"xlsx": "Calc MS Excel 2007 XML", "xls": "MS Excel 97"}
        # OOXML encryption takes the password as EncryptionData (OOXPassword); BIFF takes Password.
        secret = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", job["password"]),))
        doc.storeToURL(
            url(job["out"]),
            (
                prop("FilterName", filters[job.get("format", "xlsx")]),
                prop("Overwrite", True),
                prop("EncryptionData", secret) if job.get("format", "xlsx") == "xlsx" else prop("Password", job["password"]),
            ),
        )
    finally:
        doc.close(True)
    return {"op": "encrypt", "out": job["out"]}


def inspect(desktop, job):
    doc = load(desktop, job["in"])
    try:
        sheets = doc.Sheets
        names = list(sheets.ElementNames)
        cells = []
        for sheet_name, ref in job.get("cells", []):
            c = sheets.getByName(sheet_name).getCellRangeByName(ref)
            cells.append({"sheet": sheet_name, "ref": ref, "value": c.getValue(), "string": c.getString(), "formula": c.getFormula()})
        charts = []
        chart_values = []
        if sheets.hasByName(CHART_SHEET):
            sheet = sheets.getByName(CHART_SHEET)
            charts = list(sheet.getCharts().ElementNames)
            chart_values = [sheet.getCellByPosition(1, r).getValue() for r in range(1, 5)]
        annotations = []
        background = None
        if sheets.hasByName(OVERVIEW):
            overview = sheets.getByName(OVERVIEW)
            anns = overview.getAnnotations()
            for i in range(anns.Count):
                a = anns.getByIndex(i)
                pos = a.getPosition()
                annotations.append({"col": pos.Column, "row": pos.Row, "text": a.getString()})
            background = overview.getCellRangeByName(MARKED_CELL).CellBackColor
        if job.get("saveAs"):
            save_xlsx(doc, job["saveAs"])
    finally:
        doc.close(True)
    return {
        "op": "inspect",
        "sheets": names,
        "cells": cells,
        "charts": charts,
        "chartValues": chart_values,
        "annotations": annotations,
        "background": background,
    }


def connect(pipe, proc, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if proc.poll() is not None:
                raise RuntimeError("soffice exited with code %s before accepting a connection" % proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("soffice did not accept a connection in time")
            time.sleep(0.2)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    profile = tempfile.mkdtemp(prefix="uno-profile-")
    pipe = "unochart" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [
            soffice_path(),
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def kill():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def on_alarm(_sig, _frame):
        kill()
        shutil.rmtree(profile, ignore_errors=True)
        sys.stderr.write("unoChart.py: deadline of %d s passed, soffice killed\n" % DEADLINE_SECONDS)
        os._exit(3)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(DEADLINE_SECONDS)
    desktop = None
    try:
        ctx = connect(pipe, proc, time.monotonic() + 60)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        results = []
        for job in jobs:
            if job["op"] == "decorate":
                results.append(decorate(desktop, job))
            elif job["op"] == "encrypt":
                results.append(encrypt(desktop, job))
            elif job["op"] == "inspect":
                results.append(inspect(desktop, job))
            else:
                raise ValueError("unknown op " + job["op"])
        sys.stdout.write(json.dumps(results, ensure_ascii=False))
        sys.stdout.flush()
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge drops when soffice exits
                pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
        signal.alarm(0)


if __name__ == "__main__":
    main()
