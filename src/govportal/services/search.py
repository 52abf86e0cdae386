"""Service guides in the site search (``/search``): a search source
(:mod:`govportal.search.sources`) reading every element of a guide as text.

The title is the record's title; 事项类型, 事项编码, 办理机构 and the themes
are its metadata; 设定依据, 受理条件, the materials, 办理地点, 收费, time
limits, phones, the process and the result are its body; blank forms and
examples (the guide's attachments) by their names (their text is the
guide's own).
Published (listed) guides are searchable, as the ``guide`` workflow says.
"""

from ..search.index import AttachmentText, DocRecord, signature_of
from ..search.sources import SearchSource
from .guide import IServiceGuide
from .vocabulary import (
    ITEM_TYPES,
    LIFE_EVENTS,
    MATERIAL_FORMS,
    THEMES,
    USER_TYPES,
    title_of,
)

#: Bump when what a record holds changes: every guide is then re-read.
GUIDE_RECORD_VERSION = 1


def _titles(vocabulary, codes):
    return "、".join(str(title_of(vocabulary, c)) for c in codes or ())


def guide_text(guide):
    """The body text of ``guide``: its elements, one per line."""
    lines = [
        f"设定依据：{guide.basis}",
        f"受理条件：{guide.conditions}",
    ]
    for m in guide.materials or ():
        form = title_of(MATERIAL_FORMS, m.get("form", ""))
        note = f"（{m['note']}）" if m.get("note") else ""
        lines.append(f"申请材料：{m.get('name', '')} {form} {m.get('count') or 1}份{note}")
    lines += [
        f"办理地点：{guide.location}",
        f"办理时间：{guide.hours}",
        f"收费标准：{guide.fee} {guide.fee_basis}",
        f"办理时限：法定{guide.legal_days}个工作日，承诺{guide.promised_days}个工作日",
        f"咨询电话：{guide.consult_phone}",
        f"监督投诉电话：{guide.supervise_phone}",
        f"服务对象：{_titles(USER_TYPES, guide.user_types)}",
        f"人生事件：{_titles(LIFE_EVENTS, guide.life_events)}",
    ]
    for step in guide.process or ():
        lines.append(f"办理流程：{step.get('title', '')} {step.get('description', '')}")
    if guide.result_name:
        lines.append(f"办理结果：{guide.result_name}")
    return "\n".join(line for line in lines if line)


def _meta(guide):
    from .catalog import lead_of
    from .sites import site_named, site_title

    site = site_named(_root(guide), lead_of(guide))
    return (
        ("事项类型", str(title_of(ITEM_TYPES, guide.item_type))),
        ("事项编码", guide.item_code or ""),
        ("办理机构", site_title(site) if site is not None and site.__parent__ else ""),
        ("主题", _titles(THEMES, guide.themes)),
    )


def _root(guide):
    from pyramid.traversal import find_root

    return find_root(guide)


class GuideSource(SearchSource):
    content_type = "ServiceGuide"
    iface = IServiceGuide

    def signature(self, guide, state):
        from substanced.util import get_oid

        from ..search.indexer import _serial

        attachments = tuple(
            (get_oid(a, 0), _serial(getattr(a, "blob", None)), a.title or "", a.filename or "")
            for a in guide.attachments()
        )
        return signature_of(
            (
                GUIDE_RECORD_VERSION,
                state,
                guide.title or "",
                guide_text(guide),
                _meta(guide),
                attachments,
            )
        )

    def record(self, guide, signature, previous=None):
        from substanced.util import get_oid

        from ..search.indexer import _serial

        # the blank forms and examples by their names only: their text is
        # the guide's own, and extracting it would slow the first search of
        # a new index (searches wait for it) for little gain
        attachments = tuple(
            AttachmentText(
                get_oid(att, 0),
                _serial(getattr(att, "blob", None)),
                att.title or att.filename or "",
                att.filename or "",
                "",
            )
            for att in guide.attachments()
        )
        return DocRecord(
            title=guide.title or "",
            meta=tuple((label, value) for label, value in _meta(guide) if value),
            body=guide_text(guide),
            attachments=attachments,
            publish_date=None,
            signature=signature,
        )


def includeme(config):
    config.add_search_source(GuideSource())
