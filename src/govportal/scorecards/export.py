"""``@@scorecards.xlsx``: the cards of one period as a workbook (openpyxl).

One sheet: a title row, then a header row (排名, 网站, 得分, each figure)
and one row per site in ranking order, the same figures the page shows
(ratios as "按时数/总数", no data as its note).
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from .cards import TITLES


def workbook_bytes(cards, period):
    """The XLSX file of ``cards`` (ranked) for ``period``, as bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "部门绩效"
    sheet.append([f"部门绩效评分 {period.label}"])
    sheet["A1"].font = Font(bold=True)
    keys = [f.key for f in cards[0].figures] if cards else list(TITLES)
    sheet.append(["排名", "网站", "得分"] + [TITLES[k] for k in keys])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for card in cards:
        sheet.append(
            [card.rank if card.rank is not None else "—", card.title]
            + [card.score if card.score is not None else "—"]
            + [card.figure(k).text for k in keys]
        )
    sheet.column_dimensions["B"].width = 24
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()
