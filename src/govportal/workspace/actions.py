"""Buttons of the item page beside the transitions: mask personal data,
override check findings (reviewers, with a reason), restore a revision.

Each calls the aspect's API (:mod:`govportal.checks`,
:mod:`govportal.revisions`); a refusal is flashed and nothing changes.
"""

import transaction
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..content import IDocument
from ..i18n import _, translate
from . import integration


def _back(request, context, message=None, target=None):
    if message:
        request.session.flash(message)
    return HTTPSeeOther(request.resource_url(target or context, "@@ws-item"))


def _refused(request, context, exc):
    transaction.doom()
    return _back(request, context, "；".join(translate(request, m) for m in exc.messages))


@view_config(context=IDocument, name="ws-mask", permission="edit", request_method="POST")
def mask_view(context, request):
    """一键遮盖: personal data in title and body in the G7 format."""
    mask = integration.optional("govportal.checks", "mask_document")
    try:
        count = mask(context, request)
    except integration.refusals() as e:
        return _refused(request, context, e)
    return _back(
        request,
        context,
        translate(
            request,
            _("ws-masked", default="已遮盖 ${count} 处个人信息。", mapping={"count": count}),
        ),
    )


@view_config(context=IDocument, name="ws-override", permission="view", request_method="POST")
def override_view(context, request):
    """A reviewer lets the blocking personal-data findings through, with a reason."""
    override = integration.optional("govportal.checks", "override")
    reason = request.POST.get("reason", "").strip()
    try:
        override(context, request, reason)
    except integration.refusals() as e:
        return _refused(request, context, e)
    return _back(
        request, context, translate(request, _("ws-overridden", default="已填写理由并放行。"))
    )


@view_config(context=IDocument, name="ws-restore", permission="view", request_method="POST")
def restore_view(context, request):
    """Restore a revision: into the document, or into its working copy when
    the document is published."""
    restore = integration.optional("govportal.revisions", "restore_revision")
    try:
        number = int(request.POST.get("revision", ""))
    except ValueError:
        number = -1
    try:
        result = restore(context, number, request)
    except integration.refusals() as e:
        return _refused(request, context, e)
    message = translate(
        request,
        _(
            "ws-restored",
            default="已恢复第 ${number} 版的内容${where}。",
            mapping={
                "number": number,
                "where": "（到工作副本，审核通过后替换网站上的原稿）"
                if result.working_copy
                else "",
            },
        ),
    )
    return _back(request, context, message, target=result.target)
