"""The public application form's schema (colander): fields and their checks.

:func:`validate_application` turns the posted fields into
``(applicant, request)`` dicts or raises :class:`colander.Invalid` whose
``asdict()`` maps each field to its Chinese message.  Nothing is stored
before the whole form is valid.
"""

import colander

from ..i18n import _
from .validators import (
    is_credit_code,
    is_email,
    is_id_document,
    is_phone,
    normalise_code,
    normalise_phone,
)
from .vocabulary import (
    DELIVERY_CHANNELS,
    DELIVERY_FORMS,
    ID_TYPES,
    ORGANISATION_TYPES,
)

#: Field lengths.
MAX_NAME = 50
MAX_ORG_NAME = 100
MAX_ADDRESS = 200
MAX_DESCRIPTION = 2000
MAX_DOC_NUMBER = 100
MAX_PURPOSE = 500


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(name, title, maximum, required=False, message=None):
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        preparer=_strip,
        missing=colander.required if required else "",
        missing_msg=message or _("applications-required", default="此项必须填写。"),
        validator=colander.Length(
            max=maximum,
            max_err=_(
                "applications-too-long",
                default="不能超过 ${max} 个字。",
                mapping={"max": maximum},
            ),
        ),
    )


def _choice(name, title, pairs, message, required=True):
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        missing=colander.required if required else "",
        missing_msg=message,
        validator=colander.OneOf([code for code, _t in pairs], msg_err=message),
    )


