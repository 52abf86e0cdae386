"""The colander schema of a consultation (意见征集), as the workspace form
edits it (the adoption report's form is :mod:`.views_report`).

The draft's body is rich text sanitised as documents' bodies are
(:func:`govportal.content.richtext.sanitize_html`); dates are site-time-zone
days, the closing day not before the opening day.
"""

import colander
import deform.widget

from ...content.richtext import sanitize_html
from ...i18n import _
from ..schemanodes import days_in_order, text_node, title_node
from .model import SHOW_MODES

FIELDS = ("title", "summary", "body", "opens_on", "closes_on", "contact", "show_comments")


class ConsultationSchema(colander.MappingSchema):
    title = title_node(_("consultation-f-title", default="标题"))
    summary = text_node(
        _("consultation-f-summary", default="征集说明"),
        2000,
        rows=4,
        description=_(
            "consultation-f-summary-help",
            default="起草背景、征集的事项和希望听取意见的重点。",
        ),
    )
    body = colander.SchemaNode(
        colander.String(),
        title=_("consultation-f-body", default="草案全文"),
        widget=deform.widget.RichTextWidget(delayed_load=False),
        preparer=sanitize_html,
        validator=colander.Length(max=2_000_000),
        missing="",
    )
    opens_on = colander.SchemaNode(
        colander.Date(), title=_("consultation-f-opens", default="征集开始日期")
    )
    closes_on = colander.SchemaNode(
        colander.Date(),
        title=_("consultation-f-closes", default="征集截止日期"),
        description=_(
            "consultation-f-closes-help",
            default="含当日；截止后不再接收意见，并应及时公布采纳情况。",
        ),
    )
    contact = text_node(
        _("consultation-f-contact", default="联系方式"),
        500,
        rows=2,
        description=_(
            "consultation-f-contact-help",
            default="起草单位、联系电话、通信地址或电子邮箱（公开显示）。",
        ),
    )
    show_comments = colander.SchemaNode(
        colander.String(),
        title=_("consultation-f-show", default="意见是否公开显示"),
        widget=deform.widget.RadioChoiceWidget(values=SHOW_MODES),
        validator=colander.OneOf([code for code, _title in SHOW_MODES]),
        default="moderated",
    )


def consultation_schema():
    message = _("consultation-dates", default="截止日期不能早于开始日期。")
    return ConsultationSchema(validator=days_in_order("opens_on", "closes_on", message))
