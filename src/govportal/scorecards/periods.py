"""Scorecard periods in site time: ISO weeks (Monday–Sunday) and calendar months.

Every date the scorecards reason about is a site date (Asia/Shanghai by
default): an instant is first turned into its site date
(:func:`govportal.sitetime.local_date`), so an item published at 23:30 UTC
on a Sunday (07:30 on Monday in Shanghai) belongs to Monday's week.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .. import sitetime
from ..i18n import _

WEEK, MONTH = "week", "month"
KINDS = (WEEK, MONTH)


@dataclass(frozen=True, order=True)
class Period:
    """One week or month: ``start`` and ``end`` are both included."""

    start: date
    end: date
    kind: str

    @property
    def key(self):
        if self.kind == WEEK:
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self):
        """What users read (a translation string)."""
        if self.kind == WEEK:
            year, week, _day = self.start.isocalendar()
            return _(
                "scorecards-week",
                default="${year}年第${week}周（${start}至${end}）",
                mapping={
                    "year": year,
                    "week": week,
                    "start": f"{self.start:%m-%d}",
                    "end": f"{self.end:%m-%d}",
                },
            )
        return _(
            "scorecards-month",
            default="${year}年${month}月",
            mapping={"year": self.start.year, "month": self.start.month},
        )

    @property
    def short_label(self):
        """The chart's tick (a translation string)."""
        if self.kind == WEEK:
            return _(
                "scorecards-week-short",
                default="${week}周",
                mapping={"week": self.start.isocalendar()[1]},
            )
        return _(
            "scorecards-month-short", default="${month}月", mapping={"month": self.start.month}
        )

    def __contains__(self, day):
        return day is not None and self.start <= day <= self.end

    def previous(self):
        return period_of(self.kind, self.start - timedelta(days=1))

    def following(self):
        return period_of(self.kind, self.end + timedelta(days=1))


def period_of(kind, day):
    """The :class:`Period` of ``kind`` holding site date ``day``."""
    if kind == WEEK:
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6), WEEK)
    if kind == MONTH:
        start = day.replace(day=1)
        following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return Period(start, following - timedelta(days=1), MONTH)
    raise ValueError(f"unknown period kind {kind!r}")


def period_of_instant(kind, when, registry=None):
    """The period holding instant ``when`` (aware, or naive meaning UTC) in site time."""
    return period_of(kind, sitetime.local_date(when, registry))


def last_periods(period, count):
    """``count`` periods ending with ``period``, oldest first."""
    found = [period]
    while len(found) < count:
        found.append(found[-1].previous())
    return found[::-1]


def parse(kind, at, registry=None):
    """The period of ``kind`` (default week) holding ``at`` (``YYYY-MM-DD``,
    default today in site time); ValueError when either is malformed."""
    kind = kind or WEEK
    if kind not in KINDS:
        raise ValueError(kind)
    day = date.fromisoformat(at) if at else sitetime.today(registry)
    return period_of(kind, day)
