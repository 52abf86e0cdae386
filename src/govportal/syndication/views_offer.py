"""The editors' side of 信息报送: 报送 a published document, 我的报送.

``<document>/@@syndicate``
    (``offer_syndication``: the document's own department's editors, while it
    is published) the target columns of other sites, grouped by site, an
    optional note, and the document's offers so far; POST makes the offer.
``/@@syndication``
    the offers of the documents the user may follow (``view_history`` on
    them: their own department's), newest first, with state, decision and
    the return reason.
"""

import transaction
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import find_resource
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDocument
from ..i18n import _, translate
from ..workspace.dashboard import no_store
from ..workspace.helpers import require_login, site_title
from . import notify
from .model import OFFER_PERMISSION, all_offers, check_text, create_offer, offers_of_document
from .rows import offer_row
from .targets import target_columns

TEMPLATES = "govportal.syndication:templates/"


def _target(request):
    path = request.POST.get("target", "")
    if not path.startswith("/"):
        return None
    try:
        return find_resource(request.root, path)
    except KeyError:
        return None


def _offer_page(context, request, errors=(), note=""):
    no_store(request)
    return {
        "targets": target_columns(context, request.registry),
        "offers": [offer_row(request, o) for o in offers_of_document(context)],
        "note": note,
        "ws_errors": [translate(request, m) for m in errors],
        "site_label": site_title,
    }


@view_config(
    context=IDocument,
    name="syndicate",
    permission=OFFER_PERMISSION,
    request_method="GET",
    renderer=TEMPLATES + "offer.pt",
)
def offer_form(context, request):
    return _offer_page(context, request)


@view_config(
    context=IDocument,
    name="syndicate",
    permission=OFFER_PERMISSION,
    request_method="POST",
    renderer=TEMPLATES + "offer.pt",
)
def offer_post(context, request):
    from ..workflow.errors import TransitionRefused

    note = request.POST.get("note", "").strip()
    target = _target(request)
    try:
        check_text(note, _("syndication-note-long", default="报送说明不能超过 500 字。"))
        offer, created = create_offer(context, target, request, note)
    except TransitionRefused as e:
        transaction.doom()
        request.response.status = e.status
        return _offer_page(context, request, e.messages, note)
    if created:
        notify.offer_made(request, offer, context, target)
        message = _(
            "syndication-offered",
            default="已报送到“${column}”，等待审核。",
            mapping={"column": target.title},
        )
    else:
        message = _(
            "syndication-offered-before",
            default="此稿件已报送到“${column}”，无需重复报送。",
            mapping={"column": target.title},
        )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(request.resource_url(context, "@@syndicate"))


@view_config(
    context=IRoot,
    name="syndication",
    permission="view",
    renderer=TEMPLATES + "mine.pt",
)
def my_offers(context, request):
    redirect = require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    rows = []
    for offer in all_offers(context):
        row = offer_row(request, offer)
        if row is not None and request.has_permission("view_history", row["document"]):
            rows.append(row)
    rows.sort(key=lambda r: r["sort"], reverse=True)
    return {"rows": rows}
