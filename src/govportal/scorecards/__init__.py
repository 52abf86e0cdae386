"""Department scorecards (第三十四条, checklist H4).

Weekly and monthly figures per site of the group (the portal's own line is
the 政府办公室's): :mod:`.events` reads the dated facts from the parts that
own them, :mod:`.snapshots` keeps the current-state figures (stale and
empty columns, broken links) period by period in the monitor DB,
:mod:`.cards` scores them with the weights of :mod:`.weights`
(``etc/scorecard-weights.yaml``, checked at start-up) and ranks the
sites; :mod:`.views` shows them (``@@scorecards``, SVG charts from
:mod:`.chart`, XLSX from :mod:`.export`).
"""

import threading
import time
from html import escape

from .. import sitetime
from ..i18n import _, translate
from ..monitoring.panels import SiteStatus
from .weights import configured_path, load

#: seconds this week's cards are reused by the monitoring overview: reading
#: every site's facts takes seconds on a large group (0.4 s warm, 3 s cold on
#: 10,000 documents), too much for each view of the overview; a weekly score
#: a few minutes old is good enough there (the scorecard pages compute live)
OVERVIEW_SECONDS = 300
_overview_lock = threading.Lock()


def _this_week(request):
    """This week's cards by site path, computed at most once every
    :data:`OVERVIEW_SECONDS` per process (per request at least)."""
    from .periods import WEEK, period_of
    from .views import Scores

    cached = request.__dict__.get("_govportal_scorecards")
    if cached is not None:
        return cached
    period = period_of(WEEK, sitetime.today(request.registry))
    store = request.registry.__dict__.setdefault("govportal_scorecards_overview", {})
    with _overview_lock:
        found = store.get(period)
        if found is not None and found[0] > time.monotonic():
            cached = found[1]
    if cached is None:
        cards = Scores(request).cards(period)
        cached = {c.path: c for c in cards}
        with _overview_lock:
            store.clear()  # only the current week is kept
            store[period] = (time.monotonic() + OVERVIEW_SECONDS, cached)
    request.__dict__["_govportal_scorecards"] = cached
    return cached


def _path(site):
    return "/" + site.__name__ if site.__parent__ is not None else "/"


def scorecard_summary(site, request):
    """The monitoring overview's line: this week's score and rank of ``site``."""
    from .views import card_url

    label = translate(request, _("scorecards-label", default="绩效评分"))
    card = _this_week(request).get(_path(site))
    if card is None or card.score is None:
        value = translate(request, _("scorecards-no-score", default="本周无得分"))
    else:
        value = translate(
            request,
            _(
                "scorecards-summary",
                default="本周 ${score} 分，第 ${rank} 名",
                mapping={"score": card.score, "rank": card.rank},
            ),
        )
    return SiteStatus(label, value, "ok", url=card_url(request, site))


def scorecard_panel(site, request):
    """The site dashboard's panel: a link to the site's scorecard."""
    from .views import card_url

    heading = translate(request, _("scorecards-panel", default="部门绩效评分"))
    text = translate(
        request, _("scorecards-panel-link", default="查看本网站的周、月绩效评分与排名")
    )
    return (
        '<section class="ws-section" aria-labelledby="h-mon-scorecards">'
        f'<h2 id="h-mon-scorecards">{escape(heading)}</h2>'
        f'<p><a href="{escape(card_url(request, site))}">{escape(text)}</a></p></section>'
    )


def includeme(config):
    from .snapshots import snapshot_job, snapshot_task

    config.registry.govportal_scorecard_weights = load(configured_path(config.registry.settings))
    config.add_periodic_job("scorecards-snapshot", snapshot_job)
    config.add_monitoring_task(
        "scorecards", snapshot_task, _("scorecards-task", default="绩效评分快照")
    )
    config.add_monitoring_summary("scorecards", scorecard_summary, order=95)
    config.add_monitoring_panel("scorecards", scorecard_panel, order=95)
    config.scan(".views")
