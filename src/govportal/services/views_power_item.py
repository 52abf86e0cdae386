"""The workspace's page of a 权力清单 item (``<item>/@@ws-item``): its
elements and flow chart, what publication still lacks, the workflow buttons
(送审, 审核通过 with four eyes and ``guide_complete``, 退回, 撤回, 停用, 恢复),
the review history and the lock; ``<item>/@@ws-transition`` runs a button.

The same shape as the guides' page (shared in :mod:`.item_pages`): transitions go
through the workflow engine, a refusal is shown on this page with the
guard's message and changes nothing; the lock views of
:mod:`govportal.locks` serve power items as they serve documents.
"""

from ..i18n import translate
from .flowchart import flowchart
from .item_pages import add_item_views, workflow_info
from .power import IPowerItem, linked_guides
from .vocabulary import ITEM_TYPES, title_of

ITEM_PT = "govportal.services:templates/power_item.pt"


def element_rows(item, request):
    """``[(title, text)]``: the item's elements as the page shows them."""
    return [
        ("事项名称", item.title),
        (
            "事项类型",
            translate(request, title_of(ITEM_TYPES, item.power_type)) if item.power_type else "",
        ),
        ("事项编码", item.item_code),
        ("设定依据", item.basis),
        ("责任单位", item.unit),
        ("追责情形", item.accountability),
        ("相关办事指南", "、".join(g.title for g in linked_guides(item))),
    ]


def item_info(context, request, comment="", errors=()):
    return {
        **workflow_info(context, request, comment, errors),
        "rows": element_rows(context, request),
        "chart": flowchart(context.flow, name="ws-flow", label=f"{context.title}运行流程图"),
    }


def includeme(config):
    add_item_views(config, IPowerItem, ITEM_PT, item_info)
