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

from ..i18n import _, translate
from ..monitoring.panels import SiteStatus
from .weights import configured_path, load


def scorecard_summary(site, request):
    """The monitoring overview's line: a link to the site's scorecard."""
    from .views import card_url

    label = translate(request, _("scorecards-label", default="绩效评分"))
    value = translate(request, _("scorecards-open", default="查看"))
    return SiteStatus(label, value, "ok", url=card_url(request, site))


def includeme(config):
    from .snapshots import snapshot_job, snapshot_task

    config.registry.govportal_scorecard_weights = load(configured_path(config.registry.settings))
    config.add_periodic_job("scorecards-snapshot", snapshot_job)
    config.add_monitoring_task(
        "scorecards", snapshot_task, _("scorecards-task", default="绩效评分快照")
    )
    config.add_monitoring_summary("scorecards", scorecard_summary, order=95)
    config.scan(".views")
