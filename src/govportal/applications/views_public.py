"""Public pages: the online application form (``@@apply``) and the status page
(``@@track``), on the portal and on every department, without an account.

* ``@@apply`` — GET shows the form with a one-time submission token
  (:mod:`govportal.submissions`; a JSON GET answers the CSRF and submission
  tokens); POST (CSRF-checked) validates every field and either shows the
  form again with a message next to each bad field (status 400, nothing
  stored) or stores the application for the site it was posted to and shows
  its number and tracking code.  The same token posted again (refresh,
  double click, a retried request) stores nothing and shows the same number
  and code.  A hidden honeypot field and a per-address rate limit keep out
  floods.
* ``@@track`` — POST a tracking code; the page shows status, dates, deadline
  and outcome, never personal data.  Every wrong code gets the same answer.

Neither page is kept by the render cache (they carry the session's CSRF
token, and the answers are private).
"""

import threading
import time
from collections import defaultdict, deque

import colander
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..cache import dont_cache
from ..calendar import get_calendar
from ..content import IDepartment
from ..i18n import _, translate
from ..submissions import FIELD as SUBMISSION_FIELD
from ..submissions import issue, once, submitted_token
from ..workflow import get_workflow
from ..workflow.views import wants_json
from . import clock
from .actions import submit, tracking_code_of
from .model import find_by_code, site_of
from .schema import validate_application
from .vocabulary import (
    DELIVERY_CHANNELS,
    DELIVERY_FORMS,
    ID_TYPES,
    OUTCOME_TITLES,
)

TEMPLATES = "govportal.applications:templates/"
#: The hidden field robots fill in and people do not see.
HONEYPOT = "homepage"
#: The kind of one-time submission token the form carries (govportal.submissions).
SUBMISSION_KIND = "apply"
#: The environ key remembering a request's rate-limit decision across retries.
RATE_DECISION = "govportal.applications.apply_allowed"

