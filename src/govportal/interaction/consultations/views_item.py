"""The workspace's pages of consultations and adoption reports
(``@@ws-item``, ``@@ws-transition``, locks: :mod:`govportal.services.item_pages`),
and the step from a closed consultation to its report:

``<consultation>/@@ws-add-report`` (POST, CSRF, one-time token)
    creates the :class:`~.model.AdoptionReport` beside the consultation,
    prefilled with one row per comment received (masked text), and links
    the two both ways.  Only once the consultation has closed, only one
    report per consultation, only by a user who may add content to its
    column (403 otherwise).

What an adoption report still lacks before publication (a decision on every
row, a reason where not fully adopted) is listed on its page
(``add_required_elements``).
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden
from pyramid.traversal import resource_path

from ... import sitetime
from ...i18n import _, translate
from ...services.item_pages import add_item_views, stamp, workflow_info
from ...submissions import issue
from ...workspace.editing import created_once
from ..contributions import actions as contributions
from .model import (
    CLOSED,
    DECISION_TITLES,
    STATUS_TITLES,
    IAdoptionReport,
    IConsultation,
    consultation_of,
    link,
    report_of,
)

ITEM_PT = "govportal.interaction.consultations:templates/item.pt"
REPORT_ITEM_PT = "govportal.interaction.consultations:templates/report_item.pt"
REPORT_KIND = "ws-add-report"


def consultation_info(context, request, comment="", errors=()):
    registry = request.registry
    report = report_of(context)
    status = context.status()
    may_report = (
        status == CLOSED
        and report is None
        and request.has_permission("add_content", context.__parent__)
    )
    return {
        **workflow_info(context, request, comment, errors),
        "kind_title": "意见征集",
        "status_title": STATUS_TITLES[status],
        "counts": contributions.counts(context, registry, "comment"),
        "report": report,
        "may_report": may_report,
        "report_token": issue(request, REPORT_KIND) if may_report else "",
        "attachments": context.attachments(),
    }


def report_info(context, request, comment="", errors=()):
    consultation = consultation_of(context)
    received = (
        contributions.counts(consultation, request.registry, "comment")["total"]
        if consultation is not None
        else 0
    )
    return {
        **workflow_info(context, request, comment, errors),
        "consultation": consultation,
        "counts": context.counts(received),
        "decision_titles": DECISION_TITLES,
    }


def report_missing(report):
    """Required elements of an adoption report still empty (Chinese titles)."""
    missing = []
    if not (report.summary or "").strip():
        missing.append("总体情况")
    for i, item in enumerate(report.rows, 1):
        decision = item.get("decision")
        if decision not in DECISION_TITLES:
            missing.append(f"第 {i} 条意见的采纳情况")
        elif decision != "adopted" and not (item.get("reason") or "").strip():
            missing.append(f"第 {i} 条意见未采纳（或部分采纳）的理由")
    return missing


def prefilled_items(consultation, registry):
    """One row per comment received (hidden ones too: every comment is answered)."""
    rows = []
    for c in sorted(contributions.all_of(consultation), key=lambda c: c.__name__):
        if c.kind != "comment":
            continue
        rows.append(
            {
                "numbers": (c.__name__,),
                "text": contributions.public_text(c),
                "decision": "",
                "reason": "",
            }
        )
    return tuple(rows)


def add_report_view(context, request):
    if not request.has_permission("add_content", context.__parent__):
        raise HTTPForbidden()

    def create(submission):
        # checked here: a replay of the first post is answered before
        if context.status() != CLOSED or report_of(context) is not None:
            message = _(
                "report-not-now",
                default="意见征集结束后才能编写采纳情况，且每项征集只有一份采纳情况。",
            )
            raise HTTPBadRequest(translate(request, message))
        column = context.__parent__
        report = request.registry.content.create("AdoptionReport")
        report.title = f"关于《{context.title}》征求意见采纳情况"
        report.rows = prefilled_items(context, request.registry)
        stamp(request, report, created=True)
        name = f"{context.__name__}-cnqk"
        if name in column:
            name = f"{name}-{sitetime.today():%Y%m%d}"
        column[name] = report
        link(context, column[name])
        return {"path": resource_path(column[name])}

    flash = _("report-created", default="已生成采纳情况草稿，请逐条填写采纳情况后送审。")
    return created_once(
        request, REPORT_KIND, create, flash, request.resource_url(context, "@@ws-item")
    )


def includeme(config):
    add_item_views(config, IConsultation, ITEM_PT, consultation_info)
    add_item_views(config, IAdoptionReport, REPORT_ITEM_PT, report_info)
    config.add_required_elements("AdoptionReport", report_missing)
    config.add_view(
        add_report_view,
        context=IConsultation,
        name="ws-add-report",
        permission="view_history",
        request_method="POST",
    )
