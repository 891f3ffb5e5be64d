"""Attendee lists as CSV (streamed) and Excel (written row by row to a temporary file)."""

import csv
import tempfile
from collections.abc import Iterator
from datetime import datetime
from itertools import islice
from typing import BinaryIO

from django.utils.translation import get_language_bidi, override
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from events.exports.attendees import (
    FORMULA_TRIGGERS,
    attendee_headers,
    attendee_rows,
    neutralise,
)
from events.models import Event

ROWS_PER_CHUNK = 1_000
BYTE_ORDER_MARK = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with this.
COLUMN_WIDTHS = (30, 32, 16, 10, 18, 40, 20)


class _Echo:
    """csv.writer's file: each write returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return neutralise(value) if isinstance(value, str) else str(value)


def attendee_csv(event: Event, *, language: str, all_emails: bool) -> Iterator[str]:
    """The list as CSV text, a thousand rows at a time; labels in `language`."""
    writer = csv.writer(_Echo())
    with override(language):
        header = writer.writerow([_csv_cell(title) for title in attendee_headers(event)])
    yield BYTE_ORDER_MARK + header
    rows = attendee_rows(event, all_emails=all_emails)
    while True:
        with override(language):  # only while rows are made, never across a yield
            chunk = [
                writer.writerow([_csv_cell(value) for value in row])
                for row in islice(rows, ROWS_PER_CHUNK)
            ]
        if not chunk:
            return
        yield "".join(chunk)


def _xlsx_cell(sheet, value):
    """Text as a plain string cell that reads exactly what was typed.

    openpyxl would store "=…" as a formula and "#N/A" as an error value: the data type is set
    back to string, which a spreadsheet never evaluates. Text that starts like a formula also
    gets the quotePrefix style (ECMA-376 §18.8.45), so that it stays text when someone edits
    the cell; unlike the CSV's apostrophe, it is not part of the value.
    """
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not text.startswith((*FORMULA_TRIGGERS, "#")):
        return text  # openpyxl stores it as a string as it is; a cell object costs more
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def attendee_xlsx(event: Event, *, language: str, all_emails: bool) -> BinaryIO:
    """The list as an Excel workbook in a temporary file, rewound; right-to-left in ar and fa.

    openpyxl's write-only mode keeps no rows in memory; the caller streams the file out.
    """
    workbook = Workbook(write_only=True)
    with override(language):
        sheet = workbook.create_sheet(title=_("Attendees")[:31])
        sheet.sheet_view.rightToLeft = get_language_bidi()
        sheet.freeze_panes = "A2"
        for letter, width in zip("ABCDEFG", COLUMN_WIDTHS, strict=True):
            sheet.column_dimensions[letter].width = width
        header = []
        for title in attendee_headers(event):
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in attendee_rows(event, all_emails=all_emails):
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — handed to FileResponse, which closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
