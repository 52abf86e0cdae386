"""Surveys in the workspace (在线调查的新建、修改、审核).

``/@@ws-new-survey?column=<path>``
    the dashboard's 新建在线调查 picker: to the add form of that column.
``<column>/@@ws-add-survey``
    a new survey in a column of kind ``interaction`` (permission
    ``add_content``): title, introduction, dates, when results show; saved
    once per form (one-time token) as a draft, then on to the builder.
``<survey>/@@ws-edit``
    the same form (permission ``edit``: while a draft), refused when the
    survey changed since the form was opened (409) or another holds the lock;
    saving releases the editor's own lock (as the other item forms do).
``<survey>/@@ws-item``, ``@@ws-transition``, lock views
    the item page with its workflow buttons (``participation.yaml``), as
    guides have (:func:`govportal.services.item_pages.add_item_views`).
The question builder is :mod:`.views_builder`.
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IColumn
from ...content.views import new_name
from ...formdates import iso_date
from ...i18n import _, translate
from ...services.item_pages import add_item_views, stamp, workflow_info
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import issue
from ...workspace import helpers
from ...workspace.dashboard import chosen_column, no_store
from ...workspace.editing import created_once
from ...workspace.forms import fingerprint
from ...workspace.itemforms import column_of_kind, save_checked
from ...workspace.queries import column_label
from .model import AFTER_CLOSE, LIVE, VISIBILITIES, ISurvey, answer_count, status
from .questions import KINDS, normalise

TEMPLATES = "govportal.interaction.surveys:templates/"
NEW_SURVEY = "ws-add-survey"
KIND = "interaction"
FIELDS = ("title", "introduction", "opens_on", "closes_on", "results_visibility")
SERIAL = "serial"
VISIBILITY_TITLES = ((AFTER_CLOSE, "调查结束后公布结果"), (LIVE, "调查期间实时公布结果"))


class Invalid(Exception):
    pass


def read_form(post, request):
    """``(values, errors)`` of the survey form (errors translated)."""
    errors = {}
    title = (post.get("title") or "").strip()
    if not title:
        errors["title"] = _("survey-title-required", default="请填写调查标题。")
    elif len(title) > 200:
        errors["title"] = _("survey-title-long", default="标题不能超过 200 个字。")
    intro = (post.get("introduction") or "").replace("\r\n", "\n").strip()
    if len(intro) > 5000:
        errors["introduction"] = _("survey-intro-long", default="说明不能超过 5000 个字。")
    dates = {}
    for name in ("opens_on", "closes_on"):

        def invalid():
            raise Invalid()

        try:
            dates[name] = iso_date(post.get(name), invalid)
        except Invalid:
            dates[name] = None
            errors[name] = _("survey-bad-date", default="请按“2027-01-31”的格式填写日期。")
            continue
        if dates[name] is None:
            errors[name] = _("survey-date-required", default="请填写日期。")
    if dates["opens_on"] and dates["closes_on"] and dates["closes_on"] < dates["opens_on"]:
        errors["closes_on"] = _("survey-dates-order", default="结束日期不能早于开始日期。")
    visibility = post.get("results_visibility", AFTER_CLOSE)
    if visibility not in VISIBILITIES:
        visibility = AFTER_CLOSE
    values = {
        "title": title,
        "introduction": intro,
        "opens_on": dates["opens_on"],
        "closes_on": dates["closes_on"],
        "results_visibility": visibility,
    }
    return values, {k: translate(request, v) for k, v in errors.items()}


def form_page(request, survey, column, values, errors=None, status_int=200, message=None):
    request.response.status_int = status_int
    no_store(request)
    new = survey is None
    raw = {k: ("" if v is None else str(v)) for k, v in values.items()}
    return {
        "heading": "新建在线调查" if new else f"修改在线调查：{survey.title}",
        "where": column_label(column),
        "values": raw,
        "errors": errors or {},
        "message": translate(request, message) if message else None,
        "visibilities": VISIBILITY_TITLES,
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": issue(request, NEW_SURVEY) if new else "",
        "serial": "" if new else fingerprint(survey, request.registry, FIELDS),
        "action": request.resource_url(
            survey or column, "@@ws-edit" if survey else "@@ws-add-survey"
        ),
        "back_url": request.resource_url(survey, "@@ws-item")
        if survey
        else request.application_url + "/@@workspace",
    }


@view_config(context=IRoot, name="ws-new-survey", permission="view", request_method="GET")
def choose_column(context, request):
    """新建在线调查 (the dashboard's picker): to the chosen column's add form."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    column = chosen_column(context, request)
    if not column_of_kind(column, KIND):
        message = _("survey-no-column", default="请选择一个在线调查栏目。")
        raise HTTPBadRequest(translate(request, message))
    return HTTPSeeOther(request.resource_url(column, "@@ws-add-survey"))


@view_config(
    context=IColumn,
    name="ws-add-survey",
    permission="add_content",
    request_method=("GET", "POST"),
    renderer=TEMPLATES + "ws_edit.pt",
)
def add_view(context, request):
    if not column_of_kind(context, KIND):
        raise HTTPNotFound()
    if request.method != "POST":
        return form_page(request, None, context, {"results_visibility": AFTER_CLOSE})
    values, errors = read_form(request.POST, request)
    if errors:
        return form_page(request, None, context, dict(request.POST.items()), errors, 400)

    def create(submission):
        survey = request.registry.content.create("Survey", **values)
        stamp(request, survey, created=True)
        name = new_name(context, prefix="dc-")
        context[name] = survey
        return {"path": resource_path(context[name])}

    flash = _("survey-created", default="在线调查已保存为草稿，请添加题目。")
    fallback = request.application_url + "/@@workspace"
    return created_once(request, NEW_SURVEY, create, flash, fallback, view="@@survey-builder")


@view_config(
    context=ISurvey,
    name="ws-edit",
    permission="edit",
    request_method=("GET", "POST"),
    renderer=TEMPLATES + "ws_edit.pt",
)
def edit_view(context, request):
    column = context.__parent__
    if request.method != "POST":
        return form_page(request, context, column, {n: getattr(context, n) for n in FIELDS})
    values, errors = read_form(request.POST, request)
    posted = dict(request.POST.items())
    if errors:
        return form_page(request, context, column, posted, errors, 400)
    return save_checked(
        request,
        context,
        request.POST.get(SERIAL),
        FIELDS,
        values,
        refused=lambda status, message: form_page(
            request, context, column, posted, None, status, message
        ),
        stale=_(
            "survey-stale",
            default="保存未成功：您打开此表单后，调查已被他人修改或处理。请重新打开后再改。",
        ),
        locked=lambda lock: _(
            "survey-locked",
            default="保存未成功：${name} 正在编辑此调查（已锁定）。",
            mapping={"name": lock.holder_name},
        ),
        saved=_("survey-saved", default="在线调查已保存。"),
    )


def missing_survey_elements(survey):
    """What publication still lacks (shown on the item page)."""
    missing = []
    if not survey.title:
        missing.append("调查标题")
    if survey.opens_on is None or survey.closes_on is None:
        missing.append("调查起止日期")
    if not survey.questions:
        missing.append("调查题目")
    return missing


def item_info(context, request, comment="", errors=()):
    qs = [normalise(q) for q in context.questions]
    return {
        **workflow_info(context, request, comment, errors),
        "questions": qs,
        "answers": answer_count(context),
        "survey_state": status(context, request.registry),
        "visibility": dict(VISIBILITY_TITLES)[context.results_visibility],
        "kind_titles": {k: translate(request, t) for k, t in KINDS},
    }


def includeme(config):
    config.scan(".views_workspace")
    config.add_required_elements("Survey", missing_survey_elements)
    add_item_views(config, ISurvey, TEMPLATES + "ws_item.pt", item_info)
