"""A department's (or the portal's) card for one period: figures, score, rank.

:func:`cards_for` turns the dated facts (:mod:`.events`) and the period's
snapshot (:mod:`.snapshots`) into one :class:`Card` per site; the score is
``100 × Σ weight × rate / Σ weight`` over the figures that have a rate
(:meth:`.weights.Weight.rate`: a figure without data — nothing due in the
period, no snapshot, not enabled — is left out of both sums).  The ranking
is by score, highest first; equal scores share a rank; cards without a
score come last, unranked.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import _
from .weights import FIGURES

TITLES = {
    "published": _("scorecards-fig-published", default="发布信息数"),
    "stale_columns": _("scorecards-fig-stale", default="超期未更新栏目"),
    "empty_columns": _("scorecards-fig-empty", default="空白栏目"),
    "disclosure_on_time": _("scorecards-fig-disclosure", default="主动公开按时发布"),
    "applications_on_time": _("scorecards-fig-applications", default="依申请公开按时答复"),
    "letters_on_time": _("scorecards-fig-letters", default="留言按时办理"),
    "cases_on_time": _("scorecards-fig-cases", default="办件按时办结"),
    "broken_links": _("scorecards-fig-broken", default="失效链接"),
    "check_overrides": _("scorecards-fig-overrides", default="审核放行（覆盖检查）"),
    "syndication": _("scorecards-fig-syndication", default="信息报送采用"),
}
DISABLED = _("scorecards-disabled", default="未启用")
NO_SNAPSHOT = _("scorecards-no-snapshot", default="无快照")
NOT_CHECKED = _("scorecards-not-checked", default="未检查")
NONE_DUE = _("scorecards-none-due", default="本期无")


def plain(message):
    """``message``'s Chinese default, interpolated (the translator when no
    request is at hand; views pass the request's)."""
    return message.interpolate() if hasattr(message, "interpolate") else str(message)


#: figures read from the snapshot, and the snapshot's name for each
SNAPSHOT_FIGURES = {"stale_columns": "stale", "empty_columns": "empty", "broken_links": "broken"}
DATED_RATIOS = {
    "disclosure_on_time": "disclosure",
    "applications_on_time": "applications",
    "letters_on_time": "letters",
    "cases_on_time": "cases",
    # 信息报送采用: offers made in the period, accepted (govportal.syndication)
    "syndication": "syndication",
}


@dataclass
class Figure:
    key: str
    value: int | None  # None: no data
    total: int | None = None  # ratios: out of
    rate: float | None = None  # 0–1, None: not scored
    note: object = None  # why there is no value (NO_SNAPSHOT, DISABLED …)
    tr: Callable = plain  # the translator of what users read

    @property
    def title(self):
        return self.tr(TITLES[self.key])

    @property
    def text(self):
        if self.value is None:
            return self.tr(self.note) if self.note is not None else ""
        if self.total is not None:
            return f"{self.value}/{self.total}" if self.total else self.tr(NONE_DUE)
        return str(self.value)

    @property
    def percent(self):
        return None if self.rate is None else round(self.rate * 100)


@dataclass
class Card:
    site: object
    path: str
    title: str
    period: object
    figures: list = field(default_factory=list)
    score: float | None = None
    rank: int | None = None

    def figure(self, key):
        return next(f for f in self.figures if f.key == key)


def _figures(events, snapshot, period, weights, tr):
    figures = []
    for key in FIGURES:
        weight = weights[key]
        if not weight.enabled:
            figures.append(Figure(key, None, note=DISABLED))
            continue
        if key == "published":
            figure = Figure(key, sum(1 for day in events.published if day in period))
        elif key == "check_overrides":
            figure = Figure(key, sum(1 for day in events.overrides if day in period))
        elif key in SNAPSHOT_FIGURES:
            value = snapshot.get(SNAPSHOT_FIGURES[key]) if snapshot is not None else None
            note = NO_SNAPSHOT if snapshot is None else NOT_CHECKED
            figure = Figure(key, value, note=note if value is None else None)
        elif key in DATED_RATIOS:
            facts = [ok for day, ok in getattr(events, DATED_RATIOS[key]) if day in period]
            figure = Figure(key, sum(facts), total=len(facts))
        else:  # an enabled figure nothing measures (none left: all are above)
            figure = Figure(key, None, note=DISABLED)
        figure.rate = weight.rate(figure.value, figure.total, period.kind)
        figures.append(figure)
    for figure in figures:
        figure.tr = tr
    return figures


def score_of(figures, weights):
    """The weighted score (one decimal) of ``figures``, None if none is scored."""
    scored = [(weights[f.key].weight, f.rate) for f in figures if f.rate is not None]
    total = sum(w for w, _rate in scored)
    if not total:
        return None
    return round(100 * sum(w * rate for w, rate in scored) / total, 1)


def rank(cards):
    """Set each card's rank (1 = best; equal scores share a rank) and
    return the cards in ranking order."""
    ordered = sorted(cards, key=lambda c: (c.score is None, -(c.score or 0)))
    previous, place = None, 0
    for n, card in enumerate(ordered, start=1):
        if card.score is None:
            card.rank = None
            continue
        if card.score != previous:
            place, previous = n, card.score
        card.rank = place
    return ordered


def cards_for(sites, events, snapshot, period, weights, title_of, tr=plain):
    """Ranked :class:`Card` of every site of ``sites`` for ``period``."""
    cards = []
    for site in sites:
        path = "/" + site.__name__ if site.__parent__ is not None else "/"
        site_snapshot = (snapshot or {}).get("sites", {}).get(path) if snapshot else None
        card = Card(site, path, tr(title_of(site)), period)
        card.figures = _figures(events[path], site_snapshot, period, weights, tr)
        card.score = score_of(card.figures, weights)
        cards.append(card)
    return rank(cards)
