"""有效性 and 解读 links between documents, kept as object-map references.

Two links, each stored as a Substance D object-map reference from the
document that names it (the *source*) to the document named (the
*target*), through the ``replaced_by`` and ``interprets`` properties of
:class:`govportal.content.document.Document`:

``replaced_by`` (:class:`~govportal.content.document.ReplacedBy`)
    a document that is 已修订 or 已废止 names the document that replaces
    it; the replacement shows "本文件替代了……" back to it.  The target is
    a published document of the same site (the same department, or the
    portal's own content).
``interprets`` (:class:`~govportal.content.document.Interprets`)
    a policy interpretation (解读, checklist C14) names the document it
    explains; that document lists its interpretations.  The target is a
    published document of the same site or, for a department, of the portal.

References live in the object map, not in the documents: deleting either
document removes the link (nothing dangles), and showing the back-links
needs no write to the target — an editor never touches another site's
document by linking to it.  The choices offered are the site's most recent
published documents; the validators accept any published document in scope
(by oid) and the value a document already holds.

:func:`document_links` answers what a page may show: only targets the
visitor may view (anonymous visitors see public documents only).
"""

from dataclasses import dataclass, field

import colander
import deform.widget
from pyramid.threadlocal import get_current_registry
from pyramid.traversal import find_root
from substanced.event import IObjectAdded
from substanced.util import find_catalog, find_objectmap, get_oid
from zope.interface import Interface

from ..catalog import CATALOG_NAME
from ..content.containers import find_department
from ..content.document import LINK_FIELDS, IDocument, Interprets, ReplacedBy
from ..i18n import _
from ..workflow import get_state
from ..workflow.facts import listed_states

#: Validity values whose document may name a replacement.
REPLACEABLE = ("amended", "repealed")
#: How many documents the select lists offer (newest first).
MAX_CHOICES = 300


# -- storage -------------------------------------------------------------------


def apply_pending_links(event):
    """Connect the links given when the document was created (a document
    not yet in the tree has no object map; see ``Document.__init__``)."""
    if event.moving is not None or event.loading:
        return
    document = event.object
    pending = document.__dict__.pop("_pending_links", None)
    if pending:
        document._p_changed = True
        for name, oid in pending.items():
            setattr(document, name, oid)


def _objects(context, oids):
    objectmap = find_objectmap(context)
    objects = (objectmap.object_for(oid) for oid in oids)
    return [o for o in objects if o is not None]


def replacement_of(document):
    """The document replacing ``document`` (None if none)."""
    oid = document.replaced_by
    return None if oid is None else find_objectmap(document).object_for(oid)


def replaced_by_this(document):
    """The documents ``document`` replaces (their ``replaced_by`` names it)."""
    return _objects(document, find_objectmap(document).sourceids(document, ReplacedBy))


def interpreted_by_this(document):
    """The document ``document`` interprets (None if none)."""
    oid = document.interprets
    return None if oid is None else find_objectmap(document).object_for(oid)


def interpretations_of(document):
    """The interpretations (解读) of ``document``."""
    return _objects(document, find_objectmap(document).sourceids(document, Interprets))


# -- choices and validation ----------------------------------------------------------


def _scopes(context, name):
    """The sites (a department, or the root for the portal's own content)
    whose published documents ``name`` may link to from ``context``."""
    department = find_department(context)
    root = find_root(context)
    if department is None:
        return [root]
    if name == "interprets":
        return [department, root]
    return [department]


def _in_scope(obj, scopes):
    department = find_department(obj)
    site = department if department is not None else find_root(obj)
    return any(site is s for s in scopes)


def _self_oid(context):
    return get_oid(context, None) if IDocument.providedBy(context) else None


def published_choices(context, name, limit=MAX_CHOICES):
    """``[(oid, document)]``: published documents ``name`` may link to, newest first."""
    system = find_catalog(context, "system")
    gov = find_catalog(context, CATALOG_NAME)
    if system is None or gov is None:
        return []
    own = _self_oid(context)
    listed = listed_states(get_current_registry())
    base = system["content_type"].eq("Document") & gov["state"].any(listed)
    ids = set()
    for site in _scopes(context, name):
        found = set((base & system["path"].eq(site, include_origin=False)).execute().ids)
        if find_department(site) is None:  # the portal's own content only
            found -= set(gov["department"].indexed())
        ids |= found
    ids.discard(own)
    ordered = gov["publish_date"].sort(ids, reverse=True, limit=limit, raise_unsortable=False)
    objectmap = find_objectmap(context)
    return [(oid, objectmap.object_for(oid)) for oid in ordered]


