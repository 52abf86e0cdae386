"""The survey builder: ``<survey>/@@survey-builder`` (permission ``edit``:
while the survey is a draft).

One page of plain forms, no script needed: the questions with 上移, 下移,
修改 and 删除 each, the form that adds or changes a question (kind, title,
help, required, options one per line, scale range and labels, text length),
and a preview of the public form.  Every POST (CSRF-checked by the site's
default) goes through :func:`.builder.apply_post`: stale versions, a lock
held by someone else and (once answers exist) structural changes are
refused, nothing is saved on a problem (the transaction is doomed).
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ...i18n import _, translate
from ...locks.core import locked_message
from ...workspace.dashboard import no_store
from ...workspace.itemforms import changed, held_by_other
from . import builder
from .model import ISurvey, answer_count
from .questions import KINDS, normalise

TEMPLATE = "govportal.interaction.surveys:templates/builder.pt"


def page(survey, request, errors=(), values=None, editing=""):
    no_store(request)
    questions = [normalise(q) for q in survey.questions]
    if values is None:
        match = [q for q in questions if q["id"] == editing]
        values = builder.editor_values(match[0] if match else builder.blank_question(questions))
        editing = editing if match else ""
    return {
        "survey": survey,
        "questions": questions,
        "kinds": [(k, translate(request, t)) for k, t in KINDS],
        "kind_titles": {k: translate(request, t) for k, t in KINDS},
        "v": values,
        "editing": editing,
        "errors": [translate(request, e) for e in errors],
        "version": builder.version_of(survey.questions),
        "csrf_token": request.session.get_csrf_token(),
        "action_url": request.resource_url(survey, "@@survey-builder"),
        "locked": bool(answer_count(survey)),
        "answers": answer_count(survey),
    }


@view_config(context=ISurvey, name="survey-builder", permission="edit", renderer=TEMPLATE)
def builder_view(context, request):
    if request.method != "POST":
        return page(context, request, editing=request.GET.get("edit", ""))
    try:
        lock = held_by_other(request, context)
        if lock is not None:
            raise builder.Refused(409, [locked_message(lock)])
        builder.apply_post(context, request.POST, lambda m: translate(request, m))
    except builder.Refused as e:
        request.tm.doom()  # nothing of a refused change is kept
        request.response.status_int = e.status
        values = e.values
        if values is None and request.POST.get("action") == "save":
            values = builder.editor_values(builder.question_from_post(request.POST))
        return page(context, request, e.messages, values, editing=request.POST.get("original", ""))
    changed(request, context)
    request.session.flash(translate(request, _("survey-builder-saved", default="题目已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@survey-builder"))
