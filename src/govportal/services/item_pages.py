"""What the workspace's pages of guides and power items share: the item
page's workflow values, its view and transition view (the latter is
:func:`govportal.workspace.review.run_transition`), the lock views and the
creator/editor stamps.

The item pages of :mod:`.views_guide_item` and :mod:`.views_power_item` add
their own element rows (and chart or attachments) to :func:`workflow_info`;
the transitions run through the workflow engine as on documents' pages
(:mod:`govportal.workspace.review`).
"""

from datetime import UTC, datetime

from ..i18n import translate
from ..locks import current as current_lock
from ..locks import views as lock_views
from ..workflow import get_workflow
from ..workflow.guards import set_last_editor
from ..workspace import helpers
from ..workspace.dashboard import no_store
from ..workspace.queries import column_label
from ..workspace.returned import returned
from ..workspace.review import _history, _transitions, run_transition
from ..workspace.stamps import CREATED_ATTR, CREATOR_ATTR, touch
from .elements import missing_elements

#: the lock views of govportal.locks, registered for guides and power items
#: too: (view, name, method, permission)
LOCK_VIEWS = (
    (lock_views.lock_status_view, "lock", "GET", "view_history"),
    (lock_views.lock_view, "lock", "POST", "edit"),
    (lock_views.unlock_view, "unlock", "POST", "view"),
    (lock_views.break_lock_view, "break-lock", "POST", "view"),
)


def add_item_views(config, iface, renderer, item_info):
    """Register ``@@ws-item`` (``view_history``), ``@@ws-transition`` (POST)
    and the lock views for the content of ``iface``, whose page values are
    ``item_info(context, request, comment="", errors=())``."""

    def item_view(context, request):
        return item_page(context, request, item_info)

    def transition_view(context, request):
        return transition_page(context, request, item_info)

    config.add_view(
        item_view,
        context=iface,
        name="ws-item",
        permission="view_history",
        renderer=renderer,
    )
    config.add_view(
        transition_view,
        context=iface,
        name="ws-transition",
        permission="view",
        request_method="POST",
        renderer=renderer,
    )
    add_lock_views(config, iface)


def add_lock_views(config, iface):
    """Register :data:`LOCK_VIEWS` for the content of ``iface``."""
    for view, name, method, permission in LOCK_VIEWS:
        config.add_view(
            view,
            context=iface,
            name=name,
            request_method=method,
            permission=permission,
            renderer="json",
        )


def workflow_info(context, request, comment="", errors=()):
    """The item page's values every kind shares: place, state, lock,
    what publication lacks, the buttons, the history, the errors."""
    workflow = get_workflow(context, request.registry)
    state = workflow.state_of(context)
    transitions = _transitions(workflow, context, request)
    lock = current_lock(context)
    return {
        "where": column_label(context.__parent__),
        "state": state,
        "state_title": workflow.state_title(state),
        "public": workflow.is_public(context),
        "lock_text": helpers.lock_text(request, context),
        "can_break": lock is not None
        and not lock.held_by(request.authenticated_userid)
        and request.has_permission("break_lock", context),
        "can_edit": request.has_permission("edit", context),
        "missing": [translate(request, m) for m in missing_elements(context, request.registry)],
        "transitions": transitions,
        "required_for": "、".join(t["title"] for t in transitions if t["comment"]),
        "comment": comment,
        "history": _history(request, context),
        "returned": returned(context, request.registry),
        "ws_errors": list(errors),
    }


def transition_page(context, request, item_info):
    """``@@ws-transition``: run the pressed button's transition; a refusal
    re-shows the page of ``item_info`` (a 403 to a user who may not see the
    page is raised)."""
    return run_transition(context, request, item_info, hide_forbidden=True)


def item_page(context, request, item_info):
    """``@@ws-item``: the page of ``item_info`` for a logged-in user."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    return item_info(context, request)


def stamp(request, item, created=False):
    """Who created and last edited ``item``, and when (the workspace's lists
    and the four-eyes guard read them)."""
    userid = request.authenticated_userid
    now = datetime.now(UTC)
    if created:
        setattr(item, CREATOR_ATTR, userid)
        setattr(item, CREATED_ATTR, now)
    set_last_editor(item, userid)
    touch(item, now)
