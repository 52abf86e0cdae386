"""Workflow guards named in ``workflows/letter.yaml``.

A guard answers a Chinese message to refuse a transition, or None.  Guards
read data on the letter (the reply, the writer's consent, the masked public
text), never a workflow state.
"""

from ...i18n import _


def reply_drafted(content, request, transition):
    """A reply goes to review, and out, only when it has text."""
    reply = getattr(content, "reply", None) or {}
    if not (reply.get("text") or "").strip():
        return _("letters-no-reply", default="请先填写答复内容。")
    return None


def other_reviewer(content, request, transition):
    """The reply is approved by someone other than its drafter (四眼原则)."""
    userid = getattr(request, "authenticated_userid", None) if request is not None else None
    if userid is None:
        return _("workflow-anonymous", default="请先登录。")
    drafter = (getattr(content, "reply", None) or {}).get("by")
    if drafter is not None and str(drafter) == str(userid):
        return _(
            "letters-four-eyes",
            default="您是该答复的起草人，不能由本人审核通过，请由本单位其他审核员审核。",
        )
    return None


def publishable(content, request, transition):
    """Published only with the writer's consent and a masked public text."""
    if not getattr(content, "may_publish", False):
        return _("letters-no-consent", default="来信人不同意公开，该信件不能公开。")
    if not getattr(content, "public", None):
        return _("letters-not-masked", default="请先生成并核对公开文本（个人信息已屏蔽）。")
    return None


GUARDS = {
    "letter_reply_drafted": reply_drafted,
    "letter_other_reviewer": other_reviewer,
    "letter_publishable": publishable,
}
