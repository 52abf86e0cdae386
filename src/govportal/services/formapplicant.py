"""The applicant block every online application form begins with.

Who applies depends on the guide's ``user_types`` (USER_TYPES codes of
:mod:`.vocabulary`): a person (个人) gives 姓名, 身份证号码 and 手机号码; a
legal person (法人) 单位名称, 统一社会信用代码, 联系人 and 手机号码; both may
give an e-mail address.  A guide serving both asks which first
(``applicant_type``).  The block is a list of ordinary field specs
(:mod:`.formfields`, whose ``applicant_schema`` makes it a colander schema)
whose names start with ``applicant_`` (a name no guide's own field may
take), so it is checked and rendered like the rest of the form.

The result is the case's ``applicant`` dict::

    {"type": "person", "name": "张三", "id_number": "…", "phone": "…", "email": ""}
    {"type": "legal", "name": "某某公司", "credit_code": "…", "contact": "李四",
     "phone": "…", "email": ""}
"""

import re

from ..i18n import _
from .formspecs import normalise_spec, say
from .formvalues import checks, validate
from .vocabulary import USER_TYPES

TYPE_FIELD = "applicant_type"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _spec(name, label, kind, required=True, **kw):
    return normalise_spec(
        dict(kw, name="applicant_" + name, label=label, kind=kind, required=required)
    )


def user_type_codes(user_types):
    """The guide's user types in vocabulary order (both when it names none)."""
    known = [code for code, _title in USER_TYPES]
    chosen = [code for code in known if code in (user_types or ())]
    return chosen or known


def applicant_specs(user_types, chosen=None):
    """The field specs of the block for ``user_types``; ``chosen`` (the
    posted ``applicant_type``) narrows a two-type block to the fields that
    type must fill in (all fields are listed, none required, without it)."""
    types = user_type_codes(user_types)
    titles = dict(USER_TYPES)
    specs = []
    if len(types) > 1:
        specs.append(_spec("type", "申请人类型", "choice", choices=tuple(titles[t] for t in types)))
        active = [chosen] if chosen in types else types
        need = chosen in types
    else:
        active, need = types, True
    if "person" in active:
        specs += [
            _spec("name", "姓名", "text", need and active == ["person"], max_length=50),
            _spec("id_number", "身份证号码", "id_number", need and active == ["person"]),
        ]
    if "legal" in active:
        specs += [
            _spec("org", "单位名称", "text", need and active == ["legal"], max_length=100),
            _spec("credit_code", "统一社会信用代码", "credit_code", need and active == ["legal"]),
            _spec("contact", "联系人", "text", need and active == ["legal"], max_length=50),
        ]
    specs += [
        _spec("phone", "手机号码", "phone", need, help="用于接收办理进度短信"),
        _spec("email", "电子邮箱（选填）", "text", False, max_length=120),
    ]
    return specs


def chosen_type(post, user_types):
    """The user type the post chose (the only one when the guide has one)."""
    types = user_type_codes(user_types)
    if len(types) == 1:
        return types[0]
    titles = dict(USER_TYPES)
    picked = (post.get(TYPE_FIELD) or "").strip()
    for code in types:
        if picked in (code, titles[code]):
            return code
    return None


def validate_applicant(post, user_types, request=None):
    """Check the posted block: ``(applicant, errors)`` (applicant None on errors)."""
    kind = chosen_type(post, user_types)
    errors = {}
    if kind is None:
        errors[TYPE_FIELD] = say(
            request, _("formfields-applicant-type", default="请选择申请人类型。")
        )
        kind = user_type_codes(user_types)[0]
    specs = [s for s in applicant_specs(user_types, kind) if s["name"] != TYPE_FIELD]
    values, _files, field_errors = validate(specs, post, request)
    errors.update(field_errors)
    phone = values.get("applicant_phone", "")
    if phone and not _MOBILE.match(phone):
        errors["applicant_phone"] = say(
            request, _("formfields-mobile", default="请填写 11 位手机号码，用于接收办理进度短信。")
        )
    email = values.get("applicant_email", "")
    if email and not checks.is_email(email):
        errors["applicant_email"] = say(
            request, _("formfields-email", default="电子邮箱格式有误。")
        )
    if errors:
        return None, errors
    applicant = {"type": kind, "phone": phone, "email": email}
    if kind == "person":
        applicant.update(name=values["applicant_name"], id_number=values["applicant_id_number"])
    else:
        applicant.update(
            name=values["applicant_org"],
            credit_code=values["applicant_credit_code"],
            contact=values["applicant_contact"],
        )
    return applicant, {}
