"""The interviews' column (在线访谈, the portal's ``hdjl/zxft``): upcoming
and live interviews first, then the archive of past ones (newest first,
paged), each a page of its site.

A column of kind ``interaction`` named ``zxft`` or holding interviews shows
this page (view predicate ``interview_column``); staff who may add content
there get the link to a new interview.
"""

from pyramid.renderers import render_to_response
from substanced.util import find_catalog

from ...content import IColumn
from ...public.listing import PAGE_SIZE, page_number, published_page
from .model import CLOSED
from .views_public import _when

LIST_PT = "govportal.interaction.interviews:templates/list.pt"
COLUMN_NAME = "zxft"
KIND = "interaction"


def holds_interviews(column):
    system = find_catalog(column, "system")
    if system is None:
        return False
    query = system["content_type"].eq("Interview") & system["path"].eq(
        column, depth=1, include_origin=False
    )
    return len(query.execute()) > 0


class InterviewColumnPredicate:
    """``interview_column=True``: an interaction column for interviews."""

    def __init__(self, value, config):
        self.value = bool(value)

    def text(self):
        return f"interview_column = {self.value}"

    phash = text

    def __call__(self, context, request):
        if getattr(context, "kind", None) != KIND:
            return not self.value
        matches = context.__name__ == COLUMN_NAME or holds_interviews(context)
        return matches == self.value


def row(interview, request):
    return {
        "url": request.resource_url(interview),
        "title": interview.title,
        "when": _when(interview),
        "guests": interview.guests_text(),
        "status": interview.status(),
        "status_title": interview.status_title(),
    }


def published_interviews(column, start=0, limit=PAGE_SIZE):
    return published_page(column, start=start, limit=limit, types=("Interview",))


def interview_column_view(context, request):
    every, _total = published_interviews(context, limit=10_000)
    coming = [i for i in every if i.status() != CLOSED]
    coming.sort(key=lambda i: i.starts_at)
    past = [i for i in every if i.status() == CLOSED]
    past.sort(key=lambda i: i.starts_at, reverse=True)
    number = page_number(request)
    pages = max(1, -(-len(past) // PAGE_SIZE))
    number = min(number, pages)
    shown = past[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    values = {
        "coming": [row(i, request) for i in coming],
        "past": [row(i, request) for i in shown],
        "total": len(past),
        "page": number,
        "pages": pages,
        "can_add": request.has_permission("add_content", context),
    }
    return render_to_response(LIST_PT, values, request=request)


def includeme(config):
    config.add_view_predicate("interview_column", InterviewColumnPredicate)
    config.add_view(
        interview_column_view, context=IColumn, permission="view", interview_column=True
    )