class ApplicationSchema(colander.MappingSchema):
    """Every field of the 政府信息公开申请表 (第二十九条)."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.add(
            _choice(
                "applicant_kind",
                "申请人类型",
                (("person", "自然人"), ("org", "法人或其他组织")),
                _("applications-kind", default="请选择申请人类型。"),
            )
        )
        self.add(
            _choice(
                "org_type",
                "组织类别",
                [(c, c) for c in ORGANISATION_TYPES],
                _("applications-org-type", default="请选择组织类别。"),
                required=False,
            )
        )
        self.add(
            _text(
                "name",
                "姓名",
                MAX_NAME,
                required=True,
                message=_("applications-name", default="请填写姓名。"),
            )
        )
        self.add(
            _choice(
                "id_type",
                "证件类型",
                ID_TYPES,
                _("applications-id-type", default="请选择证件类型。"),
            )
        )
        self.add(
            _text(
                "id_number",
                "证件号码",
                30,
                required=True,
                message=_("applications-id-number", default="请填写证件号码。"),
            )
        )
        self.add(_text("org_name", "组织名称", MAX_ORG_NAME))
        self.add(_text("credit_code", "统一社会信用代码", 30))
        self.add(
            _text(
                "phone",
                "联系电话",
                30,
                required=True,
                message=_("applications-phone", default="请填写联系电话。"),
            )
        )
        self.add(_text("email", "电子邮箱", 120))
        self.add(_text("address", "通信地址", MAX_ADDRESS))
        self.add(_text("description", "所需信息的内容描述", MAX_DESCRIPTION))
        self.add(_text("doc_number", "所需信息的文件名称、文号", MAX_DOC_NUMBER))
        self.add(_text("purpose", "用途", MAX_PURPOSE))
        self.add(
            _choice(
                "delivery_form",
                "信息的提供形式",
                DELIVERY_FORMS,
                _("applications-delivery-form", default="请选择信息的提供形式。"),
            )
        )
        self.add(
            _choice(
                "delivery_channel",
                "获取信息的方式",
                DELIVERY_CHANNELS,
                _("applications-delivery-channel", default="请选择获取信息的方式。"),
            )
        )

    def validator(self, node, value):
        """Checks that depend on several fields, all reported at once."""
        error = colander.Invalid(node)
        kind = value["applicant_kind"]
        id_number = normalise_code(value["id_number"])
        value["id_number"] = id_number
        if not is_id_document(value["id_type"], id_number):
            message = (
                _(
                    "applications-bad-resident-id",
                    default="居民身份证号码有误，请核对（含校验位）。",
                )
                if value["id_type"] in ("resident_id", "residence_permit")
                else _("applications-bad-id", default="证件号码格式有误，请核对。")
            )
            error.add(colander.Invalid(node["id_number"], message))
        if kind == "org":
            if not value["org_type"]:
                error.add(
                    colander.Invalid(
                        node["org_type"], _("applications-org-type", default="请选择组织类别。")
                    )
                )
            if not value["org_name"]:
                error.add(
                    colander.Invalid(
                        node["org_name"],
                        _("applications-org-name", default="请填写法人或其他组织的名称。"),
                    )
                )
            code = normalise_code(value["credit_code"])
            value["credit_code"] = code
            if not is_credit_code(code):
                error.add(
                    colander.Invalid(
                        node["credit_code"],
                        _(
                            "applications-bad-credit-code",
                            default="统一社会信用代码有误，请核对18位代码（含校验位）。",
                        ),
                    )
                )
        else:
            value["org_type"] = value["org_name"] = value["credit_code"] = ""
        phone = normalise_phone(value["phone"])
        value["phone"] = phone
        if not is_phone(phone):
            error.add(
                colander.Invalid(
                    node["phone"],
                    _(
                        "applications-bad-phone",
                        default="请填写正确的手机号码或带区号的固定电话（如 0817-1234567）。",
                    ),
                )
            )
        email = value["email"].strip()
        if email and not is_email(email):
            error.add(
                colander.Invalid(
                    node["email"], _("applications-bad-email", default="电子邮箱格式有误。")
                )
            )
        if not value["description"] and not value["doc_number"]:
            error.add(
                colander.Invalid(
                    node["description"],
                    _(
                        "applications-nothing-sought",
                        default="请描述所需的政府信息，或填写文件名称、文号（至少填写一项）。",
                    ),
                )
            )
        channel, form = value["delivery_channel"], value["delivery_form"]
        if channel == "email" and not email:
            error.add(
                colander.Invalid(
                    node["email"],
                    _(
                        "applications-email-needed",
                        default="选择电子邮件方式获取时，请填写电子邮箱。",
                    ),
                )
            )
        if channel == "post" and not value["address"]:
            error.add(
                colander.Invalid(
                    node["address"],
                    _(
                        "applications-address-needed",
                        default="选择邮寄方式获取时，请填写通信地址。",
                    ),
                )
            )
        if channel in ("email", "online") and form == "paper":
            error.add(
                colander.Invalid(
                    node["delivery_channel"],
                    _(
                        "applications-channel-form",
                        default="纸质信息不能通过电子邮件或网上获取，请选择邮寄或自行领取。",
                    ),
                )
            )
        if error.children:
            raise error


def validate_application(fields):
    """``(applicant, request)`` from the posted ``fields`` (a mapping of str).

    Raises :class:`colander.Invalid`; its ``asdict()`` gives field -> message.
    """
    schema = ApplicationSchema()
    names = [child.name for child in schema.children]
    cstruct = {name: fields.get(name, "") for name in names}
    for name in ("applicant_kind", "org_type", "id_type", "delivery_form", "delivery_channel"):
        if not cstruct[name]:
            cstruct[name] = colander.null
    value = schema.deserialize(cstruct)
    kind = value["applicant_kind"]
    applicant = {
        "type": "person" if kind == "person" else value["org_type"],
        "name": value["name"],
        "id_type": value["id_type"],
        "id_number": value["id_number"],
        "org_name": value["org_name"],
        "credit_code": value["credit_code"],
        "phone": value["phone"],
        "email": value["email"],
        "address": value["address"],
    }
    sought = {
        "description": value["description"],
        "doc_number": value["doc_number"],
        "purpose": value["purpose"],
        "delivery_form": value["delivery_form"],
        "delivery_channel": value["delivery_channel"],
    }
    return applicant, sought
