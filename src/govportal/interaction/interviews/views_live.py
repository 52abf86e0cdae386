"""The staff's page of an interview during and after it: ``<interview>/@@live``.

GET shows the transcript so far, the photos, the questions (waiting, shown,
answered) and three forms; POST (CSRF by the site, a one-time token per
form, so a replay stores nothing) runs one of them:

* ``action=entry`` — a transcript entry (speaker, text, a photo, and the
  question it answers: the entry quotes it and becomes its answer);
* ``action=edit`` — the correction of an entry's text (pages polling
  the transcript pick it up);
* ``action=photo`` — a photo (PNG, JPEG or GIF, checked by its bytes and
  size like every upload) with its description (the image's alt text);
* ``action=answer`` — the answer to a question (after the interview).

Only the staff who may moderate the interview's questions (its own site's
editors and reviewers: :func:`.actions.may_run`) see the page; others get
403 (a visitor 404 through the site's forbidden view).  Every refusal is a
400 with the reason, and nothing is stored.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther

from ... import sitetime
from ...content.uploads import DEFAULT_MAX_BYTES, IMAGE_EXTENSIONS, check_upload
from ...content.views import new_name
from ...i18n import _, translate
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import issue, once
from ...workflow import TransitionRefused, get_workflow
from ...workspace import helpers
from ...workspace.dashboard import no_store
from ..contributions import actions as contributions
from . import actions
from .model import IInterview

LIVE_PT = "govportal.interaction.interviews:templates/live.pt"
KINDS = {
    "entry": "interview-entry",
    "edit": "interview-edit",
    "photo": "interview-photo",
    "answer": "interview-answer",
}


def _t(request, msg):
    return translate(request, msg)


def question_rows(interview, request):
    registry = request.registry
    rows = []
    for q in contributions.all_of(interview):
        if q.kind != actions.QUESTION or not request.has_permission("view_letter", q):
            continue
        workflow = get_workflow(q, registry)
        answer = q.answer or {}
        rows.append(
            {
                "number": q.__name__,
                "text": contributions.public_text(q),
                "state_title": workflow.state_title(workflow.state_of(q)),
                "public": workflow.is_public(q),
                "submitted": helpers.local(q.submitted_at),
                "answer": answer.get("text", ""),
                "answered": helpers.local(answer.get("at")),
                "answerable": not answer,
            }
        )
    return rows


def live_values(interview, request, errors=(), status=200):
    request.response.status_int = status
    no_store(request)
    registry = request.registry
    questions = question_rows(interview, request)
    return {
        "item": interview,
        "status_title": interview.status_title(),
        "entries": [entry_view(e, request) for e in actions.transcript_of(interview).since(0)],
        "photos": interview.photos(),
        "speakers": actions.speakers(interview),
        "questions": questions,
        "open_questions": [q for q in questions if q["answerable"]],
        "due": actions.answers_due(interview, registry),
        "owing": len(actions.open_questions(interview, registry)),
        "errors": [_t(request, e) for e in errors],
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "tokens": {name: issue(request, kind) for name, kind in KINDS.items()},
    }


def entry_view(entry, request, interview=None):
    """A transcript entry as the pages and the JSON show it."""
    photo = entry.get("photo") or ""
    context = interview if interview is not None else request.context
    photo_url = ""
    photo_alt = ""
    if photo and photo in context:
        photo_url = request.resource_url(context[photo])
        photo_alt = context[photo].title or ""
    at = sitetime.local(entry["at"], request.registry)
    return {
        "seq": entry["seq"],
        "speaker": entry["speaker"],
        "role": entry["role"],
        "text": entry["text"],
        "question": entry.get("question", ""),
        "question_text": entry.get("question_text", ""),
        "time": at.strftime("%H:%M"),
        "edited": bool(entry.get("edited_at")),
        "at": at.isoformat(),
        "photo_url": photo_url,
        "photo_alt": photo_alt,
    }


def _photo(request, interview):
    upload = request.POST.get("upload")
    fp = getattr(upload, "file", None)
    filename = getattr(upload, "filename", "") or ""
    if fp is None:
        raise actions.InterviewRefused(_("interview-photo-none", default="请选择图片。"))
    title = (request.POST.get("title") or "").strip()[:200]
    if not title:
        raise actions.InterviewRefused(
            _("interview-photo-alt", default="请填写图片说明（供读屏软件朗读）。")
        )
    limit = int(request.registry.settings.get("govportal.max_upload_bytes", DEFAULT_MAX_BYTES))
    try:
        check_upload(filename, fp, limit, IMAGE_EXTENSIONS)
    except ValueError as e:
        raise actions.InterviewRefused(e.args[0]) from None
    name = f"{new_name(interview, prefix='tp-')}.{filename.rsplit('.', 1)[-1].lower()}"
    interview[name] = request.registry.content.create(
        "Attachment", stream=fp, filename=filename, title=title
    )
    return name


def _run(request, interview, action):
    post = request.POST
    if action == "entry":
        entry = actions.add_entry(
            request,
            interview,
            post.get("speaker", ""),
            post.get("text", ""),
            photo=post.get("photo", ""),
            question=post.get("question", ""),
        )
        return {"seq": entry["seq"]}, _("interview-entry-added", default="已发布一条直播内容。")
    if action == "edit":
        entry = actions.edit_entry(request, interview, post.get("seq", ""), post.get("text", ""))
        return {"seq": entry["seq"]}, _("interview-entry-edited", default="直播内容已更正。")
    if action == "photo":
        return {"name": _photo(request, interview)}, _(
            "interview-photo-added", default="图片已上传。"
        )
    question = actions.answer_question(
        request, interview, post.get("number", ""), post.get("text", "")
    )
    return {"number": question.__name__}, _("interview-answered", default="答复已发布。")


def live_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    if not actions.may_run(context, request):
        raise HTTPForbidden()
    if request.method != "POST":
        return live_values(context, request)
    action = request.POST.get("action", "")
    if action not in KINDS:
        return _refused(context, request, _("interview-action", default="未知的操作。"))
    flash = []

    def create(submission):
        result, message = _run(request, context, action)
        flash.append(message)
        return result

    try:
        once(request, KINDS[action], create)
    except actions.InterviewRefused as e:
        return _refused(context, request, e.message)
    except TransitionRefused as e:
        return _refused(context, request, *e.messages)
    for message in flash:
        request.session.flash(_t(request, message))
    return HTTPSeeOther(request.resource_url(context, "@@live"))


def _refused(interview, request, *messages):
    request.tm.doom()
    return live_values(interview, request, errors=messages, status=400)


def includeme(config):
    config.add_view(
        live_view,
        context=IInterview,
        name="live",
        permission="view",
        request_method=("GET", "POST"),
        renderer=LIVE_PT,
    )
