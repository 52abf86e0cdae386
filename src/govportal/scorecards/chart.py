"""Server-rendered SVG charts of the scorecards: geometry only.

:func:`bar_chart` — one horizontal bar per site (its score, 0–100), in
ranking order; :func:`trend_chart` — one site's score over the last
periods (a polyline; periods without a score leave a gap in the points).
No script, no library: the templates draw these figures and give the same
figures as a table for screen readers.
"""

from dataclasses import dataclass, field

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 18, 8, 150, 300
TREND_WIDTH, TREND_HEIGHT = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 24


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


@dataclass
class TrendChart:
    width: int = TREND_WIDTH
    height: int = TREND_HEIGHT
    left: int = LEFT
    right: int = TREND_WIDTH - RIGHT
    top: int = TOP
    base: int = TREND_HEIGHT - BOTTOM
    points: list = field(default_factory=list)
    ticks: list = field(default_factory=list)  # (x, label) of every period

    @property
    def polyline(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    def y_of(self, score):
        return self.base - (self.base - self.top) * max(0, min(score, 100)) / 100


def trend_chart(entries):
    """``entries``: ``[(label, score or None)]``, oldest first."""
    chart = TrendChart()
    n = len(entries)
    span = chart.right - chart.left
    for i, (label, score) in enumerate(entries):
        x = chart.left + (span * i / (n - 1) if n > 1 else span / 2)
        chart.ticks.append((round(x, 1), label))
        if score is not None:
            chart.points.append(Point(round(x, 1), round(chart.y_of(score), 1), label, score))
    return chart
