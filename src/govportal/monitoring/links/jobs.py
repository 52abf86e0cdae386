"""The crawler in the scheduler, in ``govportal-monitor``, and its alarms.

:func:`links_job` runs on every scheduler round (30 s).  It is cheap when
nothing is due: one read of the section.  When a run is due or under way
it crawls for :data:`SCHEDULER_SLICE` seconds at most (the next rounds go
on where it stopped), with :class:`~.crawl.Crawler` in transactions of its
own; the lease keeps other processes out.  The alarms of a finished run
are raised or cleared on the next round, in the scheduler's transaction,
so that their mails go when it commits.

:func:`links_task` is the ``links`` task (立即运行, ``govportal-monitor INI
links [MINUTES]``): a run now, due or not, for ``links_max_minutes`` (or
MINUTES) at most — a minute when asked from the dashboard's button, the
scheduler's rounds go on from there —, whose alarms it applies at once when
it finishes.
"""

from pyramid.traversal import find_resource

from ...i18n import _, translate
from ...sitetime import now_utc
from ...siteurl import public_resource_url
from ..alarms import clear_alarm, raise_alarm, site_staff
from .crawl import Crawler
from .store import links_section

KIND = "links"
#: seconds of crawling per scheduler round at most: the round's other work
#: (scheduled publications) must not wait for a whole run; the run goes on
#: in the next rounds, where it stopped
SCHEDULER_SLICE = 20.0
#: seconds the 立即运行 button's request crawls at most (the scheduler goes on)
BUTTON_SLICE = 60.0


def _site_at(root, path):
    try:
        return find_resource(root, path)
    except KeyError:
        return None


def apply_alarms(root, request, counts):
    """Raise the ``links`` alarm of each site with broken links, clear the
    others' (``counts``: site path → (broken, suspect))."""
    for site_path, (broken, suspect) in sorted(counts.items()):
        site = _site_at(root, site_path)
        if site is None:
            continue
        if not broken:
            clear_alarm(
                root,
                request,
                KIND,
                site_path,
                note=_("links-alarm-cleared", default="失效链接已全部修复"),
            )
            continue
        title = getattr(site, "title", "") or site_path
        mapping = {"site": title, "count": broken, "suspect": suspect}
        raise_alarm(
            root,
            request,
            KIND,
            site_path,
            _("links-alarm-subject", default="${site}有 ${count} 个失效链接", mapping=mapping),
            _(
                "links-alarm-body",
                default=(
                    "失效链接检查发现${site}的已发布内容中有 ${count} 个失效链接"
                    "（另有 ${suspect} 个可疑链接待复查），请尽快修改。详见运行监测页面。"
                ),
                mapping=mapping,
            ),
            site=site,
            level="warning",
            evidence={
                "broken": broken,
                "suspect": suspect,
                "url": public_resource_url(request.registry, site, "@@monitoring-links"),
            },
            staff=site_staff(site, request.registry),
        )


def is_due(section):
    """True when a run is under way or the next one is due (or none ran yet)."""
    if section is None or section.run is not None or section.next_run is None:
        return True
    return now_utc() >= section.next_run


def links_job(root, request):
    """The scheduler's job: apply a finished run's alarms, else crawl a slice."""
    section = links_section(root, create=False)
    pending = section.pending if section is not None else {}
    if pending.get("run_id") and pending.get("applied") != pending["run_id"]:
        apply_alarms(root, request, dict(pending["counts"]))
        pending["applied"] = pending["run_id"]
        return True
    if section is not None and section.lease.held_by_other(None, now_utc()):
        return False
    if is_due(section):
        crawler = Crawler(request.registry)
        crawler.max_seconds = min(crawler.max_seconds, SCHEDULER_SLICE)
        crawler.run()
    return False


def links_task(root, request, args):
    """Run the crawler now (``args``: at most this many minutes); returns a report."""
    minutes = None
    if args:
        try:
            minutes = float(args[0])
        except ValueError:
            minutes = None
    crawler = Crawler(request.registry, max_seconds=minutes * 60 if minutes else None)
    if request.method == "POST":  # the dashboard's button: a person waits for the page
        crawler.max_seconds = min(crawler.max_seconds, BUTTON_SLICE)
    report = crawler.run(force=True)
    if report.finished:
        apply_alarms(root, request, report.counts)
    return translate(request, report_text(report))


def report_text(report):
    if not report.ran:
        reason = {"busy": "另一进程正在检查", "not due": "未到检查时间"}.get(report.why_not, "")
        return _("links-task-skipped", default="未运行：${why}", mapping={"why": reason})
    broken = sum(b for b, _s in report.counts.values())
    suspect = sum(s for _b, s in report.counts.values())
    mapping = {"pages": report.pages, "links": report.links, "broken": broken, "suspect": suspect}
    if report.finished:
        return _(
            "links-task-finished",
            default=(
                "检查完成：${pages} 个页面，${links} 个链接；"
                "失效 ${broken} 个，可疑 ${suspect} 个。"
            ),
            mapping=mapping,
        )
    return _(
        "links-task-paused",
        default="本次已检查 ${pages} 个页面、${links} 个链接，未完成部分将在下次继续。",
        mapping=mapping,
    )
