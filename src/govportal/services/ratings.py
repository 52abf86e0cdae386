"""好差评 (国办发〔2019〕51号, checklist D7): the applicant rates a concluded
case once; a bad rating opens a rectification the department answers.

* :func:`rate` — ``case.rating = {"level", "comment", "at"}``: only once the
  case's clock is ``closed`` (办结、不予许可、不予受理; asked through
  :func:`govportal.workflow.facts.clock_states`), once per case (a second
  call returns the recorded rating unchanged), five levels of
  :data:`~.vocabulary.RATING_LEVELS`.  A level at or below
  :data:`~.vocabulary.BAD_RATING` (差评) opens ``case.rectification =
  {"opened_on", "due", "answer", "answered_at", "answered_on", "by"}`` with
  ``due`` = ``govportal.services.rectify_days`` working days (default 5) after
  the rating, and mails the lead site's staff who hold ``rectify``.
* :func:`answer` — the department's answer (整改情况), once.
* :func:`rating_stats` — public figures per lead site: counts per level,
  satisfaction rate, bad ratings rectified (on time), with the answers
  (no personal data: never the applicant, never the applicant's comment).
"""

from pyramid.traversal import find_root

from .. import sitetime
from ..calendar import get_calendar
from ..i18n import _, translate
from ..mail import send_to_users
from ..security.people import users_with_roles
from ..siteurl import public_resource_url
from ..workflow import facts
from . import clock
from .cases import CASE_TYPE, lead_site
from .queries import all_cases
from .sites import site_key, site_title
from .supervision import PORTAL_TITLE
from .vocabulary import BAD_RATING, RATING_LEVELS, title_of

RECTIFY = "rectify"
RECTIFY_SETTING = "govportal.services.rectify_days"
DEFAULT_RECTIFY_DAYS = 5
MAX_COMMENT = 500
MAX_ANSWER = 2000
TOPIC = "services"
LEVELS = tuple(level for level, _title in RATING_LEVELS)


class RatingRefused(Exception):
    """A rating or an answer that cannot be taken (``status``: 400, 409)."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def rectify_days(settings):
    try:
        return int((settings or {}).get(RECTIFY_SETTING) or DEFAULT_RECTIFY_DAYS)
    except (TypeError, ValueError):
        return DEFAULT_RECTIFY_DAYS


def may_rate(case, registry):
    """True when ``case``'s clock is closed and it has no rating yet."""
    return case.rating is None and clock.clock_mode(case, registry) == clock.CLOSED


def parse_level(value):
    """The rating level posted (1..5) or :class:`RatingRefused`."""
    try:
        level = int(str(value).strip())
    except (TypeError, ValueError):
        level = None
    if level not in LEVELS:
        raise RatingRefused(_("services-rating-level", default="请选择评价等级。"))
    return level


def rate(request, case, level, comment=""):
    """Record the applicant's rating of ``case``; returns ``(rating, new)``.

    A case already rated returns its recorded rating and ``new`` False (a
    replayed form changes nothing).  Refused with :class:`RatingRefused`
    before the case is concluded (409) or on a bad level or comment (400);
    nothing is written then."""
    registry = request.registry
    if case.rating is not None:
        return case.rating, False
    if clock.clock_mode(case, registry) != clock.CLOSED:
        raise RatingRefused(
            _("services-rating-not-closed", default="办件办结后才能评价。"), status=409
        )
    level = parse_level(level)
    comment = " ".join(str(comment or "").split())
    if len(comment) > MAX_COMMENT:
        raise RatingRefused(
            _(
                "services-rating-comment-long",
                default="评价内容不能超过${max}个字。",
                mapping={"max": MAX_COMMENT},
            )
        )
    today = clock.today()
    case.rating = {"level": level, "comment": comment, "at": sitetime.now_utc()}
    step = translate(request, _("services-step-rated", default="申请人已评价"))
    case.add_step(step, translate(request, title_of(RATING_LEVELS, level)))
    if level <= BAD_RATING:
        calendar = get_calendar(find_root(case))
        due = calendar.add_workdays(today, rectify_days(registry.settings)).value
        case.rectification = {
            "opened_on": today,
            "due": due,
            "answer": "",
            "answered_at": None,
            "answered_on": None,
            "by": None,
        }
        _mail_rectifiers(request, case, level, due)
    return case.rating, True


def rectifiers(site, registry):
    """Users who answer bad ratings of ``site``'s cases (roles holding ``rectify``)."""
    return users_with_roles(site, facts.roles_granted(registry, RECTIFY, CASE_TYPE), registry)


def _mail_rectifiers(request, case, level, due):
    site = lead_site(case)
    url = public_resource_url(request.registry, site, "@@rectifications")
    subject = f"【好差评】办件 {case.__name__} 收到差评，请于 {due.isoformat()} 前整改答复"
    body = (
        f"{site_title(site)}办理的“{case.guide_title}”办件 {case.__name__} 收到评价"
        f"“{title_of(RATING_LEVELS, level)}”。\n"
        f"请核实情况、整改并于 {due.isoformat()} 前答复（整改情况将公开）。\n"
        f"整改答复页面：{url}\n"
    )
    send_to_users(request, rectifiers(site, request.registry), subject, body, TOPIC)


