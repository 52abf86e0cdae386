"""One-click masking (G7) of personal data in an item's title and body.

Masking is a redaction, not authorship: it keeps the item's last editor, so
the reviewer who masks may still approve under the four-eyes rule.  It is
recorded in the item's workflow history (who, when, how many).
"""

from substanced.event import ObjectModified

from ..i18n import _
from ..workflow.guards import get_last_editor, set_last_editor
from ..workflow.history import TransitionRecord, append_history
from .errors import ChecksRefused
from .findings import render
from .markup import mask_personal_data
from .personal import mask_text

#: The ``transition`` of the history records that masking writes.
HISTORY_TRANSITION = "mask_personal_data"


def mask_document(content, request):
    """Mask personal data in ``content``'s title and body; return the count.

    Requires the ``edit`` permission on ``content`` and no editing lock held
    by someone else (409 otherwise).  When something was
    masked it fires ``ObjectModified`` itself (catalogs, search and caches
    follow) and keeps the last editor; callers must not fire it again.
    Attachments are not changed: a file holding personal data must be
    replaced, or its findings overridden.
    """
    if request is None or not request.has_permission("edit", content):
        raise ChecksRefused(
            [render(_("checks-mask-forbidden", default="您没有权限修改该稿件。"), request)],
            status=403,
        )
    _check_unlocked(content, request)
    body, in_body = mask_personal_data(getattr(content, "body", "") or "")
    title, in_title = mask_text(getattr(content, "title", "") or "")
    count = in_body + in_title
    if not count:
        return 0
    last_editor = get_last_editor(content)
    if in_body:
        content.body = body
    if in_title:
        content.title = title
    # Substance D's subscribers take (event, object), as its sheets send them.
    request.registry.subscribers((ObjectModified(content), content), None)
    set_last_editor(content, last_editor)
    _append_history(content, request, count)
    return count


def _check_unlocked(content, request):
    """Refuse while someone else holds the item's editing lock: their form
    would overwrite the masked text.  Uses the ``unlocked`` workflow guard
    when the application registers one (govportal.locks)."""
    guards = getattr(request.registry, "govportal_workflow_guards", {}) or {}
    unlocked = guards.get("unlocked")
    message = unlocked(content, request, None) if unlocked is not None else None
    if message:
        raise ChecksRefused([render(message, request)], status=409)


def _append_history(content, request, count):
    from ..workflow import get_workflow

    workflow = get_workflow(content, request.registry)
    state = workflow.state_of(content) if workflow is not None else ""
    user = getattr(request, "user", None)
    append_history(
        content,
        TransitionRecord(
            transition=HISTORY_TRANSITION,
            from_state=state,
            to_state=state,
            actor_id=getattr(request, "authenticated_userid", None),
            actor_name=getattr(user, "__name__", None) or "",
            comment=render(
                _(
                    "checks-mask-history",
                    default="遮盖个人信息${count}处。",
                    mapping={"count": count},
                ),
                request,
            ),
            workflow=getattr(workflow, "name", ""),
        ),
    )
