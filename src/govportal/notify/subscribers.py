"""Who is mailed about a workflow step (see the package docstring)."""

from pyramid.threadlocal import get_current_registry
from substanced.util import find_objectmap

from ..content import IDocument
from ..mail import send_to_users
from ..security.people import users_of, users_with_roles
from ..siteurl import public_resource_url
from ..workflow import facts
from ..workflow.history import get_history
from . import messages

#: transitions whose outcome is mailed to the editor
RESULT_TRANSITIONS = frozenset(messages.RESULT_TITLES)


def reviewers_of(item, registry=None):
    """The users holding a role that approves documents (the workflow files
    say which) on ``item``, through their groups or directly, not counting
    global roles."""
    registry = registry or get_current_registry()
    return users_with_roles(item, facts.roles_granted(registry, "approve", "Document"), registry)


def editors_of(item):
    """The item's last editor and the users who submitted it."""
    ids = set()
    last = getattr(item, "last_editor", None)
    if last is not None:
        ids.add(last)
    for record in get_history(item):
        if record.transition == "submit" and record.actor_id is not None:
            ids.add(record.actor_id)
    return users_of(item, ids)


def item_url(request, item, record):
    """The workspace page of ``item``; for an approved working copy (merged
    into its live document and removed) that of the live document."""
    from ..workspace.integration import is_working_copy

    if is_working_copy(item) and record.transition in ("approve", "schedule"):
        item = item.__parent__
    # from the configured public URL: never the Host header (a forged one
    # would go into staff mail) nor a job's blank request (http://localhost)
    return public_resource_url(request.registry, item, "@@ws-item")


def notify_transition(event):
    request, record, item = event.request, event.record, event.content
    if request is None or not IDocument.providedBy(item) or find_objectmap(item) is None:
        return  # documents and their working copies only
    if record.transition != "submit" and record.transition not in RESULT_TRANSITIONS:
        return
    actor = str(record.actor_id) if record.actor_id is not None else None
    url = item_url(request, item, record)
    if record.transition == "submit":
        recipients = reviewers_of(item, request.registry)
        subject, body = messages.review_request(request, item, record, url)
        topic = messages.REVIEW_REQUEST
    elif record.transition in RESULT_TRANSITIONS:
        recipients = editors_of(item)
        subject, body = messages.review_result(request, item, record, url)
        topic = messages.REVIEW_RESULT
    else:
        return
    recipients = [u for u in recipients if str(_oid(u)) != actor]
    send_to_users(request, recipients, subject, body, topic)


def _oid(user):
    from substanced.util import get_oid

    return get_oid(user, None)
