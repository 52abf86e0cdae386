"""Server-rendered SVG bar charts of a survey's results (no script).

The table beside each chart is the primary form; the chart is an image
(``role="img"``) named by its ``<title>`` and described by its ``<desc>``,
which repeats every bar as text, so a screen reader loses nothing.
"""

from html import escape

WIDTH = 640
LABEL_H = 20
BAR_H = 18
GAP = 12
BAR_X = 0
BAR_W = 520


def describe(rows):
    """The text alternative: ``选项：N 票（P%）；…``."""
    return "；".join(f"{label}：{count} 人（{percent}%）" for label, count, percent in rows)


def bar_chart(chart_id, title, rows):
    """An accessible SVG (markup) of ``rows`` ``[(label, count, percent)]``."""
    highest = max([count for _l, count, _p in rows] + [1])
    height = len(rows) * (LABEL_H + BAR_H + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" focusable="false">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(describe(rows))}</desc>',
    ]
    y = GAP
    for label, count, percent in rows:
        width = max(round(BAR_W * count / highest), 2 if count else 0)
        parts.append(
            f'<text x="{BAR_X}" y="{y + 14}" font-size="15" fill="#222">{escape(label)}</text>'
        )
        y += LABEL_H
        parts.append(
            f'<rect x="{BAR_X}" y="{y}" width="{width}" height="{BAR_H}" fill="#1f5fa8"></rect>'
        )
        parts.append(
            f'<text x="{BAR_X + width + 6}" y="{y + 14}" font-size="14" fill="#222">'
            f"{count}（{percent}%）</text>"
        )
        y += BAR_H + GAP
    parts.append("</svg>")
    return "".join(parts)  # every text above is escaped
