"""What the pages show of one offer (a dict the templates read)."""

from ..workspace.helpers import local, site_title
from .model import definition, resolve, state_title


def _site_label(root, name):
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
    wf = definition(request.registry)
    steps = [
        {"name": name, "title": t.title, "reason": t.comment_required}
        for name, t in wf.transitions.items()
        if t.from_state == offer.state
    ]
    return {
        "key": offer.key,
        "offer": offer,
        "document": document,
        "title": document.title,
        "url": request.resource_url(document),
        "source": _site_label(root, offer.source),
        "target": target,
        "target_label": f"{_site_label(root, offer.target_site)} · {target.title}",
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
