"""Edits cells of an xlsx workbook in LibreOffice, headless, and saves it as xlsx again:
what an analyst does in Calc, for the round-trip test (tests/office.rs).

    python3 tests/office/edit.py IN.xlsx OUT.xlsx SHEET!CELL=TEXT ...

LibreOffice is started with a throwaway profile and a private pipe, driven over UNO
(Debian's python3-uno), and stopped again. A cell is set as text, as typing it would.
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    src, dst, *edits = sys.argv[1:]
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"plan-office-{os.getpid()}"
        office = subprocess.Popen(
            [
                "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            deadline = time.time() + 120
            while True:
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    if time.time() > deadline or office.poll() is not None:
                        raise
                    time.sleep(0.5)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),)
            )
            for edit in edits:
                where, text = edit.split("=", 1)
                sheet, cell = where.split("!", 1)
                doc.Sheets.getByName(sheet).getCellRangeByName(cell).setString(text)
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),)
            )
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge goes down with the office
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main()
