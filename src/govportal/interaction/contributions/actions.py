"""Steps on contributions (意见 to a consultation, 提问 to an interview).

API (used by the consultations and the interviews)::

    from govportal.interaction.contributions import actions

    # the form (GET): a hidden field named govportal.submissions.FIELD
    token = issue(request, actions.token_kind("question"))

    # the POST: one-time token, rate limit per address (in the database),
    # text checks; returns {"number", "replayed"}; raises
    # ContributionRefused (400, ``messages``), RateLimited (429) or
    # govportal.submissions.SubmissionRefused (400)
    outcome = actions.submit_contribution(request, item, "question", text, writer)

    # moderation through the workflow engine (permission ``moderate`` on the
    # contribution itself; ``hide`` and ``withdraw_shown`` need a reason);
    # raises govportal.workflow.TransitionRefused
    actions.moderate(request, contribution, "show" | "hide" | "withdraw_shown" | "reshow",
                     reason="")

    actions.shown(item, registry)     # shown contributions, oldest first
    actions.pending(item, registry)   # waiting for a moderator
    actions.counts(item, registry)    # {"total", "pending", "shown", "hidden"}
    actions.public_text(contribution) # masked text (never the raw text)

An item may refuse contributions (closed consultation, ended interview) by
defining ``contribution_refusal(kind, request)`` returning a message or
None.  Settings: ``govportal.interaction.contribution_rate`` (per address,
default ``"5/600"``), ``govportal.interaction.contribution_max_chars``
(default 2000).  Nothing is stored on any refusal.
"""

from datetime import UTC, datetime

from substanced.util import get_oid

from ...applications.numbers import allocate
from ...checks.personal import mask_text
from ...i18n import _
from ...submissions import once
from ...workflow import get_workflow
from ...workspace.queries import site_of
from .. import limits
from .model import Contribution, find_box

KINDS = ("comment", "question")
RATE_SETTING = "govportal.interaction.contribution_rate"
DEFAULT_RATE = "5/600"
MAX_SETTING = "govportal.interaction.contribution_max_chars"
DEFAULT_MAX = 2000
#: the moderation transitions (workflows/contribution.yaml)
MODERATIONS = ("show", "hide", "withdraw_shown", "reshow")


class ContributionRefused(Exception):
    """Bad input or a closed item: nothing stored (400)."""

    status = 400

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = list(messages)


class RateLimited(Exception):
    """Too many contributions from one address: nothing stored (429)."""

    status = 429
    message = _("contribution-rate", default="提交过于频繁，请稍后再试。")


def token_kind(kind):
    """The one-time submission kind of the form sending ``kind``."""
    return f"contribution-{kind}"


def max_chars(registry):
    return int(registry.settings.get(MAX_SETTING) or DEFAULT_MAX)


def check_text(request, item, kind, text):
    """The messages refusing ``text`` for ``item`` (empty when acceptable)."""
    if kind not in KINDS:
        return [_("contribution-kind", default="不支持的留言类型。")]
    refusal = getattr(item, "contribution_refusal", None)
    message = refusal(kind, request) if refusal is not None else None
    if message:
        return [message]
    text = (text or "").strip()
    if not text:
        return [_("contribution-empty", default="请填写内容。")]
    limit = max_chars(request.registry)
    if len(text) > limit:
        return [
            _(
                "contribution-too-long",
                default="内容不能超过 ${limit} 字（现有 ${count} 字）。",
                mapping={"limit": limit, "count": len(text)},
            )
        ]
    return []


def _number(request, item, submission):
    return allocate(
        request,
        site_of(item),
        datetime.now(UTC).year,
        key=submission.key if submission is not None else None,
        series=f"contribution:{get_oid(item, None) or id(item)}",
        fmt="{seq:06d}",
    )


def add_contribution(request, item, kind, text, writer, submission=None):
    """Store one contribution (no token, no limit: the form's path is
    :func:`submit_contribution`; the demo and staff tools call this)."""
    contribution = Contribution(kind, text.strip(), writer)
    box = find_box(item, create=True)
    box.add(contribution, _number(request, item, submission))
    get_workflow(contribution, request.registry).initialize(contribution, request)
    return contribution


def submit_contribution(request, item, kind, text, writer):
    """A citizen's contribution from a public form, exactly once per token.

    ``writer``: dict of contact data (``name``, ``phone``, ``email``), never
    shown publicly.  Returns ``{"number": ..., "replayed": bool}``."""
    messages = check_text(request, item, kind, text)
    if messages:
        raise ContributionRefused(messages)

    def create(submission):
        # inside once(): a replay is answered before this and never counted
        if not limits.allowed(request, "contribution", RATE_SETTING, DEFAULT_RATE):
            raise RateLimited()
        contribution = add_contribution(request, item, kind, text, writer, submission)
        return {"number": contribution.__name__}

    outcome = once(request, token_kind(kind), create)
    return {"number": outcome.result["number"], "replayed": outcome.replayed}


def public_text(contribution):
    """What the public may read: the masked text (masked now if not yet)."""
    return contribution.public_text or mask_text(contribution.text)[0]


def moderate(request, contribution, transition, reason=""):
    """Run a moderation ``transition`` on ``contribution`` through the
    workflow engine (permission, required reason, history, ACL); showing
    sets the masked ``public_text``.  Returns the history record."""
    workflow = get_workflow(contribution, request.registry)
    record = workflow.transition(contribution, request, transition, comment=reason)
    if workflow.is_public(contribution) and not contribution.public_text:
        contribution.public_text = mask_text(contribution.text)[0]
    contribution.moderation = {
        "by": request.authenticated_userid,
        "at": datetime.now(UTC),
        "reason": (reason or "").strip(),
        "transition": transition,
    }
    return record


def all_of(item):
    box = find_box(item)
    return box.values() if box is not None else []


def _state(registry, contribution):
    return get_workflow(contribution, registry).state_of(contribution)


def shown(item, registry, kind=None):
    """The contributions of ``item`` in a public state, oldest first."""
    return [
        c
        for c in all_of(item)
        if (kind is None or c.kind == kind) and get_workflow(c, registry).is_public(c)
    ]


def pending(item, registry, kind=None):
    """The contributions of ``item`` waiting for a moderator (the initial state)."""
    from ...workflow import facts

    initial = facts.initial_state(registry, "Contribution")
    return [
        c
        for c in all_of(item)
        if (kind is None or c.kind == kind) and _state(registry, c) == initial
    ]


def counts(item, registry, kind=None):
    """``{"total", "pending", "shown", "hidden"}`` (hidden: neither shown nor pending)."""
    items = [c for c in all_of(item) if kind is None or c.kind == kind]
    n_shown = len(shown(item, registry, kind))
    n_pending = len(pending(item, registry, kind))
    return {
        "total": len(items),
        "pending": n_pending,
        "shown": n_shown,
        "hidden": len(items) - n_shown - n_pending,
    }