ORG_TYPES = (
    ("org_business", "商业企业"),
    ("org_research", "科研机构"),
    ("org_charity", "社会公益组织"),
    ("org_legal", "法律服务机构"),
    ("org_other", "其他"),
)


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key, in this process."""

    def __init__(self, limit, window):
        self.limit, self.window = limit, window
        self._events = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key):
        now = time.monotonic()
        with self._lock:
            events = self._events[key]
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 10_000:  # forget idle addresses
                for k in [k for k, v in self._events.items() if not v]:
                    del self._events[k]
            return True


def parse_rate(text):
    """``"10/600"`` -> (10, 600.0)."""
    limit, _sep, window = str(text).partition("/")
    return int(limit), float(window or 600)


def limiter(request, name):
    registry = request.registry
    limiters = registry.__dict__.setdefault("govportal_application_limiters", {})
    if name not in limiters:
        setting = registry.settings.get(f"govportal.applications.{name}_rate") or "10/600"
        limiters[name] = RateLimiter(*parse_rate(setting))
    return limiters[name]


def _form_values(request):
    fields = (
        "applicant_kind org_type name id_type id_number org_name credit_code phone email "
        "address description doc_number purpose delivery_form delivery_channel"
    ).split()
    return {name: request.POST.get(name, "") for name in fields}


def _json(request, data):
    """The answer as JSON (a client that asked for JSON, e.g. a kiosk app)."""
    request.override_renderer = "json"
    return data


def _page(request, **values):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    base = {
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": "",
        "replayed": False,
        "id_types": ID_TYPES,
        "org_types": ORG_TYPES,
        "delivery_forms": DELIVERY_FORMS,
        "delivery_channels": DELIVERY_CHANNELS,
        "honeypot": HONEYPOT,
        "errors": {},
        "form_error": None,
        "values": {},
    }
    base.update(values)
    return base


@view_config(context=IRoot, name="apply", permission="view", renderer=TEMPLATES + "apply.pt")
@view_config(context=IDepartment, name="apply", permission="view", renderer=TEMPLATES + "apply.pt")
def apply_view(context, request):
    if request.method == "GET":
        token = issue(request, SUBMISSION_KIND)
        if wants_json(request):
            # a JSON client (kiosk) asks for the tokens its POST must carry
            dont_cache(request)
            request.response.headers["Cache-Control"] = "private, no-store"
            return _json(
                request,
                {
                    "ok": True,
                    "csrf_token": request.session.get_csrf_token(),
                    SUBMISSION_FIELD: token,
                },
            )
        return _page(request, submission_token=token)
    if request.method != "POST":
        raise HTTPBadRequest()
    values = _form_values(request)
    # shown again with the form: the same token until a submission is stored
    posted_token = submitted_token(request)
    if request.POST.get(HONEYPOT):
        request.response.status_int = 400
        if wants_json(request):
            return _json(request, {"ok": False, "errors": {}})
        return _page(
            request,
            values=values,
            submission_token=posted_token,
            form_error=translate(
                request, _("applications-robot", default="提交未被接受，请刷新页面后重新填写。")
            ),
        )
    try:
        applicant, sought = validate_application(values)
    except colander.Invalid as e:
        request.response.status_int = 400
        errors = {k: translate(request, v) for k, v in e.asdict().items()}
        if wants_json(request):
            return _json(request, {"ok": False, "errors": errors})
        return _page(
            request,
            values=values,
            errors=errors,
            submission_token=posted_token,
            form_error=translate(
                request,
                _("applications-form-errors", default="申请未提交：请按提示修改标出的栏目。"),
            ),
        )

    def create(submission):
        # a replay is answered from the ledger before this runs, so the
        # rate limit counts applications, not refreshes or double clicks;
        # and once per request, not once per attempt (pyramid_retry reruns
        # the request with the same environ)
        allowed = request.environ.get(RATE_DECISION)
        if allowed is None:
            allowed = limiter(request, "apply").allow(request.client_addr or "-")
            request.environ[RATE_DECISION] = allowed
        if not allowed:
            raise _RateLimited()
        application, _code = submit(context, request, applicant, sought, submission)
        return {
            "number": application.__name__,
            "site": resource_path(context),
            "emailed": bool(applicant.get("email")),
        }

    try:
        outcome = once(request, SUBMISSION_KIND, create)
    except _RateLimited:
        request.response.status_int = 429
        if wants_json(request):
            return _json(request, {"ok": False, "errors": {"": "提交过于频繁，请稍后再试。"}})
        return _page(
            request,
            values=values,
            submission_token=posted_token,
            form_error=translate(
                request,
                _("applications-rate", default="提交过于频繁，请稍后再试。"),
            ),
        )
    result = outcome.result
    # the code is derived from the token: the same on every replay
    code = tracking_code_of(outcome.submission)
    if wants_json(request):
        dont_cache(request)
        return _json(
            request,
            {
                "ok": True,
                "number": result["number"],
                "code": code,
                "replayed": outcome.replayed,
            },
        )
    request.override_renderer = TEMPLATES + "apply_done.pt"
    return _page(
        request,
        code=code,
        number=result["number"],
        emailed=result["emailed"],
        replayed=outcome.replayed,
        track_url=request.resource_url(context, "@@track"),
    )


class _RateLimited(Exception):
    """Raised inside the submission: nothing is stored or recorded."""


def public_status(application, request):
    """What the status page shows: state, dates, deadline, outcome."""
    registry = request.registry
    workflow = get_workflow(application, registry)
    state = workflow.state_of(application)
    decision = application.decision
    site = site_of(application)
    info = clock.clock_status(application, get_calendar(site), state)
    return {
        "number": application.__name__,
        "organ": getattr(site, "title", "") or getattr(site, "legal_name", ""),
        "state_title": workflow.state_title(state),
        "submitted_on": application.submitted_on,
        "registered_on": application.registered_on,
        "clock_start": application.clock_start,
        "due": application.due,
        "uncertain": bool(info["uncertain_years"]),
        "paused": state in clock.PAUSED_STATES,
        "supplement": application.supplement if state in clock.WAITING_STATES else None,
        "extension": application.extension,
        "decision": decision,
        "outcome_title": OUTCOME_TITLES.get(decision["code"]) if decision else None,
    }


@view_config(context=IRoot, name="track", permission="view", renderer=TEMPLATES + "track.pt")
@view_config(context=IDepartment, name="track", permission="view", renderer=TEMPLATES + "track.pt")
def track_view(context, request):
    if request.method == "GET":
        return _page(request, status=None, not_found=False)
    if request.method != "POST":
        raise HTTPBadRequest()
    if not limiter(request, "track").allow(request.client_addr or "-"):
        request.response.status_int = 429
        return _page(
            request,
            status=None,
            not_found=False,
            form_error=translate(
                request, _("applications-rate", default="提交过于频繁，请稍后再试。")
            ),
        )
    application = find_by_code(context, request.POST.get("code", ""))
    if application is None:
        request.response.status_int = 404
        return _page(request, status=None, not_found=True)
    return _page(request, status=public_status(application, request), not_found=False)
