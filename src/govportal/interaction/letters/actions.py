"""The handling steps of a letter before the reply (第二十五条): accept,
transfer (转办) and return to the receiving site (退回), refuse, the initial
verification with its promised completion date, the one extension.

Every step checks the user's permission on the letter (through the workflow
engine for transitions, ``request.has_permission`` otherwise) and that the
letter is where the step belongs (a state is never named: "where replies are
drafted" is the ``from`` state of ``submit_reply`` in ``workflows/letter.yaml``),
records a history entry, a public step when the writer should see it
(``letter.steps``, never personal data), and refreshes the clock
(:mod:`.clock`).  A refusal raises :class:`TransitionRefused` (status 400,
403 or 409, Chinese messages): the caller dooms the transaction.

The reply steps are in :mod:`.actions_reply`.
"""

from ...i18n import _
from ...services.sites import site_key, site_title
from . import clock
from .actions_common import (
    EXTEND,
    TRANSFER,
    VERIFY,
    actor,
    actor_name,
    log,
    now,
    public_step,
    refuse,
    require,
    require_state,
    signed,
    state_of,
    text,
    transition,
    where,
)
from .model import find_box, move, sent_index, site_of

# -- steps ------------------------------------------------------------------------------


def accept(request, letter, comment=""):
    """受理: the site holding the letter handles it."""
    transition(request, letter, "accept", comment)
    letter.handler = actor_name(request)
    clock.refresh(letter, request.registry)
    public_step(
        request,
        letter,
        _("letters-step-accepted", default="已受理"),
        _(
            "letters-step-accepted-note",
            default="${site}已受理，正在办理。",
            mapping=site_map(letter),
        ),
    )


def site_map(letter):
    return {"site": site_title(site_of(letter)) or "门户网站"}


def refuse_letter(request, letter, reason):
    """不予受理, with the reason the writer is told."""
    reason = text(reason, _("不予受理理由"))
    transition(request, letter, "refuse", reason)
    letter.refusal = reason
    public_step(request, letter, _("letters-step-refused", default="不予受理"), reason)


def transfer(request, letter, target_site, reason):
    """转办 to ``target_site`` (or 退回 to the receiving site): the letter moves
    to its box and arrives there to be accepted; the clock is kept."""
    reason = text(reason, _("转办说明"))
    require(request, letter, "handle_letter")
    source = site_of(letter)
    if target_site is None or target_site is source:
        refuse(_("letters-transfer-target", default="请选择另一个承办单位。"))
    state = state_of(request, letter)
    if state == where(request, "reassign"):
        transition(request, letter, "reassign", reason)
    elif state != where(request, "accept"):
        require_state(request, letter, "accept")
    record = {
        "from": site_key(source),
        "to": site_key(target_site),
        "at": now(),
        "by": actor(request),
        "by_name": actor_name(request),
        "reason": reason,
    }
    letter.transfers = (*letter.transfers, record)
    log(request, letter, TRANSFER, reason)
    move(letter, target_site)
    sent = sent_index(source, create=True)
    if letter.__name__ not in sent:
        sent[letter.__name__] = letter
    back = sent_index(target_site)
    if back is not None and letter.__name__ in back:
        del back[letter.__name__]
    clock.refresh(letter, request.registry)
    public_step(
        request,
        letter,
        _("letters-step-transferred", default="已转办"),
        _(
            "letters-step-transferred-note",
            default="已转${site}办理，办理时限连续计算。",
            mapping=site_map(letter),
        ),
    )
    tell("letter_transferred", request, letter)
    return letter


def return_to_receiver(request, letter, reason):
    """退回 to the site the letter was written to."""
    from pyramid.traversal import find_root

    from ...services.sites import site_named

    target = site_named(find_root(letter), letter.received_site)
    return transfer(request, letter, target, reason)


def record_verification(request, letter, verification, promised_on):
    """初步核实情况 and 承诺办结日期 (within 15 working days of receipt); fixed
    once recorded (only :func:`extend_promise` moves the date, once)."""
    require(request, letter, "handle_letter")
    require_state(request, letter, "submit_reply")
    if letter.verification:
        refuse(
            _("letters-verified-once", default="初步核实情况和承诺办结日期已记录，不能修改。"),
            409,
        )
    verification = text(verification, _("初步核实情况"))
    check_date(request, letter, promised_on, _("承诺办结日期"))
    letter.verification = dict(signed(request), text=verification)
    letter.promised_on = promised_on
    log(request, letter, VERIFY, f"{promised_on.isoformat()}：{verification}")
    clock.refresh(letter, request.registry)
    public_step(
        request,
        letter,
        _("letters-step-verified", default="已告知初步核实情况"),
        _(
            "letters-step-verified-note",
            default="承诺于${day}前办结。",
            mapping={"day": promised_on.isoformat()},
        ),
    )


def check_date(request, letter, day, title, after=None):
    """A promised date: after today (and ``after``), at most the limit."""
    if day is None:
        refuse(_("letters-field-required", default="请填写“${field}”。", mapping={"field": title}))
    today = clock.today()
    if day <= max(today, after or today):
        refuse(
            _(
                "letters-promise-past",
                default="“${field}”必须晚于${day}。",
                mapping={"field": title, "day": max(today, after or today).isoformat()},
            )
        )
    limit = clock.promise_limit(letter, request.registry)
    if limit is not None and day > limit:
        refuse(
            _(
                "letters-promise-limit",
                default="“${field}”不能晚于${limit}（收信后${days}个工作日）。",
                mapping={
                    "field": title,
                    "limit": limit.isoformat(),
                    "days": clock.max_promise_days(request.registry),
                },
            )
        )


def extend_promise(request, letter, to, reason):
    """延期: once, approved by a reviewer, with a reason, within the limit."""
    require(request, letter, "approve_reply")
    require_state(request, letter, "submit_reply")
    if not letter.verification or letter.promised_on is None:
        refuse(_("letters-extend-first", default="请先记录初步核实情况和承诺办结日期。"), 409)
    if letter.promise_extension:
        refuse(_("letters-extend-once", default="承诺办结日期只能延长一次。"), 409)
    reason = text(reason, _("延期理由"))
    check_date(request, letter, to, _("延长后的办结日期"), after=letter.promised_on)
    letter.promise_extension = dict(signed(request), to=to, reason=reason)
    log(request, letter, EXTEND, f"{to.isoformat()}：{reason}")
    clock.refresh(letter, request.registry)
    public_step(
        request,
        letter,
        _("letters-step-extended", default="办结日期已延长"),
        _("letters-step-extended-note", default="延长至${day}。", mapping={"day": to.isoformat()}),
    )


def tell(name, request, letter):
    """Send the :mod:`.notify` message ``name`` about ``letter`` (at commit)."""
    from . import notify

    getattr(notify, name)(request, letter)


def held_by(site, number):
    """The letter ``number`` in ``site``'s box, or None."""
    box = find_box(site)
    return box.get(number) if box is not None else None
