"""The staff's list of consultations: ``/@@ws-consultations`` (signed in).

Every consultation the user may follow (``view_history``) in any site, with
its workflow state, its status by dates, the comments waiting for a
moderator (link to ``@@moderate``) and where its adoption report stands
(due date and level once closed); and the 新建意见征集 picker: the columns of
kind ``interaction`` where the user may add content
(``/@@ws-new-consultation?column=<path>`` goes to the add form).
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from substanced.interfaces import IRoot
from substanced.util import find_catalog

from ...i18n import _, translate
from ...workflow import get_workflow
from ...workspace import helpers
from ...workspace.dashboard import chosen_column, no_store
from ...workspace.queries import column_label, writable_columns
from ..contributions import actions as contributions
from . import deadlines
from .model import CLOSED, STATUS_TITLES, report_of
from .views_edit import is_interaction_column

STAFF_PT = "govportal.interaction.consultations:templates/staff.pt"


def _row(request, item):
    registry = request.registry
    workflow = get_workflow(item, registry)
    report = report_of(item)
    status = item.status()
    waiting = status == CLOSED and deadlines.waiting(item, registry)
    if report is None:
        report_state = "未编写" if status == CLOSED else ""
    else:
        report_state = get_workflow(report, registry).state_title(
            get_workflow(report, registry).state_of(report)
        )
    return {
        "item": item,
        "where": column_label(item.__parent__),
        "state_title": workflow.state_title(workflow.state_of(item)),
        "status_title": STATUS_TITLES[status],
        "pending": contributions.counts(item, registry, "comment")["pending"],
        "report": report,
        "report_state": report_state,
        "due": deadlines.report_due(item, registry) if waiting else None,
        "level": deadlines.level(item, registry) if waiting else "",
    }


def staff_rows(request):
    system = find_catalog(request.root, "system")
    items = system["content_type"].eq("Consultation").execute()
    rows = [
        _row(request, item)
        for item in items
        if item is not None and request.has_permission("view_history", item)
    ]
    rows.sort(key=lambda r: (r["item"].closes_on is None, r["item"].closes_on), reverse=True)
    return rows


def staff_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    columns = [
        (site, [c for c in cols if is_interaction_column(c)])
        for site, cols in writable_columns(request)
    ]
    return {
        "rows": staff_rows(request),
        "columns": [(s, cols) for s, cols in columns if cols],
        "column_label": column_label,
    }


def choose_column(context, request):
    """新建意见征集: to the add form of the chosen column."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    column = chosen_column(context, request)
    if not is_interaction_column(column):
        message = _("consultation-no-column", default="请选择一个互动交流类栏目。")
        raise HTTPBadRequest(translate(request, message))
    return HTTPSeeOther(request.resource_url(column, "@@ws-add-consultation"))


def includeme(config):
    config.add_view(
        staff_view,
        context=IRoot,
        name="ws-consultations",
        permission="view",
        request_method="GET",
        renderer=STAFF_PT,
    )
    config.add_view(
        choose_column,
        context=IRoot,
        name="ws-new-consultation",
        permission="view",
        request_method="GET",
    )
