"""好差评 appeals (申诉, checklist D7): a department may contest a bad rating
it considers malicious or unrelated to the service instead of answering it.

* :func:`file_appeal` — on an open (unanswered) rectification, once per
  rating: ``case.rectification["appeal"] = {"reason", "filed_at",
  "filed_on", "by", "decision": None, ...}`` (the dict is replaced).
* :func:`decide` — a supervisor (``supervise`` on the root) decides once:
  ``"upheld"`` (申诉成立: the rating gets ``excluded`` True, left out of the
  public statistics and the satisfaction rates; the rectification is closed)
  or ``"rejected"`` (申诉不成立, with a reason: the department must answer,
  the due date stays).  The case's public steps record only
  "差评申诉已处理"; the reasons are internal.
* :func:`appeals` — every appeal of every site, pending first.
"""

from pyramid.traversal import find_root

from .. import sitetime
from ..i18n import _, translate
from ..mail import send_to_users
from ..siteurl import public_resource_url
from . import clock
from .cases import lead_site
from .queries import all_cases
from .ratings import RatingRefused
from .sites import site_key, site_title
from .supervision import PORTAL_TITLE, _supervisors

UPHELD = "upheld"
REJECTED = "rejected"
DECISIONS = {UPHELD: _("申诉成立"), REJECTED: _("申诉不成立")}
MAX_REASON = 2000


def _reason(text, empty):
    text = str(text or "").strip()
    if not text:
        raise RatingRefused(empty)
    if len(text) > MAX_REASON:
        raise RatingRefused(
            _(
                "services-appeal-long",
                default="理由不能超过${max}个字。",
                mapping={"max": MAX_REASON},
            )
        )
    return text


def appeal_of(case):
    rect = case.rectification or {}
    return rect.get("appeal")


def file_appeal(request, case, reason):
    """The department's appeal against ``case``'s bad rating (once).

    Refused (409) without an open rectification, after an answer or a
    second time; (400) without a reason.  The caller checks ``rectify``."""
    rect = case.rectification
    if not rect:
        raise RatingRefused(_("services-rectify-none", default="该办件没有待整改的差评。"), 409)
    if rect.get("appeal"):
        raise RatingRefused(
            _("services-appeal-twice", default="该差评已提出申诉，不能重复申诉。"), 409
        )
    if rect.get("answered_at"):
        raise RatingRefused(
            _("services-appeal-answered", default="该差评已答复，不能再申诉。"), 409
        )
    reason = _reason(reason, _("services-appeal-empty", default="请填写申诉理由。"))
    appeal = {
        "reason": reason,
        "filed_at": sitetime.now_utc(),
        "filed_on": clock.today(),
        "by": request.authenticated_userid,
        "decision": None,
        "decision_reason": "",
        "decided_at": None,
        "decided_on": None,
        "decided_by": None,
    }
    case.rectification = dict(rect, appeal=appeal)
    _mail(
        request,
        _supervisors(find_root(case), request.registry),
        f"【差评申诉】{site_title(lead_site(case))}对办件 {case.__name__} 的差评提出申诉",
        public_resource_url(request.registry, find_root(case), "@@supervision-appeals"),
        "请核实申诉并作出处理",
    )
    return appeal


def decide(request, case, decision, reason=""):
    """A supervisor's decision on ``case``'s appeal (once; 409 on a replay).

    ``reason`` is required when the appeal is rejected (400)."""
    appeal = appeal_of(case)
    if not appeal:
        raise RatingRefused(_("services-appeal-none", default="该办件没有差评申诉。"), 409)
    if appeal.get("decision"):
        raise RatingRefused(
            _("services-appeal-decided", default="该申诉已处理，不能重复处理。"), 409
        )
    if decision not in DECISIONS:
        raise RatingRefused(_("services-appeal-decision", default="请选择处理结果。"))
    if decision == REJECTED:
        reason = _reason(reason, _("services-appeal-no-reason", default="请填写申诉不成立的理由。"))
    else:
        reason = str(reason or "").strip()[:MAX_REASON]
    decided = dict(
        appeal,
        decision=decision,
        decision_reason=reason,
        decided_at=sitetime.now_utc(),
        decided_on=clock.today(),
        decided_by=request.authenticated_userid,
    )
    case.rectification = dict(case.rectification, appeal=decided)
    if decision == UPHELD:
        case.rating = dict(case.rating, excluded=True)
    case.add_step(translate(request, _("services-step-appealed", default="差评申诉已处理")))
    from .ratings import rectifiers

    site = lead_site(case)
    _mail(
        request,
        rectifiers(site, request.registry),
        f"【差评申诉】办件 {case.__name__} 的申诉{translate(request, DECISIONS[decision])}",
        public_resource_url(request.registry, site, "@@rectifications"),
        "申诉成立的评价不计入统计，无需答复"
        if decision == UPHELD
        else f"请于 {case.rectification['due'].isoformat()} 前答复整改情况",
    )
    return decided


def _mail(request, users, subject, url, line):
    send_to_users(request, users, subject, f"{line}。\n页面：{url}\n", "services")


def is_excluded(rating):
    """True when an upheld appeal took ``rating`` out of the statistics."""
    return bool(rating and rating.get("excluded"))


def appeals(root):
    """Rows of every appeal (site key and title, case number, guide title,
    level, dates, reasons, decision), pending first then newest first."""
    from .ratings import RATING_LEVELS
    from .vocabulary import title_of

    rows = []
    for case in all_cases(root):
        appeal = appeal_of(case)
        if not appeal:
            continue
        site = lead_site(case)
        rows.append(
            {
                "lead": site_key(site),
                "lead_title": site_title(site) or PORTAL_TITLE,
                "number": case.__name__,
                "title": case.guide_title,
                "level_title": title_of(RATING_LEVELS, case.rating["level"]),
                "comment": case.rating.get("comment", ""),
                "due": case.rectification["due"],
                **appeal,
                "decision_title": DECISIONS.get(appeal.get("decision")),
            }
        )
    rows.sort(key=lambda r: (r["decision"] is not None, -r["filed_at"].timestamp()))
    return rows
