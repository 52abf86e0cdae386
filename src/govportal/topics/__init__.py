"""专题专栏: special topics of the portal.

A special topic (:mod:`.model`, workflow ``workflows/specialtopic.yaml``)
gathers items of several departments under its own banner and columns —
BY REFERENCE (:mod:`.picks`: a placement source of
:mod:`govportal.catalog.placements`) and BY CATALOGUE QUERY (:mod:`.queries`:
a listing query of :mod:`govportal.public.listing`) — so its column pages,
feeds and paging are the ordinary column views and an item's retraction
removes it everywhere at once.  Closed topics are archived: still public,
marked 已归档.  Public pages: :mod:`.public`; staff pages:
:mod:`.staff_topics`, :mod:`.staff_columns`; figures for the annual report:
:mod:`.figures`.
"""

from pyramid.events import BeforeRender, ContextFound

from ..content import IColumn


def includeme(config):
    from substanced.interfaces import IObjectWillBeRemoved
    from zope.interface import Interface

    from ..workflow.events import IContentTransitioned
    from .model import CONTENT_TYPE, stamp_transition
    from .picks import drop_picks_of_removed, picked_into
    from .public import add_page_values, hide_inside_unseen_topic
    from .queries import listing_query

    config.add_placement_source(picked_into)
    # whatever is inside a topic the public may not see stays out of every
    # public listing, feed, sitemap, search result and the API
    config.add_gating_type(CONTENT_TYPE)
    config.add_listing_query(IColumn, listing_query)
    config.add_subscriber(hide_inside_unseen_topic, ContextFound)
    config.add_subscriber(drop_picks_of_removed, [IObjectWillBeRemoved, Interface, Interface])
    config.add_subscriber(add_page_values, BeforeRender)
    config.add_subscriber(stamp_transition, IContentTransitioned)
    config.scan(".model")
    config.scan(".public")
    config.scan(".staff_topics")
    config.scan(".staff_columns")
