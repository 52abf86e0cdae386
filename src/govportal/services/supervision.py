"""电子监察 (第二十二条): every open case of the site group against its time
limit, warnings (黄牌 near due, 红牌 overdue) and monthly statistics.

* :func:`case_rows` — one row per open case (never personal data): lead
  site, guide, state, acceptance and due dates, working days used and left
  (:mod:`.clock`), warning level.  A case is *open* while its state's clock
  (``clock:`` of ``workflows/servicecase.yaml``) is not ``closed``.
* :func:`monthly_stats` — per lead site for one month: received, accepted,
  concluded (办结: closed after acceptance), on time, overdue, average
  working days used by the cases concluded.
* :func:`send_warnings` — the periodic job (``config.add_periodic_job``):
  mails the lead site's handlers (the roles holding ``handle_case``: its
  editors and reviewers) once per case, level and due date (recorded in
  ``case.reminders``), and the supervisors (roles holding ``supervise``) a
  digest once a day.  The yellow threshold is ``govportal.services.yellow_days``.
"""

from .. import sitetime
from ..calendar import get_calendar
from ..i18n import _
from ..mail import send_to_users
from ..security.people import users_with_roles
from ..siteurl import public_resource_url
from ..workflow import facts, get_workflow
from . import clock, queries
from .cases import CASE_TYPE, lead_site
from .queries import all_cases
from .sites import site_key, site_title

#: mail topic (users may switch these off, govportal.mail.wants)
TOPIC = "services"
HANDLE = "handle_case"
SUPERVISE = "supervise"
#: root attribute: the local date of the last supervisors' digest
DIGEST_ATTR = "govportal_supervision_digest"
FIGURES = ("received", "accepted", "concluded", "on_time", "overdue")
LEVEL_TITLES = {clock.YELLOW: _("黄牌预警"), clock.RED: _("红牌超期"), clock.OK: _("正常")}
#: what a site without a department title is called in lists
PORTAL_TITLE = _("县政府门户")


def is_closed(case, registry):
    return clock.clock_mode(case, registry) == clock.CLOSED


def case_row(case, registry, calendar, on):
    """The supervision record of ``case`` (no personal data)."""
    state = get_workflow(case, registry).state_of(case)
    mode = clock.mode_of_state(registry, state, CASE_TYPE)
    started = case.accepted_on is not None
    site = lead_site(case)
    level = clock.warning_level(case, on, registry=registry, calendar=calendar)
    return {
        "number": case.__name__,
        "title": case.guide_title,
        "guide_path": case.guide_path,
        "lead": site_key(site),
        "lead_title": site_title(site) or PORTAL_TITLE,
        "state_title": facts.state_title(registry, state, CASE_TYPE),
        "mode": mode,
        "submitted_on": sitetime.local_date(case.submitted_at, registry),
        "accepted_on": case.accepted_on,
        "due": case.due,
        "promised_days": case.promised_days,
        "used": clock.workdays_used(case, on, calendar) if started else None,
        "left": clock.workdays_left(case, on, calendar) if started else None,
        "level": level,
        "level_title": LEVEL_TITLES[level],
        "uncertain": tuple(case.due_uncertain_years or ()),
    }


def case_rows(root, registry, on=None, lead=None, guide=None, level=None):
    """Rows of the open cases, most urgent first, filtered by lead site key,
    guide path and warning level when given."""
    on = on or clock.today()
    calendar = get_calendar(root)
    rows = []
    for case in all_cases(root):
        if is_closed(case, registry):
            continue
        row = case_row(case, registry, calendar, on)
        if lead is not None and row["lead"] != lead:
            continue
        if guide and row["guide_path"] != guide:
            continue
        if level and row["level"] != level:
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r["left"] is None, r["left"] if r["left"] is not None else 0))
    return rows


def grouped(rows, key, title_key):
    """``[{"key", "title", "open", "yellow", "red"}]`` of ``rows`` by ``key``."""
    groups = {}
    for row in rows:
        group = groups.setdefault(
            row[key], {"key": row[key], "title": row[title_key], "open": 0, "yellow": 0, "red": 0}
        )
        group["open"] += 1
        if row["level"] in (clock.YELLOW, clock.RED):
            group[row["level"]] += 1
    return sorted(groups.values(), key=lambda g: (-g["red"], -g["yellow"], g["title"]))


# -- monthly statistics -----------------------------------------------------------


def concluded_on(case):
    """The date a case was closed (办结、不予许可、不予受理), or None."""
    return getattr(case, "concluded_on", None)


