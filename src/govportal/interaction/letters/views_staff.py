"""The staff's letter pages of a site (portal or department).

* ``GET <site>/@@letters-admin`` — the queue of the letters the site holds,
  filtered by state, channel, warning level (临近期限 / 已超期) and number;
  columns number, subject, channel, received, due (colour and text), state,
  handler.
* ``GET <site>/@@letters-admin/<number>`` — one letter: the writer's data
  (``view_writer`` only), the clock, transfers, history and a form for each
  step the user may take (:mod:`.views_staff_steps`).
* ``POST <site>/@@letters-admin/<number>`` (field ``step``) — CSRF-checked by
  the site's default and carrying a one-time submission token
  (:func:`govportal.submissions.once`): a replay changes nothing and is
  answered from the ledger; a refusal keeps nothing and re-renders the page
  with the Chinese messages and its status (400, 403, 409).
* ``GET <site>/@@letters-admin/<number>/file/<i>`` — an attachment (``view_writer``).
* ``GET <site>/@@letters-sent`` — letters the site transferred elsewhere,
  with their state and due date only.

Who sees the pages is read from ``workflows/letter.yaml``: anyone whose roles
on the site hold ``view_letter`` in some state.  A letter of another site is
not in this site's box: 404.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...calendar import get_calendar
from ...content import IDepartment
from ...i18n import _, translate
from ...security.localroles import effective_roles
from ...services.case_info import download
from ...services.sites import site_title
from ...services.views_cases import no_store
from ...submissions import issue, once
from ...workflow import facts, get_workflow
from ...workflow.errors import TransitionRefused
from ...workflow.views import wants_json
from . import clock
from .model import LETTER_TYPE, find_box, site_of
from .queries import letters_of, sent_letters
from .views_staff_info import letter_info, queue_row
from .views_staff_steps import STEP_TITLES, run_step
from .vocabulary import CHANNELS

TEMPLATES = "govportal.interaction.letters:templates/"
QUEUE_PERMISSION = "view_letter"
VIEW = "letters-admin"
#: the one-time submission kind of the staff step forms
STEP_KIND = "letter-step"
MAX_ROWS = 300
LEVELS = (("near", _("临近期限")), ("overdue", _("已超期")), ("open", _("全部未办结")))


def may_see_letters(request, site):
    """True if the user's roles on ``site`` see letters in some state."""
    registry = request.registry
    if request.authenticated_userid is None:
        return False
    if LETTER_TYPE not in registry.govportal_workflow_bindings:
        return False
    seeing = facts.roles_granted(registry, QUEUE_PERMISSION, LETTER_TYPE)
    roles = effective_roles(
        site, request.effective_principals, registry.govportal_vocabulary.global_roles
    )
    return any(role in seeing for role in roles)


def queue(context, request):
    params = request.GET
    chosen = {
        "state": params.get("state", ""),
        "channel": params.get("channel", ""),
        "level": params.get("level", ""),
        "number": params.get("number", "").strip().upper(),
    }
    today = clock.today()
    calendar = get_calendar(context)
    rows = []
    for letter in letters_of(context):
        if not request.has_permission(QUEUE_PERMISSION, letter):
            continue
        if chosen["number"] and chosen["number"] not in letter.number.upper():
            continue
        if chosen["channel"] and letter.channel != chosen["channel"]:
            continue
        url = request.resource_url(context, "@@" + VIEW, letter.__name__)
        row = queue_row(request, letter, today, calendar, url)
        if chosen["state"] and row["state"] != chosen["state"]:
            continue
        level = chosen["level"]
        if level == "open" and not row["open"]:
            continue
        if level in ("near", "overdue") and not (row["open"] and row["level"] == level):
            continue
        rows.append(row)
    rows.sort(key=lambda r: (not r["open"], r["level"] != "overdue", r["due"] or "9", r["number"]))
    return {
        "rows": rows[:MAX_ROWS],
        "more": max(0, len(rows) - MAX_ROWS),
        "today": today.isoformat(),
        "states": list(facts.state_titles(request.registry, LETTER_TYPE).items()),
        "channels": [(code, translate(request, title)) for code, title in CHANNELS],
        "levels": [(code, translate(request, title)) for code, title in LEVELS],
        "chosen": chosen,
        "action": request.resource_url(context, "@@" + VIEW),
        "sent_url": request.resource_url(context, "@@letters-sent"),
    }


def detail(context, request, letter, errors=(), error_step=""):
    request.override_renderer = TEMPLATES + "staff_letter.pt"
    return dict(
        letter_info(request, letter),
        errors=[translate(request, e) for e in errors],
        error_step=error_step,
        csrf_token=request.session.get_csrf_token(),
        token=issue(request, STEP_KIND),
        action=request.resource_url(context, "@@" + VIEW, letter.__name__),
        back_url=request.resource_url(context, "@@" + VIEW),
        file_url=request.resource_url(context, "@@" + VIEW, letter.__name__, "file"),
    )


