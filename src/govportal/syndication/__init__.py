"""信息报送 (regulation 第五至七条): departments offer published items to the
news and notice columns of other sites (the portal's 要闻 and 部门动态);
the target site's reviewers accept or return them with a reason.

An accepted item is shown in the column *by reference*
(:mod:`govportal.catalog.placements`): :func:`.standing.placement_source` names
the target columns of a document's accepted offers and every step that
changes them reindexes the document in the same transaction, so the portal
lists the department's own record, filtered by its own state — a new
approval, a retraction or an archiving shows everywhere at once, and the
render cache (keyed by the last transaction) serves no stale page.

Offers are records (:mod:`.model`) whose states and steps are data
(``workflows/syndication.yaml``); pages in the workspace style
(:mod:`.views_offer`, :mod:`.views_review`), statistics (:mod:`.stats`),
mail (:mod:`.notify`).  The scorecards' 信息报送采用 figure reads
:func:`.stats.adoption_facts`.
"""

from .standing import placement_source


def includeme(config):
    config.add_placement_source(placement_source)
    config.include(".standing")
    config.scan(".")
