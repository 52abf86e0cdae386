"""The public pages of interviews.

``<interview>``
    the interview's page (permission ``view``: once published): topic,
    guests, time, place, introduction, status (预告 / 正在直播 / 已结束),
    photos, the transcript, the questions shown with their answers, and the
    question form before and during the interview.  Works without script;
    with it, the transcript updates itself by polling (no websockets).
``<interview>/@@transcript.json?since=<seq>&rev=<revision>``
    the entries after ``seq``, those up to it corrected after ``revision``
    and the status, for the page's script (``{"status", "status_title",
    "last", "rev", "entries": [...], "changed": [...]}``; never cached).
``<interview>/@@question`` (POST)
    a citizen's question (CSRF by the site, one-time token, per-address
    limit held in the database, honeypot, text checks: the contributions'
    :func:`~..contributions.actions.submit_contribution`); moderated before
    it shows.  A refusal re-shows the page with the reason (400 or 429) and
    stores nothing; JSON clients get JSON.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ...cache import dont_cache
from ...i18n import _, translate
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import SubmissionRefused, issue
from ..contributions import actions as contributions
from . import actions
from .model import ANNOUNCED, CLOSED, IInterview
from .views_live import entry_view

PAGE_PT = "govportal.interaction.interviews:templates/interview.pt"
HONEYPOT = "website"
#: how often the page's script asks for new entries while live (seconds)
POLL_SECONDS = 15
LENGTHS = {"name": 30, "phone": 30}


def _t(request, msg):
    return translate(request, msg)


def _when(interview):
    from ... import sitetime

    starts = sitetime.local(interview.starts_at)
    ends = sitetime.local(interview.ends_at)
    if starts is None:
        return ""
    text = starts.strftime("%Y年%m月%d日 %H:%M")
    return f"{text}—{ends.strftime('%H:%M')}" if ends is not None else text


def answered_questions(interview, request):
    rows = []
    for q in actions.questions(interview, request.registry):
        answer = q.answer or {}
        rows.append(
            {
                "number": q.__name__,
                "text": contributions.public_text(q),
                "answer": answer.get("text", ""),
                "live": bool(answer.get("entry")),
            }
        )
    return rows


def page_values(interview, request, values=None, errors=(), status=200):
    request.response.status_int = status
    status_code = interview.status()
    taking = interview.contribution_refusal("question", request) is None
    if taking:
        dont_cache(request)  # the form carries this session's token
    entries = actions.transcript_of(interview).since(0)
    return {
        "item": interview,
        "status": status_code,
        "status_title": interview.status_title(),
        "when": _when(interview),
        "announced": status_code == ANNOUNCED,
        "closed": status_code == CLOSED,
        "entries": [entry_view(e, request, interview) for e in entries],
        "last": entries[-1]["seq"] if entries else 0,
        "rev": actions.transcript_of(interview).revision,
        "photos": interview.photos(),
        "questions": answered_questions(interview, request),
        "due": actions.answers_due(interview, request.registry) if status_code == CLOSED else None,
        "taking": taking,
        "values": values or {},
        "errors": [_t(request, e) for e in errors],
        "csrf_token": request.session.get_csrf_token() if taking else "",
        "submission_field": SUBMISSION_FIELD,
        "submission_token": issue(request, contributions.token_kind("question")) if taking else "",
        "honeypot": HONEYPOT,
        "lengths": LENGTHS,
        "poll_url": request.resource_url(interview, "@@transcript.json"),
        "poll_seconds": POLL_SECONDS,
        "staff": actions.may_run(interview, request),
        "flashes": request.session.pop_flash() if taking else [],
    }


@view_config(context=IInterview, permission="view", renderer=PAGE_PT)
def interview_view(context, request):
    return page_values(context, request)


@view_config(context=IInterview, name="transcript.json", permission="view", renderer="json")
def transcript_json(context, request):
    dont_cache(request)
    request.response.cache_control = "no-cache"
    since, rev = _count(request, "since"), _count(request, "rev")
    if since is None or rev is None:
        request.response.status_int = 400
        message = _("interview-since-bad", default="参数 since 和 rev 应为非负整数。")
        return {"ok": False, "error": _t(request, message)}
    transcript = actions.transcript_of(context)
    entries = transcript.since(since)
    changed = transcript.changed(since, rev) if rev else []
    return {
        "ok": True,
        "status": context.status(),
        "status_title": context.status_title(),
        "last": entries[-1]["seq"] if entries else since,
        "rev": transcript.revision,
        "entries": [entry_view(e, request, context) for e in entries],
        "changed": [entry_view(e, request, context) for e in changed],
    }


def _count(request, name):
    try:
        value = int(request.GET.get(name, "0"))
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None


def _wants_json(request):
    return "application/json" in (request.accept.header_value or "") if request.accept else False


def _refused(request, interview, status, values, messages):
    request.tm.doom()
    if _wants_json(request):
        request.override_renderer = "json"
        request.response.status_int = status
        return {"ok": False, "errors": [_t(request, m) for m in messages]}
    return page_values(interview, request, values, messages, status)


@view_config(
    context=IInterview,
    name="question",
    permission="view",
    request_method="POST",
    renderer=PAGE_PT,
)
def question_view(context, request):
    post = request.POST
    values = {
        "name": (post.get("name") or "").strip()[: LENGTHS["name"]],
        "phone": (post.get("phone") or "").strip()[: LENGTHS["phone"]],
        "text": post.get("text") or "",
    }
    if post.get(HONEYPOT):
        # a robot filled the hidden field: answer as if accepted, store nothing
        request.tm.doom()
        return HTTPSeeOther(request.resource_url(context, query={"asked": "1"}, anchor="ask"))
    writer = {k: values[k] for k in ("name", "phone") if values[k]}
    try:
        outcome = contributions.submit_contribution(
            request, context, "question", values["text"], writer
        )
    except contributions.ContributionRefused as e:
        return _refused(request, context, 400, values, e.messages)
    except contributions.RateLimited as e:
        return _refused(request, context, 429, values, [e.message])
    except SubmissionRefused as e:
        return _refused(request, context, 400, values, [e.message])
    if _wants_json(request):
        request.override_renderer = "json"
        return {"ok": True, "number": outcome["number"], "replayed": outcome["replayed"]}
    request.session.flash(
        _t(
            request,
            _(
                "interview-question-received",
                default="您的提问（编号 ${number}）已收到，经审核后显示。",
                mapping={"number": outcome["number"]},
            ),
        )
    )
    return HTTPSeeOther(request.resource_url(context, anchor="ask"))
