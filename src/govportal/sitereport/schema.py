"""The form of a site's report: entered fields and overrides of generated figures.

One mapping per section of :data:`.official.SECTIONS`.  An entered field is
a node of its kind (count, days, 是/否, text), all optional so the officer
can save as they go.  A generated figure has two nodes, ``<key>__override``
and ``<key>__reason``: an override needs a reason (Chinese messages).  The
column of the draft is chosen like the disclosure report's
(:func:`govportal.annualreport.schema` nodes reused).
"""

import re
from decimal import Decimal

import colander
import deform.widget
from substanced.schema import Schema

from ..annualreport.schema import Count, column_missing, column_validator, column_widget
from ..i18n import _
from .official import COUNT, DAYS, NO, SECTIONS, TEXT, YES, YESNO

MAX_COUNT = 10_000_000_000
MAX_TEXT = 200
OVERRIDE, REASON = "__override", "__reason"

NEGATIVE = _("sitereport-negative", default="不能为负数。")
TOO_LARGE = _("sitereport-too-large", default="数值过大，请核对。")
TOO_LONG = _("sitereport-too-long", default="内容过长（最多200字）。")


class Days(colander.Decimal):
    """A number of days with at most one decimal."""

    def __init__(self):
        super().__init__(quant="0.1")

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None) or not str(cstruct).strip():
            return colander.null
        text = str(cstruct).strip()
        if not re.fullmatch(r"-?[0-9]{1,6}(\.[0-9])?", text):
            raise colander.Invalid(
                node,
                _(
                    "sitereport-not-days",
                    default="“${val}”不是有效的天数（最多一位小数）。",
                    mapping={"val": text},
                ),
            )
        return super().deserialize(node, text)


def value_node(field, name, title):
    """A node for a value of ``field``'s kind (optional: missing is None)."""
    if field.kind == COUNT:
        typ, validator = Count(), colander.Range(0, MAX_COUNT, NEGATIVE, TOO_LARGE)
        widget = deform.widget.TextInputWidget(css_class="site-report-count")
    elif field.kind == DAYS:
        typ = Days()
        validator = colander.Range(Decimal(0), Decimal(100000), NEGATIVE, TOO_LARGE)
        widget = deform.widget.TextInputWidget(css_class="site-report-count")
    elif field.kind == YESNO:
        typ = colander.String()
        validator = colander.OneOf(
            [YES, NO], msg_err=_("sitereport-yes-no", default="请选择“是”或“否”。")
        )
        widget = deform.widget.SelectWidget(values=[("", "— 请选择 —"), (YES, YES), (NO, NO)])
    else:
        typ, validator = colander.String(), colander.Length(max=MAX_TEXT, max_err=TOO_LONG)
        widget = deform.widget.TextInputWidget()
    return colander.SchemaNode(
        typ,
        name=name,
        title=title,
        validator=validator,
        widget=widget,
        missing=None,
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
    )


def section_validator(fields):
    def validate(node, value):
        error = colander.Invalid(node)
        for f in fields:
            if not f.generated:
                continue
            given = value.get(f.key + OVERRIDE) not in (None, "")
            reason = (value.get(f.key + REASON) or "").strip()
            if given and not reason:
                error[f.key + REASON] = _(
                    "sitereport-reason-required", default="修改系统统计值时须填写修改理由。"
                )
            if reason and not given:
                error[f.key + OVERRIDE] = _(
                    "sitereport-override-missing", default="填写了修改理由，但未填写修改后的数值。"
                )
        if error.children:
            raise error

    return validate


def report_schema():
    schema = Schema()
    for number, (title, fields) in enumerate(SECTIONS):
        section = colander.SchemaNode(
            colander.Mapping(),
            name=f"s{number}",
            title=title,
            validator=section_validator(fields),
        )
        for f in fields:
            if not f.generated:
                section.add(value_node(f, f.key, f.label))
                continue
            section.add(value_node(f, f.key + OVERRIDE, f"{f.label}（修改系统统计值）"))
            reason = value_node(f, f.key + REASON, f"{f.label}：修改理由")
            reason.typ = colander.String()
            reason.validator = colander.Length(max=MAX_TEXT, max_err=TOO_LONG)
            reason.widget = deform.widget.TextInputWidget()
            section.add(reason)
        schema.add(section)
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="column",
            title=_("sitereport-column", default="报表草稿存放栏目"),
            widget=column_widget,
            validator=column_validator,
            missing=column_missing,
            missing_msg=_("sitereport-choose-column", default="请选择存放报表草稿的栏目。"),
        )
    )
    return schema


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


def appstruct_to_input(appstruct):
    """``(values, overrides)`` for the store from the form's result."""
    values, overrides = {}, {}
    for number, (_title, fields) in enumerate(SECTIONS):
        data = appstruct[f"s{number}"]
        for f in fields:
            if not f.generated:
                if data.get(f.key) not in (None, ""):
                    values[f.key] = _plain(data[f.key])
            elif data.get(f.key + OVERRIDE) not in (None, ""):
                overrides[f.key] = {
                    "value": _plain(data[f.key + OVERRIDE]),
                    "reason": data[f.key + REASON].strip(),
                }
    return values, overrides


def input_to_appstruct(values, overrides):
    appstruct = {}
    for number, (_title, fields) in enumerate(SECTIONS):
        data = {}
        for f in fields:
            if not f.generated:
                if values.get(f.key) is not None:
                    data[f.key] = values[f.key]
            elif f.key in overrides:
                data[f.key + OVERRIDE] = overrides[f.key]["value"]
                data[f.key + REASON] = overrides[f.key]["reason"]
        appstruct[f"s{number}"] = data
    return appstruct


__all__ = ("report_schema", "appstruct_to_input", "input_to_appstruct", "TEXT")
