"""互动交流 items in their columns: consultations, adoption reports, surveys,
interviews and knowledge entries are listed beside documents (column pages,
feeds, the sitemap) once published, newest first by 发布日期, which is set
here at their first publication (as documents get theirs)."""

from .. import sitetime
from ..workflow.events import IContentTransitioned
from ..workflow.facts import published_by

#: The content types of ``workflows/participation.yaml`` listed in columns.
LISTED_TYPES = ("Consultation", "AdoptionReport", "Survey", "Interview", "KnowledgeEntry")


def set_publish_date(event):
    """Fill in ``publish_date`` (site date) when an item is first published."""
    item = event.content
    registry = event.request.registry if getattr(event, "request", None) else None
    if registry is None:
        from pyramid.threadlocal import get_current_registry

        registry = get_current_registry()
    if registry.content.typeof(item) not in LISTED_TYPES or not published_by(event):
        return
    if not getattr(item, "publish_date", None):
        item.publish_date = sitetime.today(registry)


def includeme(config):
    for content_type in LISTED_TYPES:
        config.add_listed_type(content_type)
    config.add_subscriber(set_publish_date, IContentTransitioned)
