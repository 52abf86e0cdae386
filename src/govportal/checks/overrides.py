"""A reviewer's override of personal-data findings, with a recorded reason.

Personal data may have to be published (e.g. a notice that the law requires
to name a person's ID number).  A reviewer may then let named findings
through: :func:`override` records who, when, why and which findings — by a
hash of kind and text (:func:`~govportal.checks.findings.finding_key`), so a
number added later blocks again.  The record is kept on the item
(``content.check_overrides``) and appended to its workflow history.
Blocked words cannot be overridden: they must be removed.
"""

from datetime import UTC, datetime

from persistent import Persistent
from persistent.list import PersistentList

from ..i18n import _
from ..workflow.history import TransitionRecord, append_history
from .errors import ChecksRefused
from .findings import KIND_TITLES, Finding, render

OVERRIDES_ATTR = "check_overrides"
#: The ``transition`` of the history records that overrides write.
HISTORY_TRANSITION = "override_checks"
#: The guard name (also used to find which transition an override serves).
GUARD_NAME = "prepublication"
MAX_REASON = 1000


class OverrideRecord(Persistent):
    """One reviewer's decision to let some personal-data findings through."""

    def __init__(self, actor_id, actor_name, reason, keys, items, when=None):
        self.actor_id = actor_id
        self.actor_name = actor_name
        self.reason = reason
        self.keys = tuple(keys)
        #: ``(kind, masked text, where)`` of each finding, for display
        self.items = tuple(tuple(i) for i in items)
        self.when = when or datetime.now(UTC)

    def as_dict(self):
        return {
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "reason": self.reason,
            "keys": list(self.keys),
            "items": [{"kind": k, "masked": m, "where": w} for k, m, w in self.items],
            "when": self.when.isoformat(),
        }


def get_overrides(content):
    """The override records of ``content``, oldest first."""
    return tuple(getattr(content, OVERRIDES_ATTR, ()))


def overridden_keys(content):
    """Every finding key that a reviewer let through on ``content``."""
    keys = set()
    for record in get_overrides(content):
        keys.update(record.keys)
    return keys


def override_permissions(content, registry):
    """The permissions that allow overriding on ``content`` in its state: those
    of the transitions from that state guarded by the checks (``approve`` in
    review, ``restore`` when archived); ``approve`` if there are none."""
    from ..workflow import get_workflow

    workflow = get_workflow(content, registry)
    permissions = []
    if workflow is not None:
        state = workflow.state_of(content)
        for t in workflow.definition.transitions.values():
            if t.from_state == state and GUARD_NAME in t.guards:
                permissions.append(t.permission)
    return permissions or ["approve"]


def _refuse(message, status=400, request=None):
    raise ChecksRefused([render(message, request)], status=status)


def _as_finding(item, current):
    """A :class:`Finding` from a Finding, a summary dict or a key."""
    if isinstance(item, Finding):
        return item
    key = item.get("key") if isinstance(item, dict) else str(item)
    return current.get(key)


def override(content, request, reason, findings=None):
    """Let personal-data ``findings`` on ``content`` through, for ``reason``.

    ``findings`` are :class:`Finding` objects, their summary dicts or their
    keys; None means every personal-data finding that blocks now.  Requires
    the permission of the item's guarded transition (``approve``; see
    :func:`override_permissions`).  Raises :class:`ChecksRefused` for an
    empty reason, nothing to override, a finding that is not personal data
    (blocked words must be removed) or one that is not on the item.  Returns
    the :class:`OverrideRecord`; the item's history gets a record too.
    """
    from .run import run_checks

    if request is None or not any(
        request.has_permission(p, content) for p in override_permissions(content, request.registry)
    ):
        _refuse(_("checks-override-forbidden", default="只有本部门审核员可以放行。"), 403, request)
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("checks-override-reason", default="放行必须填写理由。"), 400, request)
    if len(reason) > MAX_REASON:
        _refuse(_("checks-override-too-long", default="理由不能超过1000字。"), 400, request)
    report = run_checks(content, request)
    current = {f.key: f for f in report.findings}
    if findings is None:
        chosen = report.blocking_personal
    else:
        chosen = []
        for item in findings:
            finding = _as_finding(item, current)
            if finding is None or finding.key not in current:
                _refuse(
                    _(
                        "checks-override-unknown",
                        default="要放行的项目已不在稿件中，请刷新后重试。",
                    ),
                    409,
                    request,
                )
            if not finding.overridable:
                _refuse(
                    _(
                        "checks-override-words",
                        default="禁止发布的词语不能放行，请删除后再审核。",
                    ),
                    400,
                    request,
                )
            chosen.append(finding)
    if not chosen:
        _refuse(_("checks-override-nothing", default="没有需要放行的个人信息。"), 400, request)
    keys = sorted({f.key for f in chosen})
    items = sorted({(f.kind, f.shown, f.where) for f in chosen})
    user = getattr(request, "user", None)
    actor_id = getattr(request, "authenticated_userid", None)
    actor_name = getattr(user, "__name__", None) or ""
    record = OverrideRecord(actor_id, actor_name, reason, keys, items)
    records = getattr(content, OVERRIDES_ATTR, None)
    if records is None:
        records = PersistentList()
        setattr(content, OVERRIDES_ATTR, records)
    records.append(record)
    _append_history(content, request, record, chosen)
    # Audited (govportal.audit): kinds and where, never the numbers themselves.
    from pyramid.traversal import resource_path

    from ..security.events import record_action

    record_action(
        request,
        "check.override",
        target=resource_path(content),
        details={"reason": reason, "findings": [[k, w] for k, _m, w in items]},
    )
    return record


def _append_history(content, request, record, findings):
    from ..workflow import get_workflow

    workflow = get_workflow(content, request.registry)
    state = workflow.state_of(content) if workflow is not None else ""
    counts = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    what = "、".join(f"{n}处{render(KIND_TITLES[kind], request)}" for kind, n in counts.items())
    comment = render(
        _(
            "checks-override-history",
            default="审核员放行个人信息（${what}），理由：${reason}",
            mapping={"what": what, "reason": record.reason},
        ),
        request,
    )
    append_history(
        content,
        TransitionRecord(
            transition=HISTORY_TRANSITION,
            from_state=state,
            to_state=state,
            actor_id=record.actor_id,
            actor_name=record.actor_name,
            comment=comment,
            when=record.when,
            workflow=getattr(workflow, "name", ""),
        ),
    )
