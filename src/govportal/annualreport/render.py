"""The report as HTML: the body of the report document and the printable page.

:func:`report_html` renders the six sections with the official tables
(``templates/report_body.pt``); the printable page wraps it with print
styles (``templates/print.pt``) and :func:`document_body` sanitises it for
a document's 正文, like anything an editor types.
"""

from pyramid.renderers import render

from ..content.richtext import sanitize_html

BODY_TEMPLATE = "govportal.annualreport:templates/report_body.pt"


def report_html(report, request):
    """The report's sections and tables as an HTML fragment."""
    return render(BODY_TEMPLATE, {"report": report}, request=request)


def document_body(report, request):
    """The report fragment as a document body: sanitised with nh3 (the
    tables keep their row and column spans)."""
    return sanitize_html(report_html(report, request))
