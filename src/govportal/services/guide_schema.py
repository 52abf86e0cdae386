"""The colander schema of a service guide (办事指南): every element, with the
checks a value must pass even in a draft.

Drafts may be saved incomplete: only the title is required here, every other
element may be left empty (publication is what demands them, through the
``guide_complete`` guard and :mod:`.guide_elements`).  What is filled in must
be right: codes from the vocabularies, phone numbers, an ``https`` address
for the province platform (required when the guide sends applicants there),
1 ≤ 承诺时限 ≤ 法定时限 ≤ 365 working days, co-handling departments that are
real departments and never the lead.

The schema is bound to ``request`` and ``context`` (the guide, or the column
a new one goes into): the choices of 牵头部门/协办部门 are the site group's
departments, those of a material's 表格下载/示例样表 the guide's attachments.
Sequences (材料, 办理流程) use :class:`BlankRowsWidget`, which needs no script:
it shows a few empty rows after the filled ones, and rows left empty are
dropped on saving.
"""

import colander
import deform.widget
from substanced.schema import Schema

from ..i18n import _
from .guide_checks import guide_validator, https_validator, phone_validator
from .guide_widgets import (
    BlankRowsWidget,
    CheckboxGroupWidget,
    attachment_validator,
    attachment_widget,
    co_validator,
    co_widget,
    lead_validator,
    lead_widget,
)
from .vocabulary import ITEM_TYPES, LIFE_EVENTS, MATERIAL_FORMS, ONLINE_MODES, THEMES, USER_TYPES
from .vocabulary import codes as codes_of

MAX_DAYS = 365


def _text(title, max_length=200, textarea=False, **kw):
    widget = deform.widget.TextAreaWidget(rows=4) if textarea else None
    return colander.SchemaNode(
        colander.String(),
        title=title,
        missing="",
        validator=kw.pop("validator", None) or colander.Length(max=max_length),
        widget=widget,
        **kw,
    )


def _choice(vocabulary, title, blank=True, **kw):
    values = ([("", _("guide-choose", default="请选择"))] if blank else []) + list(vocabulary)
    return colander.SchemaNode(
        colander.String(),
        title=title,
        missing="",
        widget=deform.widget.SelectWidget(values=values),
        validator=colander.OneOf(["", *codes_of(vocabulary)]),
        **kw,
    )


def _checkboxes(vocabulary, title, **kw):
    return colander.SchemaNode(
        colander.Set(),
        title=title,
        missing=(),
        widget=CheckboxGroupWidget(values=list(vocabulary)),
        validator=colander.ContainsOnly(list(codes_of(vocabulary))),
        **kw,
    )


# -- the schema ------------------------------------------------------------------


class MaterialSchema(colander.MappingSchema):
    name = _text(_("guide-material-name", default="材料名称"))
    form = _choice(MATERIAL_FORMS, _("guide-material-form", default="材料形式"), blank=False)
    count = colander.SchemaNode(
        colander.Integer(),
        title=_("guide-material-count", default="份数"),
        missing=1,
        default=1,
        validator=colander.Range(1, 99),
    )
    required = colander.SchemaNode(
        colander.Boolean(), title=_("guide-material-required", default="必须提交"), missing=False
    )
    note = _text(_("guide-material-note", default="填写说明"), max_length=500)
    template = colander.SchemaNode(
        colander.String(),
        title=_("guide-material-template", default="空白表格（表格下载）"),
        missing="",
        widget=attachment_widget,
        validator=attachment_validator,
    )
    example = colander.SchemaNode(
        colander.String(),
        title=_("guide-material-example", default="示例样表"),
        missing="",
        widget=attachment_widget,
        validator=attachment_validator,
    )


def _row_validator(name_field, others):
    def validator(node, value):
        if not value.get(name_field) and any(value.get(o) for o in others):
            raise colander.Invalid(
                node[name_field],
                _("guide-row-name", default="请填写名称，或清空整行。"),
            )

    return validator


def _drop_empty(key):
    def preparer(value):
        if value in (colander.null, None):
            return ()
        return tuple(dict(row) for row in value if row.get(key))

    return preparer


class StepSchema(colander.MappingSchema):
    title = _text(_("guide-step-title", default="环节名称"), max_length=60)
    description = _text(_("guide-step-description", default="环节说明"), 1000, textarea=True)


