"""发布机构: a document's publishing organ defaults to its site's organ.

A document whose 发布机构 is left empty gets the name of the department it
is in (the department's full name, e.g. 营山县教育局), or for the portal's
own content the portal's legal name (合法名称, e.g. 营山县人民政府).  The
default is filled in:

* when the document is added (before it is indexed), however it is created;
* when it is saved with the field emptied (and the catalogs are updated);
* when it is published, in case the site's name was empty before.

A value typed by the editor is always kept.
"""

from pyramid.traversal import find_root
from substanced.event import IObjectModified, IObjectWillBeAdded
from substanced.util import find_catalogs, get_oid
from zope.interface import Interface

from ..content.containers import find_department
from ..content.document import IDocument
from ..workflow.events import IContentTransitioned
from ..workflow.facts import published_by


def default_publisher(context):
    """The 发布机构 of a document in ``context`` (itself or its folder)."""
    department = find_department(context)
    if department is not None:
        return (department.title or department.short_title or "").strip()
    root = find_root(context)
    return (getattr(root, "legal_name", "") or "").strip()


def fill_publisher(document, context=None):
    """Set ``document.publisher`` to the default if it is empty; True if changed."""
    if (getattr(document, "publisher", "") or "").strip():
        return False
    value = default_publisher(context if context is not None else document)
    if not value:
        return False
    document.publisher = value
    return True


def on_will_be_added(event):
    if event.moving is not None or event.loading:
        return
    fill_publisher(event.object, event.parent)


def on_modified(event):
    document = event.object
    if fill_publisher(document):
        oid = get_oid(document, None)
        if oid is not None:
            for catalog in find_catalogs(document):
                catalog.reindex_resource(document, oid=oid)


def on_transition(event):
    if IDocument.providedBy(event.content) and published_by(event):
        fill_publisher(event.content)


def includeme(config):
    config.add_content_subscriber(on_will_be_added, [IObjectWillBeAdded, IDocument, Interface])
    config.add_content_subscriber(on_modified, [IObjectModified, IDocument])
    # Registered before govportal.catalog's reindexing (see the package docstring).
    config.add_subscriber(on_transition, IContentTransitioned)