def answer(request, case, text):
    """Record the department's answer to ``case``'s rectification (once).

    Refused (409) when there is nothing to answer or it was answered, (400)
    on an empty or too long text.  The caller checks ``rectify``."""
    rect = case.rectification
    if not rect:
        raise RatingRefused(_("services-rectify-none", default="该办件没有待整改的差评。"), 409)
    if (rect.get("appeal") or {}).get("decision") == "upheld":
        raise RatingRefused(_("services-rectify-upheld", default="该差评申诉成立，无需答复。"), 409)
    if rect.get("answered_at"):
        raise RatingRefused(_("services-rectify-done", default="该差评已答复，不能重复答复。"), 409)
    text = str(text or "").strip()
    if not text:
        raise RatingRefused(_("services-rectify-empty", default="请填写整改情况。"))
    if len(text) > MAX_ANSWER:
        raise RatingRefused(
            _(
                "services-rectify-long",
                default="整改情况不能超过${max}个字。",
                mapping={"max": MAX_ANSWER},
            )
        )
    case.rectification = dict(
        rect,
        answer=text,
        answered_at=sitetime.now_utc(),
        answered_on=clock.today(),
        by=request.authenticated_userid,
    )
    case.add_step(
        translate(request, _("services-step-rectified", default="部门已就评价作出整改答复"))
    )
    return case.rectification


def rectification_status(rect, on=None):
    """``"answered_on_time"``, ``"answered_late"``, ``"open"``, ``"overdue"``
    or ``"appeal_upheld"`` (closed by an upheld appeal, :mod:`.appeals`)."""
    on = on or clock.today()
    if (rect.get("appeal") or {}).get("decision") == "upheld":
        return "appeal_upheld"
    if rect.get("answered_on"):
        return "answered_on_time" if rect["answered_on"] <= rect["due"] else "answered_late"
    return "overdue" if on > rect["due"] else "open"


STATUS_TITLES = {
    "answered_on_time": _("已按时整改"),
    "answered_late": _("逾期整改"),
    "open": _("整改中"),
    "overdue": _("逾期未整改"),
    "appeal_upheld": _("申诉成立"),
}


def rating_stats(root, registry, on=None):
    """``(rows, answers)``: per lead site and a total, the counts per level
    (``levels``: level -> count), ``rated``, ``satisfied`` (基本满意 or better),
    ``satisfaction`` (percent, one decimal), ``bad``, ``rectified``,
    ``rectified_on_time``; ``answers``: the published rectification answers,
    newest first (site, guide, level title, dates, answer; nothing personal)."""
    on = on or clock.today()
    table, answers = {}, []
    for case in all_cases(root):
        rating = case.rating
        if not rating:
            continue
        site = lead_site(case)
        key = site_key(site)
        row = table.setdefault(key, _empty_row(key, site_title(site) or PORTAL_TITLE))
        if rating.get("excluded"):  # an upheld appeal (申诉成立): 经核实剔除
            row["excluded"] += 1
            continue
        _count(row, case, on)
        rect = case.rectification
        if rect and rect.get("answered_on"):
            answers.append(
                {
                    "lead_title": row["lead_title"],
                    "title": case.guide_title,
                    "level_title": title_of(RATING_LEVELS, rating["level"]),
                    "opened_on": rect["opened_on"],
                    "due": rect["due"],
                    "answered_on": rect["answered_on"],
                    "status_title": STATUS_TITLES[rectification_status(rect, on)],
                    "answer": rect["answer"],
                }
            )
    rows = sorted(table.values(), key=lambda r: (r["lead"] != "", r["lead"]))
    total = _empty_row(None, _("合计"))
    for row in rows:
        for level in LEVELS:
            total["levels"][level] += row["levels"][level]
        for name in (
            "rated",
            "satisfied",
            "bad",
            "rectified",
            "rectified_on_time",
            "overdue",
            "excluded",
        ):
            total[name] += row[name]
    for row in rows + [total]:
        row["satisfaction"] = (
            round(100.0 * row["satisfied"] / row["rated"], 1) if row["rated"] else None
        )
    answers.sort(key=lambda a: a["answered_on"], reverse=True)
    return rows + [total], answers


def _empty_row(key, title):
    return {
        "lead": key,
        "lead_title": title,
        "levels": {level: 0 for level in LEVELS},
        "rated": 0,
        "satisfied": 0,
        "bad": 0,
        "rectified": 0,
        "rectified_on_time": 0,
        "overdue": 0,
        "excluded": 0,
    }


def _count(row, case, on):
    level = case.rating["level"]
    row["levels"][level] += 1
    row["rated"] += 1
    row["satisfied"] += level > BAD_RATING
    if level <= BAD_RATING:
        row["bad"] += 1
        status = rectification_status(case.rectification or {"due": on}, on)
        row["rectified"] += status.startswith("answered")
        row["rectified_on_time"] += status == "answered_on_time"
        row["overdue"] += status == "overdue"
