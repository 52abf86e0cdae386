"""Public tracking of a case (办件进度查询): ``<site>/@@case-track``.

No account: the applicant posts the 查询码 (and, optionally, the 办件编号)
shown once after submission.  Every wrong code — unknown, malformed, or not
the case of the number given — gets the same answer (404, one message), and
look-ups are limited per address (``govportal.services.track_rate``).  The
page shows the state (titles from the workflow file), the public steps, the
time limit and the working days used, never personal data beyond the
applicant's masked name.  With the same code the applicant may:

* ``@@case-track/supplement`` — upload what the one-time notice (一次性告知)
  or a correction asks for (the applicant's steps of :mod:`.actions`, when
  the workflow offers one; a one-time token makes a replay store nothing);
* ``@@case-track/result`` and ``@@case-track/certificate`` — download the
  result file and the certificate (:mod:`.certificate`) once concluded;
* ``@@case-track/rate`` — 好差评 after conclusion (:func:`.ratings.rate`,
  once per case).

Every answer is ``private, no-store``: it is about one case.
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .. import sitetime
from ..content import IDepartment
from ..i18n import _, translate
from ..submissions import FIELD as SUBMISSION_FIELD
from ..submissions import issue, once
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from . import actions, clock, formfields, ratings
from .case_info import download
from .cases import find_case_by_code, lead_site
from .certificate import certificate_response, mask_name
from .sites import site_title
from .views_apply import RATE_MESSAGE, allowed, no_store
from .views_hall import root_title
from .vocabulary import RATING_LEVELS, title_of

TEMPLATES = "govportal.services:templates/"
SUPPLEMENT_KIND = "service-supplement"
RATING_KIND = "service-rating"
#: What the applicant may upload when asked for materials.
UPLOAD_SPEC = {
    "name": "materials",
    "label": _("补齐（补正）材料"),
    "kind": "file",
    "required": False,
    "extensions": ("pdf", "jpg", "png", "doc", "docx"),
    "max_mb": 10,
}
MAX_NUMBER = 40
NOTHING_ASKED = _("services-track-nothing-asked", default="当前无需补齐或补正材料。")
SUPPLEMENT_DONE = _("services-track-supplied", default="材料已提交，请等待工作人员审核。")
SUPPLEMENT_AGAIN = _("services-track-supplied-again", default="此前已提交，本次没有重复提交。")
RATED = _("services-track-rated", default="感谢您的评价。")
RATED_AGAIN = _("services-track-rated-again", default="此前已评价，本次没有重复提交。")


def _t(request, message):
    return translate(request, message)


def lookup(context, request):
    """The case of the posted code (and number), or None; rate limited."""
    code = request.POST.get("code", "")
    number = request.POST.get("number", "")
    code = code.strip()[:64] if isinstance(code, str) else ""
    number = number.strip()[:MAX_NUMBER] if isinstance(number, str) else ""
    case = find_case_by_code(context, code)  # hashed whatever was typed
    if case is not None and number and number != case.__name__:
        case = None
    return case, code


def applicant_step(case, request):
    """The applicant's step the workflow offers now (name), or None."""
    workflow = get_workflow(case, request.registry)
    for name in actions.APPLICANT_STEPS:
        _status, problems = workflow.problems(case, request, name, "—")
        if not problems:
            return name
    return None


def _local(dt):
    return sitetime.local(dt).strftime("%Y-%m-%d %H:%M") if dt else ""


def _site_title(case):
    site = lead_site(case)
    return root_title(site) if IRoot.providedBy(site) else site_title(site)


def status_of(case, request, code):
    """What the page shows of ``case`` (no personal data)."""
    registry = request.registry
    workflow = get_workflow(case, registry)
    state = workflow.state_of(case)
    mode = clock.clock_mode(case, registry)
    step = applicant_step(case, request)
    asked = None
    if step is not None:
        notice = case.supplement if step == "supplement_done" else getattr(case, "correction", None)
        asked = dict(notice or {})
    result = case.result or None
    return {
        "code": code,
        "number": case.__name__,
        "guide_title": case.guide_title,
        "organ": _site_title(case),
        "applicant": mask_name((case.applicant or {}).get("name", "")),
        "state_title": workflow.state_title(state),
        "submitted": _local(case.submitted_at),
        "accepted_on": case.accepted_on,
        "promised_days": case.promised_days,
        "legal_days": case.legal_days,
        "due": case.due,
        "uncertain": bool(case.due_uncertain_years),
        "running": mode in (clock.RUNNING, clock.PAUSED),
        "paused": mode == clock.PAUSED,
        "closed": mode == clock.CLOSED,
        "used": clock.workdays_used(case) if case.accepted_on else None,
        "steps": [
            {"at": _local(s.get("at")), "title": s.get("title", ""), "note": s.get("note", "")}
            for s in case.steps
        ],
        "step": step,
        "asked": asked,
        "result": result,
        "result_file": bool(result and result.get("file")),
        "certificate": bool((case.certificate or {}).get("code_hash")),
        "may_rate": ratings.may_rate(case, registry),
        "rating": case.rating,
        "rating_title": title_of(RATING_LEVELS, case.rating["level"]) if case.rating else "",
        "levels": RATING_LEVELS,
        "upload": formfields.render_fields([UPLOAD_SPEC], {}, {}, prefix="s-"),
    }


