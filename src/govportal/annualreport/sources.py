"""Where the report's figures come from: the organ's documents and applications.

*Organs.*  A report is made by an organ: the county government (the portal
root, titled with the site's 合法名称) or a department.  The portal's own
content is everything under the root that is not inside a department.

*Table 二 from documents* (:func:`derive_proactive`).  The content model
knows 规章 and 行政规范性文件 only as documents in certain columns: a document
counts as a 行政规范性文件 when a column above it (within the organ) has a
title containing one of the ``govportal.annualreport.normative_markers``, or
its 主题分类 contains one; likewise 规章 with ``rule_markers``.  Only
documents that reached the public (state 已发布 or 已归档) count:

- 本年制发: 成文日期 (else 发布日期) in the year;
- 本年废止: 有效性 已废止 and repealed in the year — the date is the
  document's ``repealed_date`` when it has one, else the 成文日期 of the
  document that replaced it (替代文件); repealed documents with neither are
  counted in ``repealed_undated`` so the officer is told to check the figure;
- 现行有效 (at the end of the year): made by then, and 有效 — or 已修订 /
  已废止 / 已失效 with a known end date (as above) after the year.

Everything else of table 二 (decisions, fees) is entered by the officer;
the derived figures are only the form's starting values.

*Table 三 from applications* (:func:`application_records`): the adapter to
``govportal.applications`` turns the organ's applications into plain
:class:`~.aggregate.ApplicationRecord`.
"""

from datetime import date

from pyramid.traversal import find_root
from substanced.interfaces import IRoot
from substanced.util import find_objectmap

from ..content import IColumn, IDepartment, IDocument
from ..content.portal import site_setting
from ..i18n import _
from ..workflow import get_state
from ..workflow.facts import public_states
from .aggregate import ApplicationRecord, text
from .official import regulation_field


def find_organ(context):
    """The organ ``context`` belongs to: its department, else the portal root."""
    node = context
    while node is not None:
        if IDepartment.providedBy(node) or IRoot.providedBy(node):
            return node
        node = getattr(node, "__parent__", None)
    return find_root(context)


def organ_title(organ):
    """The organ's name as the report's title uses it."""
    if IDepartment.providedBy(organ):
        return organ.title or organ.__name__
    return site_setting(organ, "legal_name")


def organ_columns(organ):
    """Every column of ``organ`` (depth first, nested columns included), as
    ``(column, [titles of the columns from the organ down to it])``; the
    portal's list stops at its departments."""
    found = []

    def visit(container, trail):
        columns = [c for c in container.values() if IColumn.providedBy(c)]
        columns.sort(key=lambda c: (getattr(c, "position", 100), c.__name__))
        for column in columns:
            path = trail + [column.title or column.__name__]
            found.append((column, path))
            visit(column, path)

    visit(organ, [])
    return found


def parse_markers(value):
    """A setting of markers separated by spaces, commas or 、 as a tuple."""
    for sep in ("，", ",", "、"):
        value = value.replace(sep, " ")
    return tuple(m for m in value.split() if m)


def _matches(texts, markers):
    return any(marker in (text or "") for text in texts for marker in markers)


def _documents(column):
    for item in column.values():
        if IDocument.providedBy(item):
            yield item


def classify(doc, column_titles, markers):
    """The kind (``rules``, ``normative`` or None) of ``doc`` found in a
    column under ``column_titles``; ``markers`` maps kind -> markers."""
    texts = list(column_titles) + [getattr(doc, "topic", "")]
    for kind in ("rules", "normative"):
        if _matches(texts, markers[kind]):
            return kind
    return None


def made_on(doc):
    """The date a document was made: 成文日期, else 发布日期 (or None)."""
    return getattr(doc, "written_date", None) or getattr(doc, "publish_date", None)


def repealed_on(doc):
    """The date ``doc`` was repealed (or amended, or expired), as far as the
    content model records it:
    its ``repealed_date`` if it has one, else the date its replacement
    (替代文件, ``replaced_by``) was made; None when neither is known."""
    value = getattr(doc, "repealed_date", None)
    if isinstance(value, date):
        return value
    oid = getattr(doc, "replaced_by", None)
    objectmap = find_objectmap(doc) if oid is not None else None
    replacement = objectmap.object_for(oid) if objectmap is not None else None
    return made_on(replacement) if replacement is not None else None


def derive_proactive(organ, year, registry):
    """Table 二's 规章 / 行政规范性文件 figures of ``organ`` for ``year``.

    Returns a dict of form fields (``rules_issued`` …) plus
    ``repealed_undated``: repealed documents whose repeal date is unknown.
    """
    settings = registry.settings
    markers = {
        "rules": parse_markers(settings.get("govportal.annualreport.rule_markers", "")),
        "normative": parse_markers(settings.get("govportal.annualreport.normative_markers", "")),
    }
    result = {
        regulation_field(kind, measure): 0
        for kind in ("rules", "normative")
        for measure in ("issued", "repealed", "in_force")
    }
    result["repealed_undated"] = 0
    end = date(year, 12, 31)
    public = public_states(registry)
    for column, titles in organ_columns(organ):
        for doc in _documents(column):
            kind = classify(doc, titles, markers)
            if kind is None or get_state(doc, registry) not in public:
                continue
            made = made_on(doc)
            if made is not None and made.year == year:
                result[regulation_field(kind, "issued")] += 1
            validity = getattr(doc, "validity", "valid")
            ended = None if validity == "valid" else repealed_on(doc)
            if validity == "repealed":
                if ended is None:
                    result["repealed_undated"] += 1
                elif ended.year == year:
                    result[regulation_field(kind, "repealed")] += 1
            made_by_end = made is None or made <= end
            if made_by_end and (validity == "valid" or (ended is not None and ended > end)):
                result[regulation_field(kind, "in_force")] += 1
    return result


#: shown when the applications package cannot be used (table 三 is then empty)
NO_APPLICATIONS = _(
    "annualreport-no-applications", default="依申请公开模块不可用，表三未能统计申请数据。"
)


def application_records(organ, year, registry):
    """The organ's applications that table 三 of ``year`` involves, as
    :class:`~.aggregate.ApplicationRecord`, and notices for the officer.

    Adapter to ``govportal.applications.queries.applications_for``: an
    application counts from its registration date (登记, the receipt of
    第三十一条); its outcome and decision date come from its recorded
    decision.  Returns ``(records, notices)``.
    """
    try:
        from ..applications.queries import applications_for
    except ImportError:
        return [], [NO_APPLICATIONS]
    records = [
        ApplicationRecord(
            applicant_type=item.applicant_type,
            received=item.registered_on,
            outcome=item.outcome,
            decided=item.decided_on,
            ref=text(
                _(
                    "annualreport-application-ref",
                    default="申请 ${name}",
                    mapping={"name": item.name},
                )
            ),
        )
        for item in applications_for(organ, year, registry)
    ]
    return records, []
