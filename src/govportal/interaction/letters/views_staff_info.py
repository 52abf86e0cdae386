"""What the staff pages show of a letter: queue rows and the letter page.

The writer's personal data (name, phone, email, address, attachments) only
with ``view_writer`` on the letter; everything else with ``view_letter``.
"""

from datetime import timedelta

from ... import sitetime
from ...i18n import translate
from ...services.sites import site_named, site_title
from ...workflow import get_workflow
from ...workflow.history import action_title, get_history
from . import clock
from .actions_reply import default_public
from .model import site_of
from .views_staff_steps import STEP_TITLES, offered, transfer_targets
from .vocabulary import CATEGORIES, CHANNELS, SATISFACTION, title_of

LEVEL_TEXT = {"ok": "正常", "near": "临近期限", "overdue": "已超期"}


def _when(value):
    return sitetime.local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _day(value):
    return value.isoformat() if value else ""


def site_label(root, key):
    site = site_named(root, key)
    return (site_title(site) or "门户网站") if site is not None else key


def queue_row(request, letter, today, calendar, url):
    workflow = get_workflow(letter, request.registry)
    state = workflow.state_of(letter)
    level = clock.warning_level(letter, request.registry, today, calendar)
    is_open = clock.is_open(letter, request.registry)
    return {
        "number": letter.number,
        "subject": letter.subject,
        "channel": letter.channel,
        "channel_title": translate(request, title_of(CHANNELS, letter.channel)),
        "received": _day(letter.received_on),
        "due": _day(letter.due),
        "left": clock.workdays_left(letter, today, calendar) if is_open else None,
        "level": level,
        "level_text": LEVEL_TEXT[level],
        "verification_missing": is_open and clock.verification_missing(letter, today),
        "state": state,
        "state_title": workflow.state_title(state),
        "handler": letter.handler,
        "open": is_open,
        "url": url,
    }


def history_rows(request, letter):
    workflow = get_workflow(letter, request.registry)
    return [
        {
            "when": record.local_when.strftime("%Y-%m-%d %H:%M"),
            "actor": record.actor_name,
            "action": action_title(request, workflow, record.transition),
            "to": workflow.state_title(record.to_state),
            "comment": record.comment,
        }
        for record in get_history(letter)
    ]


def transfer_rows(root, letter):
    return [
        {
            "at": _when(t.get("at")),
            "from": site_label(root, t.get("from", "")),
            "to": site_label(root, t.get("to", "")),
            "reason": t.get("reason", ""),
        }
        for t in letter.transfers
    ]


def letter_info(request, letter):
    """Everything the user may see of ``letter`` and the steps he may take."""
    from pyramid.traversal import find_root

    registry = request.registry
    root = find_root(letter)
    workflow = get_workflow(letter, registry)
    state = workflow.state_of(letter)
    today = clock.today()
    calendar = clock.calendar_of(letter)
    is_open = clock.is_open(letter, registry)
    level = clock.warning_level(letter, registry, today, calendar)
    personal = request.has_permission("view_writer", letter)
    steps = offered(request, letter)
    extension = letter.promise_extension or {}
    rating = letter.satisfaction or {}
    return {
        "letter": letter,
        "state": state,
        "state_title": workflow.state_title(state),
        "channel_title": translate(request, title_of(CHANNELS, letter.channel)),
        "category_title": translate(request, title_of(CATEGORIES, letter.category)),
        "received_site": site_label(root, letter.received_site),
        "handling_site": site_title(site_of(letter)) or "门户网站",
        "submitted": _when(letter.submitted_at),
        "clock": {
            "received": _day(letter.received_on),
            "verify_due": _day(letter.verify_due),
            "promised": _day(letter.promised_on),
            "extended": _day(extension.get("to")),
            "extension_reason": extension.get("reason", ""),
            "due": _day(letter.due),
            "uncertain": "、".join(str(y) for y in letter.due_uncertain_years),
            "used": clock.days_used(letter, registry, calendar, today),
            "left": clock.workdays_left(letter, today, calendar) if is_open else None,
            "level": level,
            "level_text": LEVEL_TEXT[level],
            "verification_missing": is_open and clock.verification_missing(letter, today),
            "limit": _day(clock.promise_limit(letter, registry, calendar)),
            "answered": _day(letter.answered_on),
            "on_time": letter.on_time,
            "at_once": letter.answered_at_once,
        },
        "verification": letter.verification or {},
        "reply": letter.reply or {},
        "reply_at": _when((letter.reply or {}).get("at")),
        "rating": rating,
        "rating_title": translate(request, title_of(SATISFACTION, rating.get("level")))
        if rating
        else "",
        "personal": personal,
        "writer": letter.writer if personal else {},
        "attachments": [
            {"index": i, "filename": a.filename, "size": a.size}
            for i, a in enumerate(letter.attachments)
        ]
        if personal
        else [],
        "transfers": transfer_rows(root, letter),
        "history": history_rows(request, letter),
        "steps": steps,
        "step_titles": {name: translate(request, title) for name, title in STEP_TITLES.items()},
        "targets": transfer_targets(letter) if "transfer" in steps else [],
        "public": letter.public or (default_public(letter) if "publish" in steps else {}),
        "today": _day(today),
        # the earliest date the steps accept: the day after today (and, for
        # an extension, after the date promised)
        "min_promise": _day(today + timedelta(days=1)),
        "min_extension": _day(max(today, letter.promised_on or today) + timedelta(days=1)),
        "refusal": letter.refusal,
    }
