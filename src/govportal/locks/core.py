"""Editing locks on content, kept by Substance D's lock service.

A lock is advisory for forms (the editor who holds it may save) and binding
for workflow transitions (guard ``unlocked``).  Locks live in the root's
``locks`` service as :class:`substanced.locking.Lock` objects tied to the
item and its owner through the object map; an expired lock does not count
and is removed by the next lock operation on the item.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from pyramid.traversal import find_root
from substanced.locking import (
    LockError,
    discover_resource_locks,
    lock_resource,
    unlock_resource,
)
from substanced.util import find_objectmap, find_service, get_oid

from ..i18n import _
from ..workflow.history import DISPLAY_TZ

#: Name of the lock service on the root (Substance D's own).
SERVICE_NAME = "locks"
#: Minutes a lock lasts without being refreshed, unless configured.
DEFAULT_TIMEOUT_MINUTES = 30
TIMEOUT_SETTING = "govportal.locks.timeout"
#: The ``transition`` name of history records of broken locks.
BREAK_LOCK = "break_lock"


class LockRefused(Exception):
    """A lock operation was refused; ``message`` says why (a translation string).

    ``status`` is the HTTP status the refusal maps to.
    """

    def __init__(self, message, status=409):
        super().__init__(str(message))
        self.message = message
        self.messages = [message]  # like the other refusals (TransitionRefused)
        self.status = status


@dataclass(frozen=True)
class LockInfo:
    """Who holds the lock on an item, and until when (aware UTC datetime)."""

    holder_id: int
    holder_name: str
    expires: datetime | None
    lock: object = None

    @property
    def local_expires(self):
        """The expiry in China Standard Time (None for a lock without timeout)."""
        return self.expires.astimezone(DISPLAY_TZ) if self.expires is not None else None

    def held_by(self, userid):
        return userid is not None and str(userid) == str(self.holder_id)

    def as_dict(self):
        local = self.local_expires
        return {
            "holder_id": self.holder_id,
            "holder": self.holder_name,
            "expires": self.expires.isoformat() if self.expires else None,
            "local_expires": local.strftime("%H:%M") if local else "",
        }


def timeout_seconds(registry):
    """The lock timeout in seconds, from ``govportal.locks.timeout`` (minutes)."""
    value = (registry.settings or {}).get(TIMEOUT_SETTING, DEFAULT_TIMEOUT_MINUTES)
    return int(float(value) * 60)


def lock_service(content, create=False):
    """The lock service of ``content``'s site.

    Sites made by Substance D have one; with ``create`` a site without one
    (an old database) gets it now, the way Substance D's evolve step adds it.
    """
    service = find_service(content, SERVICE_NAME)
    if service is None and create:
        from pyramid.threadlocal import get_current_registry

        registry = get_current_registry()
        root = find_root(content)
        service = registry.content.create("Lock Service")
        root.add_service(SERVICE_NAME, service, registry=registry)
        service.__sdi_deletable__ = False
    return service


def _holder_name(lock):
    owner = lock.owner
    if owner is None:
        return str(lock.ownerid)
    return getattr(owner, "title", None) or owner.__name__


def _info(lock):
    return LockInfo(lock.ownerid, _holder_name(lock), lock.expires(), lock)


def current(content, when=None):
    """The valid lock on ``content`` as a :class:`LockInfo`, or None.

    An expired lock does not count.  ``when`` (aware) defaults to now.
    """
    if find_service(content, SERVICE_NAME) is None or find_objectmap(content) is None:
        return None
    if get_oid(content, None) is None:
        return None  # not in the object map (e.g. an application): never locked
    when = when or datetime.now(UTC)
    for lock in discover_resource_locks(content, include_invalid=True, include_lineage=False):
        if lock.is_valid(when):
            return _info(lock)
    return None


def _userid(request):
    userid = getattr(request, "authenticated_userid", None)
    return userid if isinstance(userid, int) else None


def locked_message(info):
    """The refusal shown to someone who is not the holder of ``info``."""
    local = info.local_expires
    return _(
        "lock-held-by-other",
        default="该稿件正由 ${holder} 编辑（锁定至 ${until}），请稍后再试或请审核员解除锁定。",
        mapping={"holder": info.holder_name, "until": local.strftime("%H:%M") if local else "—"},
    )


def _serialise(service):
    # Two concurrent acquisitions would each add a Lock under a different key
    # of the service's BTree, and BTree conflict resolution would let both
    # commit.  Writing the service itself makes them conflict; pyramid_retry
    # runs the later request again, which then sees the first lock.
    service._p_changed = True


def acquire(content, request):
    """Lock ``content`` to the signed-in user for the configured timeout.

    The holder's own lock is refreshed.  Raises :class:`LockRefused` (with a
    message naming the holder and the expiry) when someone else holds a
    valid lock, or when nobody is signed in.  Callers check the user's
    ``edit`` permission first.  Returns the :class:`LockInfo`.
    """
    userid = _userid(request)
    if userid is None:
        raise LockRefused(_("lock-anonymous", default="请先登录。"), status=403)
    service = lock_service(content, create=True)
    try:
        lock = lock_resource(content, userid, timeout=timeout_seconds(request.registry))
    except LockError as e:
        raise LockRefused(locked_message(_info(e.lock))) from None
    _serialise(service)
    return _info(lock)


def release(content, request):
    """Release the signed-in user's lock on ``content``.

    Returns True when a lock was removed, False when there was none (or only
    an expired one).  Raises :class:`LockRefused` when someone else holds it.
    """
    info = current(content)
    if info is None:
        return False
    if not info.held_by(_userid(request)):
        raise LockRefused(locked_message(info))
    unlock_resource(content, info.holder_id)
    _serialise(lock_service(content))
    return True


def release_if_held(content, userid):
    """Remove ``userid``'s valid lock on ``content`` if there is one (no checks)."""
    info = current(content)
    if info is not None and info.held_by(userid):
        unlock_resource(content, info.holder_id)
        _serialise(lock_service(content))
        return True
    return False


