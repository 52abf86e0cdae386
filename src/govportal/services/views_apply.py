"""The online application form of a service guide: ``<guide>/@@apply``.

Only published guides applied for on this site (``online_mode == "here"``,
with a form) have one; any other guide answers 404.  The page holds the
applicant block and the guide's fields (:mod:`.formfields`), with uploads.

* 提交 (``action=submit``): CSRF (the site's default), a one-time
  submission token (:mod:`govportal.submissions`, kind
  :data:`~.actions.SUBMISSION_KIND`), a honeypot field and a per-address
  rate limit (``govportal.services.apply_rate``).  Every field is checked;
  on any error the form comes back with the message next to its field
  (``aria-describedby``), status 400, and nothing is stored.  A valid post
  stores the case (:func:`.actions.submit`) and shows its 办件编号 and
  查询码 once; the same token posted again stores nothing and shows the same.
* 暂存 (``action=save``): what was typed and uploaded is kept as a saved
  form (:mod:`.drafts`) under a resume code shown on the page; the form
  carries its own token for saving (``draft_token``), so a replayed save
  stores nothing new either.
* 继续填写 (``action=resume`` with ``resume``, or ``?resume=CODE``): a saved
  form of this guide is filled in again; a wrong, expired or other guide's
  code gets one answer, and look-ups are rate limited
  (``govportal.services.track_rate``).
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from ..applications.views_public import RateLimiter, parse_rate
from ..cache import dont_cache
from ..i18n import _, translate
from ..submissions import FIELD as SUBMISSION_FIELD
from ..submissions import issue, once, submitted_token
from ..workflow import facts, get_workflow
from . import actions, drafts, formfields
from .formapplicant import applicant_specs, chosen_type
from .guide import IServiceGuide

TEMPLATES = "govportal.services:templates/"
HONEYPOT = "homepage"
#: The hidden field carrying the saving form's one-time token.
DRAFT_FIELD = "draft_token"
RESUME_FIELD = "resume_code"
GUIDE_TYPE = "ServiceGuide"
#: environ keys remembering a request's rate-limit decision across retries
DECISION = "govportal.services.rate.{}"


def limiter(request, name):
    """The per-address limiter ``name`` (``apply`` or ``track``) of this process."""
    registry = request.registry
    limiters = registry.__dict__.setdefault("govportal_service_limiters", {})
    if name not in limiters:
        setting = registry.settings.get(f"govportal.services.{name}_rate") or "10/600"
        limiters[name] = RateLimiter(*parse_rate(setting))
    return limiters[name]


def allowed(request, name):
    """Once per request (pyramid_retry reruns it with the same environ)."""
    key = DECISION.format(name)
    if key not in request.environ:
        request.environ[key] = limiter(request, name).allow(request.client_addr or "-")
    return request.environ[key]


class RateLimited(Exception):
    """Raised inside a submission: nothing is stored or recorded."""


def online_guide(guide, request):
    """404 unless ``guide`` is published and applied for on this site."""
    state = get_workflow(guide, request.registry).state_of(guide)
    listed = state in facts.listed_states(request.registry, GUIDE_TYPE)
    if not listed or guide.online_mode != "here" or not guide.form_fields:
        raise HTTPNotFound()


def no_store(request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"


def t(request, message):
    return translate(request, message)


def page(guide, request, values=None, errors=None, kept=None, **extra):
    """The form page's values: the applicant block, the guide's fields."""
    no_store(request)
    values = dict(values or {})
    errors = dict(errors or {})
    for field, names in (kept or {}).items():
        values.setdefault(field, list(names))
    chosen = chosen_type(values, guide.user_types)
    applicant = applicant_specs(guide.user_types, chosen)
    result = {
        "guide": guide,
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": issue(request, actions.SUBMISSION_KIND),
        "draft_field": DRAFT_FIELD,
        "draft_token": issue(request, drafts.SUBMISSION_KIND),
        "resume_field": RESUME_FIELD,
        "resume_code": "",
        "saved_code": None,
        "honeypot": HONEYPOT,
        "applicant_fields": formfields.render_fields(applicant, values, errors),
        "guide_fields": formfields.render_fields(guide.form_fields, values, errors),
        "style": formfields.STYLE,
        "errors": errors,
        "error_list": _error_list(applicant, guide.form_fields, errors),
        "form_error": None,
        "not_found": False,
        "track_url": request.resource_url(request.root, "@@case-track"),
        "draft_days": drafts.draft_days(request.registry),
    }
    result.update(extra)
    return result


def _error_list(applicant, specs, errors):
    """(field id, label, message) of each error, in the form's order."""
    rows = []
    if "applicant_type" in errors and not any(s["name"] == "applicant_type" for s in applicant):
        rows.append(("", _("申请人类型"), errors["applicant_type"]))
    for spec in list(applicant) + [formfields.normalise_spec(s) for s in specs]:
        name = spec["name"]
        if name in errors:
            target = f"f-{name}-0" if spec["kind"] in formfields.CHOICE_KINDS else f"f-{name}"
            rows.append((target, spec["label"], errors[name]))
    return rows


