"""``@@scorecards.xlsx``: the cards of one period as a workbook (openpyxl).

One sheet: a title row, then a header row (排名, 网站, 得分, each figure)
and one row per site in ranking order, the same figures the page shows
(ratios as "按时数/总数", no data as its note).
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from ..i18n import _
from .cards import TITLES, plain


def workbook_bytes(cards, period, tr=plain):
    """The XLSX file of ``cards`` (ranked) for ``period``, as bytes
    (``tr`` translates what users read)."""
    book = Workbook()
    sheet = book.active
    sheet.title = tr(_("scorecards-sheet", default="部门绩效"))
    heading = _(
        "scorecards-heading", default="部门绩效评分 ${period}", mapping={"period": tr(period.label)}
    )
    sheet.append([tr(heading)])
    sheet["A1"].font = Font(bold=True)
    keys = [f.key for f in cards[0].figures] if cards else list(TITLES)
    header = [
        _("scorecards-rank", default="排名"),
        _("scorecards-site", default="网站"),
        _("scorecards-score", default="得分"),
    ]
    sheet.append([tr(h) for h in header] + [tr(TITLES[k]) for k in keys])
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
