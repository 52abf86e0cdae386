"""The report as HTML: the table with sources (staff page) and the document body."""

from pyramid.renderers import render

from ..content.richtext import sanitize_html
from .grids import report_grid

BODY_TEMPLATE = "govportal.sitereport:templates/report_body.pt"


def report_html(report, request, sources=False):
    """The report table; with ``sources`` each generated figure says where it
    comes from and an overridden one shows its reason."""
    return render(
        BODY_TEMPLATE,
        {"report": report, "grid": report_grid(report), "sources": sources},
        request=request,
    )


def document_body(report, request):
    """The table as a sanitised document body (no sources)."""
    return sanitize_html(report_html(report, request))
