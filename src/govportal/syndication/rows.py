"""What the pages show of one offer (a dict the templates read)."""

from ..i18n import _, translate
from ..workspace.helpers import local, site_title
from .model import definition, placed_states, resolve, state_title
from .standing import refusal

#: the title shown of an item the reader may no longer view
HIDDEN_TITLE = _("syndication-hidden-title", default="（稿件已撤回或不再公开）")


def site_label(root, name):
    """The title of the site named ``name`` ("" the portal: 门户网站)."""
    return site_title(root[name]) if name and name in root else site_title(root)


def offer_row(request, offer):
    """The row of ``offer``; None when its document or column is gone."""
    root = request.root
    document = resolve(root, offer.document_oid)
    target = resolve(root, offer.target_oid)
    if document is None or target is None:
        return None
    offered = offer.offered
    decision = offer.decision
    registry = request.registry
    wf = definition(registry)
    placed = placed_states(registry)
    steps = [(name, t) for name, t in wf.transitions.items() if t.from_state == offer.state]
    problem = None
    if any(t.to_state in placed for _n, t in steps):
        problem = refusal(offer, document, registry)
    steps = [
        {"name": name, "title": t.title, "reason": t.comment_required}
        for name, t in steps
        if problem is None or t.to_state not in placed
    ]
    # an item since retracted (or its column closed) is named only to those
    # who may still view it: the queue shows no unpublished titles
    visible = request.has_permission("view", document)
    return {
        "key": offer.key,
        "offer": offer,
        "document": document,
        "title": document.title if visible else translate(request, HIDDEN_TITLE),
        "url": request.resource_url(document) if visible else "",
        "problem": translate(request, problem) if problem is not None else "",
        "source": site_label(root, offer.source),
        "target": target,
        "target_label": f"{site_label(root, offer.target_site)} · {target.title}",
        "state": offer.state,
        "state_title": state_title(offer.state, request.registry),
        "offered_by": offered.actor_name,
        "offered_at": local(offered.when),
        "note": offered.comment,
        "decided_by": decision.actor_name if decision is not None else "",
        "decided_at": local(decision.when) if decision is not None else "",
        "reason": decision.comment if decision is not None else "",
        "steps": steps,
        "sort": offer.last.when,
    }
