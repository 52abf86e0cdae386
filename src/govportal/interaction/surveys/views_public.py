"""The public pages of a survey.

``<survey>`` (GET)
    the survey: introduction, dates, status; while open, the form (one
    fieldset per question, legend, error summary linking to each question).
    Gives the browser a voter id (:mod:`.voters`) when it has none.
``<survey>`` (POST)
    one answer: CSRF (the site's default), honeypot, the voter cookie, every
    answer checked (400 with the form and messages), then once per one-time
    token (:func:`govportal.submissions.once`) :func:`.actions.submit_answer`
    (closed 403, answered already 409, address limit 429).  A replay stores
    nothing and shows the same thanks.
``<survey>/@@results``
    tables (the primary form) and SVG charts, to everyone once the survey
    has closed (or while it runs when results are live), always to staff
    (``view_history``); text answers to staff only (they may hold personal
    data).  ``<survey>/@@results.xlsx`` every answer, staff only.
``<site>/@@surveys``
    the published surveys of a site: open first, then upcoming and closed.
"""

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.response import Response
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ... import sitetime
from ...cache import dont_cache
from ...content import IDepartment
from ...i18n import _, translate
from ...public.listing import published_page
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import issue, once, submitted_token
from . import actions, chart, questions, results, voters, xlsx
from .model import (
    CLOSED,
    OPEN,
    UPCOMING,
    ISurvey,
    answer_count,
    published,
    results_public,
    status,
)

TEMPLATES = "govportal.interaction.surveys:templates/"
HONEYPOT = "homepage"
STAFF_PERMISSION = "view_history"
TEXT_SHOWN = 200
STATUS_TITLES = {UPCOMING: "未开始", OPEN: "进行中", CLOSED: "已结束"}


