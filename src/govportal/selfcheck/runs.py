"""Running the self-check: by hand, weekly by the scheduler, as a monitor task.

:func:`run_now` computes every site and stores the run (:mod:`.history`);
:func:`selfcheck_job` is the periodic job (weekly, by the stored next run,
so several processes run it once; an idle round writes nothing);
:func:`selfcheck_task` is ``govportal-monitor INI selfcheck`` and the
dashboard's 立即运行 entry; :func:`report_lines` the text both print.
"""

from .. import sitetime
from ..i18n import _, translate
from . import history
from .compute import check_all
from .evidence import FAIL, NODATA


def run_now(root, request, by, sites=None):
    """``(results, run, stored)``: every site (or ``sites``) judged now and
    the run kept (``stored`` False when it repeats the newest one)."""
    results = check_all(root, request, sites=sites)
    if sites is not None:
        return results, None, False  # a partial run is shown, not kept
    run, stored = history.record(root, results, by)
    return results, run, stored


def selfcheck_job(root, request):
    """The weekly run (Monday 06:00, site time); True when it wrote."""
    found = history.book(root, create=False)
    now = sitetime.now_utc()
    clock = found.clock if found is not None else None
    if clock is not None and clock.next_run is not None and now < clock.next_run:
        return False
    if not history.claim_weekly(root, request.registry, now):
        return True  # the first weekly time was set
    run_now(root, request, "schedule")
    return True


def verdict_line(request, result):
    """``门户网站 /：98 分，合格`` (with the veto items when failed)."""
    if result.passed:
        verdict = _("selfcheck-pass", default="合格")
    else:
        verdict = _("selfcheck-fail", default="不合格")
    mapping = {
        "title": result.title,
        "site": result.site_path,
        "score": result.score,
        "verdict": translate(request, verdict),
        "vetoes": "、".join(i.item for i in result.vetoes) or "无",
    }
    return translate(
        request,
        _(
            "selfcheck-line",
            default="${title}（${site}）：${score} 分，${verdict}；单项否决：${vetoes}",
            mapping=mapping,
        ),
    )


def report_lines(request, results, evidence=True):
    """The text report of ``results``: per site the score line, then each
    failed veto item, each deduction and each item without data."""
    lines = []
    for result in results:
        lines.append(verdict_line(request, result))
        for item in result.items:
            mapping = {"item": item.item, "title": item.title, "points": item.points}
            if item.status == NODATA:
                mapping["note"] = item.note
                line = ("selfcheck-line-nodata", "[${item} 无数据] ${title}：${note}")
            elif item.veto and item.status == FAIL:
                line = ("selfcheck-line-veto", "[${item} 单项否决] ${title}")
            elif not item.veto and item.points:
                line = ("selfcheck-line-points", "[${item} 扣 ${points} 分] ${title}")
            else:
                continue
            msgid, default = line
            lines.append("  " + translate(request, _(msgid, default=default, mapping=mapping)))
            if evidence and item.status != NODATA:
                lines.extend(f"      - {e.text} {e.url}".rstrip() for e in item.evidence)
    return lines


def selfcheck_task(root, request, args):
    """``govportal-monitor INI selfcheck``: run it now and keep the run."""
    results, _run, stored = run_now(root, request, "script")
    lines = report_lines(request, results)
    if not stored:
        lines.append(
            translate(request, _("selfcheck-same", default="结果与刚才的自查相同，未重复记录。"))
        )
    return "\n".join(lines)
