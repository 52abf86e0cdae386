"""Checks of service-guide values (:mod:`.guide_schema`): phone numbers,
the province platform's ``https`` address, and the checks across elements
(承诺时限 ≤ 法定时限, the address when applicants are sent there, no
co-handling department that is the lead)."""

import re

import colander

from ..applications.validators import is_phone, normalise_phone
from ..i18n import _
from .guide_widgets import lead_key

#: 12345 政务服务便民热线 and other five-digit hotlines, 400/800 numbers
_HOTLINE = re.compile(r"^(1\d{4}|[48]00-?\d{3}-?\d{4})$")
_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def phone_validator(node, value):
    """Each number (separated by 、 , ; or spaces): a landline, a mobile, a
    five-digit hotline such as 12345 or a 400/800 number."""
    numbers = [n for n in _SEPARATORS.split(value or "") if n]
    for number in numbers:
        number = normalise_phone(number)
        if not (is_phone(number) or _HOTLINE.match(number)):
            raise colander.Invalid(
                node,
                _(
                    "guide-phone",
                    default="“${number}”不是有效的电话号码（固定电话如 0817-8221101，"
                    "手机号码 11 位，热线如 12345）；多个号码用顿号分隔。",
                    mapping={"number": number},
                ),
            )


def https_validator(node, value):
    """A complete ``https`` address (the province platform's)."""
    if value and not re.match(r"^https://[A-Za-z0-9.-]+(:\d+)?(/\S*)?$", value):
        raise colander.Invalid(node, _("guide-https", default="请填写以 https:// 开头的完整网址。"))


def guide_validator(node, value):
    """Checks across elements: 承诺时限 ≤ 法定时限, the platform address when
    applicants are sent there, no co-handler that is the lead."""
    error = colander.Invalid(node)
    legal, promised = value.get("legal_days") or 0, value.get("promised_days") or 0
    if legal and promised and promised > legal:
        error["promised_days"] = _(
            "guide-promised-over-legal",
            default="承诺时限不能超过法定时限（${legal} 个工作日）。",
            mapping={"legal": legal},
        )
    if value.get("online_mode") == "external" and not value.get("external_url"):
        error["external_url"] = _(
            "guide-external-required",
            default="在线办理方式为省平台办理时，请填写省平台的办理地址。",
        )
    context = (node.bindings or {}).get("context")
    lead = lead_key(context, value.get("lead_department", ""))
    if lead and lead in set(value.get("co_departments") or ()):
        error["co_departments"] = _("guide-co-is-lead", default="协办部门不能包括牵头部门本身。")
    if error.children:
        raise error
