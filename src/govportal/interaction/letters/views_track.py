"""``<site>/@@letter-track``: the writer sees his own letter with its number
and query code, whatever its state; after the reply he rates it once.

* GET shows the look-up form (信件编号 and 查询码).
* POST ``action=look`` finds the letter by the code (its hash, in the
  portal's index) and checks that the number matches; every wrong number or
  code gets the same answer (404, one message), and look-ups are limited
  per address in the database (:mod:`govportal.interaction.limits`, scope ``track``).  The page
  shows the writer's own text unmasked, the status, the public steps, the
  date that counts now and, once answered, the reply.
* POST ``action=rate`` (number, code, a one-time submission token) records
  the writer's satisfaction (:data:`.vocabulary.SATISFACTION`) once per
  letter, only after the reply; the same token posted again stores nothing.

Nothing here is cached; the code is never stored in the clear.
"""

from datetime import UTC, datetime

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ... import sitetime
from ...applications.model import normalise_tracking_code
from ...content import IDepartment
from ...i18n import _, translate
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import issue, once
from ...workflow import get_workflow
from .. import limits
from . import clock
from .model import find_by_code, site_of
from .views_write import no_store
from .vocabulary import CATEGORIES, CHANNELS, SATISFACTION, SATISFACTION_CODES, title_of

TEMPLATE = "govportal.interaction.letters:templates/public_track.pt"
RATE_KIND = "letter-rating"
MAX_COMMENT = 500

TRACK_RATE = ("govportal.interaction.track_rate", "20/600")
RATE_LIMITED = _("letters-rate", default="提交过于频繁，请稍后再试。")


class RatingRefused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def _posted(request, name, limit=64):
    value = request.POST.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


def find_letter(context, number, code):
    """The letter of ``number`` and ``code``, or None (one answer for all)."""
    letter = find_by_code(context, code)
    if letter is None or letter.__name__ != number.strip().upper():
        return None
    return letter


def status_of(letter, request):
    """What the writer sees of his own letter."""
    registry = request.registry
    workflow = get_workflow(letter, registry)
    site = site_of(letter)
    answered = letter.answered_on is not None
    return {
        "number": letter.__name__,
        "organ": getattr(site, "title", "") or getattr(site, "legal_name", ""),
        "channel": translate(request, title_of(CHANNELS, letter.channel)),
        "category": translate(request, title_of(CATEGORIES, letter.category)),
        "state_title": workflow.state_title(workflow.state_of(letter)),
        "subject": letter.subject,
        "body": letter.body,
        "received_on": letter.received_on,
        "verify_due": letter.verify_due,
        "promised_on": clock.promised_date(letter) if letter.verification else None,
        "due": None if answered else letter.due,
        "uncertain": bool(letter.due_uncertain_years),
        "steps": letter.steps,
        "answered_on": letter.answered_on,
        "reply": (letter.reply or {}).get("text") if answered else None,
        "satisfaction": letter.satisfaction,
        "may_rate": answered and not letter.satisfaction,
        "satisfaction_title": translate(
            request, title_of(SATISFACTION, (letter.satisfaction or {}).get("level"))
        )
        if letter.satisfaction
        else None,
        "attachments": [a.filename for a in letter.attachments],
    }


def page(request, **values):
    no_store(request)
    result = {
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "rating_token": "",
        "levels": [(code, translate(request, title)) for code, title in SATISFACTION],
        "status": None,
        "number": "",
        "code": "",
        "not_found": False,
        "form_error": None,
        "rated": False,
        "write_url": request.resource_url(request.context, "@@write"),
        "when": lambda at: sitetime.local(at, request.registry).strftime("%Y-%m-%d %H:%M"),
    }
    result.update(values)
    return result


def rate(letter, request, level, comment):
    """Record the writer's rating of ``letter`` (once, after the reply)."""
    if letter.answered_on is None:
        raise RatingRefused(
            409, translate(request, _("letters-rate-early", default="信件答复后才能评价。"))
        )
    if letter.satisfaction:
        raise RatingRefused(
            409, translate(request, _("letters-rated", default="该信件已经评价过，不能重复评价。"))
        )
    if level not in SATISFACTION_CODES:
        raise RatingRefused(
            400, translate(request, _("letters-rate-level", default="请选择满意程度。"))
        )
    letter.satisfaction = {"level": level, "comment": comment, "at": datetime.now(UTC)}


@view_config(context=IRoot, name="letter-track", permission="view", renderer=TEMPLATE)
@view_config(context=IDepartment, name="letter-track", permission="view", renderer=TEMPLATE)
def track_view(context, request):
    if request.method == "GET":
        return page(request)
    if request.method != "POST":
        raise HTTPBadRequest()
    number = _posted(request, "number")
    code = normalise_tracking_code(_posted(request, "code"))
    shown = _posted(request, "code")
    if not limits.allowed(request, "track", *TRACK_RATE):
        request.response.status_int = 429
        return page(request, form_error=translate(request, RATE_LIMITED), number=number)
    letter = find_letter(context, number, code)
    if letter is None:
        request.response.status_int = 404
        return page(request, not_found=True, number=number)
    result = {"number": letter.__name__, "code": shown}
    if _posted(request, "action") == "rate":
        level = _posted(request, "level")
        comment = _posted(request, "comment", MAX_COMMENT)

        def create(submission):
            rate(letter, request, level, comment)
            return {"number": letter.__name__}

        try:
            once(request, RATE_KIND, create)
        except RatingRefused as e:
            request.response.status_int = e.status
            return page(
                request,
                status=status_of(letter, request),
                form_error=e.message,
                rating_token=issue(request, RATE_KIND),
                **result,
            )
        result["rated"] = True
    status = status_of(letter, request)
    token = issue(request, RATE_KIND) if status["may_rate"] else ""
    return page(request, status=status, rating_token=token, **result)
