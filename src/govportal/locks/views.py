"""HTTP face of locking, on documents.

- ``GET <item>/@@lock`` — who holds the lock and until when (JSON);
- ``POST <item>/@@lock`` — lock the item to me, or refresh my lock
  (permission ``edit``);
- ``POST <item>/@@unlock`` — release my lock;
- ``POST <item>/@@break-lock`` (field ``reason``) — a reviewer of the
  department or a site administrator removes someone else's lock; recorded
  in the item's history.

Every POST is CSRF-checked (the site default).  Answers are JSON when the
client asks for it, otherwise a redirect to ``came_from`` (inside the site)
or the item's history, with a flash message.  Refusals answer 4xx with a
Chinese message and change nothing.
"""

from pyramid.view import view_config

from ..content.document import IDocument
from ..i18n import _, translate
from ..workflow.views import answer_done, answer_refusal
from .core import LockRefused, acquire, break_lock, current, release


def lock_status(content, request):
    """The JSON-ready lock status of ``content`` as seen by ``request``'s user."""
    info = current(content)
    if info is None:
        return {"locked": False, "mine": False, "lock": None}
    mine = info.held_by(request.authenticated_userid)
    return {"locked": True, "mine": mine, "lock": info.as_dict()}


def _answer(context, request, message):
    info = dict(lock_status(context, request), message=translate(request, message))
    return answer_done(context, request, message, info)


@view_config(
    context=IDocument, name="lock", request_method="GET", permission="view_history", renderer="json"
)
def lock_status_view(context, request):
    return dict(lock_status(context, request), ok=True)


@view_config(
    context=IDocument, name="lock", request_method="POST", permission="edit", renderer="json"
)
def lock_view(context, request):
    info = acquire(context, request)
    until = info.local_expires.strftime("%H:%M") if info.local_expires else "—"
    return _answer(
        context,
        request,
        _("lock-acquired", default="已锁定该稿件，锁定至 ${until}。", mapping={"until": until}),
    )


@view_config(
    context=IDocument, name="unlock", request_method="POST", permission="view", renderer="json"
)
def unlock_view(context, request):
    released = release(context, request)
    message = (
        _("lock-released", default="已解除锁定。")
        if released
        else _("lock-not-locked", default="该稿件当前未被锁定。")
    )
    return _answer(context, request, message)


@view_config(
    context=IDocument, name="break-lock", request_method="POST", permission="view", renderer="json"
)
def break_lock_view(context, request):
    info = break_lock(context, request, request.POST.get("reason", ""))
    return _answer(
        context,
        request,
        _(
            "lock-broken",
            default="已解除 ${holder} 的锁定，已记入审核记录。",
            mapping={"holder": info.holder_name},
        ),
    )


def refusal_view(exc, request):
    """A refused lock operation: 4xx with the Chinese reason."""
    return answer_refusal(request, exc.status, [exc.message])


def includeme(config):
    config.add_view(
        refusal_view,
        context=LockRefused,
        renderer="json",
        permission="__no_permission_required__",
    )
    config.scan(".views")
