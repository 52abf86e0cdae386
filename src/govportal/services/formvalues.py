"""Posted values of online application forms: cleaned and checked field by field.

:func:`validate` is the plain API the public pages call; :func:`clean_value`
and :func:`clean_files` check one field.  Identity numbers follow GB 11643,
credit codes GB 32100 (the checks of :mod:`govportal.applications.validators`);
uploads are sniffed and size-limited by
:func:`govportal.content.uploads.check_upload`.
"""

from datetime import date

from ..applications import validators as checks
from ..content.uploads import check_upload
from ..i18n import _
from ..sitetime import today as site_today
from .formspecs import (
    FIRST_YEAR,
    MAX_FILES,
    MIN_ADDRESS,
    TEXT_KINDS,
    YEARS_AHEAD,
    normalise_spec,
    say,
)


class FieldError(ValueError):
    """A posted value is refused; ``args[0]`` is the message."""


def _today():
    return site_today()


def clean_value(spec, raw):
    """The stored value of one non-file field from the posted ``raw`` text
    (a list of strings for multichoice); raises :class:`FieldError`."""
    kind = spec["kind"]
    if kind == "multichoice":
        picked = [v for v in (raw or []) if v]
        if any(v not in spec["choices"] for v in picked):
            raise FieldError(_("formfields-not-a-choice", default="请从列出的选项中选择。"))
        if spec["required"] and not picked:
            raise FieldError(_("formfields-required-choice", default="请至少选择一项。"))
        return tuple(c for c in spec["choices"] if c in picked)
    text = (raw or "").strip()
    if not text:
        if spec["required"]:
            raise FieldError(_("formfields-required", default="此项必填。"))
        return ""
    if kind in TEXT_KINDS:
        limit = spec["max_length"]
        if len(text) > limit:
            raise FieldError(
                _("formfields-too-long", default="不能超过 ${n} 个字。", mapping={"n": limit})
            )
        if kind == "address" and len(text) < MIN_ADDRESS:
            raise FieldError(
                _("formfields-address", default="请填写详细地址（县、乡镇、街道或村及门牌号）。")
            )
        return text
    if kind == "choice":
        if text not in spec["choices"]:
            raise FieldError(_("formfields-not-a-choice", default="请从列出的选项中选择。"))
        return text
    if kind == "date":
        return _clean_date(text)
    if kind == "id_number":
        number = checks.normalise_code(text)
        if not checks.is_resident_id(number):
            raise FieldError(
                _("formfields-id-number", default="身份证号码有误，请核对（18 位，含校验位）。")
            )
        return number
    if kind == "credit_code":
        code = checks.normalise_code(text)
        if not checks.is_credit_code(code):
            raise FieldError(
                _("formfields-credit-code", default="统一社会信用代码有误，请核对（18 位）。")
            )
        return code
    if kind == "phone":
        phone = checks.normalise_phone(text)
        if not checks.is_phone(phone):
            raise FieldError(
                _(
                    "formfields-phone",
                    default="电话号码有误：请填写 11 位手机号码，"
                    "或带区号的固定电话（如 0817-8221234）。",
                )
            )
        return phone
    raise FieldError(_("formfields-bad-kind-value", default="无法识别此项。"))


def _clean_date(text):
    try:
        day = date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise FieldError(
            _("formfields-date", default="日期格式有误，请按“年-月-日”填写（如 2026-01-31）。")
        ) from None
    today = _today()
    if day.year < FIRST_YEAR or day.year > today.year + YEARS_AHEAD:
        raise FieldError(
            _(
                "formfields-date-range",
                default="日期不在合理范围内（${first} 年至 ${last} 年）。",
                mapping={"first": FIRST_YEAR, "last": today.year + YEARS_AHEAD},
            )
        )
    return day.isoformat()


def clean_files(spec, uploads, max_bytes=None):
    """``[(filename, bytes, mimetype)]`` of a file field's ``uploads``
    (cgi.FieldStorage-like objects with ``filename`` and ``file``); the type
    is sniffed and the size limited (:func:`~govportal.content.uploads.check_upload`)."""
    uploads = [u for u in uploads if getattr(u, "filename", None)]
    if len(uploads) > MAX_FILES:
        raise FieldError(
            _(
                "formfields-too-many-files",
                default="最多上传 ${n} 个文件。",
                mapping={"n": MAX_FILES},
            )
        )
    limit = spec["max_mb"] * 1024 * 1024
    if max_bytes:
        limit = min(limit, max_bytes)
    result = []
    for upload in uploads:
        filename = upload.filename.replace("\\", "/").rsplit("/", 1)[-1][:200]
        try:
            mimetype = check_upload(filename, upload.file, limit, spec["extensions"])
        except ValueError as e:
            raise FieldError(e.args[0]) from None
        upload.file.seek(0)
        result.append((filename, upload.file.read(), mimetype))
    if spec["required"] and not result:
        raise FieldError(_("formfields-required-file", default="请上传此项材料。"))
    return result


def validate(specs, post, request=None, kept=None):
    """Check a posted form: ``(values, files, errors)``.

    ``post`` is a WebOb MultiDict (``request.POST``); ``values`` maps each
    field's name to its clean value (a tuple for multichoice; for a file
    field the list of file names), ``files`` each file field to its
    ``(filename, bytes, mimetype)`` triples, ``errors`` a field's name to the
    message shown next to it.  ``kept`` (field name -> file names) counts
    files uploaded before (a saved form) for required file fields.
    """
    values, files, errors = {}, {}, {}
    kept = kept or {}
    max_bytes = None
    if request is not None:
        max_bytes = int(request.registry.settings.get("govportal.max_upload_mb") or 0) * 1048576
    for spec in (normalise_spec(s) for s in specs):
        name = spec["name"]
        try:
            if spec["kind"] == "file":
                uploads = [u for u in post.getall(name) if not isinstance(u, str)]
                if kept.get(name) and not uploads:
                    values[name] = list(kept[name])
                    continue
                files[name] = clean_files(spec, uploads, max_bytes)
                values[name] = [f[0] for f in files[name]]
            elif spec["kind"] == "multichoice":
                values[name] = clean_value(spec, post.getall(name))
            else:
                raw = post.get(name, "")
                values[name] = clean_value(spec, raw if isinstance(raw, str) else "")
        except FieldError as e:
            errors[name] = say(request, e.args[0])
    return values, files, errors
