"""Running every check on one item, and keeping the latest report on it."""

import re

from pyramid.threadlocal import get_current_registry

from ..i18n import _
from ..search.extract import CELL, PARA
from .attachments import attachments_of, extraction_of_attachment
from .findings import (
    BODY,
    KIND_TITLES,
    OVERRIDABLE_KINDS,
    TITLE,
    UNCHECKABLE,
    Finding,
    Report,
    context_of,
    render,
)
from .markup import body_context, body_personal_data, external_links
from .overrides import overridden_keys
from .personal import find_personal_data, labelled_cells, mask
from .words import get_word_lists

#: The attribute holding the summary of the latest report (a plain dict).
REPORT_ATTR = "check_report"


def personal_findings(text, where, where_title="", context=context_of, request=None, spans=None):
    """Findings of personal data in ``text`` (the text of ``where``);
    ``spans`` if the caller found them already (a body's tables)."""
    findings = []
    for kind, start, end in find_personal_data(text) if spans is None else spans:
        matched = text[start:end]
        masked = mask(kind, matched)
        findings.append(
            Finding(
                kind=kind,
                text=matched,
                start=start,
                end=end,
                where=where,
                where_title=where_title,
                masked=masked,
                context=context(text, start, end, masked),
                message=render(
                    _(
                        "checks-personal",
                        default="${kind}：发布前须遮盖为 ${masked}，或由审核员填写理由后放行。",
                        mapping={"kind": render(KIND_TITLES[kind], request), "masked": masked},
                    ),
                    request,
                ),
            )
        )
    return findings


def scan_text(
    text,
    where,
    where_title="",
    request=None,
    registry=None,
    context=context_of,
    resource=None,
    spans=None,
):
    """Personal data and word-list findings in ``text`` (of ``resource``,
    whose site's word lists apply)."""
    registry = registry or (request.registry if request is not None else get_current_registry())
    lists = get_word_lists(registry, resource)
    findings = personal_findings(text, where, where_title, context, request, spans)
    findings.extend(lists.scan(text, where, where_title, request=request, context=context))
    return findings


def run_checks(content, request=None):
    """Run every pre-publication check on ``content``; return a :class:`Report`.

    Looks at the title, the rich-text ``body`` (its text, and its links to
    sites outside ``.gov.cn``) and the text of every attachment
    (``content.attachments()``; its title or file name is checked for
    personal data too), in that order.  Overrides recorded on the
    item are taken into account by :attr:`Report.blocking`.
    """
    registry = request.registry if request is not None else get_current_registry()
    findings = []
    title = getattr(content, "title", "") or ""
    findings.extend(scan_text(title, TITLE, request=request, registry=registry, resource=content))
    body = getattr(content, "body", "") or ""
    text, spans = body_personal_data(body)
    findings.extend(
        scan_text(
            text,
            BODY,
            request=request,
            registry=registry,
            context=body_context,
            resource=content,
            spans=spans,
        )
    )
    findings.extend(external_links(body, request))
    for attachment in attachments_of(content):
        label = getattr(attachment, "title", "") or getattr(attachment, "filename", "")
        where = attachment.__name__
        findings.extend(personal_findings(label, where, label, request=request))
        extraction = extraction_of_attachment(attachment)
        if not extraction.ok:
            findings.append(uncheckable_finding(where, label, extraction.reason, request))
            continue
        findings.extend(
            scan_text(
                extraction.text,
                where,
                label,
                request=request,
                registry=registry,
                resource=content,
                spans=attachment_personal_data(extraction.text),
            )
        )
    return Report(findings, overridden_keys(content))


def attachment_rows(text):
    """The tables of an attachment's extracted text: lists of consecutive
    rows (paragraphs with cells apart, :data:`~govportal.search.extract.CELL`),
    each a list of ``(text, start, end)`` cells."""
    tables = []
    rows = []
    position = 0
    for paragraph in _PARAGRAPHS.split(text):
        if CELL in paragraph:
            cells = []
            start = position
            for cell in paragraph.split(CELL):
                cells.append((cell, start, start + len(cell)))
                start += len(cell) + len(CELL)
            rows.append(cells)
        elif rows:
            tables.append(rows)
            rows = []
        position += len(paragraph) + 1
    if rows:
        tables.append(rows)
    return tables