def break_lock(content, request, reason):
    """Remove someone else's lock on ``content``, recording it in the item's history.

    Only a reviewer of the item's department or a site administrator may
    (permission ``break_lock``); a reason is required.  Raises
    :class:`LockRefused` otherwise, or when the item is not locked.
    Returns the :class:`LockInfo` of the lock that was broken.
    """
    if not request.has_permission("break_lock", content):
        raise LockRefused(
            _("lock-break-forbidden", default="只有本部门审核员或站点管理员可以解除锁定。"),
            status=403,
        )
    reason = (reason or "").strip()
    if not reason:
        raise LockRefused(_("lock-break-reason", default="解除锁定必须填写原因。"), status=400)
    info = current(content)
    if info is None:
        raise LockRefused(_("lock-not-locked", default="该稿件当前未被锁定。"), status=409)
    unlock_resource(content, info.holder_id)
    _serialise(lock_service(content))
    _record_break(content, request, info, reason)
    return info


def _record_break(content, request, info, reason):
    from ..i18n import translate
    from ..workflow import get_state
    from ..workflow.history import TransitionRecord, append_history

    state = get_state(content, request.registry)
    local = info.local_expires
    user = getattr(request, "user", None)
    comment = _(
        "lock-broken-comment",
        default="解除了 ${holder} 的锁定（原定锁定至 ${until}）。原因：${reason}",
        mapping={
            "holder": info.holder_name,
            "until": local.strftime("%Y-%m-%d %H:%M") if local else "—",
            "reason": reason,
        },
    )
    append_history(
        content,
        TransitionRecord(
            transition=BREAK_LOCK,
            from_state=state,
            to_state=state,
            actor_id=_userid(request),
            actor_name=getattr(user, "__name__", None) or "",
            comment=translate(request, comment),
            workflow="lock",
        ),
    )


__all__ = [
    "BREAK_LOCK",
    "LockInfo",
    "LockRefused",
    "acquire",
    "break_lock",
    "current",
    "locked_message",
    "release",
    "release_if_held",
    "timeout_seconds",
]
