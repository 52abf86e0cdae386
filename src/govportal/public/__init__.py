"""The public face: portal, department, column and document pages.

Anonymous visitors see only what the workflow makes public: drafts and items
in review answer 404, archived items are readable at their URL with a
notice and left out of listings.
"""


def includeme(config):
    from .listing import add_gating_type, add_listed_type, add_listing_query

    # Other aspects list their published items in columns (e.g. 意见征集).
    config.add_directive("add_listed_type", add_listed_type)
    # Extra catalog queries OR'd into a container's listing (专题, govportal.topics).
    config.add_directive("add_listing_query", add_listing_query)
    # Container types whose non-public states hide their contents (专题).
    config.add_directive("add_gating_type", add_gating_type)
    config.include(".globals")
    config.scan(".views")
    config.scan(".catalogue")
    config.scan(".pages")
    config.scan(".feeds")
    config.scan(".errors")
