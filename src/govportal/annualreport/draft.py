"""The report as a draft document in the organ's 政府信息公开年报 column.

:func:`report_column` finds that column by URL name (setting
``govportal.annualreport.column_names``, by default ``xxgknb``, the name
:mod:`govportal.disclosure.columns` gives it on every site) or by title
(``govportal.annualreport.column_titles``); when an organ has none, the
officer chooses one of its columns in the form (:func:`column_choices`).

:func:`save_draft` writes the report as a Document in state 草稿: a new one,
or — when the draft generated before for that year still exists and is
still a draft — that one, updated.  Once the draft has been submitted or
published it is never overwritten (:class:`DraftLocked`); it then goes
through the document workflow like any other item: an editor submits it, a
reviewer other than its last editor approves it (four eyes).
"""

from substanced.event import ObjectModified
from substanced.util import find_objectmap, get_oid

from ..content.views import new_name
from ..workflow import get_state, get_workflow
from ..workflow.facts import initial_state
from .render import document_body
from .sources import organ_columns, parse_markers
from .store import get_record


class DraftLocked(Exception):
    """The year's report document has left the draft state; ``document``."""

    def __init__(self, document, state_title):
        self.document = document
        self.state_title = state_title
        super().__init__(state_title)


def report_column(organ, registry):
    """The organ's 政府信息公开年报 column, or None."""
    settings = registry.settings
    titles = parse_markers(settings.get("govportal.annualreport.column_titles", ""))
    names = parse_markers(settings.get("govportal.annualreport.column_names", ""))
    for column, _trail in organ_columns(organ):
        if column.__name__ in names or (column.title or "").strip() in titles:
            return column
    return None


def column_choices(organ):
    """``[(oid as text, title path), ...]`` of every column of ``organ``."""
    return [(str(get_oid(column)), " / ".join(trail)) for column, trail in organ_columns(organ)]


def column_by_choice(organ, value):
    """The organ's column whose oid is ``value`` (a form choice), or None."""
    for column, _trail in organ_columns(organ):
        if str(get_oid(column)) == value:
            return column
    return None


def recorded_draft(organ, record):
    """The document whose oid ``record`` keeps, if it still exists."""
    if record is None or record.draft_oid is None:
        return None
    objectmap = find_objectmap(organ)
    document = objectmap.object_for(record.draft_oid) if objectmap is not None else None
    if document is None or getattr(document, "__parent__", None) is None:
        return None
    return document


def existing_draft(organ, year):
    """The document generated before for ``year``, if it still exists."""
    return recorded_draft(organ, get_record(organ, year))


def write_draft(organ, year, fields, column, request, record_of, prefix):
    """Create or update the draft document of ``year`` with ``fields``.

    Shared with :mod:`govportal.sitereport.draft`: ``record_of(organ, year,
    create=False)`` is the report's per-year store, which keeps the draft's
    oid; a new document is named ``<prefix>-<year>-…`` in ``column``.
    Raises :class:`DraftLocked` when the year's document exists and is no
    longer a draft (nothing is changed then).
    """
    registry = request.registry
    document = recorded_draft(organ, record_of(organ, year))
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
    column[new_name(column, prefix=f"{prefix}-{year}-")] = document
    record_of(organ, year, create=True).draft_oid = get_oid(document)
    return document


def save_draft(organ, report, column, request):
    """Write ``report`` as the year's draft document; returns it.

    Raises :class:`DraftLocked` when the year's document exists and is no
    longer a draft (nothing is changed then).
    """
    fields = {
        "title": report.title,
        "body": document_body(report, request),
        "publisher": report.organ_title,
    }
    return write_draft(organ, report.year, fields, column, request, get_record, "ndbg")
