"""Workflow guards named in ``workflows/application.yaml``.

A guard answers a Chinese message to refuse a transition, or None.
"""

from ..i18n import _
from . import clock


def supplement_once(content, request, transition):
    """补正只告知一次 (第三十条: 一次性告知)."""
    if getattr(content, "supplement", None):
        return _("applications-supplement-once", default="已告知过补正，不能再次要求补正。")
    return None


def not_extended(content, request, transition):
    """答复期限只能延长一次 (第三十三条)."""
    if getattr(content, "extension", None):
        return _("applications-extended-once", default="该申请已延期一次，不能再次延期。")
    return None


def extension_approver(content, request, transition):
    """Whoever proposed the extension may not approve it."""
    proposal = getattr(content, "extension_request", None) or {}
    userid = getattr(request, "authenticated_userid", None)
    if userid is None:
        return _("workflow-anonymous", default="请先登录。")
    if proposal.get("by") is not None and str(proposal.get("by")) == str(userid):
        return _(
            "applications-extension-four-eyes",
            default="延期申请须由提出人以外的审核员批准。",
        )
    return None


def supplement_overdue(content, request, transition):
    """Closing for want of a supplement only after the applicant's deadline."""
    due = getattr(content, "pause_due", None)
    if due is None or clock.today() <= due:
        return _(
            "applications-supplement-not-overdue",
            default="补正期限尚未届满，不能按逾期不补正处理。",
        )
    return None


GUARDS = {
    "application_supplement_once": supplement_once,
    "application_not_extended": not_extended,
    "application_extension_approver": extension_approver,
    "application_supplement_overdue": supplement_overdue,
}
