"""A department's (or the portal's) card for one period: figures, score, rank.

:func:`cards_for` turns the dated facts (:mod:`.events`) and the period's
snapshot (:mod:`.snapshots`) into one :class:`Card` per site; the score is
``100 × Σ weight × rate / Σ weight`` over the figures that have a rate
(:meth:`.weights.Weight.rate`: a figure without data — nothing due in the
period, no snapshot, not enabled — is left out of both sums).  The ranking
is by score, highest first; equal scores share a rank; cards without a
score come last, unranked.
"""

from dataclasses import dataclass, field

from .weights import FIGURES

TITLES = {
    "published": "发布信息数",
    "stale_columns": "超期未更新栏目",
    "empty_columns": "空白栏目",
    "disclosure_on_time": "主动公开按时发布",
    "applications_on_time": "依申请公开按时答复",
    "letters_on_time": "留言按时办理",
    "cases_on_time": "办件按时办结",
    "broken_links": "失效链接",
    "check_overrides": "审核放行（覆盖检查）",
    "syndication": "信息报送采用",
}
#: figures read from the snapshot, and the snapshot's name for each
SNAPSHOT_FIGURES = {"stale_columns": "stale", "empty_columns": "empty", "broken_links": "broken"}
DATED_RATIOS = {
    "disclosure_on_time": "disclosure",
    "applications_on_time": "applications",
    "letters_on_time": "letters",
    "cases_on_time": "cases",
}


@dataclass
class Figure:
    key: str
    value: int | None  # None: no data
    total: int | None = None  # ratios: out of
    rate: float | None = None  # 0–1, None: not scored
    note: str = ""  # why there is no value (无快照, 未启用 …)

    @property
    def title(self):
        return TITLES[self.key]

    @property
    def text(self):
        if self.value is None:
            return self.note
        if self.total is not None:
            return f"{self.value}/{self.total}" if self.total else "本期无"
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


def _figures(events, snapshot, period, weights):
    figures = []
    for key in FIGURES:
        weight = weights[key]
        if not weight.enabled:
            figures.append(Figure(key, None, note="未启用"))
            continue
        if key == "published":
            figure = Figure(key, sum(1 for day in events.published if day in period))
        elif key == "check_overrides":
            figure = Figure(key, sum(1 for day in events.overrides if day in period))
        elif key in SNAPSHOT_FIGURES:
            value = snapshot.get(SNAPSHOT_FIGURES[key]) if snapshot is not None else None
            note = "无快照" if snapshot is None else "未检查"
            figure = Figure(key, value, note=note if value is None else "")
        elif key in DATED_RATIOS:
            facts = [ok for day, ok in getattr(events, DATED_RATIOS[key]) if day in period]
            figure = Figure(key, sum(facts), total=len(facts))
        else:  # an enabled figure nothing measures yet (syndication before 信息报送)
            figure = Figure(key, None, note="未启用")
        figure.rate = weight.rate(figure.value, figure.total, period.kind)
        figures.append(figure)
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


def cards_for(sites, events, snapshot, period, weights, title_of):
    """Ranked :class:`Card` of every site of ``sites`` for ``period``."""
    cards = []
    for site in sites:
        path = "/" + site.__name__ if site.__parent__ is not None else "/"
        site_snapshot = (snapshot or {}).get("sites", {}).get(path) if snapshot else None
        card = Card(site, path, title_of(site), period)
        card.figures = _figures(events[path], site_snapshot, period, weights)
        card.score = score_of(card.figures, weights)
        cards.append(card)
    return rank(cards)
