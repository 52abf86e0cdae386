"""Whether an offer still stands: the item shown by reference must be one
the public site shows at its own URL, and still the offering department's.

An offer is made on a published item, but the item lives on: it may be
retracted, archived, deleted, moved to another department (SDI), or its
column may be closed (the security policy's lineage rule then hides it from
visitors even while its own state is public).  So

- :func:`placement_source` places an item only while a visitor may view it
  (the authorization policy, lineage rule included) and it is still in the
  department that offered it; the listings filter by its own state on top;
- :func:`refusal` says why an offer may no longer be accepted;
- :func:`reindex_under` (a subscriber of every workflow step of a
  container: a column closed or reopened) refreshes the placements of the
  offered items below it, in the same transaction.
"""

from pyramid.interfaces import IAuthorizationPolicy
from pyramid.security import Everyone
from pyramid.threadlocal import get_current_registry
from pyramid.traversal import find_root
from substanced.util import find_objectmap, get_content_type, get_oid

from ..content import IDocument
from ..i18n import _
from ..workflow import facts, get_state
from ..workflow.events import IContentTransitioned
from .model import all_offers, offers_of_document, placed_states, resolve, site_name


def publicly_visible(resource, registry=None):
    """Whether a visitor who is not signed in may view ``resource``: the
    authorization policy, with its lineage rule (every container above)."""
    registry = registry or get_current_registry()
    policy = registry.queryUtility(IAuthorizationPolicy)
    return policy is not None and bool(policy.permits(resource, [Everyone], "view"))


def is_listed(resource, registry):
    """Whether ``resource`` is in a state its listings show (已发布)."""
    state = get_state(resource, registry)
    return state is not None and state in facts.listed_states(registry, get_content_type(resource))


def placement_source(resource):
    """The target columns of ``resource``'s offers in a placed state, while
    the public may view it and it is still the offering department's."""
    offers = offers_of_document(resource)
    if not offers:  # most items: no workflow definitions needed
        return []
    placed = placed_states()
    offers = [o for o in offers if o.state in placed]
    if not offers or not publicly_visible(resource):
        return []
    here = site_name(resource)
    return [o.target_oid for o in offers if o.source == here]


def refusal(offer, document, registry):
    """Why ``offer`` may not be accepted now (a message), or None."""
    if document is None:
        return _("syndication-gone", default="报送的稿件已被删除，不能采用。")
    if site_name(document) != offer.source:
        return _(
            "syndication-moved",
            default="报送的稿件已移到其他网站，原报送不再有效，不能采用。",
        )
    if not is_listed(document, registry) or not publicly_visible(document, registry):
        return _(
            "syndication-not-public",
            default="报送的稿件已撤回、归档或不再公开，不能采用。",
        )
    return None


def reindex_under(event):
    """After a workflow step of a container, refresh the placements of the
    offered items below it (a closed column hides them everywhere)."""
    from ..catalog.placements import reindex_placements

    container = event.content
    oid = get_oid(container, None)
    if oid is None or IDocument.providedBy(container) or not hasattr(container, "values"):
        return
    objectmap = find_objectmap(container)
    if objectmap is None:
        return
    under = objectmap.pathlookup(container, include_origin=False)
    seen = set()
    for offer in all_offers(find_root(container)):
        if offer.document_oid in seen or offer.document_oid not in under:
            continue
        seen.add(offer.document_oid)
        document = resolve(container, offer.document_oid)
        if document is not None:
            reindex_placements(document)


def includeme(config):
    config.add_subscriber(reindex_under, IContentTransitioned)
