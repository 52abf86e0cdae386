"""The required elements of a service guide (办事指南要素, checklist D1).

:func:`missing_guide_elements` is the ``ServiceGuide`` checker of
:mod:`.elements` (registered by :func:`includeme`): the ``guide_complete``
guard refuses publication while it names anything.  Optional: 事项编码,
协办部门, 人生事件; 收费依据 when the service is free (收费标准 begins with
不收费); the province platform's address unless applicants are sent there.
At least one material, one step of the process, one theme and one user type
are required, and an online form when applicants apply on this site.
"""

from ..i18n import _
from .vocabulary import ITEM_TYPES, ONLINE_MODES, codes

FREE = "不收费"

#: (attribute, title) of the plain elements that must not be empty
TEXT_ELEMENTS = (
    ("title", _("事项名称")),
    ("basis", _("设定依据")),
    ("conditions", _("受理条件")),
    ("location", _("办理地点")),
    ("fee", _("收费标准")),
    ("hours", _("办理时间")),
    ("consult_phone", _("咨询电话")),
    ("supervise_phone", _("监督投诉电话")),
    ("result_name", _("办理结果名称")),
)


def _filled(value):
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def missing_guide_elements(guide):
    """The titles of ``guide``'s empty required elements, in form order."""
    missing = []
    text = dict(TEXT_ELEMENTS)
    if not _filled(getattr(guide, "title", "")):
        missing.append(text["title"])
    if getattr(guide, "item_type", "") not in codes(ITEM_TYPES):
        missing.append(_("事项类型"))
    for name in ("basis", "conditions"):
        if not _filled(getattr(guide, name, "")):
            missing.append(text[name])
    if not any(_filled(m.get("name", "")) for m in getattr(guide, "materials", ()) or ()):
        missing.append(_("申请材料（至少一项）"))
    if not _filled(getattr(guide, "location", "")):
        missing.append(text["location"])
    fee = getattr(guide, "fee", "") or ""
    if not _filled(fee):
        missing.append(text["fee"])
    elif not fee.strip().startswith(FREE) and not _filled(getattr(guide, "fee_basis", "")):
        missing.append(_("收费依据"))
    legal = getattr(guide, "legal_days", 0) or 0
    promised = getattr(guide, "promised_days", 0) or 0
    if legal < 1:
        missing.append(_("法定时限"))
    if promised < 1 or (legal >= 1 and promised > legal):
        missing.append(_("承诺时限（不超过法定时限）"))
    for name in ("hours", "consult_phone", "supervise_phone"):
        if not _filled(getattr(guide, name, "")):
            missing.append(text[name])
    if not any(_filled(s.get("title", "")) for s in getattr(guide, "process", ()) or ()):
        missing.append(_("办理流程（至少一个环节）"))
    if not getattr(guide, "themes", ()):
        missing.append(_("服务主题（至少一个）"))
    if not getattr(guide, "user_types", ()):
        missing.append(_("服务对象（至少一个）"))
    mode = getattr(guide, "online_mode", "")
    if mode not in codes(ONLINE_MODES):
        missing.append(_("在线办理方式"))
    elif mode == "external" and not _filled(getattr(guide, "external_url", "")):
        missing.append(_("省一体化政务服务平台办理地址"))
    elif mode == "here" and not getattr(guide, "form_fields", ()):
        missing.append(_("在线申请表单（至少一个字段）"))
    if not _filled(getattr(guide, "result_name", "")):
        missing.append(text["result_name"])
    return missing


def includeme(config):
    config.add_required_elements("ServiceGuide", missing_guide_elements)
