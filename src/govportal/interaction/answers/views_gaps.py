"""The editors' page of questions 智能问答 could not answer.

``<site>/@@ask-gaps`` (logged in; the site's editors, reviewers and
administrators: ``add_content`` or ``view_history`` on the site)
    the unanswered questions asked on that site (masked, most asked first,
    at most :data:`.counts.MAX_GAPS` per portal) with a link that opens the
    knowledge column's add form with the question filled in, and a 移除
    button (POST, CSRF, one-time token); and the usage of the site's
    entries: times given as the best answer, 有帮助 / 没帮助 and 有帮助率.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IDepartment
from ...i18n import _, translate
from ...submissions import FIELD, issue, once
from ...workspace import helpers
from ...workspace.dashboard import no_store
from . import counts
from .model import knowledge_column, site_of
from .queries import all_entries

TEMPLATE = "govportal.interaction.answers:templates/gaps.pt"
DROP = "answers-gap-drop"


def _site_name(site):
    return "" if IRoot.providedBy(site) else site.__name__


def _require_staff(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    if not (
        request.has_permission("add_content", context)
        or request.has_permission("view_history", context)
    ):
        raise HTTPForbidden()
    return None


def _usage(request, site):
    rows = []
    for entry in all_entries(site):
        if site_of(entry) is not site:
            continue
        served, yes, no, rate = counts.figures(entry)
        rows.append(
            {
                "title": entry.title,
                "url": request.resource_url(entry, "@@ws-item"),
                "served": served,
                "yes": yes,
                "no": no,
                "rate": f"{rate}%" if rate is not None else "—",
            }
        )
    return sorted(rows, key=lambda r: (-r["served"], r["title"]))


@view_config(context=IRoot, name="ask-gaps", permission="view", renderer=TEMPLATE)
@view_config(context=IDepartment, name="ask-gaps", permission="view", renderer=TEMPLATE)
def gaps_view(context, request):
    redirect = _require_staff(context, request)
    if redirect is not None:
        return redirect
    no_store(request)
    column = knowledge_column(context)
    can_add = column is not None and request.has_permission("add_content", column)
    rows = []
    for key, text, times, first, last in counts.gaps_of(request.root, _site_name(context)):
        rows.append(
            {
                "key": key[1],
                "text": text,
                "times": times,
                "first": helpers.local(first),
                "last": helpers.local(last),
                "add_url": request.resource_url(column, "@@add-answer", query={"question": text})
                if can_add
                else None,
            }
        )
    return {
        "rows": rows,
        "usage": _usage(request, context),
        "max_gaps": counts.MAX_GAPS,
        "column_missing": column is None,
        "csrf_token": request.session.get_csrf_token(),
        "token_field": FIELD,
        "token": lambda: issue(request, DROP),
        "drop_url": request.resource_url(context, "@@ask-gaps-drop"),
        "site_title": context.title if IDepartment.providedBy(context) else "门户网站",
    }


@view_config(context=IRoot, name="ask-gaps-drop", permission="view", request_method="POST")
@view_config(context=IDepartment, name="ask-gaps-drop", permission="view", request_method="POST")
def drop_view(context, request):
    redirect = _require_staff(context, request)
    if redirect is not None:
        return redirect
    key = (_site_name(context), request.POST.get("key", "")[: counts.MAX_GAP_TEXT])

    def create(submission):
        return {"dropped": counts.drop_gap(request.root, key)}

    once(request, DROP, create)
    request.session.flash(translate(request, _("answers-gap-dropped", default="已移除。")))
    return HTTPSeeOther(request.resource_url(context, "@@ask-gaps"))


def includeme(config):
    config.scan(".views_gaps")
