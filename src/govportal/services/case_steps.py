"""The lead's step forms on the case page, read into calls of :mod:`.actions`.

Each POST names its step (a transition of ``workflows/servicecase.yaml``).
The workflow engine is asked first, so a step the user may not run (403) or
that the case's state no longer allows (409: a replay, or someone else was
quicker) is refused before the form's fields are read; then the fields are
checked (400, a Chinese message naming the field), then the action runs.
A refusal at any point raises :class:`TransitionRefused` and the view dooms
the transaction: nothing of a refused step is kept.
"""

from ..applications.actions import parse_date
from ..content.uploads import check_upload
from ..i18n import _
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from . import actions
from .vocabulary import PAUSE_KINDS, codes

#: result files: the types a decision is issued in, at most 20 MB
RESULT_EXTENSIONS = ("pdf", "ofd", "docx", "doc", "jpg", "jpeg", "png")
RESULT_MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 2000


def refuse(message, status=400):
    raise TransitionRefused([message], status)


def text(post, name, title, required=True, limit=MAX_TEXT):
    value = (post.get(name) or "").strip()
    if required and not value:
        refuse(_("services-field-required", default="请填写“${field}”。", mapping={"field": title}))
    if len(value) > limit:
        refuse(
            _(
                "services-field-too-long",
                default="“${field}”不能超过${limit}个字。",
                mapping={"field": title, "limit": limit},
            )
        )
    return value


def supplement_items(post):
    """The materials ticked on the 一次性告知 checklist plus the free text."""
    items = [i.strip() for i in post.getall("items") if i.strip()]
    extra = text(post, "comment", _("其他需补齐的材料或说明"), required=False)
    if extra:
        items.append(extra)
    if not items:
        refuse(
            _(
                "services-supplement-checklist-empty",
                default="请勾选或填写需要补齐的全部材料（一次性告知）。",
            )
        )
    return tuple(items)


def respond_by(post):
    day = parse_date(post.get("date"), _("补齐材料期限"))
    if day is None:
        refuse(_("services-supplement-date", default="请填写补齐材料期限。"))
    return day  # the range is the action's to check


def result_file(post):
    """The uploaded result document as ``(filename, bytes, mimetype)``, or None."""
    upload = post.get("result_file")
    if upload is None or not getattr(upload, "filename", ""):
        return None
    try:
        mimetype = check_upload(
            upload.filename, upload.file, RESULT_MAX_BYTES, extensions=RESULT_EXTENSIONS
        )
    except ValueError as e:
        refuse(e.args[0])
    return upload.filename, upload.file.read(), mimetype


def suspend_kind(post):
    kind = post.get("kind", "")
    if kind not in codes(PAUSE_KINDS) or kind == "correction":
        refuse(_("services-suspend-kind", default="请选择特别程序的种类。"))
    return kind


def _accept(request, case, post):
    actions.accept(request, case)


def _request_supplement(request, case, post):
    actions.request_supplement(request, case, supplement_items(post), respond_by(post))


def _refuse_intake(request, case, post):
    actions.refuse_intake(request, case, text(post, "comment", _("不予受理理由")))


def _close_unsupplemented(request, case, post):
    actions.close_unsupplemented(request, case, text(post, "comment", _("说明")))


def _send_co_handling(request, case, post):
    actions.send_co_handling(request, case)


def _request_correction(request, case, post):
    actions.request_correction(request, case, text(post, "comment", _("需补正的内容")))


def _suspend(request, case, post):
    kind = suspend_kind(post)
    actions.suspend(request, case, kind, text(post, "comment", _("特别程序说明")))


def _resume(request, case, post):
    actions.resume(request, case, text(post, "comment", _("说明"), required=False))


def _conclude(request, case, post):
    result = text(post, "result_text", _("办理结果"))
    # (the action issues the certificate's verification code when ticked)
    actions.conclude(request, case, result, result_file(post), bool(post.get("certificate")))


def _deny(request, case, post):
    actions.deny(request, case, text(post, "comment", _("不予许可理由")))


#: transition name -> reader of its form
STEPS = {
    "accept": _accept,
    "request_supplement": _request_supplement,
    "refuse_intake": _refuse_intake,
    "close_unsupplemented": _close_unsupplemented,
    "send_co_handling": _send_co_handling,
    "request_correction": _request_correction,
    "suspend": _suspend,
    "resume": _resume,
    "conclude": _conclude,
    "deny": _deny,
}


def precheck(request, content, name):
    """Refuse (403/409) what the engine refuses whatever the form says."""
    status, messages = get_workflow(content, request.registry).problems(
        content, request, name, comment="-"
    )
    if messages and status in (403, 409):
        raise TransitionRefused(messages, status)


def run_step(request, case):
    """Run the POSTed step on ``case``; returns its name."""
    name = request.POST.get("step", "")
    reader = STEPS.get(name)
    if reader is None:
        refuse(_("workflow-unknown-transition", default="不存在此流程操作。"))
    precheck(request, case, name)
    reader(request, case, request.POST)
    return name
