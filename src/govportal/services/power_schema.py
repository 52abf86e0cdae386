"""The elements of a 权力清单 item: what staff fill in, how it is checked,
and which elements publication requires.

:func:`power_schema` checks what a form posted (drafts may be incomplete:
only the shape and lengths are checked); :func:`missing_power_elements` is
the checker registered with ``config.add_required_elements("PowerItem",
...)``, so the ``guide_complete`` guard of ``workflows/guide.yaml`` refuses
publication naming every empty element.
"""

import colander

from ..i18n import _
from .vocabulary import ITEM_TYPES, codes

#: the flow steps the edit form offers beyond those already written
BLANK_STEPS = 3
MAX_STEPS = 30
#: form field -> Chinese title (also the order of the edit form)
ELEMENTS = (
    ("title", _("事项名称")),
    ("power_type", _("事项类型")),
    ("item_code", _("事项编码")),
    ("basis", _("设定依据")),
    ("unit", _("责任单位")),
    ("flow", _("运行流程")),
    ("accountability", _("追责情形")),
    ("guide_names", _("相关办事指南")),
)
#: elements that may stay empty on publication
OPTIONAL = ("item_code", "guide_names")


def _type_or_empty(node, value):
    if value and value not in codes(ITEM_TYPES):
        raise colander.Invalid(node, _("services-power-type-bad", default="请选择事项类型。"))


class FlowStep(colander.MappingSchema):
    title = colander.SchemaNode(
        colander.String(),
        title=_("步骤名称"),
        validator=colander.Length(max=60),
    )
    description = colander.SchemaNode(
        colander.String(),
        title=_("步骤说明"),
        missing="",
        validator=colander.Length(max=1000),
    )
    role = colander.SchemaNode(
        colander.String(),
        title=_("承办岗位"),
        missing="",
        validator=colander.Length(max=60),
    )


class Flow(colander.SequenceSchema):
    step = FlowStep()


class GuideNames(colander.SequenceSchema):
    name = colander.SchemaNode(colander.String(), validator=colander.Length(max=500))


def power_schema():
    """The colander schema of the edit form (a draft may be incomplete)."""
    schema = colander.SchemaNode(colander.Mapping())
    text = colander.String()
    schema.add(
        colander.SchemaNode(
            text, name="title", title=_("事项名称"), validator=colander.Length(min=1, max=200)
        )
    )
    schema.add(
        colander.SchemaNode(
            text, name="power_type", title=_("事项类型"), missing="", validator=_type_or_empty
        )
    )
    schema.add(
        colander.SchemaNode(
            text,
            name="item_code",
            title=_("事项编码"),
            missing="",
            validator=colander.Length(max=60),
        )
    )
    for name, title, limit in (
        ("basis", _("设定依据"), 5000),
        ("unit", _("责任单位"), 200),
        ("accountability", _("追责情形"), 5000),
    ):
        schema.add(
            colander.SchemaNode(
                text, name=name, title=title, missing="", validator=colander.Length(max=limit)
            )
        )
    schema.add(
        Flow(name="flow", title=_("运行流程"), missing=(), validator=colander.Length(max=MAX_STEPS))
    )
    schema.add(GuideNames(name="guide_names", title=_("相关办事指南"), missing=()))
    return schema


def clean(appstruct):
    """Stored values of a validated ``appstruct``: stripped strings, tuples of dicts."""
    values = {}
    for key in ("title", "power_type", "item_code", "basis", "unit", "accountability"):
        values[key] = (appstruct.get(key) or "").strip()
    values["flow"] = tuple(
        {
            "title": step["title"].strip(),
            "description": (step.get("description") or "").strip(),
            "role": (step.get("role") or "").strip(),
        }
        for step in appstruct.get("flow") or ()
        if (step.get("title") or "").strip()
    )
    values["guide_names"] = tuple(dict.fromkeys(n for n in appstruct.get("guide_names") or () if n))
    return values


def missing_power_elements(item):
    """Chinese titles of ``item``'s empty required elements (every element
    but 事项编码 and the linked guides; the flow needs at least one step)."""
    missing = []
    for name, title in ELEMENTS:
        if name in OPTIONAL:
            continue
        value = getattr(item, name, None)
        if name == "flow":
            if not any((step.get("title") or "").strip() for step in value or ()):
                missing.append(title)
        elif name == "power_type":
            if value not in codes(ITEM_TYPES):
                missing.append(title)
        elif not str(value or "").strip():
            missing.append(title)
    return missing
