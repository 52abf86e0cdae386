"""The workspace's page of a service guide (``<guide>/@@ws-item``): its
elements, what publication still lacks, the workflow buttons (送审, 审核通过
with four eyes and ``guide_complete``, 退回, 撤回, 停用, 恢复), the review
history and the lock; ``<guide>/@@ws-transition`` runs a button.

Transitions go through the workflow engine, so required comments, guards
and history apply as for documents; a refusal (a missing element, say) is
shown on this page with the guard's message and changes nothing.  The lock
views of :mod:`govportal.locks` serve guides as they serve documents.
"""

from ..i18n import translate
from .guide import IServiceGuide
from .item_pages import add_item_views, workflow_info
from .sites import site_named, site_title
from .vocabulary import (
    ITEM_TYPES,
    LIFE_EVENTS,
    MATERIAL_FORMS,
    ONLINE_MODES,
    THEMES,
    USER_TYPES,
    title_of,
)

ITEM_PT = "govportal.services:templates/guide_item.pt"


def _titles(request, vocabulary, chosen):
    return "、".join(translate(request, title_of(vocabulary, c)) for c in chosen)


def _site_name(request, key):
    site = site_named(request.root, key)
    return site_title(site) if site is not None else key


def _step(step):
    title, description = step.get("title", ""), step.get("description", "")
    return f"{title}：{description}" if description else title


def element_rows(guide, request):
    """``[(title, text or [lines])]``: the guide's elements as the page shows them."""
    t = lambda m: translate(request, m)  # noqa: E731
    materials = [
        "{name}（{form}，{count} 份，{required}）{note}".format(
            name=m.get("name", ""),
            form=t(title_of(MATERIAL_FORMS, m.get("form", ""))),
            count=m.get("count", 1),
            required="必须" if m.get("required") else "视情况提交",
            note=m.get("note", ""),
        )
        for m in guide.materials
    ]
    lead = guide.lead_department
    lead_text = _site_name(request, lead) if lead else "本单位"
    days = f"法定 {guide.legal_days} 个工作日，承诺 {guide.promised_days} 个工作日"
    online = t(title_of(ONLINE_MODES, guide.online_mode))
    online_here = guide.online_mode == "here"
    if guide.online_mode == "external" and guide.external_url:
        online = f"{online}：{guide.external_url}"
    return [
        ("事项类型", t(title_of(ITEM_TYPES, guide.item_type)) if guide.item_type else ""),
        ("事项编码", guide.item_code),
        ("设定依据", guide.basis),
        ("受理条件", guide.conditions),
        ("申请材料", materials),
        ("办理地点", guide.location),
        ("办理机构", lead_text),
        ("协办部门", "、".join(_site_name(request, d) for d in guide.co_departments)),
        ("收费标准", guide.fee),
        ("收费依据", guide.fee_basis),
        ("办理时限", days),
        ("办理时间", guide.hours),
        ("咨询电话", guide.consult_phone),
        ("监督投诉电话", guide.supervise_phone),
        ("办理流程", [_step(s) for s in guide.process]),
        ("服务主题", _titles(request, THEMES, guide.themes)),
        ("服务对象", _titles(request, USER_TYPES, guide.user_types)),
        ("人生事件", _titles(request, LIFE_EVENTS, guide.life_events)),
        ("在线办理", online),
        *([("在线申请表单", f"{len(guide.form_fields)} 个字段")] if online_here else []),
        ("办理结果", guide.result_name),
        ("办理结果证明", "办结后提供下载" if guide.certificate else "不提供"),
    ]


def item_info(context, request, comment="", errors=()):
    return {
        **workflow_info(context, request, comment, errors),
        "online_here": context.online_mode == "here",
        "rows": element_rows(context, request),
        "attachments": context.attachments(),
    }


def includeme(config):
    add_item_views(config, IServiceGuide, ITEM_PT, item_info)