def posted_page(guide, request, status, **values):
    """The form again after a refused post (the submission token kept)."""
    request.response.status_int = status
    result = page(guide, request, **values)
    if submitted_token(request):
        result["submission_token"] = submitted_token(request)
    result["resume_code"] = _posted_resume(request)
    return result


def raw_values(specs, post):
    """What was typed, to show the form again (files are uploaded again)."""
    values = {}
    for spec in (formfields.normalise_spec(s) for s in specs):
        name = spec["name"]
        if spec["kind"] == "multichoice":
            values[name] = tuple(v for v in post.getall(name) if isinstance(v, str))
        elif spec["kind"] != "file":
            raw = post.get(name, "")
            values[name] = raw if isinstance(raw, str) else ""
    for name, raw in post.items():
        if name.startswith("applicant_") and isinstance(raw, str):
            values[name] = raw
    return values


def _posted_resume(request):
    code = request.POST.get(RESUME_FIELD, "")
    return code.strip()[:40] if isinstance(code, str) else ""


def _draft_of(guide, request, code):
    draft = drafts.load_draft(guide, code, request.registry) if code else None
    if draft is None or draft.guide_path != resource_path(guide):
        return None
    return draft


@view_config(
    context=IServiceGuide, name="apply", permission="view", renderer=TEMPLATES + "apply.pt"
)
def apply_view(context, request):
    online_guide(context, request)
    if request.method == "GET":
        code = request.GET.get("resume", "")
        if code:
            return resume(context, request, code)
        return page(context, request)
    if request.method != "POST":
        raise HTTPBadRequest()
    action = request.POST.get("action", "submit")
    if action == "resume":
        return resume(context, request, request.POST.get("resume", ""))
    if request.POST.get(HONEYPOT):
        return posted_page(
            context,
            request,
            400,
            form_error=t(
                request, _("services-robot", default="提交未被接受，请刷新页面后重新填写。")
            ),
        )
    if action == "save":
        return save(context, request)
    return submit(context, request)


def resume(guide, request, code):
    code = code if isinstance(code, str) else ""
    if not allowed(request, "track"):
        request.response.status_int = 429
        return page(guide, request, form_error=t(request, RATE_MESSAGE))
    draft = _draft_of(guide, request, code)
    if draft is None:
        request.response.status_int = 404
        return page(guide, request, not_found=True)
    return page(
        guide,
        request,
        values=draft.values,
        kept=draft.material_names(),
        resume_code=drafts._grouped(code),
    )


RATE_MESSAGE = _("services-rate", default="提交过于频繁，请稍后再试。")


def save(guide, request):
    code = _posted_resume(request)
    draft = _draft_of(guide, request, code)
    kept = draft.material_names() if draft is not None else {}
    specs = tuple(guide.form_fields)
    values, files, errors = drafts.collect(specs, request.POST, request)
    if errors:
        return posted_page(guide, request, 400, values=values, errors=errors, kept=kept)
    if not allowed(request, "apply"):
        return posted_page(
            guide, request, 429, values=values, kept=kept, form_error=t(request, RATE_MESSAGE)
        )
    # the saving form's own token is the one this post is counted by
    request.POST[SUBMISSION_FIELD] = request.POST.get(DRAFT_FIELD, "")
    saved, replayed = drafts.save_once(request, guide, values, files, code if draft else None)
    kept = dict(kept)
    for field, triples in files.items():
        kept[field] = [f[0] for f in triples]
    result = page(guide, request, values=values, kept=kept, saved_code=saved, replayed=replayed)
    result["resume_code"] = saved
    return result


def submit(guide, request):
    code = _posted_resume(request)
    draft = _draft_of(guide, request, code)
    kept = draft.material_names() if draft is not None else {}
    applicant, applicant_errors = formfields.validate_applicant(
        request.POST, guide.user_types, request
    )
    values, files, errors = formfields.validate(guide.form_fields, request.POST, request, kept)
    errors = dict(applicant_errors, **errors)
    if errors:
        return posted_page(
            guide,
            request,
            400,
            values=raw_values(guide.form_fields, request.POST),
            errors=errors,
            kept=kept,
            form_error=t(
                request,
                _("services-form-errors", default="申请未提交：请按提示修改标出的栏目。"),
            ),
        )
    if draft is not None:  # materials uploaded before and not replaced now
        for field, stored in draft.materials.items():
            if field in values and field not in files:
                files[field] = list(stored)

    def create(submission):
        if not allowed(request, "apply"):
            raise RateLimited()
        case, _code = actions.submit(request, guide, applicant, values, files, submission)
        if draft is not None:
            drafts.discard_draft(guide, code)
        return {"number": case.__name__, "lead": case.lead}

    try:
        outcome = once(request, actions.SUBMISSION_KIND, create)
    except RateLimited:
        return posted_page(
            guide, request, 429, values=values, kept=kept, form_error=t(request, RATE_MESSAGE)
        )
    request.override_renderer = TEMPLATES + "apply_done.pt"
    no_store(request)
    return {
        "guide": guide,
        "number": outcome.result["number"],
        "code": actions.case_code_of(outcome.submission),
        "replayed": outcome.replayed,
        "track_url": request.resource_url(request.root, "@@case-track"),
    }


def includeme(config):
    config.scan(".views_apply")
