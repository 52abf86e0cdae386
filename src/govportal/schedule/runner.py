"""Run what is due: scheduled publications and expiries.

:func:`run_due` works inside the caller's transaction (tests, scripts that
manage their own); :func:`run_once` opens a connection, runs it, commits and
retries on ``ConflictError``.

Why two scheduler processes never publish an item twice: each item is moved
with ``expected_state`` (its state as read in this transaction), and the
transition writes the item.  If two processes pick the same item, the second
to commit gets a ``ConflictError``; :func:`run_once` then starts again in a
new transaction, where the item is no longer due (its state changed), so it
is skipped.  Each item is moved inside its own savepoint: one that is refused
(a guard, a stale catalog entry) is rolled back and reported, the others
still go through.
"""

import logging
import random
import time
from dataclasses import dataclass, field

import transaction
from pyramid.request import apply_request_extensions
from pyramid.threadlocal import manager
from pyramid.traversal import resource_path
from substanced.util import find_catalog, find_objectmap
from ZODB.POSException import ConflictError

from ..i18n import _, translate
from ..siteurl import blank_request
from ..workflow import facts, get_workflow
from ..workflow.errors import TransitionRefused
from ..workflow.history import get_history
from .actor import SYSTEM_ACTOR_NAME, ensure_system_grant, system_request
from .dates import EFFECTIVE, EXPIRY, show, to_local, utcnow

log = logging.getLogger(__name__)

#: (guard naming the transition, date index / attribute): the scheduler's
#: work, found in the document workflow by the guards that belong to it
#: (``govportal.schedule.guards``), never by state or transition names.
DUE_GUARDS = (
    ("effective_reached", EFFECTIVE),
    ("expiry_reached", EXPIRY),
)
#: the guard of the reviewer's 定时发布 approval (the ``schedule`` step)
SCHEDULING_GUARD = "effective_future"


def due_work(registry):
    """``[(transition, state the item must be in, date index)]``, publications first."""
    return [
        (t.name, t.from_state, date_index)
        for guard, date_index in DUE_GUARDS
        for t in facts.transitions_guarded_by(registry, guard, "Document")
    ]


@dataclass
class Outcome:
    """What happened to one due item."""

    path: str
    title: str
    transition: str
    ok: bool
    state: str
    errors: list = field(default_factory=list)

    def as_dict(self):
        return dict(self.__dict__)


def due_items(root, state, date_index, now):
    """Items in ``state`` whose ``date_index`` value is at or before ``now``.

    Uses the ``govportal`` catalog's state and date indexes; a site whose
    catalog lacks the date index (not upgraded by ``govportal-init`` yet) is
    served from the state index and the items' attributes.
    """
    catalog = find_catalog(root, "govportal")
    if catalog is None or "state" not in catalog:
        return []
    objectmap = find_objectmap(root)
    if date_index in catalog:
        oids = (catalog["state"].eq(state) & catalog[date_index].le(now)).execute().ids
        items = [objectmap.object_for(oid) for oid in oids]
    else:
        items = [objectmap.object_for(oid) for oid in catalog["state"].eq(state).execute().ids]
    result = []
    for item in items:
        value = getattr(item, date_index, None) if item is not None else None
        if value is not None and to_local(value) <= now:
            result.append(item)
    return sorted(result, key=lambda i: (to_local(getattr(i, date_index)), resource_path(i)))


def _approval(content, registry):
    """The record of the 定时发布 approval of ``content``, if any."""
    names = {t.name for t in facts.transitions_guarded_by(registry, SCHEDULING_GUARD, "Document")}
    for record in reversed(get_history(content)):
        if record.transition in names:
            return record
    return None


def _comment(request, content, date_index):
    if date_index == EFFECTIVE:
        approval = _approval(content, request.registry)
        if approval is not None:
            message = _(
                "schedule-published-comment",
                default=(
                    "按定时发布时间 ${when} 自动发布"
                    "（${reviewer} 于 ${approved} 审核通过，定时发布）。"
                ),
                mapping={
                    "when": show(getattr(content, EFFECTIVE)),
                    "reviewer": approval.actor_name,
                    "approved": approval.local_when.strftime("%Y-%m-%d %H:%M"),
                },
            )
        else:
            message = _(
                "schedule-published-comment-plain",
                default="按定时发布时间 ${when} 自动发布。",
                mapping={"when": show(getattr(content, EFFECTIVE))},
            )
    else:
        message = _(
            "schedule-expired-comment",
            default="定时下线时间 ${when} 已到，自动归档。",
            mapping={"when": show(getattr(content, EXPIRY))},
        )
    return translate(request, message)


