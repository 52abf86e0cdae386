"""The form in which the officer enters what the data cannot give.

Three groups: table 二's figures (规章 / 行政规范性文件 start from the counts
derived from documents; decisions and fees are entered), table 四 (each
group's 总计 must equal its four other columns) and the texts of sections
一 (required), 五 (required) and 六.  A fourth field chooses the column the
draft goes to; it is required only when generating the draft (bind with
``generating=True``).  Bind ``columns``: ``[(value, title), ...]``.

:func:`appstruct_to_values` and :func:`values_to_appstruct` convert between
the form's nested structure and the flat values stored in a
:class:`~.store.ReportRecord`.
"""

import re
from decimal import Decimal

import colander
import deform.widget
from substanced.schema import Schema

from ..i18n import _
from .official import (
    DECISION_BLOCKS,
    LITIGATION_FIELDS,
    LITIGATION_GROUPS,
    LITIGATION_MEASURES,
    LITIGATION_TITLE,
    PROACTIVE_FIELDS,
    REGULATION_MEASURES,
    REGULATION_ROWS,
    TEXT_FIELDS,
    litigation_field,
    regulation_field,
)

#: the largest count and fee amount accepted (a typo guard, not a statute)
MAX_COUNT = 10_000_000
MAX_FEES = Decimal("100000000")
MAX_TEXT = 20_000

REQUIRED = _("annualreport-required", default="请填写此项。")


class Count(colander.Integer):
    """A whole number written in ASCII digits (a minus sign is left to the
    range check), with a Chinese message for anything else."""

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None) or not str(cstruct).strip():
            return colander.null
        text = str(cstruct).strip()
        if not re.fullmatch(r"-?[0-9]{1,12}", text):
            raise colander.Invalid(
                node,
                _("annualreport-not-integer", default="“${val}”不是整数。", mapping={"val": text}),
            )
        return int(text)


class Amount(colander.Decimal):
    """An amount in 万元 (up to four decimals), with a Chinese message for
    anything else."""

    def __init__(self):
        super().__init__(quant="0.0001")

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None) or not str(cstruct).strip():
            return colander.null
        text = str(cstruct).strip()
        if not re.fullmatch(r"-?[0-9]{1,12}(\.[0-9]{1,4})?", text):
            raise colander.Invalid(
                node,
                _(
                    "annualreport-not-amount",
                    default="“${val}”不是有效的金额（单位：万元，最多四位小数）。",
                    mapping={"val": text},
                ),
            )
        return super().deserialize(node, text)


def count_node(name, title, description=None):
    return colander.SchemaNode(
        Count(),
        name=name,
        title=title,
        description=description,
        missing_msg=REQUIRED,
        validator=colander.Range(
            min=0,
            max=MAX_COUNT,
            min_err=_("annualreport-negative", default="不能为负数。"),
            max_err=_("annualreport-too-large", default="数值过大，请核对。"),
        ),
        widget=deform.widget.TextInputWidget(css_class="annual-count"),
    )


def proactive_schema():
    node = colander.SchemaNode(
        colander.Mapping(),
        name="proactive",
        title=_("annualreport-section-2", default="二、主动公开政府信息情况"),
        description=_(
            "annualreport-section-2-help",
            default="规章、行政规范性文件的件数已按本站文件预先统计，请核对后修改；"
            "行政许可、行政处罚、行政强制和行政事业性收费请据实填写。",
        ),
    )
    for row, row_title in REGULATION_ROWS:
        for measure, measure_title in REGULATION_MEASURES:
            node.add(count_node(regulation_field(row, measure), f"{row_title}：{measure_title}"))
    for _article, heading, items in DECISION_BLOCKS:
        for field, title in items:
            if field == "fees":
                node.add(
                    colander.SchemaNode(
                        Amount(),
                        name=field,
                        title=f"{title}：{heading}",
                        missing_msg=REQUIRED,
                        validator=colander.Range(
                            min=Decimal(0),
                            max=MAX_FEES,
                            min_err=_("annualreport-negative", default="不能为负数。"),
                            max_err=_("annualreport-too-large", default="数值过大，请核对。"),
                        ),
                    )
                )
            else:
                node.add(count_node(field, f"{title}：{heading}"))
    return node


