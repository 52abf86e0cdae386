"""好差评 pages.

* ``GET /@@ratings`` — public: per department, the ratings per level, the
  satisfaction rate and the bad ratings rectified (on time), and the
  departments' rectification answers.  No personal data (never the
  applicant, never the applicant's own words).
* ``GET <site>/@@rectifications`` — the site's bad ratings to answer, for
  the staff whose roles hold ``rectify`` on the site's cases (others: 403);
  ``POST`` (``case``, ``answer``; CSRF-checked by the site's default) records
  an answer, refused (403) without ``rectify`` on that case, (409) when
  already answered, (400) when empty; a refused answer writes nothing.

The rating itself is posted from the public tracking page (:mod:`.ratings`
``rate``, called by the tracking views).
"""

from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDepartment
from ..i18n import _
from ..security.localroles import effective_roles
from ..workflow import facts
from . import clock, ratings
from .cases import CASE_TYPE, find_case_box
from .rating_forms import case_in, private, refused_or_done
from .vocabulary import RATING_LEVELS, title_of

TEMPLATES = "govportal.services:templates/"


@view_config(context=IRoot, name="ratings", permission="view", renderer=TEMPLATES + "ratings.pt")
def ratings_view(context, request):
    rows, answers = ratings.rating_stats(context, request.registry)
    return {
        "rows": rows,
        "answers": answers,
        "levels": RATING_LEVELS,
        "today": clock.today(),
    }


def may_rectify_here(request, site):
    """True when the user's roles on ``site`` answer bad ratings in some state."""
    if request.authenticated_userid is None:
        return False
    registry = request.registry
    answering = facts.roles_granted(registry, ratings.RECTIFY, CASE_TYPE)
    roles = effective_roles(
        site, request.effective_principals, registry.govportal_vocabulary.global_roles
    )
    return any(role in answering for role in roles)


def _rows(site, request, on):
    box = find_case_box(site)
    rows = []
    for case in box.values() if box is not None else ():
        rect = case.rectification
        if not rect or not request.has_permission(ratings.RECTIFY, case):
            continue
        status = ratings.rectification_status(rect, on)
        rows.append(
            {
                "number": case.__name__,
                "title": case.guide_title,
                "level_title": title_of(RATING_LEVELS, case.rating["level"]),
                "comment": case.rating.get("comment", ""),
                "opened_on": rect["opened_on"],
                "due": rect["due"],
                "answer": rect.get("answer", ""),
                "answered_on": rect.get("answered_on"),
                "status": status,
                "status_title": ratings.STATUS_TITLES[status],
                "appeal": rect.get("appeal"),
            }
        )
    rows.sort(key=lambda r: (r["answered_on"] is not None, r["due"]))
    return rows


def _page(context, request, errors=None, values=None, appeal_errors=None, appeal_values=None):
    today = clock.today()
    return {
        "appeal_errors": appeal_errors or {},
        "appeal_values": appeal_values or {},
        "appeal_action": request.resource_url(context, "@@rectification-appeal"),
        "rows": _rows(context, request, today),
        "errors": errors or {},
        "values": values or {},
        "csrf_token": request.session.get_csrf_token(),
        "action": request.resource_url(context, "@@rectifications"),
        "today": today,
    }


RECTIFY_PT = TEMPLATES + "ratings_rectify.pt"


@view_config(context=IRoot, name="rectifications", permission="view", renderer=RECTIFY_PT)
@view_config(context=IDepartment, name="rectifications", permission="view", renderer=RECTIFY_PT)
def rectifications_view(context, request):
    private(request)
    if not may_rectify_here(request, context):
        raise HTTPForbidden()
    if request.method != "POST":
        return _page(context, request)
    number = request.POST.get("case", "")
    case = case_in(context, number)
    if not request.has_permission(ratings.RECTIFY, case):
        raise HTTPForbidden()
    text = request.POST.get("answer", "")
    return refused_or_done(
        request,
        lambda: ratings.answer(request, case, text),
        lambda message: _page(
            context,
            request,
            errors={number: message},
            values={number: text},
        ),
        _(
            "services-rectify-saved",
            default="已提交办件 ${number} 的整改答复。",
            mapping={"number": number},
        ),
        request.resource_url(context, "@@rectifications"),
    )


def includeme(config):
    config.scan(".views_ratings")
