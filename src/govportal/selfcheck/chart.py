"""The score-over-time chart of ``@@selfcheck``: geometry for a server-rendered SVG.

Scores 0–100 on a fixed scale (the pass mark drawn as a line), one point
per stored run, oldest left.  No script, no external library: the template
draws the polyline and the points from these figures, and a table beside it
gives the same figures to screen readers.
"""

from dataclasses import dataclass, field

WIDTH, HEIGHT = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 24


@dataclass
class Point:
    x: float
    y: float
    score: int
    label: str  # the run's date, site time
    passed: bool


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    base: int = HEIGHT - BOTTOM
    pass_y: float = 0.0
    points: list = field(default_factory=list)

    @property
    def polyline(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    def y_of(self, score):
        return self.base - (self.base - self.top) * max(0, min(score, 100)) / 100


def score_chart(entries, pass_score):
    """A :class:`Chart` of ``entries``: ``[(label, score, passed)]``, oldest first."""
    chart = Chart()
    chart.pass_y = chart.y_of(pass_score)
    n = len(entries)
    span = chart.right - chart.left
    for i, (label, score, passed) in enumerate(entries):
        x = chart.left + (span * i / (n - 1) if n > 1 else span / 2)
        chart.points.append(Point(x, chart.y_of(score), score, label, passed))
    return chart
