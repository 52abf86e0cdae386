"""The public letter form: ``<site>/@@write`` on the portal and every department.

GET shows the form (``?channel=mailbox|consult|complaint|suggest`` chooses
the channel, ``?body=`` fills in the content, e.g. a question 智能问答 could
not answer), a one-time submission token, an accessible challenge
(:mod:`.challenge`) and a hidden honeypot field.  POST (CSRF-checked by
the site's default) checks every field (:mod:`.form`), the honeypot and the
challenge, then — once per submission token (:func:`govportal.submissions.once`)
— the per-address limit held in the database (:mod:`govportal.interaction.limits`, scope
``write``), marks the challenge used and stores the letter
(:func:`.intake.submit_letter`).  Any refusal shows the form again with the
messages (400, or 429 for the limit) and stores nothing.  The answer shows
the 信件编号 and the 查询码 once, and what happens next; the same token
posted again stores nothing and shows the same number and code.

Neither page is cached (the CSRF token, and the code, are private).
"""

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...cache import dont_cache
from ...content import IDepartment
from ...i18n import _, translate
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import issue, once, submitted_token
from ...workflow.views import wants_json
from .. import limits
from . import challenge, clock, form, intake
from .vocabulary import CATEGORIES, CHANNELS

TEMPLATES = "govportal.interaction.letters:templates/"
HONEYPOT = "homepage"
#: Field order of the error summary: (field id, label).
LABELS = (
    ("channel", _("letters-label-channel", default="来信渠道")),
    ("name", _("letters-label-name", default="姓名")),
    ("phone", _("letters-label-phone", default="联系电话")),
    ("email", _("letters-label-email", default="电子邮箱")),
    ("address", _("letters-label-address", default="联系地址")),
    ("category", _("letters-label-category", default="类别")),
    ("subject", _("letters-label-subject", default="标题")),
    ("body", _("letters-label-body", default="内容")),
    ("attachments", _("letters-label-attachments", default="附件")),
    ("may_publish", _("letters-label-consent", default="是否同意公开")),
    (challenge.ANSWER_FIELD, _("letters-label-challenge", default="验证问题")),
)
WRITE_RATE = ("govportal.interaction.write_rate", "5/3600")
RATE_MESSAGE = _("letters-rate", default="提交过于频繁，请稍后再试。")
ROBOT = _("letters-robot", default="提交未被接受，请刷新页面后重新填写。")
FORM_ERRORS = _("letters-form-errors", default="信件未提交：请按提示修改标出的栏目。")


class Refused(Exception):
    """Raised inside the submission: nothing is stored, nothing recorded."""

    def __init__(self, status, message, field=None):
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def no_store(request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"


def page(request, values=None, errors=None, form_error=None, token=None):
    no_store(request)
    values = dict(values or {})
    errors = dict(errors or {})
    return {
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": token or issue(request, intake.SUBMISSION_KIND),
        "challenge": challenge.issue(request),
        "challenge_token_field": challenge.TOKEN_FIELD,
        "challenge_answer_field": challenge.ANSWER_FIELD,
        "honeypot": HONEYPOT,
        "channels": [(code, translate(request, title)) for code, title in CHANNELS],
        "categories": [(code, translate(request, title)) for code, title in CATEGORIES],
        "values": values,
        "errors": errors,
        "error_list": [
            (name, translate(request, label), errors[name])
            for name, label in LABELS
            if name in errors
        ],
        "form_error": form_error,
        "max_files": form.MAX_FILES,
        "max_mb": form.MAX_MB,
        "lengths": form.LENGTHS,
        "track_url": request.resource_url(request.context, "@@letter-track"),
    }


def initial_values(request):
    channel = request.GET.get("channel", "")
    body = request.GET.get("body", "")
    return {
        "channel": channel if channel in dict(CHANNELS) else "mailbox",
        "body": body[: form.LENGTHS["body"][1]] if isinstance(body, str) else "",
        "category": "",
        "may_publish": None,
    }


def refused(request, status, values, errors=None, message=None):
    request.response.status_int = status
    if wants_json(request):
        request.override_renderer = "json"
        return {"ok": False, "errors": dict(errors or {}, **({"": message} if message else {}))}
    return page(request, values, errors, message, token=submitted_token(request) or None)


@view_config(context=IRoot, name="write", permission="view", renderer=TEMPLATES + "public_write.pt")
@view_config(
    context=IDepartment, name="write", permission="view", renderer=TEMPLATES + "public_write.pt"
)
def write_view(context, request):
    if request.method == "GET":
        return page(request, initial_values(request))
    if request.method != "POST":
        raise HTTPBadRequest()
    raw = form.raw_values(request.POST)
    if request.POST.get(HONEYPOT):
        return refused(request, 400, raw, message=translate(request, ROBOT))
    values, files, errors = form.validate(request.POST, request)
    try:
        key = challenge.check(
            request,
            request.POST.get(challenge.TOKEN_FIELD, ""),
            request.POST.get(challenge.ANSWER_FIELD, ""),
        )
    except challenge.ChallengeFailed as e:
        key = None
        errors[challenge.ANSWER_FIELD] = translate(request, e.args[0])
    if errors:
        return refused(request, 400, raw, errors, translate(request, FORM_ERRORS))

    def create(submission):
        # a replay is answered from the ledger before this runs: the limit
        # counts letters, not refreshes or double clicks
        if not limits.allowed(request, "write", *WRITE_RATE):
            raise Refused(429, translate(request, RATE_MESSAGE))
        try:
            challenge.consume(request, key)
        except challenge.ChallengeFailed as e:
            raise Refused(400, translate(request, e.args[0]), challenge.ANSWER_FIELD) from None
        letter, _code = intake.submit_letter(request, context, values, files, submission)
        return {"number": letter.__name__, "emailed": bool(values["writer"].get("email"))}

    try:
        outcome = once(request, intake.SUBMISSION_KIND, create)
    except Refused as e:
        errors = {e.field: e.message} if e.field else {}
        return refused(request, e.status, raw, errors, e.message)
    code = intake.code_of(outcome.submission)
    no_store(request)
    if wants_json(request):
        request.override_renderer = "json"
        return {
            "ok": True,
            "number": outcome.result["number"],
            "code": code,
            "replayed": outcome.replayed,
        }
    request.override_renderer = TEMPLATES + "public_write_done.pt"
    return {
        "number": outcome.result["number"],
        "code": code,
        "emailed": outcome.result["emailed"],
        "replayed": outcome.replayed,
        "verify_days": clock.verify_days(request.registry),
        "track_url": request.resource_url(context, "@@letter-track"),
    }