class GuideSchema(Schema):
    """Every element of a guide.  A Substance D schema: bound with
    ``_csrf_token_`` (the SDI's property sheet) it carries the CSRF token;
    the workspace's form binds without it and posts ``csrf_token``."""

    title = colander.SchemaNode(
        colander.String(),
        title=_("guide-title", default="事项名称"),
        validator=colander.Length(1, 200),
    )
    item_type = _choice(ITEM_TYPES, _("guide-item-type", default="事项类型"))
    item_code = _text(_("guide-item-code", default="事项编码"), max_length=60)
    basis = _text(_("guide-basis", default="设定依据"), 5000, textarea=True)
    conditions = _text(_("guide-conditions", default="受理条件"), 5000, textarea=True)
    materials = colander.SchemaNode(
        colander.Sequence(),
        MaterialSchema(
            name="material",
            title=_("guide-material", default="材料"),
            validator=_row_validator("name", ("note", "template", "example")),
        ),
        title=_("guide-materials", default="申请材料"),
        missing=(),
        preparer=_drop_empty("name"),
        widget=BlankRowsWidget(
            help=_(
                "guide-materials-help",
                default="每行一种材料；不需要的行留空即可。需要更多行时，先保存再修改。"
                "空白表格和示例样表请先在下方“表格与样表”中上传。",
            )
        ),
    )
    location = _text(_("guide-location", default="办理地点"), max_length=300)
    lead_department = colander.SchemaNode(
        colander.String(),
        title=_("guide-lead", default="办理机构（牵头部门）"),
        missing="",
        widget=lead_widget,
        validator=lead_validator,
    )
    co_departments = colander.SchemaNode(
        colander.Set(),
        title=_("guide-co", default="协办部门（并联审批）"),
        missing=(),
        widget=co_widget,
        validator=co_validator,
    )
    fee = _text(_("guide-fee", default="收费标准"), max_length=500)
    fee_basis = _text(_("guide-fee-basis", default="收费依据"), 2000, textarea=True)
    legal_days = colander.SchemaNode(
        colander.Integer(),
        title=_("guide-legal-days", default="法定时限（工作日）"),
        missing=0,
        validator=colander.Range(0, MAX_DAYS),
    )
    promised_days = colander.SchemaNode(
        colander.Integer(),
        title=_("guide-promised-days", default="承诺时限（工作日）"),
        missing=0,
        validator=colander.Range(0, MAX_DAYS),
    )
    hours = _text(_("guide-hours", default="办理时间"), max_length=300)
    consult_phone = _text(
        _("guide-consult-phone", default="咨询电话"),
        validator=colander.All(colander.Length(max=120), phone_validator),
    )
    supervise_phone = _text(
        _("guide-supervise-phone", default="监督投诉电话"),
        validator=colander.All(colander.Length(max=120), phone_validator),
    )
    process = colander.SchemaNode(
        colander.Sequence(),
        StepSchema(
            name="step",
            title=_("guide-step", default="环节"),
            validator=_row_validator("title", ("description",)),
        ),
        title=_("guide-process", default="办理流程"),
        missing=(),
        preparer=_drop_empty("title"),
        widget=BlankRowsWidget(
            blank=2,
            help=_(
                "guide-process-help",
                default="按办理顺序每行一个环节；需要更多行时，先保存再修改。",
            ),
        ),
    )
    themes = _checkboxes(THEMES, _("guide-themes", default="服务主题"))
    user_types = _checkboxes(USER_TYPES, _("guide-user-types", default="服务对象"))
    life_events = _checkboxes(LIFE_EVENTS, _("guide-life-events", default="人生事件（可选）"))
    online_mode = _choice(
        ONLINE_MODES, _("guide-online-mode", default="在线办理方式"), blank=False, default="none"
    )
    external_url = _text(
        _("guide-external-url", default="省一体化政务服务平台办理地址"),
        validator=colander.All(colander.Length(max=500), https_validator),
        description=_("guide-external-url-help", default="在线办理方式为省平台办理时必填。"),
    )
    result_name = _text(_("guide-result-name", default="办理结果名称"))
    certificate = colander.SchemaNode(
        colander.Boolean(),
        title=_("guide-certificate", default="办结后提供可下载的办理结果证明"),
        missing=False,
    )


def stored_values(appstruct):
    """The attributes to store from a validated ``appstruct``: sets become
    tuples in vocabulary order, rows tuples of plain dicts."""
    values = {name: appstruct[name] for name in FIELDS if name in appstruct}
    for name, vocabulary in (
        ("themes", THEMES),
        ("user_types", USER_TYPES),
        ("life_events", LIFE_EVENTS),
    ):
        chosen = set(values.get(name) or ())
        values[name] = tuple(code for code in codes_of(vocabulary) if code in chosen)
    chosen = set(values.get("co_departments") or ())
    values["co_departments"] = tuple(sorted(chosen))
    values["materials"] = tuple(
        {
            "name": row["name"],
            "form": row["form"] or "original",
            "count": int(row["count"] or 1),
            "required": bool(row["required"]),
            "note": row["note"],
            "template": row["template"],
            "example": row["example"],
        }
        for row in values.get("materials") or ()
    )
    values["process"] = tuple(
        {"title": row["title"], "description": row["description"]}
        for row in values.get("process") or ()
    )
    return values


#: the guide attributes the schema edits, in form order
FIELDS = tuple(node.name for node in GuideSchema().children if node.name != "_csrf_token_")


def guide_schema(request, context):
    """The schema bound to ``request`` and ``context`` (guide or column)."""
    return GuideSchema(validator=guide_validator).bind(request=request, context=context)