def _move(content, sysrequest, transition, from_state, date_index):
    workflow = get_workflow(content, sysrequest.registry)
    title = getattr(content, "title", "") or content.__name__
    path = resource_path(content)
    savepoint = transaction.savepoint()
    try:
        if date_index == EFFECTIVE:
            # 发布日期 is the scheduled day (before the 索引号 subscriber
            # reads its year).
            content.publish_date = to_local(getattr(content, EFFECTIVE)).date()
        record = workflow.transition(
            content,
            sysrequest,
            transition,
            comment=_comment(sysrequest, content, date_index),
            expected_state=from_state,
        )
    except TransitionRefused as e:
        savepoint.rollback()
        errors = [translate(sysrequest, m) for m in e.messages]
        log.warning("scheduler: %s %s refused: %s", transition, path, "; ".join(errors))
        return Outcome(path, title, transition, False, workflow.state_of(content), errors)
    record.actor_name = SYSTEM_ACTOR_NAME
    log.info("scheduler: %s %s", transition, path)
    return Outcome(path, title, transition, True, record.to_state)


def run_due(root, request, now=None):
    """Publish the scheduled items whose 定时发布时间 has come and archive the
    published items whose 定时下线时间 has passed, as of ``now`` (aware;
    default: the current time).

    Runs in the caller's transaction (it does not commit) and returns a list
    of :class:`Outcome`, publications first.  Nothing is written when nothing
    is due.
    """
    now = to_local(now or utcnow())
    work = [
        (item, transition, state, date_index)
        for transition, state, date_index in due_work(request.registry)
        for item in due_items(root, state, date_index, now)
    ]
    if not work:
        return []
    ensure_system_grant(root)
    sysrequest = system_request(request, root, now)
    manager.push({"registry": sysrequest.registry, "request": sysrequest})
    try:
        return [_move(item, sysrequest, *step) for item, *step in work]
    finally:
        manager.pop()


def _base_request(registry, conn):
    # mails sent by the job link to the public URL, not http://localhost
    request = blank_request(registry, root=conn.root().get("app_root"))
    request.registry = registry
    apply_request_extensions(request)
    request._primary_zodb_conn = conn
    return request


def run_once(registry, now=None, attempts=None):
    """Run :func:`run_due` in a transaction of its own and commit it.

    Returns the outcomes of the attempt that committed; [] when the site
    does not exist (see :func:`run_in_transaction`).
    """
    return run_in_transaction(
        registry, lambda root, request: run_due(root, request, now), "govportal scheduler", attempts
    )


def run_in_transaction(registry, job, note, attempts=None):
    """``job(root, request)`` in a transaction of its own, committed when
    the job returns something true (else aborted, so an idle run writes
    nothing), and retried from the start on ``ConflictError`` (another
    process or request wrote the same objects), up to ``retry.attempts``
    times.  Returns what the committed attempt returned; [] when the site
    does not exist.
    """
    db = registry._zodb_databases[""]
    attempts = attempts or int(registry.settings.get("retry.attempts", 3))
    for attempt in range(1, attempts + 1):
        conn = db.open()
        txn = transaction.begin()
        request = _base_request(registry, conn)
        # Until after the commit: Substance D's deferred catalog indexing
        # flushes in a before-commit hook that asks for the current registry.
        manager.push({"registry": registry, "request": request})
        try:
            root = conn.root().get("app_root")
            if root is None:
                transaction.abort()
                return []
            request.root = root
            txn.note(note)
            outcomes = job(root, request)
            if outcomes:
                transaction.commit()
            else:
                transaction.abort()
            return outcomes
        except ConflictError:
            transaction.abort()
            if attempt == attempts:
                raise
            log.info("%s: conflict, trying again (%d/%d)", note, attempt, attempts)
            time.sleep(random.uniform(0.05, 0.3) * attempt)  # noqa: S311
        except BaseException:
            transaction.abort()
            raise
        finally:
            manager.pop()
            conn.close()
    return []
