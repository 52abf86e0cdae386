"""The reply of a letter and its publication: draft, send to review, approve
(四眼原则: another reviewer than the drafter, a guard of ``letter.yaml``) or
return, the masked public text, publish and unpublish.

Same rules as :mod:`.actions`: permission through the engine or on the
letter, the state asked from the workflow file, history, public steps,
clock; a refusal raises :class:`TransitionRefused`.
"""

from ...checks.findings import MOBILE, NAME
from ...checks.personal import find_personal_data, mask
from ...i18n import _
from . import clock
from .actions import tell
from .actions_common import (
    DRAFT,
    PREPARE,
    actor,
    actor_name,
    log,
    now,
    public_step,
    refuse,
    require,
    require_state,
    signed,
    text,
    transition,
)

MAX_REPLY = 10000


def draft_reply(request, letter, reply_text):
    """Write (or rewrite) the reply while the letter is being handled."""
    require(request, letter, "handle_letter")
    require_state(request, letter, "submit_reply")
    reply_text = text(reply_text, _("答复内容"), limit=MAX_REPLY)
    letter.reply = dict(signed(request), text=reply_text)
    letter.handler = actor_name(request)
    log(request, letter, DRAFT)


def submit_reply(request, letter, comment=""):
    """答复送审."""
    transition(request, letter, "submit_reply", comment)


def approve_reply(request, letter, comment=""):
    """审核通过并答复: the reply goes out; the clock closes on today."""
    transition(request, letter, "approve_reply", comment)
    letter.answered_on = clock.today()
    letter.answered_at = now()
    letter.reply = dict(
        letter.reply,
        approved_by=actor(request),
        approved_by_name=actor_name(request),
        answered_at=letter.answered_at,
    )
    calendar = clock.calendar_of(letter)
    letter.on_time = clock.on_time(letter)
    letter.workdays_used = clock.days_used(letter, request.registry, calendar=calendar)
    letter.answered_at_once = clock.answered_at_once(letter, calendar)
    public_step(
        request,
        letter,
        _("letters-step-answered", default="已答复"),
        _("letters-step-answered-note", default="答复已发出，请凭查询码查看答复并评价。"),
    )
    tell("reply_ready", request, letter)


def return_reply(request, letter, comment):
    """退回修改答复, with the reviewer's remarks."""
    transition(request, letter, "return_reply", comment)


def writer_spans(letter, value):
    """Where the writer's own name, phone and email appear in ``value``."""
    spans = []
    writer = letter.writer or {}
    for key, kind in (("name", NAME), ("phone", MOBILE), ("email", NAME)):
        needle = (writer.get(key) or "").strip()
        if len(needle) < 2:
            continue
        start = value.find(needle)
        while start >= 0:
            spans.append((kind, start, start + len(needle)))
            start = value.find(needle, start + len(needle))
    return spans


def masked(letter, value):
    """``value`` with personal data masked (the detector of
    :mod:`govportal.checks.personal` plus the writer's own data)."""
    value = value or ""
    spans = find_personal_data(value, writer_spans(letter, value))
    parts, last = [], 0
    for kind, start, end in spans:
        if start < last:
            continue
        parts.append(value[last:start])
        piece = value[start:end]
        parts.append(mask(kind, piece) if kind != NAME or "@" not in piece else "*" * len(piece))
        last = end
    parts.append(value[last:])
    return "".join(parts)


def default_public(letter):
    return {
        "subject": masked(letter, letter.subject),
        "body": masked(letter, letter.body),
        "reply": masked(letter, (letter.reply or {}).get("text", "")),
    }


def prepare_public(letter, request, subject=None, body=None, reply=None):
    """Set ``letter.public``: the masked texts (defaults: the originals
    masked), which the reviewer may correct before publishing."""
    require(request, letter, "publish_letter")
    if not letter.may_publish:
        refuse(_("letters-no-consent", default="来信人不同意公开，该信件不能公开。"), 409)
    defaults = default_public(letter)
    given = {"subject": subject, "body": body, "reply": reply}
    titles = {"subject": _("公开标题"), "body": _("公开内容"), "reply": _("公开答复")}
    public = {}
    for key, value in given.items():
        if value is None:
            public[key] = defaults[key]
        else:
            public[key] = text(value, titles[key], limit=MAX_REPLY)
    letter.public = public
    log(request, letter, PREPARE)
    return public


def publish(request, letter, comment=""):
    """公开: only with the writer's consent and a prepared public text (guard)."""
    transition(request, letter, "publish", comment)
    letter.published_at = now()
    public_step(request, letter, _("letters-step-published", default="已公开"))


def unpublish(request, letter, reason):
    """取消公开, with the reason."""
    transition(request, letter, "unpublish", reason)
    public_step(request, letter, _("letters-step-unpublished", default="已取消公开"))
