"""The score-over-time chart of ``@@selfcheck``: geometry for a server-rendered SVG.

Scores 0–100 on a fixed scale (the pass mark drawn as a line), one point
per stored run, oldest left.  No script, no external library: the template
draws the polyline and the points from these figures, and a table beside it
gives the same figures to screen readers.  The shared geometry is
:class:`govportal.monitoring.svgchart.LineChart`.
"""

from dataclasses import dataclass

from ..monitoring.svgchart import LineChart


@dataclass
class Point:
    x: float
    y: float
    score: int
    label: str  # the run's date, site time
    passed: bool


@dataclass
class Chart(LineChart):
    """A :class:`LineChart` with the pass mark's height ``pass_y``."""

    pass_y: float = 0.0


def score_chart(entries, pass_score):
    """A :class:`Chart` of ``entries``: ``[(label, score, passed)]``, oldest first."""
    chart = Chart()
    chart.pass_y = chart.y_of(pass_score)
    n = len(entries)
    for i, (label, score, passed) in enumerate(entries):
        chart.points.append(Point(chart.x_of(i, n), chart.y_of(score), score, label, passed))
    return chart
