"""What the 互动交流 page of a site shows, read from each channel through
its documented functions and the catalog; a channel that fails leaves its
block out (logged), never the page.

The portal's page covers every site of the group; a department's page its
own letters, consultations, surveys and interviews (and the knowledge
base's hot questions, its own first).
"""

import logging
from datetime import date

from substanced.interfaces import IRoot

from ... import sitetime
from ...content import site_group
from ...i18n import translate
from ...public.listing import published_page
from ..interviews.model import CLOSED as INTERVIEW_CLOSED

log = logging.getLogger(__name__)

LATEST_LETTERS = 8
PER_BLOCK = 5
HOT = 8


def _safely(what, fn, default):
    """``fn()``, or ``default`` (logged) when the channel fails: a broken
    block must not take the page down. Every channel is part of this
    package, so a failing import is a bug too and is logged like any other
    (tests/interaction/hub/test_hub.py fails on any logged block)."""
    try:
        return fn()
    except Exception:  # a broken channel must not take the hub down
        log.exception("互动交流 page: the %s block failed", what)
        return default


def sites_of(site):
    return site_group(site) if IRoot.providedBy(site) else [site]


def channels(site, request):
    """``[(title, url)]``: the letter channels' forms on ``site``."""

    def load():
        from ..letters.vocabulary import CHANNELS

        return [
            (
                translate(request, title),
                request.resource_url(site, "@@write", query={"channel": code}),
            )
            for code, title in CHANNELS
        ]

    return _safely("channels", load, [])


def latest_letters(site, request, limit=LATEST_LETTERS):
    """The latest published letters (masked) as the letters' list rows."""

    def load():
        from ..letters.views_public import _sort_key, published_letters, row

        letters = published_letters(site, request.registry, set(sites_of(site)))
        letters.sort(key=_sort_key, reverse=True)
        return [row(letter, request) for letter in letters[:limit]]

    return _safely("letters", load, [])


def letter_figures(site, request, today=None):
    """This year's totals of the letters of ``site`` (or of the group); last
    year's while this year has received none yet (early January)."""
    today = today or sitetime.today(request.registry)

    def load():
        figures = _year_figures(site, request, today.year, today.month)
        if figures is not None and not figures["received"]:
            figures = _year_figures(site, request, today.year - 1, 12) or figures
        return figures

    return _safely("statistics", load, None)


def _year_figures(site, request, year, last_month):
    from ..letters import stats

    table = stats.year_table(stats.sites_for(site), year, request.registry, last_month=last_month)
    if not table:
        return None
    keys = ("received", "answered", "on_time", "rated", "satisfied")
    total = {k: sum(t["total"].get(k, 0) for t in table) for k in keys}
    days = [
        (t["total"]["avg_workdays"], t["total"]["answered"])
        for t in table
        if t["total"].get("avg_workdays") is not None
    ]
    weight = sum(n for _avg, n in days)
    return {
        **total,
        "year": year,
        "on_time_rate": stats.rate(total["on_time"], total["answered"]),
        "satisfaction_rate": stats.rate(total["satisfied"], total["rated"]),
        "avg_workdays": round(sum(a * n for a, n in days) / weight, 1) if weight else None,
    }


def _published(site, content_type):
    items, _total = published_page(site, limit=200, deep=True, types=(content_type,))
    return items


def _row(request, item, status, status_title, when):
    return {
        "title": item.title,
        "url": request.resource_url(item),
        "status": status,
        "status_title": status_title,
        "when": when,
    }


def _span(first, last):
    if first and last:
        return f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"
    return f"{first:%Y-%m-%d}" if isinstance(first, date) else ""


def open_consultations(site, request, limit=PER_BLOCK):
    """Consultations open for comment now (closing soonest first)."""

    def load():
        from ..consultations.model import OPEN

        items = [c for c in _published(site, "Consultation") if c.status() == OPEN]
        items.sort(key=lambda c: c.closes_on or date.max)
        return [
            _row(request, c, OPEN, c.status_title(), _span(c.opens_on, c.closes_on))
            for c in items[:limit]
        ]

    return _safely("consultations", load, [])


def open_surveys(site, request, limit=PER_BLOCK):
    """Surveys taking answers now, then those whose results are out."""

    def load():
        from ..surveys.model import CLOSED, OPEN, status

        titles = {OPEN: "进行中", CLOSED: "已结束（查看结果）"}
        rows = []
        for survey in _published(site, "Survey"):
            state = status(survey, request.registry)
            if state in titles:
                when = _span(survey.opens_on, survey.closes_on)
                rows.append(_row(request, survey, state, titles[state], when))
        rows.sort(key=lambda r: r["status"] != OPEN)
        return rows[:limit]

    return _safely("surveys", load, [])


def interviews(site, request, limit=PER_BLOCK):
    """Upcoming and live interviews first (soonest first), then the latest
    past ones."""

    def load():
        from ..interviews.views_public import _when

        items = _published(site, "Interview")
        coming = sorted(
            (i for i in items if i.status() != INTERVIEW_CLOSED), key=lambda i: i.starts_at
        )
        past = sorted(
            (i for i in items if i.status() == INTERVIEW_CLOSED),
            key=lambda i: i.starts_at,
            reverse=True,
        )
        return [
            _row(request, i, i.status(), i.status_title(), _when(i))
            for i in (coming + past)[:limit]
        ]

    return _safely("interviews", load, [])


def hot_questions(site, request, limit=HOT):
    """The knowledge base's hot questions (pinned first)."""

    def load():
        from ..answers.queries import hot_entries

        return [
            {"title": e.title, "url": request.resource_url(e)}
            for e in hot_entries(request, site, limit=limit)
        ]

    return _safely("hot questions", load, [])
