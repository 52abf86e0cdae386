"""Server-rendered SVG charts of the scorecards: geometry only.

:func:`bar_chart` — one horizontal bar per site (its score, 0–100), in
ranking order; :func:`trend_chart` — one site's score over the last
periods (a polyline; periods without a score leave a gap in the points).
No script, no library: the templates draw these figures and give the same
figures as a table for screen readers.  The trend's geometry is
:class:`govportal.monitoring.svgchart.LineChart`.
"""

from dataclasses import dataclass, field

from ..monitoring.svgchart import LineChart

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 18, 8, 150, 300


@dataclass
class Bar:
    y: float
    width: float
    label: str
    score: float | None


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    bars: list = field(default_factory=list)


def bar_chart(rows):
    """``rows``: ``[(label, score or None)]`` in display order."""
    chart = BarChart(LABEL_WIDTH + BAR_WIDTH + 50, len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP)
    for i, (label, score) in enumerate(rows):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        chart.bars.append(Bar(y, BAR_WIDTH * (score or 0) / 100, label, score))
    return chart


@dataclass
class Point:
    x: float
    y: float
    label: str
    score: float


def trend_chart(entries):
    """``entries``: ``[(label, score or None)]``, oldest first; ``ticks`` label every period."""
    chart = LineChart()
    n = len(entries)
    for i, (label, score) in enumerate(entries):
        x = chart.x_of(i, n)
        chart.ticks.append((round(x, 1), label))
        if score is not None:
            chart.points.append(Point(round(x, 1), round(chart.y_of(score), 1), label, score))
    return chart
