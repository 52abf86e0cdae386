"""What the handling steps of letters share (:mod:`.actions`,
:mod:`.actions_reply`): refusals, the acting user, permission and state
checks asked from ``workflows/letter.yaml``, history entries for steps that
are not transitions, public steps, checked texts."""

from datetime import UTC, datetime

from ...i18n import _, translate
from ...workflow import facts, get_workflow
from ...workflow.errors import TransitionRefused
from ...workflow.history import TransitionRecord, append_history
from .model import LETTER_TYPE

#: Non-transition history actions (registered with add_history_action).
VERIFY, EXTEND, TRANSFER, DRAFT, PREPARE = (
    "letter_verification",
    "letter_extension",
    "letter_transfer",
    "letter_draft",
    "letter_prepare_public",
)
HISTORY_ACTIONS = {
    VERIFY: _("letters-history-verify", default="记录初步核实情况和承诺办结日期"),
    EXTEND: _("letters-history-extend", default="延长承诺办结日期"),
    TRANSFER: _("letters-history-transfer", default="转办"),
    DRAFT: _("letters-history-draft", default="起草答复"),
    PREPARE: _("letters-history-prepare", default="生成公开文本"),
}
MAX_TEXT = 5000


def refuse(message, status=400):
    raise TransitionRefused([message], status)


def now():
    return datetime.now(UTC)


def actor(request):
    """The acting user's id (as the four-eyes guard compares it)."""
    return str(request.authenticated_userid or "")


def actor_name(request):
    """The acting user's login, shown to the staff."""
    return getattr(getattr(request, "user", None), "__name__", None) or ""


def signed(request):
    """``{"by", "by_name", "at"}`` of an entry made now by the request's user."""
    return {"by": actor(request), "by_name": actor_name(request), "at": now()}


def require(request, letter, permission):
    if not request.has_permission(permission, letter):
        refuse(_("letters-forbidden", default="您没有权限办理这封信件。"), 403)


def state_of(request, letter):
    return get_workflow(letter, request.registry).state_of(letter)


def where(request, transition):
    """The state ``transition`` of ``workflows/letter.yaml`` starts from."""
    return facts.definition(request.registry, LETTER_TYPE).transitions[transition].from_state


def require_state(request, letter, transition):
    """Refuse (409) unless ``letter`` is in the state ``transition`` starts from."""
    if state_of(request, letter) != where(request, transition):
        refuse(
            _(
                "letters-wrong-state",
                default="该信件的办理状态已变化，可能已被他人处理，请刷新后重试。",
            ),
            409,
        )


def log(request, letter, action, comment=""):
    """A history entry for a step that is not a transition."""
    state = state_of(request, letter)
    user = getattr(request, "user", None)
    append_history(
        letter,
        TransitionRecord(
            action,
            state,
            state,
            request.authenticated_userid,
            getattr(user, "__name__", None) or "",
            comment=comment,
            workflow="letter",
        ),
    )


def public_step(request, letter, title, note=""):
    """Add a step to what the writer sees with the query code."""
    letter.steps = (
        *letter.steps,
        {"at": now(), "title": translate(request, title), "note": translate(request, note)},
    )


def transition(request, letter, name, comment=""):
    return get_workflow(letter, request.registry).transition(letter, request, name, comment=comment)


def text(value, title, required=True, limit=MAX_TEXT):
    value = (value or "").strip()
    if required and not value:
        refuse(_("letters-field-required", default="请填写“${field}”。", mapping={"field": title}))
    if len(value) > limit:
        refuse(
            _(
                "letters-field-too-long",
                default="“${field}”不能超过${limit}个字。",
                mapping={"field": title, "limit": limit},
            )
        )
    return value