_PARAGRAPHS = re.compile(f"[{PARA}\n]")


def attachment_personal_data(text):
    """Personal data in an attachment's text, with names and addresses in
    the columns under a label header of its tables."""
    extra = []
    for rows in attachment_rows(text):
        extra.extend(labelled_cells(rows))
    return find_personal_data(text, extra)


#: Why an attachment could not be checked, by the sandbox's reason code.
UNCHECKABLE_REASONS = {
    "bomb": _(
        "checks-uncheckable-bomb",
        default="解压后过大或压缩比异常（疑似压缩炸弹），未予解析",
    ),
    "timeout": _("checks-uncheckable-timeout", default="提取文字超时"),
    "memory": _("checks-uncheckable-memory", default="提取文字所需内存超出上限"),
    "unreadable": _("checks-uncheckable-unreadable", default="文件已损坏或无法读取"),
    "format": _(
        "checks-uncheckable-format",
        default="无法读取该格式的文字（旧版 Word、PowerPoint 或 WPS 文件，"
        "或压缩包中含有此类文件、加密文件、多层压缩包），请转换为 PDF、DOCX 或 XLSX 后重新上传",
    ),
}


def uncheckable_finding(where, label, reason, request=None):
    """The blocking finding of an attachment whose text could not be read
    within the extraction limits (不能检查): a reviewer must decide."""
    why = render(UNCHECKABLE_REASONS.get(reason, UNCHECKABLE_REASONS["unreadable"]), request)
    shown = render(
        _("checks-uncheckable-which", default="无法检查的附件：${why}", mapping={"why": why}),
        request,
    )
    return Finding(
        kind=UNCHECKABLE,
        # the override key: this attachment, for this reason
        text=f"{where}:{reason}",
        start=0,
        end=0,
        where=where,
        where_title=label,
        masked=shown,
        context=shown,
        message=render(
            _(
                "checks-uncheckable",
                default="附件“${label}”不能检查（${why}），其中是否含有个人信息无法确认；"
                "须由审核员查看附件后填写理由放行，或删除、替换该附件。",
                mapping={"label": label, "why": why},
            ),
            request,
        ),
    )


def store_report(content, report):
    """Keep ``report``'s summary on ``content`` (``content.check_report``)."""
    setattr(content, REPORT_ATTR, report.summary())


def get_report_summary(content):
    """The summary of the latest stored report of ``content``, or None."""
    return getattr(content, REPORT_ATTR, None)


def blocking_message(report, request=None):
    """A Chinese sentence counting the blocking findings by kind, with the way out.

    E.g. “发现2处身份证号码、1处敏感词，请先遮盖或由审核员填写理由后放行；敏感词须删除。”
    Returns None when nothing blocks.
    """
    blocking = report.blocking
    if not blocking:
        return None
    counts = report.counts(blocking)
    parts = [
        render(
            _(
                "checks-count",
                default="${count}处${kind}",
                mapping={"count": n, "kind": render(KIND_TITLES[kind], request)},
            ),
            request,
        )
        for kind, n in counts.items()
    ]
    personal = any(kind in OVERRIDABLE_KINDS for kind in counts)
    words = any(kind not in OVERRIDABLE_KINDS for kind in counts)
    if personal and words:
        advice = _(
            "checks-advice-both",
            default="请先遮盖个人信息或由审核员填写理由后放行，并删除禁止发布的词语",
        )
    elif personal:
        advice = _("checks-advice-personal", default="请先遮盖或由审核员填写理由后放行")
    else:
        advice = _("checks-advice-words", default="请删除禁止发布的词语后再审核")
    message = _(
        "checks-blocked",
        default="发现${counts}，${advice}。",
        mapping={"counts": "、".join(parts), "advice": render(advice, request)},
    )
    uncheckable = [f for f in blocking if f.kind == UNCHECKABLE]
    if not uncheckable:
        return message
    # say which attachments and why, to the editor and the reviewer alike
    which = "；".join(f"{f.where_title}（{f.masked.split('：', 1)[-1]}）" for f in uncheckable)
    return _(
        "checks-blocked-uncheckable",
        default="${message}无法检查的附件：${which}。",
        mapping={"message": render(message, request), "which": which},
    )
