"""The report as a spreadsheet (XLSX, written with openpyxl).

One sheet holds the title, the six sections in order and the three tables
laid out as the official template draws them (:mod:`.grids`), merged header
cells included, so the file can be handed on or pasted into the official
form.  Texts of sections 一/五/六 are merged rows that wrap.  When table 三
fails its check, red rows under the title say so and why.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .grids import HEAD, LABEL

SHEET_TITLE = "年度报告"
#: the widest table (四) has 15 columns; everything spans them
WIDTH = 15
COLUMN_WIDTHS = {1: 16, 2: 16, 3: 36}
DEFAULT_WIDTH = 11

_thin = Side(style="thin")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TEXT = Alignment(horizontal="left", vertical="top", wrap_text=True)


class _Writer:
    def __init__(self, sheet):
        self.sheet = sheet
        self.row = 1

    def line(self, value, font=None, alignment=TEXT, height=None):
        """A row of one cell merged across the sheet's width."""
        cell = self.sheet.cell(row=self.row, column=1, value=value)
        cell.alignment = alignment
        if font is not None:
            cell.font = font
        self.sheet.merge_cells(
            start_row=self.row, start_column=1, end_row=self.row, end_column=WIDTH
        )
        if height:
            self.sheet.row_dimensions[self.row].height = height
        self.row += 1

    def paragraph(self, text):
        # about 60 characters fit on a line of the merged width; 15 points a line
        lines = max(1, -(-len(text) // 60))
        self.line("\u3000\u3000" + text, height=15 * lines + 4)

    def grid(self, grid):
        top = self.row
        for cell in grid.cells:
            row, col = top + cell.row, 1 + cell.col
            target = self.sheet.cell(row=row, column=col, value=cell.value)
            target.alignment = LEFT if cell.role == LABEL else CENTER
            if cell.role == HEAD:
                target.font = Font(bold=True)
            # every position of a merged range carries the border, or Excel
            # draws it on the first cell only
            for r in range(row, row + cell.rowspan):
                for c in range(col, col + cell.colspan):
                    self.sheet.cell(row=r, column=c).border = BORDER
            if cell.rowspan > 1 or cell.colspan > 1:
                self.sheet.merge_cells(
                    start_row=row,
                    start_column=col,
                    end_row=row + cell.rowspan - 1,
                    end_column=col + cell.colspan - 1,
                )
        self.row = top + grid.height + 1


def report_workbook(report):
    """An openpyxl ``Workbook`` of ``report`` (an :class:`~.report.AnnualReport`)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    for col in range(1, WIDTH + 1):
        sheet.column_dimensions[get_column_letter(col)].width = COLUMN_WIDTHS.get(
            col, DEFAULT_WIDTH
        )
    out = _Writer(sheet)
    out.line(report.title, font=Font(bold=True, size=16), alignment=CENTER, height=30)
    if not report.table.consistent:
        # reported, never hidden: the file says it is not fit to publish
        alarm = Font(bold=True, color="CC0000")
        out.line("依申请公开数据未通过校验（一 + 二 = 三 + 四），本表不能作为正式报告使用：", alarm)
        for message in report.table.errors:
            out.line(message, Font(color="CC0000"))
    out.row += 1
    grids = report.grids()
    for number in ("一", "二", "三", "四", "五", "六"):
        out.line(report.heading(number), font=Font(bold=True, size=12), alignment=LEFT)
        if number in grids:
            out.grid(grids[number])
            continue
        paragraphs = report.paragraphs(report.text_of(number)) or ["无。"]
        for text in paragraphs:
            out.paragraph(text)
        out.row += 1
    sheet.print_options.horizontalCentered = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return book


def report_xlsx(report):
    """The XLSX file of ``report`` as bytes."""
    buffer = io.BytesIO()
    report_workbook(report).save(buffer)
    return buffer.getvalue()