def post_step(context, request, letter):
    url = request.resource_url(context, "@@" + VIEW, letter.__name__)
    name = request.POST.get("step", "")

    def create(_submission):
        return {"step": run_step(request, letter)}

    try:
        outcome = once(request, STEP_KIND, create)
    except TransitionRefused as e:
        request.tm.doom()
        request.response.status_int = e.status
        if wants_json(request):
            request.override_renderer = "json"
            return {"ok": False, "errors": [translate(request, m) for m in e.messages]}
        return detail(context, request, letter, e.messages, name)
    if wants_json(request):
        request.override_renderer = "json"
        state = get_workflow(letter, request.registry).state_of(letter)
        return {"ok": True, "replayed": outcome.replayed, "state": state}
    if outcome.replayed:
        message = _("letters-step-replayed", default="该操作已提交过，未重复执行。")
    else:
        title = STEP_TITLES.get(outcome.result.get("step"), "")
        message = _("letters-step-done", default="已执行“${action}”。", mapping={"action": title})
    request.session.flash(translate(request, message))
    if letter.__parent__ is not find_box(context):  # transferred away
        url = request.resource_url(context, "@@" + VIEW)
    return HTTPSeeOther(url)


def attachment(request, letter, rest):
    if request.method != "GET" or len(rest) != 2 or rest[0] != "file":
        raise HTTPNotFound()
    if not request.has_permission("view_writer", letter):
        raise HTTPForbidden()
    try:
        item = letter.attachments[int(rest[1])]
    except (ValueError, IndexError):
        raise HTTPNotFound() from None
    return download(item)


@view_config(context=IRoot, name=VIEW, permission="view", renderer=TEMPLATES + "staff_queue.pt")
@view_config(
    context=IDepartment, name=VIEW, permission="view", renderer=TEMPLATES + "staff_queue.pt"
)
def letters_admin(context, request):
    no_store(request)
    if not may_see_letters(request, context):
        raise HTTPForbidden()
    if not request.subpath:
        if request.method != "GET":
            raise HTTPNotFound()
        return queue(context, request)
    box = find_box(context)
    letter = box.get(request.subpath[0]) if box is not None else None
    if letter is None:
        raise HTTPNotFound()
    if not request.has_permission(QUEUE_PERMISSION, letter):
        raise HTTPForbidden()
    if request.subpath[1:]:
        return attachment(request, letter, request.subpath[1:])
    if request.method == "POST":
        return post_step(context, request, letter)
    return detail(context, request, letter)


@view_config(
    context=IRoot, name="letters-sent", permission="view", renderer=TEMPLATES + "staff_sent.pt"
)
@view_config(
    context=IDepartment,
    name="letters-sent",
    permission="view",
    renderer=TEMPLATES + "staff_sent.pt",
)
def letters_sent(context, request):
    """Letters this site transferred: where they are, state and due only."""
    no_store(request)
    if not may_see_letters(request, context):
        raise HTTPForbidden()
    rows = []
    for letter in sent_letters(context):
        workflow = get_workflow(letter, request.registry)
        rows.append(
            {
                "number": letter.number,
                "site": site_title(site_of(letter)) or "门户网站",
                "state_title": workflow.state_title(workflow.state_of(letter)),
                "due": letter.due.isoformat() if letter.due else "",
                "level": clock.warning_level(letter, request.registry),
            }
        )
    return {"rows": rows, "back_url": request.resource_url(context, "@@" + VIEW)}


def dashboard_rows(request):
    """The workspace's 来信办理 section: for each site whose letters the user
    sees, ``{"title", "url", "open", "near", "overdue"}`` of its open letters."""
    from ...content import site_group
    from .queries import open_letters_of

    rows = []
    today = clock.today()
    for site in site_group(request.root):
        if not may_see_letters(request, site):
            continue
        letters = [
            lt
            for lt in open_letters_of(site, request.registry)
            if request.has_permission(QUEUE_PERMISSION, lt)
        ]
        levels = [clock.warning_level(lt, request.registry, today) for lt in letters]
        rows.append(
            {
                "title": site_title(site) or "门户网站",
                "url": request.resource_url(site, "@@" + VIEW),
                "open": len(letters),
                "near": levels.count("near"),
                "overdue": levels.count("overdue"),
            }
        )
    return rows


def includeme(config):
    """The handling side: clock recomputer, history titles, reminders, the
    hub's deadline source and the staff pages."""
    from .actions_common import HISTORY_ACTIONS
    from .queries import deadline_rows

    config.include(".clock")
    config.include(".reminders")
    for name, title in HISTORY_ACTIONS.items():
        config.add_history_action(name, title)
    config.add_interaction_deadlines("letters", deadline_rows)
    config.scan(".views_staff")