def litigation_validator(node, value):
    """Each group's 总计 equals the sum of its four other columns."""
    error = colander.Invalid(node)
    for group, title in LITIGATION_GROUPS:
        parts = [value[litigation_field(group, m)] for m, _t in LITIGATION_MEASURES[:-1]]
        total = value[litigation_field(group, "total")]
        if total != sum(parts):
            error[litigation_field(group, "total")] = _(
                "annualreport-total-mismatch",
                default="${group}的总计（${total}）应等于结果维持、结果纠正、其他结果、"
                "尚未审结之和（${sum}）。",
                mapping={"group": title, "total": total, "sum": sum(parts)},
            )
    if error.children:
        raise error


def litigation_schema():
    node = colander.SchemaNode(
        colander.Mapping(),
        name="litigation",
        title=_("annualreport-section-4", default="四、政府信息公开行政复议、行政诉讼情况"),
        validator=litigation_validator,
    )
    for group, title in LITIGATION_GROUPS:
        prefix = title if group == "review" else f"{LITIGATION_TITLE}（{title}）"
        for measure, measure_title in LITIGATION_MEASURES:
            node.add(count_node(litigation_field(group, measure), f"{prefix}：{measure_title}"))
    return node


TEXT_TITLES = {
    "overview": _("annualreport-section-1", default="一、总体情况"),
    "problems": _("annualreport-section-5", default="五、存在的主要问题及改进情况"),
    "other_matters": _("annualreport-section-6", default="六、其他需要报告的事项"),
}


def texts_schema():
    node = colander.SchemaNode(
        colander.Mapping(),
        name="texts",
        title=_("annualreport-texts", default="文字部分"),
        description=_(
            "annualreport-texts-help",
            default="每段一行。第六部分可写明依据《政府信息公开信息处理费管理办法》"
            "收取信息处理费的情况等；没有可留空。",
        ),
    )
    for field, _number in TEXT_FIELDS:
        required = field != "other_matters"
        node.add(
            colander.SchemaNode(
                colander.String(),
                name=field,
                title=TEXT_TITLES[field],
                widget=deform.widget.TextAreaWidget(rows=6 if required else 3),
                preparer=lambda v: v.strip() if isinstance(v, str) else v,
                validator=colander.Length(
                    max=MAX_TEXT,
                    max_err=_("annualreport-text-too-long", default="内容过长（最多20000字）。"),
                ),
                missing=colander.required if required else "",
                missing_msg=REQUIRED,
            )
        )
    return node


@colander.deferred
def column_widget(node, kw):
    choices = [("", "— 请选择 —")] + list(kw.get("columns", ()))
    return deform.widget.SelectWidget(values=choices)


@colander.deferred
def column_validator(node, kw):
    return colander.OneOf(
        [value for value, _t in kw.get("columns", ())],
        msg_err=_("annualreport-bad-column", default="请选择本站的栏目。"),
    )


@colander.deferred
def column_missing(node, kw):
    return colander.required if kw.get("generating") else ""


def report_schema():
    """The whole form (unbound); Substance D's ``Schema`` adds the CSRF token."""
    schema = Schema()
    schema.add(proactive_schema())
    schema.add(litigation_schema())
    schema.add(texts_schema())
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="column",
            title=_("annualreport-column", default="年报草稿存放栏目"),
            description=_(
                "annualreport-column-help",
                default="生成的年报草稿保存在此栏目中，经送审、审核通过后发布。",
            ),
            widget=column_widget,
            validator=column_validator,
            missing=column_missing,
            missing_msg=_("annualreport-choose-column", default="请选择存放年报草稿的栏目。"),
        )
    )
    return schema


def appstruct_to_values(appstruct):
    """The form's result as the flat values a report stores."""
    values = {}
    for group in ("proactive", "litigation", "texts"):
        values.update(appstruct[group])
    return values


def values_to_appstruct(values):
    """Stored (or derived) values as the form's nested structure; figures
    never entered are left out, so their fields show empty."""

    def pick(names):
        return {n: values[n] for n in names if values.get(n) is not None}

    return {
        "proactive": pick(PROACTIVE_FIELDS),
        "litigation": pick(LITIGATION_FIELDS),
        "texts": pick([f for f, _n in TEXT_FIELDS]),
    }
