"""The fields of the public letter form and their checks.

:func:`validate` turns a posted form into ``(values, files, errors)``:
``values`` holds the clean fields (``writer`` with 姓名, 联系电话, email and
地址; ``channel``, ``category``, ``subject``, ``body``, ``may_publish``),
``files`` the attachments as ``(filename, bytes, mimetype)`` (at most
:data:`MAX_FILES`, of :data:`EXTENSIONS`, each up to :data:`MAX_MB` MB, the
type sniffed from the bytes by :func:`govportal.content.uploads.check_upload`
through the service forms' :func:`~govportal.services.formvalues.clean_files`),
``errors`` a field's name to its Chinese message.
"""

from ...applications import validators as checks
from ...i18n import _
from ...services.formspecs import say
from ...services.formvalues import FieldError, clean_files
from .vocabulary import CATEGORY_CODES, CHANNEL_CODES

MAX_FILES = 3
MAX_MB = 10
EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "doc", "docx")
#: (field, shortest, longest) of the text fields.
LENGTHS = {
    "name": (2, 30),
    "subject": (4, 60),
    "body": (10, 3000),
    "address": (0, 200),
}
FIELDS = ("name", "phone", "email", "address", "subject", "body", "category", "channel")

REQUIRED = _("letters-required", default="此项必填。")


def _text(post, name):
    raw = post.get(name, "")
    return raw.strip() if isinstance(raw, str) else ""


def _length(name, text):
    shortest, longest = LENGTHS[name]
    if len(text) > longest:
        raise FieldError(
            _("letters-too-long", default="不能超过 ${n} 个字。", mapping={"n": longest})
        )
    if text and len(text) < shortest:
        raise FieldError(
            _("letters-too-short", default="请至少填写 ${n} 个字。", mapping={"n": shortest})
        )
    return text


def _required(text):
    if not text:
        raise FieldError(REQUIRED)
    return text


def _phone(text):
    phone = checks.normalise_phone(_required(text))
    if not checks.is_phone(phone):
        raise FieldError(
            _(
                "letters-phone",
                default="电话号码有误：请填写 11 位手机号码，"
                "或带区号的固定电话（如 0817-8221234）。",
            )
        )
    return phone


def _email(text):
    if text and not checks.is_email(text):
        raise FieldError(
            _("letters-email", default="电子邮箱格式有误，请核对（如 name@example.com）。")
        )
    return text


def _choice(text, codes):
    if text not in codes:
        raise FieldError(_("letters-choice", default="请从列出的选项中选择。"))
    return text


def raw_values(post):
    """What was typed, to show the form again (attachments are chosen again)."""
    values = {name: _text(post, name) for name in FIELDS}
    values["may_publish"] = post.get("may_publish") == "yes"
    return values


def _files(post):
    uploads = [u for u in post.getall("attachments") if getattr(u, "filename", None)]
    if len(uploads) > MAX_FILES:
        raise FieldError(
            _("letters-too-many-files", default="最多上传 ${n} 个附件。", mapping={"n": MAX_FILES})
        )
    spec = {"extensions": EXTENSIONS, "max_mb": MAX_MB, "required": False}
    return clean_files(spec, uploads)


def validate(post, request=None):
    """``(values, files, errors)`` of a posted letter form (see the module)."""
    raw = raw_values(post)
    checks_of = {
        "name": lambda t: _length("name", _required(t)),
        "phone": _phone,
        "email": _email,
        "address": lambda t: _length("address", t),
        "subject": lambda t: _length("subject", _required(t)),
        "body": lambda t: _length("body", _required(t)),
        "category": lambda t: _choice(t, CATEGORY_CODES),
        "channel": lambda t: _choice(t, CHANNEL_CODES),
    }
    values, errors = {}, {}
    for name, check in checks_of.items():
        try:
            values[name] = check(raw[name])
        except FieldError as e:
            errors[name] = say(request, e.args[0])
    try:
        files = _files(post)
    except FieldError as e:
        errors["attachments"] = say(request, e.args[0])
        files = []
    if post.get("may_publish") not in ("yes", "no"):
        errors["may_publish"] = say(
            request, _("letters-consent", default="请选择是否同意公开您的来信和答复。")
        )
    clean = {
        "channel": values.get("channel"),
        "category": values.get("category"),
        "subject": values.get("subject"),
        "body": values.get("body"),
        "may_publish": raw["may_publish"],
        "writer": {key: values.get(key, "") for key in ("name", "phone", "email", "address")},
    }
    return clean, files, errors
