"""The letter statistics of a year as an XLSX workbook (for the 年度报表).

One sheet, one row per site and month plus a 合计 row per site: 单位, 月份,
收信, 答复, 按时答复, 按时答复率 (%), 平均办理工作日, 评价数, 满意数,
满意率 (%).  Rows come from :func:`.stats.year_table`.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

HEADERS = (
    "单位",
    "月份",
    "收信数",
    "答复数",
    "按时答复数",
    "按时答复率(%)",
    "平均办理工作日",
    "评价数",
    "满意数",
    "满意率(%)",
)
FIELDS = (
    "received",
    "answered",
    "on_time",
    "on_time_rate",
    "avg_workdays",
    "rated",
    "satisfied",
    "satisfaction_rate",
)


def _cells(title, label, row):
    return [title, label] + [row.get(name) for name in FIELDS]


def workbook_bytes(table, year, title):
    """The XLSX file of ``table`` (:func:`.stats.year_table`) as bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年信件统计"
    sheet.append([f"{title} {year}年 互动交流信件办理情况统计"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for site in table:
        for row in site["months"]:
            sheet.append(_cells(site["title"], f"{year}-{row['month']:02d}", row))
        sheet.append(_cells(site["title"], "合计", site["total"]))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    for column in "BCDEFGHIJ":
        sheet.column_dimensions[column].width = 14
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
