"""The 互动交流 page of a site: ``<site>/@@interaction`` (the portal and
every department), also shown by a site's own column of kind
``interaction`` (the portal's ``hdjl``; view predicate
``interaction_hub``) with that column's sub-columns.

It shows the letter channels (links to ``@@write?channel=…``), the 智能问答
box (``@@ask``) and hot questions, the latest published letters
(``@@letters``), this year's letter statistics (``@@letter-stats``), the
open consultations, the surveys and the interviews (:mod:`.summary`), and
what the column itself publishes.
Nothing here writes; anonymous GETs (the render cache may keep them).
"""

from pyramid.renderers import render_to_response
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IColumn, IDepartment
from ...public.listing import children_of_type, published_in
from ..interviews.views_list import COLUMN_NAME as INTERVIEW_COLUMN
from ..interviews.views_list import holds_interviews
from . import summary

HUB_PT = "govportal.interaction.hub:templates/hub.pt"
KIND = "interaction"


def is_site(resource):
    return IRoot.providedBy(resource) or IDepartment.providedBy(resource)


class InteractionHubPredicate:
    """``interaction_hub=True``: a site's own column of kind ``interaction``
    (not the interviews' column, which lists interviews)."""

    def __init__(self, value, config):
        self.value = bool(value)

    def text(self):
        return f"interaction_hub = {self.value}"

    phash = text

    def __call__(self, context, request):
        hub = (
            getattr(context, "kind", None) == KIND
            and is_site(context.__parent__)
            and context.__name__ != INTERVIEW_COLUMN
            and not holds_interviews(context)
        )
        return hub == self.value


def hub_values(site, request, column=None):
    """Everything the page shows for ``site`` (``column``: the hub column
    whose sub-columns are listed; else the site's own)."""
    column = column if column is not None else _own_column(site, request)
    return {
        "hub_site": site,
        "heading": column.title if column is not None else "互动交流",
        "subcolumns": children_of_type(column, "Column", request) if column is not None else [],
        # what the column itself publishes (notices of the 互动交流 column)
        "items": published_in(column, limit=8) if column is not None else [],
        "channels": summary.channels(site, request),
        "ask_url": request.resource_url(site, "@@ask"),
        "write_url": request.resource_url(site, "@@write"),
        "letters_url": request.resource_url(site, "@@letters"),
        "track_url": request.resource_url(site, "@@letter-track"),
        "stats_url": request.resource_url(site, "@@letter-stats"),
        "letters": summary.latest_letters(site, request),
        "figures": summary.letter_figures(site, request),
        "consultations": summary.open_consultations(site, request),
        "surveys": summary.open_surveys(site, request),
        "interviews": summary.interviews(site, request),
        "hot": summary.hot_questions(site, request),
    }


def _own_column(site, request):
    """The site's visible 互动交流 column (by the catalog, not by loading
    every child of the site)."""
    for column in children_of_type(site, "Column", request):
        if getattr(column, "kind", None) == KIND:
            return column
    return None


@view_config(context=IRoot, name="interaction", permission="view", renderer=HUB_PT)
@view_config(context=IDepartment, name="interaction", permission="view", renderer=HUB_PT)
def interaction_view(context, request):
    return hub_values(context, request)


def hub_column_view(context, request):
    values = hub_values(context.__parent__, request, column=context)
    return render_to_response(HUB_PT, values, request=request)


def includeme(config):
    config.add_view_predicate("interaction_hub", InteractionHubPredicate)
    config.add_view(hub_column_view, context=IColumn, permission="view", interaction_hub=True)
    config.scan(".views")