def _label(document):
    parts = [p for p in (document.index_number, str(document.publish_date or "")) if p]
    return f"{document.title}（{'，'.join(parts)}）" if parts else document.title


def link_choices(context, name):
    """Select values of the ``name`` field for a document in ``context``."""
    values = [("", _("— 无 —"))]
    seen = set()
    for oid, document in published_choices(context, name):
        values.append((str(oid), _label(document)))
        seen.add(oid)
    current = getattr(context, name, None) if IDocument.providedBy(context) else None
    if current is not None and current not in seen:
        target = find_objectmap(context).object_for(current)
        if target is not None:
            values.append((str(current), _label(target)))
    return values


def check_target(context, name, oid):
    """The Chinese reason why ``oid`` may not be the ``name`` link of a
    document in ``context``, or None if it may."""
    current = getattr(context, name, None) if IDocument.providedBy(context) else None
    if oid == current:
        return None
    if oid == _self_oid(context):
        return _("不能指向本文件自身。")
    try:
        target = find_objectmap(context).object_for(oid)
    except (TypeError, ValueError, OverflowError):  # not a possible oid
        target = None
    if target is None or not IDocument.providedBy(target):
        return _("所选文件不存在。")
    registry = get_current_registry()
    if get_state(target, registry) not in listed_states(registry):
        return _("只能选择已发布的文件。")
    if not _in_scope(target, _scopes(context, name)):
        if name == "interprets":
            return _("只能选择本站或门户网站已发布的文件。")
        return _("只能选择本站已发布的文件。")
    own = _self_oid(context)
    if name == "replaced_by" and own is not None and target.replaced_by == own:
        return _("所选文件已被本文件替代，两个文件不能互相替代。")
    return None


def _widget(name):
    def widget(node, kw):
        return deform.widget.SelectWidget(values=link_choices(kw.get("context"), name))

    return widget


def _validator(name):
    def validator(node, kw):
        context = kw.get("context")

        def validate(node, value):
            if value is None or context is None:
                return
            reason = check_target(context, name, value)
            if reason:
                raise colander.Invalid(node, reason)

        return validate

    return validator


replaced_by_widget = _widget("replaced_by")
replaced_by_validator = _validator("replaced_by")
interprets_widget = _widget("interprets")
interprets_validator = _validator("interprets")


def check_links(node, value):
    """Cross-field check of a document's form: only a document that is
    已修订 or 已废止 names a replacement."""
    if value.get("replaced_by") is not None and value.get("validity") not in REPLACEABLE:
        raise colander.Invalid(
            node["replaced_by"], _("只有“已修订”或“已废止”的文件才能指定替代文件。")
        )


# -- showing ---------------------------------------------------------------------


@dataclass
class DocumentLinks:
    """What a document page shows of its links (only what the visitor may view)."""

    replacement: object = None
    replaces: list = field(default_factory=list)
    interprets: object = None
    interpretations: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.replacement or self.replaces or self.interprets or self.interpretations)


def _newest_first(documents):
    return sorted(documents, key=lambda d: (str(d.publish_date or ""), d.title), reverse=True)


def document_links(request, document):
    """The links of ``document`` that the visitor of ``request`` may follow."""

    def visible(obj):
        return obj is not None and request.has_permission("view", obj)

    if find_objectmap(document) is None:
        return DocumentLinks()
    replacement = replacement_of(document)
    interprets = interpreted_by_this(document)
    return DocumentLinks(
        replacement=replacement if visible(replacement) else None,
        replaces=_newest_first(d for d in replaced_by_this(document) if visible(d)),
        interprets=interprets if visible(interprets) else None,
        interpretations=_newest_first(d for d in interpretations_of(document) if visible(d)),
    )


def includeme(config):
    config.add_content_subscriber(apply_pending_links, [IObjectAdded, IDocument, Interface])
    config.add_request_method(document_links, "document_links")


__all__ = [
    "LINK_FIELDS",
    "DocumentLinks",
    "check_links",
    "document_links",
    "interpretations_of",
    "interpreted_by_this",
    "replaced_by_this",
    "replacement_of",
]
