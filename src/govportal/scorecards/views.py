"""``@@scorecards``: department scorecards (第三十四条, H4) for staff.

``/@@scorecards?period=week|month&at=YYYY-MM-DD``
    The county dashboard for the 政府办公室: every site the user monitors
    (``view_monitoring``), ranked, with a bar chart of the scores and the
    table of figures.  A user who monitors one department only is sent to
    that department's card.
``<department>/@@scorecards`` (the portal's own line: ``/@@scorecards-site``)
    One card: each figure with its evidence link, the site's rank in the
    group, and its score over the last 12 weeks or months.
``/@@scorecards.xlsx``
    The dashboard's table as a workbook (the sites the user monitors).

Anonymous visitors are sent to sign in; a user without ``view_monitoring``
on the site gets 403.  Pages are private (``no_store``).
"""

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.response import Response
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDepartment, site_group
from ..i18n import _, translate
from ..monitoring.access import county_sites, guard
from ..monitoring.freshness.views import site_url as monitoring_url
from . import periods
from .cards import TITLES, cards_for
from .chart import bar_chart, trend_chart
from .events import collect
from .export import workbook_bytes
from .snapshots import snapshot_of
from .weights import weights_of

TEMPLATES = "govportal.scorecards:templates/"
TREND_PERIODS = 12
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


PORTAL_TITLE = _("scorecards-portal", default="门户网站（县政府办公室）")


def title_of(site):
    return PORTAL_TITLE if site.__parent__ is None else site.title


def card_url(request, site, **query):
    name = "@@scorecards-site" if site.__parent__ is None else "@@scorecards"
    return request.resource_url(site, name, query=query or None)


def chosen_period(request):
    try:
        return periods.parse(
            request.GET.get("period", "").strip() or None,
            request.GET.get("at", "").strip() or None,
            request.registry,
        )
    except ValueError as error:
        raise HTTPBadRequest("period=week|month, at=YYYY-MM-DD") from error


class Scores:
    """The cards of every site of the group, period by period (facts read once)."""

    def __init__(self, request):
        self.request = request
        self.sites = site_group(request.root)
        self.events = collect(request.root, request.registry, self.sites)
        self.weights = weights_of(request.registry)
        self.tr = translator(request)

    def cards(self, period):
        snapshot = snapshot_of(self.request.root, period)
        return cards_for(self.sites, self.events, snapshot, period, self.weights, title_of, self.tr)


def _shown_cards(request, sites, period):
    """The group's cards of ``period``, ranked, kept for ``sites`` only."""
    shown = {id(s) for s in sites}
    return [c for c in Scores(request).cards(period) if id(c.site) in shown]


def translator(request):
    return lambda message: translate(request, message)


def _evidence(request, site):
    monitoring = monitoring_url(request, site)
    return {
        "published": monitoring,
        "stale_columns": monitoring,
        "empty_columns": monitoring,
        "disclosure_on_time": monitoring,
        "applications_on_time": request.resource_url(site, "@@applications"),
        "letters_on_time": request.resource_url(site, "@@letter-stats"),
        "cases_on_time": request.resource_url(request.root, "@@service-stats"),
        "broken_links": request.resource_url(site, "@@monitoring-links"),
        "check_overrides": monitoring,
    }


def _common(request, period):
    def switch(kind):
        return {"period": kind, "at": period.start.isoformat()}

    return {
        "period": period,
        "period_label": translate(request, period.label),
        "titles": {key: translate(request, title) for key, title in TITLES.items()},
        "previous_at": period.previous().start.isoformat(),
        "next_at": period.following().start.isoformat(),
        "switch": switch,
        "overview_url": request.resource_url(request.root, "@@monitoring"),
    }


@view_config(context=IRoot, name="scorecards", permission="view", renderer=TEMPLATES + "county.pt")
def county_view(context, request):
    def single_url(site):
        period = chosen_period(request)
        return card_url(request, site, period=period.kind, at=str(period.start))

    redirect, sites = county_sites(request, single_url)
    if redirect is not None:
        return redirect
    period = chosen_period(request)
    cards = _shown_cards(request, sites, period)
    values = _common(request, period)
    values.update(
        cards=cards,
        chart=bar_chart([(c.title, c.score) for c in cards]),
        card_url=lambda card: card_url(request, card.site, period=period.kind, at=period.start),
        page_url=request.resource_url(context, "@@scorecards"),
        xlsx_url=request.resource_url(
            context, "@@scorecards.xlsx", query={"period": period.kind, "at": period.start}
        ),
    )
    return values


@view_config(
    context=IDepartment, name="scorecards", permission="view", renderer=TEMPLATES + "card.pt"
)
@view_config(
    context=IRoot, name="scorecards-site", permission="view", renderer=TEMPLATES + "card.pt"
)
def card_view(context, request):
    redirect = guard(request, context)
    if redirect is not None:
        return redirect
    period = chosen_period(request)
    scores = Scores(request)
    card = next(c for c in scores.cards(period) if c.site is context)
    trend = []
    for past in periods.last_periods(period, TREND_PERIODS):
        past_card = next(c for c in scores.cards(past) if c.site is context)
        tr = scores.tr
        trend.append((tr(past.short_label), tr(past.label), past_card.score))
    values = _common(request, period)
    values.update(
        card=card,
        group_size=len(scores.sites),
        evidence=_evidence(request, context),
        trend=trend,
        chart=trend_chart([(short, score) for short, _label, score in trend]),
        page_url=card_url(request, context),
        county_url=request.resource_url(request.root, "@@scorecards"),
    )
    return values


@view_config(context=IRoot, name="scorecards.xlsx", permission="view")
def xlsx_view(context, request):
    redirect, sites = county_sites(request)
    if redirect is not None:
        return redirect
    period = chosen_period(request)
    cards = _shown_cards(request, sites, period)
    response = Response(body=workbook_bytes(cards, period, translator(request)), content_type=XLSX)
    filename = f"scorecards-{period.key}.xlsx"
    response.content_disposition = f'attachment; filename="{filename}"'
    response.cache_control = "no-store"
    return response
