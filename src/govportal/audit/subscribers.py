"""What the audit trail listens to.

- :class:`~govportal.security.events.ActionRecorded`: everything the other
  aspects announce with ``record_action`` (sign-ins, account and role
  changes, settings, exports, overrides ...);
- :class:`~govportal.workflow.events.ContentTransitioned`: every workflow
  step (``workflow.transition``), including the scheduler's;
- Substance D's ``ObjectWillBeRemoved`` of content under a workflow, of an
  attachment or of a user or group (``content.delete``).  Moves and renames
  also remove and re-add an object; they are announced by the code that
  moves (``content.move``/``content.rename``) and skipped here.

Substance D's ``LoggedIn`` is not recorded: govportal's own sign-in
announces ``login.success``.
"""

from pyramid.threadlocal import get_current_registry, get_current_request
from pyramid.traversal import resource_path
from substanced.interfaces import IGroup, IUser

from ..content import IAttachment
from ..workflow import get_state, get_workflow
from .recording import record

MAX_COMMENT = 500


def _path(resource):
    try:
        return resource_path(resource)
    except Exception:
        return getattr(resource, "__name__", "") or ""


def _title(resource):
    return str(getattr(resource, "title", "") or "")[:200]


def action_recorded(event, registry=None):
    """Subscriber; ``registry`` is bound by :func:`govportal.audit.includeme`."""
    request = event.request
    registry = registry if registry is not None else _registry(request)
    record(
        registry,
        request,
        event.action,
        target=event.target,
        result=event.result,
        details=event.details,
        actor=event.actor,
    )


def content_transitioned(event, registry=None):
    """Subscriber; ``registry`` is bound by :func:`govportal.audit.includeme`."""
    rec = event.record
    request = event.request
    actor = None
    if request is None:
        actor = getattr(rec, "actor_name", "") or "system"
    registry = registry if registry is not None else _registry(request)
    record(
        registry,
        request,
        "workflow.transition",
        target=_path(event.content),
        details={
            "title": _title(event.content),
            "workflow": getattr(rec, "workflow", ""),
            "transition": rec.transition,
            "from": rec.from_state,
            "to": rec.to_state,
            "comment": (rec.comment or "")[:MAX_COMMENT],
        },
        actor=actor,
    )


def _registry(request):
    return request.registry if request is not None else get_current_registry()


def _audited_removal(obj, registry):
    if IAttachment.providedBy(obj) or IUser.providedBy(obj) or IGroup.providedBy(obj):
        return True
    return get_workflow(obj, registry) is not None


def object_will_be_removed(event, *_objects, registry=None):
    """Subscriber; ``registry`` is bound by :func:`govportal.audit.includeme`."""
    if event.moving or event.loading:
        return
    request = get_current_request()
    registry = registry if registry is not None else _registry(request)
    obj = event.object
    if not _audited_removal(obj, registry):
        return
    details = {
        "title": _title(obj),
        "type": type(obj).__name__,
        "state": get_state(obj, registry) or "",
    }
    try:
        details["removed"] = len(event.removed_oids)
    except Exception:  # no objectmap (a detached tree): the count is optional
        details["removed"] = None
    record(registry, request, "content.delete", target=_path(obj), details=details)
