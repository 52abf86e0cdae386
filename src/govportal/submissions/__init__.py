"""Exactly-once submissions: a one-time token per form, a ledger of results.

A form that creates something carries a token issued when the form is shown;
the POST that stores the record also records the token in a ledger in the
same transaction.  A replay of that POST — a refresh or back-and-resubmit, a
double click, or pyramid_retry running the whole request again after the
commit's answer was lost (ZEO's ``ClientDisconnected``) — finds the entry
and answers with the first result instead of storing a second record.

Adopting it takes two lines::

    # the GET view: put the token in the form (hidden field ``submission_token``)
    token = issue(request, "apply")

    # the POST view: ``create(submission)`` runs only for a new token and
    # returns a small dict (path, number …) that is kept for replays
    outcome = once(request, "apply", create)
    outcome.result, outcome.replayed

JSON clients send the token in the ``submission_token`` field or the
``X-Submission-Token`` header.  Refusals raise :class:`SubmissionRefused`
(400, Chinese message, JSON for JSON clients): no token where one is
required, a malformed or forged token, one issued for another kind of
submission or in another session, and a new token older than
``govportal.submissions.max_age_hours`` (default 24).  A token already used
is answered from the ledger for twice that age, then pruned by a periodic
job (:func:`prune`).

``submission.derive(purpose)`` gives bytes only the token's holder and the
server can compute, e.g. the tracking code of an application, which is
shown again on a replay although only its hash is stored.
"""

import logging
import time
from typing import Any, NamedTuple

from pyramid.traversal import find_root

from ..i18n import _
from . import ledger, tokens
from .tokens import FIELD, HEADER

log = logging.getLogger(__name__)

__all__ = ["FIELD", "HEADER", "Outcome", "SubmissionRefused", "issue", "once", "submitted_token"]

DEFAULT_MAX_AGE_HOURS = 24


class SubmissionRefused(Exception):
    """A submission token was refused: the request changes nothing (400)."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Submission:
    """A checked token of a new submission, handed to ``create``."""

    def __init__(self, registry, parsed, key):
        self.registry = registry
        self.token = parsed.token
        self.kind = parsed.kind
        self.key = key

    def derive(self, purpose, length=32):
        return tokens.derive(self.registry, self.token, purpose, length)


class Outcome(NamedTuple):
    #: what ``create`` returned (on a replay: what the first run returned)
    result: Any
    #: True when the token had been used and nothing was created now
    replayed: bool
    #: the :class:`Submission` (None when no token was sent and none required)
    submission: Any = None


def max_age(registry):
    hours = float(registry.settings.get("govportal.submissions.max_age_hours") or 0)
    return (hours or DEFAULT_MAX_AGE_HOURS) * 3600


def issue(request, kind):
    """A new one-time token for a form that submits ``kind``."""
    return tokens.make(request, kind)


def submitted_token(request):
    """The token the request carries (form field, then header), or ''."""
    value = request.POST.get(FIELD) if request.method == "POST" else None
    if not value:
        value = request.headers.get(HEADER, "")
    return value.strip() if isinstance(value, str) else ""


MISSING = _(
    "submission-token-missing",
    default="提交缺少表单标识，未被接受。请刷新页面后重新填写提交。",
)
INVALID = _(
    "submission-token-invalid",
    default="表单标识无效或不属于当前会话，提交未被接受。请刷新页面后重新填写提交。",
)
WRONG_KIND = _(
    "submission-token-kind",
    default="表单标识不属于此表单，提交未被接受。请刷新页面后重新填写提交。",
)
EXPIRED = _(
    "submission-token-expired",
    default="表单已过期，提交未被接受。请刷新页面后重新填写提交。",
)


def check(request, kind, token):
    """The :class:`Submission` of ``token`` for ``kind`` and its ledger entry
    (None when new); raises :class:`SubmissionRefused`."""
    parsed = tokens.parse(request, token)
    if parsed is None:
        raise SubmissionRefused(INVALID)
    if parsed.kind != kind:
        raise SubmissionRefused(WRONG_KIND)
    key = ledger.key_for(parsed)
    entry = ledger.lookup(find_root(request.context), key)
    if entry is None:
        age = time.time() - parsed.issued
        if age > max_age(request.registry) or age < -300:
            raise SubmissionRefused(EXPIRED)
    elif entry["kind"] != kind:  # cannot happen with a valid signature
        raise SubmissionRefused(WRONG_KIND)
    return Submission(request.registry, parsed, key), entry


def once(request, kind, create, *, required=True):
    """Run ``create(submission)`` once per token of ``kind``.

    Returns an :class:`Outcome`.  ``create`` must return a small dict of
    plain values (it is kept in the ledger) and may raise to store nothing.
    Without a token ``create(None)`` runs when ``required`` is false.
    """
    token = submitted_token(request)
    if not token:
        if required:
            raise SubmissionRefused(MISSING)
        return Outcome(create(None), False, None)
    submission, entry = check(request, kind, token)
    if entry is not None:
        log.info("replayed %s submission answered from the ledger", kind)
        return Outcome(dict(entry["result"]), True, submission)
    result = create(submission)
    ledger.record(find_root(request.context), submission.key, kind, result)
    return Outcome(result, False, submission)


def prune(root, request):
    """Periodic job: forget ledger entries older than twice the token age."""
    cutoff = ledger.cutoff_key(time.time(), 2 * max_age(request.registry))
    return ledger.prune_tree(ledger.find_ledger(root), cutoff)


def refusal_view(exc, request):
    from ..workflow.views import answer_refusal

    return answer_refusal(request, exc.status, [exc.message])


def includeme(config):
    config.add_view(
        refusal_view,
        context=SubmissionRefused,
        renderer="json",
        permission="__no_permission_required__",
    )
    # After govportal.schedule, which provides the directive.
    config.add_periodic_job("govportal submissions ledger pruning", prune)


def token_node(request, kind):
    """A hidden deform field carrying a new token of ``kind`` (add it to a
    form's schema; a form shown again after a validation error keeps the
    posted token, so its later valid POST still counts once)."""
    import colander
    import deform

    return colander.SchemaNode(
        colander.String(),
        name=FIELD,
        widget=deform.widget.HiddenWidget(),
        default=issue(request, kind),
        missing="",
    )
