"""The target sites' side of 信息报送: 信息报送审核 and the statistics.

``/@@syndication-review``
    the offers to the columns where the user holds ``review_syndication``
    (the target site's reviewers): pending ones first (采用 / 退回 with a
    reason), then the accepted ones (撤下引用), then the rest.
``/@@syndication-decide`` (POST: ``offer``, ``step``, ``reason``)
    takes the step; an offer already decided by someone else (two
    reviewers at once, a replayed POST) is refused with who did what, 409.
``/@@syndication-stats``
    offered / accepted / returned per department and month (site time), for
    the holders of ``view_syndication_stats`` on the portal.
"""

import transaction
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..i18n import _, translate
from ..workflow.errors import TransitionRefused
from ..workspace.dashboard import no_store
from ..workspace.helpers import require_login, site_title
from . import notify
from .model import (
    REVIEW_PERMISSION,
    STATS_PERMISSION,
    all_offers,
    definition,
    find_offer,
    offered_state,
    placed_states,
    resolve,
    transition,
)
from .rows import offer_row
from .standing import refusal
from .stats import monthly

TEMPLATES = "govportal.syndication:templates/"
#: returned and retired offers shown (the latest; the statistics count all)
OTHER_SHOWN = 50


def _queue(request):
    pending, placed, other = [], [], []
    waiting, shown = offered_state(request.registry), placed_states(request.registry)
    for offer in all_offers(request.root):
        row = offer_row(request, offer)
        if row is None or not request.has_permission(REVIEW_PERMISSION, row["target"]):
            continue
        if offer.state == waiting:
            pending.append(row)
        elif offer.state in shown:
            placed.append(row)
        else:
            other.append(row)
    pending.sort(key=lambda r: r["sort"])
    placed.sort(key=lambda r: r["sort"], reverse=True)
    other.sort(key=lambda r: r["sort"], reverse=True)
    return pending, placed, other[:OTHER_SHOWN]


def _review_page(request, errors=()):
    no_store(request)
    pending, placed, other = _queue(request)
    return {
        "pending": pending,
        "placed": placed,
        "other": other,
        "ws_errors": [translate(request, m) for m in errors],
    }


@view_config(
    context=IRoot,
    name="syndication-review",
    permission="view",
    request_method="GET",
    renderer=TEMPLATES + "review.pt",
)
def review_view(context, request):
    redirect = require_login(request)
    if redirect is not None:
        return redirect
    return _review_page(request)


@view_config(
    context=IRoot,
    name="syndication-decide",
    permission="view",
    request_method="POST",
    renderer=TEMPLATES + "review.pt",
)
def decide_view(context, request):
    if request.authenticated_userid is None:
        raise HTTPForbidden()
    offer = find_offer(context, request.POST.get("offer", ""))
    target = resolve(context, offer.target_oid) if offer is not None else None
    if target is None:
        raise HTTPNotFound()
    if not request.has_permission(REVIEW_PERMISSION, target):
        raise HTTPForbidden()
    step = request.POST.get("step", "")
    wf = definition(request.registry)
    document = resolve(context, offer.document_oid)
    try:
        if document is None:  # deleted since (the queue no longer lists it)
            raise TransitionRefused([refusal(offer, None, request.registry)], status=409)
        if step not in wf.transitions or wf.transitions[step].permission != REVIEW_PERMISSION:
            raise TransitionRefused(
                [_("syndication-bad-step", default="请选择采用、退回或撤下。")], status=400
            )
        transition(offer, request, step, request.POST.get("reason", ""))
    except TransitionRefused as e:
        transaction.doom()
        request.response.status = e.status
        return _review_page(request, e.messages)
    notify.decided(request, offer, document, target)
    request.session.flash(
        translate(
            request,
            _(
                "syndication-decided",
                default="《${title}》：${step}。",
                mapping={
                    "title": offer_row(request, offer)["title"],
                    "step": wf.transitions[step].title,
                },
            ),
        )
    )
    return HTTPSeeOther(request.application_url + "/@@syndication-review")


@view_config(
    context=IRoot,
    name="syndication-stats",
    permission="view",
    renderer=TEMPLATES + "stats.pt",
)
def stats_view(context, request):
    redirect = require_login(request)
    if redirect is not None:
        return redirect
    if not request.has_permission(STATS_PERMISSION, context):
        raise HTTPForbidden()
    no_store(request)
    counts = monthly(context, request.registry)
    months = sorted({m for _d, m in counts}, reverse=True)
    names = [""] + [n for n in context if n in {d for d, _m in counts} and n != ""]
    sites = [(n, site_title(context[n]) if n else site_title(context)) for n in names]
    rows = []
    for month in months:
        for name, title in sites:
            row = counts.get((name, month))
            if row is not None:
                rows.append({"month": month, "site": title, "row": row})
    return {"rows": rows}
