"""The ``govportal`` catalog: workflow state, department and dates of content.

Substance D's ``system`` catalog indexes paths, content types and ACLs; this
catalog adds what listings need.  The state index is refreshed after every
transition (Substance D only reindexes on ``ObjectModified``).
"""

from datetime import UTC

from substanced.catalog import Field, Keyword, catalog_factory, indexview, indexview_defaults
from substanced.util import find_catalogs, get_oid

from ..workflow import get_state
from ..workflow.events import IContentTransitioned

CATALOG_NAME = "govportal"


@catalog_factory(CATALOG_NAME)
class GovportalIndexes:
    state = Field()
    department = Field()
    publish_date = Field()
    topic = Field()
    publisher = Field()
    year = Field()
    # 定时发布时间 / 定时下线时间 (govportal.schedule finds due items with them)
    effective_date = Field()
    expiry_date = Field()
    # who created or last edited an item (user oids as text): 我的稿件
    editors = Keyword()
    # containers an item is shown in by reference (信息报送, 专题): .placements
    placed_in = Keyword()


@indexview_defaults(catalog_name=CATALOG_NAME)
class GovportalIndexViews:
    def __init__(self, resource):
        self.resource = resource

    @indexview()
    def editors(self, default):
        people = {getattr(self.resource, name, None) for name in ("creator", "last_editor")}
        people = sorted(str(p) for p in people if p is not None)
        return people or default

    @indexview()
    def placed_in(self, default):
        from .placements import placements_of

        return placements_of(self.resource) or default

    @indexview()
    def state(self, default):
        from pyramid.threadlocal import get_current_registry

        state = get_state(self.resource, get_current_registry())
        return default if state is None else state

    @indexview()
    def department(self, default):
        from ..content import find_department

        dept = find_department(self.resource)
        return default if dept is None else dept.__name__

    @indexview()
    def publish_date(self, default):
        value = getattr(self.resource, "publish_date", None)
        return default if value is None else value

    @indexview()
    def topic(self, default):
        return getattr(self.resource, "topic", None) or default

    @indexview()
    def publisher(self, default):
        return getattr(self.resource, "publisher", None) or default

    @indexview()
    def year(self, default):
        value = getattr(self.resource, "publish_date", None)
        return default if value is None else value.year

    @indexview()
    def effective_date(self, default):
        value = getattr(self.resource, "effective_date", None)
        return default if value is None else value.astimezone(UTC)

    @indexview()
    def expiry_date(self, default):
        value = getattr(self.resource, "expiry_date", None)
        return default if value is None else value.astimezone(UTC)


def reindex_after_transition(event):
    """Substance D does not reindex after a transition; state is indexed here."""
    content = event.content
    oid = get_oid(content, None)
    if oid is None:
        return
    for catalog in find_catalogs(content):
        catalog.reindex_resource(content, oid=oid)


def ensure_catalog(root):
    """Create the govportal catalog in the root's catalogs service if absent."""
    catalogs = root["catalogs"]
    if CATALOG_NAME not in catalogs:
        catalogs.add_catalog(CATALOG_NAME)
    return catalogs[CATALOG_NAME]


def includeme(config):
    config.include(".placements")
    config.add_subscriber(reindex_after_transition, IContentTransitioned)
    config.scan(".")
