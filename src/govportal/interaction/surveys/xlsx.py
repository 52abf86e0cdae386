"""Every answer of a survey as an XLSX workbook (staff only): one sheet of
answers (one row each, in the order they came) and one of the counts."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .results import answer_rows, question_results


def _bold_row(sheet):
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def workbook_bytes(survey, registry=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "答卷"
    headers, rows = answer_rows(survey, registry)
    sheet.append([survey.title])
    _bold_row(sheet)
    sheet.append(headers)
    _bold_row(sheet)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a citizen's text, never a formula
    sheet.freeze_panes = "C3"
    for letter, width in (("A", 8), ("B", 18)):
        sheet.column_dimensions[letter].width = width
    counts = book.create_sheet("统计")
    counts.append(["题目", "选项", "人数", "比例(%)"])
    _bold_row(counts)
    for number, result in enumerate(question_results(survey), 1):
        title = f"{number}. {result['question']['title']}"
        counts.append([title, "作答人数", result["answered"], None])
        for label, count, percent in result["rows"]:
            counts.append([title, label, count, percent])
        if result["average"] is not None:
            counts.append([title, "平均分", result["average"], None])
    counts.column_dimensions["A"].width = 40
    counts.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
