"""An app with a dummy deadline feature ("来信", citizens' letters) registered
through ``config.add_deadline_recomputer``, as later features will do."""

from datetime import date

import pytest
from persistent.mapping import PersistentMapping
from pyramid.config import Configurator

import govportal
from govportal.bootstrap import site_session
from govportal.calendar import UncertainDeadline, get_calendar
from govportal.settings import apply_defaults

from ..conftest import close_app

LETTERS = "test_letters"

#: Every CalendarChanged the dummy recomputer saw (in this process).
EVENTS = []


def letters(root):
    return getattr(root, LETTERS, {})


def add_letter(root, name, received, allowed):
    if getattr(root, LETTERS, None) is None:
        setattr(root, LETTERS, PersistentMapping())
    due = get_calendar(root).add_workdays(received, allowed)
    getattr(root, LETTERS)[name] = {
        "received": received,
        "allowed": allowed,
        "due": due.value,
        "uncertain_years": due.uncertain_years,
    }


def recompute(event):
    """Recompute every open letter's deadline with the changed calendar."""
    EVENTS.append(event)
    event.root.test_recomputed = getattr(event.root, "test_recomputed", 0) + 1
    stored = letters(event.root)
    for name, letter in list(stored.items()):
        due = event.calendar.add_workdays(letter["received"], letter["allowed"])
        stored[name] = dict(letter, due=due.value, uncertain_years=due.uncertain_years)


def uncertain(root, calendar):
    return [
        UncertainDeadline(f"来信 {name}", letter["due"], letter["uncertain_years"], f"/{name}")
        for name, letter in letters(root).items()
        if letter["uncertain_years"]
    ]


@pytest.fixture
def calendar_app(app_settings):
    """The application plus the dummy letters feature; one open letter,
    received 2026-12-15 with 20 working days (due in 2027)."""
    config = Configurator(settings=apply_defaults(app_settings))
    config.include(govportal.includeme)
    config.add_deadline_recomputer(recompute, uncertain=uncertain, title="测试来信")
    app = config.make_wsgi_app()
    with site_session(app.registry) as (zodb_root, _request):
        add_letter(zodb_root["app_root"], "a", date(2026, 12, 15), 20)
    EVENTS.clear()
    yield app
    close_app(app)
