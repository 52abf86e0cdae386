"""The workspace's front page: 新建, 待我审核 and 我的稿件."""

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.traversal import find_resource, resource_path
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..content import IColumn
from ..i18n import _, translate
from ..interaction.letters.views_staff import dashboard_rows as letter_rows
from ..workflow import facts
from . import helpers, integration
from .queries import (
    column_label,
    modified_at,
    my_items,
    review_queue,
    reviewer_roles,
    sites_with_roles,
    writable_columns,
)
from .returned import returned
from .withdraw import may_withdraw

TEMPLATES = "govportal.workspace:templates/"
#: whose workflow files title the states of 我的稿件, the first that knows one
TITLED_TYPES = ("Document", "WorkingCopy")


def state_title(registry, state):
    """The title the workflow files give ``state`` (the name if none does)."""
    for content_type in TITLED_TYPES:
        if content_type in registry.govportal_workflow_bindings:
            titles = facts.state_titles(registry, content_type)
            if state in titles:
                return titles[state]
    return state or ""


def no_store(request):
    """Workspace pages are private: never cached anywhere."""
    from ..cache import dont_cache

    dont_cache(request)
    request.response.cache_control = "private, no-store"


@view_config(
    context=IRoot, name="workspace", permission="view", renderer=TEMPLATES + "dashboard.pt"
)
def workspace_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    queue = review_queue(request)
    mine = my_items(request)
    return {
        "columns": writable_columns(request),
        "queue": queue,
        "is_reviewer": bool(sites_with_roles(request, reviewer_roles(request.registry))),
        "mine": mine,
        "can_withdraw": any(may_withdraw(i, request) for _s, items in mine for i in items),
        "oid": lambda i: get_oid(i),
        "path": lambda i: resource_path(i) + "/",
        "state_title": lambda s: state_title(request.registry, s),
        "site_title": helpers.site_title,
        "column_label": column_label,
        "where": helpers.where,
        "submitter": lambda i: helpers.submitter(request, i),
        "waited": lambda i: helpers.waited(request, i),
        "when": lambda i: helpers.local(modified_at(i)),
        "dates": helpers.dates,
        "check_badge": helpers.check_badge,
        "lock_text": lambda i: helpers.lock_text(request, i),
        "is_wc": integration.is_working_copy,
        "returned": lambda i: returned(i, request.registry),
        "letters": letter_rows(request),
    }


def chosen_column(context, request):
    """What the 新建 pickers' ``?column=<path>`` names, or None (no such path)."""
    path = request.GET.get("column", "")
    try:
        return find_resource(context, path) if path.startswith("/") else None
    except KeyError:
        return None


@view_config(context=IRoot, name="ws-new", permission="view", request_method="GET")
def choose_column(context, request):
    """The 新建 picker: go to the add form of the chosen column."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    column = chosen_column(context, request)
    if column is None or not IColumn.providedBy(column):
        raise HTTPBadRequest(translate(request, _("ws-no-column", default="请选择一个栏目。")))
    return HTTPFound(request.resource_url(column, "@@ws-add"))
