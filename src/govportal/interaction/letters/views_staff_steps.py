"""The step forms of the staff's letter page, read into calls of the actions.

Each POST names its step.  What a user may do is asked from the workflow
engine (transitions) or from the letter's permissions and the state a step
belongs to (:func:`offered`); a step not offered is refused (403 or 409)
before its fields are read, then the fields are checked (400, a Chinese
message naming the field), then the action runs.  A refusal raises
:class:`TransitionRefused`; the view dooms the transaction.
"""

from pyramid.traversal import find_root

from ...applications.actions import parse_date
from ...content import site_group
from ...i18n import _
from ...services.sites import site_key, site_named, site_title
from ...workflow import get_workflow
from ...workflow.errors import TransitionRefused
from . import actions, actions_common, actions_reply
from .actions_common import refuse, state_of, where
from .model import site_of

#: Steps that are transitions of ``workflows/letter.yaml`` (offered when the
#: engine would run them; guards are the action's to answer).
TRANSITION_STEPS = (
    "accept",
    "refuse",
    "submit_reply",
    "approve_reply",
    "return_reply",
    "publish",
    "unpublish",
)
STEP_TITLES = {
    "accept": _("受理（本单位办理）"),
    "transfer": _("转办"),
    "return": _("退回来信单位"),
    "refuse": _("不予受理"),
    "verify": _("告知初步核实情况和承诺办结日期"),
    "extend": _("延长承诺办结日期（仅一次）"),
    "draft": _("起草答复"),
    "submit_reply": _("答复送审"),
    "approve_reply": _("审核通过并答复"),
    "return_reply": _("退回修改答复"),
    "publish": _("公开信件"),
    "unpublish": _("取消公开"),
}
ORDER = tuple(STEP_TITLES)


def _engine_allows(request, letter, name):
    status, messages = get_workflow(letter, request.registry).problems(
        letter, request, name, comment="-"
    )
    return not (messages and status in (403, 409))


def _in(request, letter, transition):
    return state_of(request, letter) == where(request, transition)


def transfer_targets(letter):
    """Sites the letter may be transferred to: ``[(key, title)]``."""
    current = site_of(letter)
    return [
        (site_key(site), site_title(site) or "门户网站")
        for site in site_group(find_root(letter))
        if site is not current
    ]


def offered(request, letter):
    """The steps the user may take on ``letter`` now, in page order."""
    has = request.has_permission
    steps = {name for name in TRANSITION_STEPS if _engine_allows(request, letter, name)}
    if has("handle_letter", letter) and (
        _in(request, letter, "accept") or _in(request, letter, "reassign")
    ):
        steps.add("transfer")
        if letter.received_site != site_key(site_of(letter)):
            steps.add("return")
    drafting = _in(request, letter, "submit_reply")
    if drafting and has("handle_letter", letter):
        steps.add("draft")
        if not letter.verification:
            steps.add("verify")
    if drafting and has("approve_reply", letter) and letter.verification:
        if not letter.promise_extension:
            steps.add("extend")
    if "publish" in steps and not letter.may_publish:
        steps.discard("publish")
    return [name for name in ORDER if name in steps]


def _comment(post, title, required=True):
    return actions_common.text(post.get("comment"), title, required=required)


def _date(post, name, title):
    return parse_date(post.get(name), title)


def _transfer(request, letter, post):
    target = site_named(find_root(letter), post.get("target", "-"))
    if target is None or target is site_of(letter):
        refuse(_("letters-transfer-target", default="请选择另一个承办单位。"))
    actions.transfer(request, letter, target, post.get("comment"))


STEPS = {
    "accept": lambda r, lt, p: actions.accept(r, lt, _comment(p, _("意见"), False)),
    "refuse": lambda r, lt, p: actions.refuse_letter(r, lt, p.get("comment")),
    "transfer": _transfer,
    "return": lambda r, lt, p: actions.return_to_receiver(r, lt, p.get("comment")),
    "verify": lambda r, lt, p: actions.record_verification(
        r, lt, p.get("verification"), _date(p, "promised_on", _("承诺办结日期"))
    ),
    "extend": lambda r, lt, p: actions.extend_promise(
        r, lt, _date(p, "to", _("延长后的办结日期")), p.get("comment")
    ),
    "draft": lambda r, lt, p: actions_reply.draft_reply(r, lt, p.get("reply")),
    "submit_reply": lambda r, lt, p: actions_reply.submit_reply(r, lt, _comment(p, "", False)),
    "approve_reply": lambda r, lt, p: actions_reply.approve_reply(r, lt, _comment(p, "", False)),
    "return_reply": lambda r, lt, p: actions_reply.return_reply(r, lt, p.get("comment")),
    "publish": lambda r, lt, p: _publish(r, lt, p),
    "unpublish": lambda r, lt, p: actions_reply.unpublish(r, lt, p.get("comment")),
}


def _publish(request, letter, post):
    actions_reply.prepare_public(
        letter,
        request,
        subject=post.get("public_subject"),
        body=post.get("public_body"),
        reply=post.get("public_reply"),
    )
    actions_reply.publish(request, letter)


def run_step(request, letter):
    """Run the POSTed step on ``letter``; returns its name."""
    name = request.POST.get("step", "")
    if name not in STEPS:
        refuse(_("workflow-unknown-transition", default="不存在此流程操作。"))
    if name not in offered(request, letter):
        refuse_not_offered(request, letter, name)
    STEPS[name](request, letter, request.POST)
    return name


#: the permission each non-transition step needs
STEP_PERMISSIONS = {
    "transfer": "handle_letter",
    "return": "handle_letter",
    "verify": "handle_letter",
    "draft": "handle_letter",
    "extend": "approve_reply",
}


def refuse_not_offered(request, letter, name):
    """Refuse a step the page does not offer: the engine's own answer for a
    transition, else 403 without the permission, else 409 (a replay, or
    someone else was quicker)."""
    if name in TRANSITION_STEPS:
        status, messages = get_workflow(letter, request.registry).problems(
            letter, request, name, comment="-"
        )
        if messages:
            raise TransitionRefused(messages, status)
    permission = STEP_PERMISSIONS.get(name, "publish_letter")
    if not request.has_permission(permission, letter):
        refuse(_("letters-forbidden", default="您没有权限办理这封信件。"), 403)
    refuse(
        _(
            "letters-step-not-now",
            default="该信件当前不能执行此操作，可能已被他人处理，请刷新后重试。",
        ),
        409,
    )