def page(request, **values):
    no_store(request)
    base = {
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "supplement_token": issue(request, SUPPLEMENT_KIND),
        "rating_token": issue(request, RATING_KIND),
        "status": None,
        "not_found": False,
        "form_error": None,
        "message": None,
        "style": formfields.STYLE,
        "action": request.resource_url(request.context, "@@case-track"),
    }
    base.update(values)
    return base


def _show(case, request, code, status=200, **values):
    request.override_renderer = TEMPLATES + "track_case.pt"
    request.response.status_int = status
    return page(request, status=status_of(case, request, code), **values)


@view_config(context=IRoot, name="case-track", permission="view", renderer=TEMPLATES + "track.pt")
@view_config(
    context=IDepartment, name="case-track", permission="view", renderer=TEMPLATES + "track.pt"
)
def track_view(context, request):
    if request.method == "GET":
        return page(request)
    if request.method != "POST":
        raise HTTPBadRequest()
    what = request.subpath[0] if request.subpath else ""
    if what not in ("", "supplement", "rate", "result", "certificate"):
        raise HTTPNotFound()
    if not allowed(request, "track"):
        request.response.status_int = 429
        return page(request, form_error=_t(request, RATE_MESSAGE))
    case, code = lookup(context, request)
    if case is None:
        request.response.status_int = 404
        return page(request, not_found=True)
    if what == "supplement":
        return supplement(case, request, code)
    if what == "rate":
        return rate(case, request, code)
    if what == "certificate":
        return certificate_response(request, case)
    if what == "result":
        return result_file(case, request)
    return _show(case, request, code)


class NothingAsked(Exception):
    """The workflow offers the applicant no step now: nothing is stored."""


def supplement(case, request, code):
    note = request.POST.get("note", "")
    note = note if isinstance(note, str) else ""
    uploads = [u for u in request.POST.getall(UPLOAD_SPEC["name"]) if not isinstance(u, str)]
    try:
        files = formfields.clean_files(UPLOAD_SPEC, uploads)
    except formfields.FieldError as e:
        return _show(case, request, code, 400, form_error=formfields.say(request, e.args[0]))

    def create(submission):
        # a replay is answered from the ledger before this runs
        name = applicant_step(case, request)
        if name is None:
            raise NothingAsked()
        actions.APPLICANT_STEPS[name](request, case, {"supplement": files}, note)
        return {"number": case.__name__, "step": name}

    try:
        outcome = once(request, SUPPLEMENT_KIND, create)
    except NothingAsked:
        return _show(case, request, code, 409, form_error=_t(request, NOTHING_ASKED))
    except TransitionRefused as e:
        request.tm.doom()  # nothing of a refused step is kept
        messages = "；".join(_t(request, m) for m in e.messages)
        return _show(case, request, code, e.status, form_error=messages)
    message = _t(request, SUPPLEMENT_AGAIN if outcome.replayed else SUPPLEMENT_DONE)
    return _show(case, request, code, message=message)


def rate(case, request, code):
    def create(submission):
        rating, _new = ratings.rate(
            request, case, request.POST.get("level", ""), request.POST.get("comment", "")
        )
        return {"level": rating["level"]}

    try:
        outcome = once(request, RATING_KIND, create)
    except ratings.RatingRefused as e:
        request.tm.doom()
        return _show(case, request, code, e.status, form_error=_t(request, e.message))
    message = _t(request, RATED_AGAIN if outcome.replayed else RATED)
    return _show(case, request, code, message=message)


def result_file(case, request):
    """The result document of a concluded case (with the code)."""
    name = (case.result or {}).get("file")
    item = case.materials.get(name) if name else None
    if item is None or clock.clock_mode(case, request.registry) != clock.CLOSED:
        raise HTTPNotFound()
    return download(item, "result")


def includeme(config):
    config.scan(".views_track")
