"""The report as a spreadsheet (openpyxl): the title, then the grid of
:mod:`.grids` with its merged section cells."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ..annualreport.grids import HEAD, LABEL
from ..annualreport.xlsx import BORDER, CENTER, LEFT
from .grids import report_grid

SHEET_TITLE = "政府网站工作年度报表"
WIDTHS = {"A": 16, "B": 44, "C": 36}


def report_workbook(report):
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.cell(row=1, column=1, value=report.title).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = CENTER
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    top = 3
    for cell in report_grid(report).cells:
        row, col = top + cell.row, 1 + cell.col
        target = sheet.cell(row=row, column=col, value=cell.value)
        target.alignment = LEFT if cell.role == LABEL else CENTER
        if cell.role == HEAD:
            target.font = Font(bold=True)
        for r in range(row, row + cell.rowspan):
            sheet.cell(row=r, column=col).border = BORDER
        if cell.rowspan > 1:
            sheet.merge_cells(
                start_row=row, start_column=col, end_row=row + cell.rowspan - 1, end_column=col
            )
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return book


def report_xlsx(report):
    buffer = io.BytesIO()
    report_workbook(report).save(buffer)
    return buffer.getvalue()