def monthly_stats(root, registry, year, month):
    """Per lead site, for ``year``-``month`` (site time), from
    :func:`.queries.monthly_stats`: ``received``, ``accepted``, ``concluded``
    (办结 or 不予许可), ``on_time`` / ``overdue`` (by the promised due date),
    ``on_time_rate`` (percent) and ``average_days`` (working days used by
    those concluded, one decimal; None without any).  Sites with nothing in
    the month are left out; a last row (``lead`` None) sums them."""
    rows = []
    total = {"lead": None, "lead_title": _("合计"), "days": []}
    for counts in queries.monthly_stats(root, year, month, registry):
        row = {
            "lead": counts["key"],
            "lead_title": counts["title"] or PORTAL_TITLE,
            "days": list(counts["days"]),
        }
        for name in FIGURES:
            row[name] = counts[name]
        if row["received"] or row["accepted"] or row["concluded"]:
            rows.append(row)
            total["days"].extend(row["days"])
    for name in FIGURES:
        total[name] = sum(r[name] for r in rows)
    for row in rows + [total]:
        days = row.pop("days")
        row["average_days"] = round(sum(days) / len(days), 1) if days else None
        row["on_time_rate"] = (
            round(100.0 * row["on_time"] / row["concluded"], 1) if row["concluded"] else None
        )
    return rows + [total]


# -- warnings ---------------------------------------------------------------------


def _handlers(site, registry):
    return users_with_roles(site, facts.roles_granted(registry, HANDLE, CASE_TYPE), registry)


def _supervisors(root, registry):
    return users_with_roles(root, facts.roles_granted(registry, SUPERVISE), registry)


def warning_key(level, case):
    return f"warn-{level}:{case.due.isoformat() if case.due else ''}"


def due_warnings(root, registry, on=None):
    """``[(case, level)]``: running cases at yellow or red not yet warned
    about for that level and due date."""
    on = on or clock.today()
    calendar = get_calendar(root)
    running = set(facts.clock_states(registry, CASE_TYPE, clock.RUNNING))
    found = []
    for case in all_cases(root):
        if get_workflow(case, registry).state_of(case) not in running:
            continue
        level = clock.warning_level(case, on, registry=registry, calendar=calendar)
        if level == clock.OK or warning_key(level, case) in (case.reminders or ()):
            continue
        found.append((case, level))
    return found


def _case_url(registry, case):
    return public_resource_url(registry, lead_site(case), "@@cases", case.__name__)


def send_warnings(root, request, on=None):
    """The periodic job: warn handlers (once per case, level and due date)
    and supervisors (a daily digest).  Returns what was sent:
    ``[(site key, case number, level)]`` plus ``("digest", date, count)``."""
    registry = request.registry
    on = on or clock.today()
    sent = []
    for case, level in due_warnings(root, registry, on):
        site = lead_site(case)
        due = case.due.isoformat() if case.due else ""
        if level == clock.RED:
            subject = f"【电子监察·红牌】办件 {case.__name__} 已超过承诺时限"
            body = (
                f"{site_title(site)}办理的“{case.guide_title}”办件 {case.__name__} "
                f"承诺办结日期为 {due}，已超期，请立即办理。\n"
            )
        else:
            left = clock.workdays_left(case, on)
            subject = f"【电子监察·黄牌】办件 {case.__name__} 即将到期"
            body = (
                f"{site_title(site)}办理的“{case.guide_title}”办件 {case.__name__} "
                f"承诺办结日期为 {due}，剩余{left}个工作日，请抓紧办理。\n"
            )
        body += f"办理页面：{_case_url(registry, case)}\n"
        send_to_users(request, _handlers(site, registry), subject, body, TOPIC)
        case.reminders = tuple(case.reminders or ()) + (warning_key(level, case),)
        sent.append((site_key(site), case.__name__, level))
    digest = send_digest(root, request, on)
    if digest:
        sent.append(("digest", on, digest))
    return sent


def send_digest(root, request, on=None):
    """Mail the supervisors the day's 黄牌/红牌 list, once a day (nothing
    when no case is near due or overdue); returns the number of cases listed."""
    registry = request.registry
    on = on or clock.today()
    if getattr(root, DIGEST_ATTR, None) == on:
        return 0
    rows = [r for r in case_rows(root, registry, on) if r["level"] != clock.OK]
    setattr(root, DIGEST_ATTR, on)
    if not rows:
        return 0
    red = sum(r["level"] == clock.RED for r in rows)
    subject = f"【电子监察】{on.isoformat()} 红牌{red}件、黄牌{len(rows) - red}件"
    lines = [f"截至 {on.isoformat()}，以下办件即将到期或已超期：", ""]
    for r in rows:
        lines.append(
            f"{r['level_title']}  {r['lead_title']}  {r['number']}  {r['title']}  "
            f"承诺办结 {r['due'].isoformat() if r['due'] else '—'}  剩余{r['left']}个工作日"
        )
    lines += [
        "",
        f"电子监察页面：{public_resource_url(registry, root, '@@supervision')}",
    ]
    send_to_users(request, _supervisors(root, registry), subject, "\n".join(lines) + "\n", TOPIC)
    return len(rows)


def includeme(config):
    # Warnings go out from the scheduler thread of serving processes, like
    # the disclosure applications' reminders; the job is idempotent.
    config.add_periodic_job("govportal service case warnings", send_warnings)
