"""A knowledge-base entry's public page and "这个回答有帮助吗？".

``<entry>`` (``view``: published entries for everyone)
    the question, its answer, the related guides and documents, the
    department, the feedback form and the way to ask more or write a 咨询.
``<entry>/@@ask-feedback`` (POST, ``view``; CSRF and a one-time token)
    ``helpful=yes|no``: counted once per visitor (:func:`.counts.vote`); a
    second vote or a replayed form counts nothing.  Answers JSON to scripts,
    else back to ``came_from`` (inside the site) or the entry.
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.view import view_config

from ...cache import dont_cache
from ...i18n import _, translate
from ...submissions import FIELD, issue, once
from ...workflow import get_workflow
from ...workflow.views import safe_return_url, wants_json
from . import counts
from .model import IKnowledgeEntry, linked, site_of
from .views_ask import FEEDBACK, consult_url, site_title

TEMPLATE = "govportal.interaction.answers:templates/entry.pt"
THANKS = _("answers-thanks", default="感谢您的反馈！")
ALREADY = _("answers-voted", default="您已经评价过这个回答，感谢您的反馈。")


@view_config(context=IKnowledgeEntry, permission="view", renderer=TEMPLATE)
def entry_view(context, request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    counts.visitor_id(request)
    site = site_of(context)
    workflow = get_workflow(context, request.registry)
    return {
        "entry": context,
        "public": workflow.is_public(context),
        "site_name": site_title(site),
        "links": [(t.title, request.resource_url(t)) for t in linked(context)],
        "ask_url": request.resource_url(site, "@@ask"),
        "consult_url": consult_url(request, site, context.title),
        "voted": counts.has_voted(request, context),
        "csrf_token": request.session.get_csrf_token(),
        "token_field": FIELD,
        "token": issue(request, FEEDBACK),
        "feedback_url": request.resource_url(context, "@@ask-feedback"),
    }


@view_config(
    context=IKnowledgeEntry,
    name="ask-feedback",
    permission="view",
    request_method="POST",
    renderer="json",
)
def feedback_view(context, request):
    dont_cache(request)
    choice = request.POST.get("helpful", "")
    if choice not in ("yes", "no"):
        message = translate(
            request, _("answers-feedback-choice", default="请选择“有帮助”或“没帮助”。")
        )
        if wants_json(request):
            request.response.status_int = 400
            return {"ok": False, "errors": [message]}
        raise HTTPBadRequest(message)

    def create(submission):
        return {"counted": counts.vote(request, context, choice == "yes")}

    outcome = once(request, FEEDBACK, create)
    counted = outcome.result["counted"] and not outcome.replayed
    message = translate(request, THANKS if counted else ALREADY)
    if wants_json(request):
        return {"ok": True, "counted": counted, "message": message}
    request.session.flash(message)
    back = safe_return_url(request, request.POST.get("came_from"))
    return HTTPSeeOther(back or request.resource_url(context))


def includeme(config):
    config.scan(".views_entry")