def no_store(request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"


def t(request, message):
    return translate(request, message)


def _date(value):
    return value.strftime("%Y年%m月%d日").replace("年0", "年").replace("月0", "月") if value else ""


def is_staff(request, survey):
    return bool(request.authenticated_userid) and request.has_permission(STAFF_PERMISSION, survey)


def target_of(question):
    """The id of the control the error summary links to."""
    return f"f-{question['id']}" if question["kind"] == "text" else f"f-{question['id']}-0"


def page(survey, request, values=None, errors=None, form_error=None, answered=None):
    no_store(request)
    had_voter = voters.ensure_voter(request)
    state = status(survey, request.registry)
    if answered is None:
        voter = voters.voter_id(request)
        answered = bool(
            had_voter
            and voter
            and actions.has_answered(survey, voters.voter_hash(request.registry, survey, voter))
        )
    errors = {k: t(request, v) for k, v in (errors or {}).items()}
    qs = [questions.normalise(q) for q in survey.questions]
    return {
        "survey": survey,
        "paragraphs": [p.strip() for p in (survey.introduction or "").split("\n") if p.strip()],
        "questions": qs,
        "state": state,
        "state_title": STATUS_TITLES[state],
        "opens": _date(survey.opens_on),
        "closes": _date(survey.closes_on),
        "answered": answered,
        "values": values or {},
        "errors": errors,
        "error_list": [
            (target_of(q), q["title"], errors[q["id"]]) for q in qs if q["id"] in errors
        ],
        "form_error": form_error,
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": submitted_token(request) or issue(request, actions.SUBMISSION_KIND),
        "honeypot": HONEYPOT,
        "results_url": request.resource_url(survey, "@@results"),
        "results_public": results_public(survey, request.registry),
        "answers": answer_count(survey),
        "preview": not published(survey, request.registry),
    }


def refused(survey, request, status_int, message, values=None, errors=None, answered=None):
    request.response.status_int = status_int
    return page(survey, request, values, errors, t(request, message), answered)


@view_config(context=ISurvey, permission="view", renderer=TEMPLATES + "survey.pt")
def survey_view(context, request):
    if request.method == "GET":
        return page(context, request)
    if request.method != "POST":
        raise HTTPBadRequest()
    if request.POST.get(HONEYPOT):
        robot = _("survey-robot", default="提交未被接受，请刷新页面后重新填写。")
        return refused(context, request, 400, robot)
    values, errors = questions.parse_answers(context.questions, request.POST)
    raw = {k: request.POST.getall(k) for k in request.POST if k.startswith("q-")}
    if not published(context, request.registry):
        return refused(context, request, 403, actions.NOT_PUBLISHED)
    if status(context, request.registry) != OPEN:
        return refused(context, request, 403, actions.NOT_OPEN)
    voter = voters.voter_id(request)
    if voter is None:
        voters.ensure_voter(request)
        no_cookie = _(
            "survey-no-cookie",
            default="无法确认您是否已经答过本调查：请允许本网站使用 Cookie 后重新提交。",
        )
        return refused(context, request, 400, no_cookie, raw)
    if errors:
        message = _("survey-form-errors", default="答卷未提交：请按提示修改标出的题目。")
        return refused(context, request, 400, message, raw, errors)
    voter_hash = voters.voter_hash(request.registry, context, voter)

    def create(submission):
        return actions.submit_answer(request, context, values, voter_hash)

    try:
        outcome = once(request, actions.SUBMISSION_KIND, create)
    except actions.Refused as e:
        answered = e.status == 409
        return refused(context, request, e.status, e.message, raw, answered=answered)
    no_store(request)
    request.override_renderer = TEMPLATES + "survey_done.pt"
    return {
        "survey": context,
        "replayed": outcome.replayed,
        "results_url": request.resource_url(context, "@@results"),
        "results_public": results_public(context, request.registry),
    }


def result_sections(survey, request, staff):
    sections = []
    for number, result in enumerate(results.question_results(survey), 1):
        q = result["question"]
        section = dict(result, number=number, chart=None, texts=None)
        if result["rows"]:
            section["chart"] = chart.bar_chart(
                f"chart-{q['id']}", f"第{number}题 {q['title']}", result["rows"]
            )
        if q["kind"] == "text" and staff:
            section["texts"] = results.text_answers(survey, q["id"], TEXT_SHOWN)
        sections.append(section)
    return sections


@view_config(context=ISurvey, name="results", permission="view", renderer=TEMPLATES + "results.pt")
def results_view(context, request):
    staff = is_staff(request, context)
    shown = staff or results_public(context, request.registry)
    if staff:
        no_store(request)
    return {
        "survey": context,
        "shown": shown,
        "staff": staff,
        "preview": staff and not results_public(context, request.registry),
        "state": status(context, request.registry),
        "state_title": STATUS_TITLES[status(context, request.registry)],
        "opens": _date(context.opens_on),
        "closes": _date(context.closes_on),
        "total": answer_count(context) if shown else None,
        "sections": result_sections(context, request, staff) if shown else [],
        "text_shown": TEXT_SHOWN,
        "xlsx_url": request.resource_url(context, "@@results.xlsx"),
    }


@view_config(context=ISurvey, name="results.xlsx", permission=STAFF_PERMISSION)
def results_xlsx(context, request):
    body = xlsx.workbook_bytes(context, request.registry)
    response = Response(
        body=body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = sitetime.today(request.registry).isoformat()
    name = "".join(c for c in context.__name__ if c.isascii() and (c.isalnum() or c in "-_"))
    filename = f"survey-{name or 'answers'}-{stamp}.xlsx"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@view_config(context=IRoot, name="surveys", permission="view", renderer=TEMPLATES + "listing.pt")
@view_config(
    context=IDepartment, name="surveys", permission="view", renderer=TEMPLATES + "listing.pt"
)
def listing_view(context, request):
    items, _total = published_page(context, limit=200, deep=True, types=("Survey",))
    groups = {OPEN: [], UPCOMING: [], CLOSED: []}
    for survey in items:
        groups[status(survey, request.registry)].append(
            {
                "survey": survey,
                "opens": _date(survey.opens_on),
                "closes": _date(survey.closes_on),
                "results_public": results_public(survey, request.registry),
            }
        )
    return {
        "groups": [
            ("open", "正在进行的调查", groups[OPEN]),
            ("upcoming", "即将开始的调查", groups[UPCOMING]),
            ("closed", "已结束的调查", groups[CLOSED]),
        ]
    }
