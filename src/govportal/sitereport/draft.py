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

from ..annualreport.draft import DraftLocked, recorded_draft, report_column, write_draft
from ..annualreport.sources import organ_columns, parse_markers
from .render import document_body
from .store import get_record

__all__ = ("DraftLocked", "site_column", "existing_draft", "save_draft")


def site_column(site, registry):
    """The column the site's report goes to, or None."""
    names = parse_markers(registry.settings["govportal.sitereport.column_names"])
    if names:
        for column, _trail in organ_columns(site):
            if column.__name__ in names:
                return column
    return report_column(site, registry)


def existing_draft(site, year):
    """The document generated before for ``year``, if it still exists."""
    return recorded_draft(site, get_record(site, year))


def save_draft(site, report, column, request):
    """Write ``report`` as the year's draft document; returns it."""
    fields = {
        "title": report.title,
        "body": document_body(report, request),
        "publisher": report.row("sponsor").text,
    }
    return write_draft(site, report.year, fields, column, request, get_record, "wzndbb")
