"""The report as a draft Document in the site's 年报 column.

The column is the one named by the setting ``govportal.sitereport.column_names``
(URL names, e.g. ``gzndbb``) when the site has it, else the site's 年报
column as the disclosure annual report finds it
(:func:`govportal.annualreport.draft.report_column`).

:func:`save_draft` creates the year's document in the initial state of the
document workflow, or updates the one generated before while it is still a
draft; once submitted or published it is never overwritten
(:class:`~govportal.annualreport.draft.DraftLocked`).  It then goes through
review (four eyes) like any document.
"""

from substanced.event import ObjectModified
from substanced.util import find_objectmap, get_oid

from ..annualreport.draft import DraftLocked, report_column
from ..annualreport.sources import organ_columns, parse_markers
from ..content.views import new_name
from ..workflow import get_state, get_workflow
from ..workflow.facts import initial_state
from .render import document_body
from .store import get_record

__all__ = ("DraftLocked", "site_column", "existing_draft", "save_draft")


def site_column(site, registry):
    """The column the site's report goes to, or None."""
    names = parse_markers(registry.settings.get("govportal.sitereport.column_names", ""))
    if names:
        for column, _trail in organ_columns(site):
            if column.__name__ in names:
                return column
    return report_column(site, registry)


def existing_draft(site, year):
    record = get_record(site, year)
    if record is None or record.draft_oid is None:
        return None
    objectmap = find_objectmap(site)
    document = objectmap.object_for(record.draft_oid) if objectmap is not None else None
    if document is None or getattr(document, "__parent__", None) is None:
        return None
    return document


def save_draft(site, report, column, request):
    """Write ``report`` as the year's draft document; returns it."""
    registry = request.registry
    fields = {
        "title": report.title,
        "body": document_body(report, request),
        "publisher": report.row("sponsor").text,
    }
    document = existing_draft(site, report.year)
    if document is not None:
        state = get_state(document, registry)
        if state != initial_state(registry, "Document"):
            workflow = get_workflow(document, registry)
            raise DraftLocked(document, workflow.state_title(state))
        for key, value in fields.items():
            setattr(document, key, value)
        registry.subscribers((ObjectModified(document), document), None)
        return document
    document = registry.content.create("Document", **fields)
    column[new_name(column, prefix=f"wzndbb-{report.year}-")] = document
    get_record(site, report.year, create=True).draft_oid = get_oid(document)
    return document
