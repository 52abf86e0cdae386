"""Geometry of the server-rendered score-over-time line charts (SVG).

Shared by the self-check history (:mod:`govportal.selfcheck.chart`) and
the scorecards' trend (:mod:`govportal.scorecards.chart`): scores 0–100 on
a fixed vertical scale, one point per entry spread evenly left to right
(oldest left; a single entry in the middle).  No script, no library: the
templates draw the axis, the polyline and the points from these figures
and give the same figures as a table for screen readers.
"""

from dataclasses import dataclass, field

WIDTH, HEIGHT = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 24


@dataclass
class LineChart:
    """The plot area (``left``..``right``, ``top``..``base``) and its points.

    Each point has at least ``x`` and ``y``; ``ticks`` are ``(x, label)``
    of every entry, for charts that label the horizontal axis.
    """

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    base: int = HEIGHT - BOTTOM
    points: list = field(default_factory=list)
    ticks: list = field(default_factory=list)

    @property
    def polyline(self):
        """The ``points`` attribute of an SVG polyline through the points."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    def y_of(self, score):
        """The vertical position of ``score`` (clamped to 0–100)."""
        return self.base - (self.base - self.top) * max(0, min(score, 100)) / 100

    def x_of(self, index, count):
        """The horizontal position of entry ``index`` of ``count``."""
        span = self.right - self.left
        return self.left + (span * index / (count - 1) if count > 1 else span / 2)
