"""Open deadlines are recomputed whenever the override table changes."""

from datetime import date

import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError

import govportal
from govportal.bootstrap import site_session
from govportal.calendar import (
    deadline_recomputers,
    find_table,
    get_calendar,
    remove_override,
    set_override,
    set_year_complete,
    uncertain_deadlines,
    update_calendar,
)
from govportal.calendar.recompute import DeadlineRecomputer
from govportal.settings import apply_defaults

from ..conftest import read_root
from .conftest import EVENTS, letters, recompute


def letter_a(app):
    return read_root(app, lambda root: dict(letters(root)["a"]))


def test_recomputer_is_registered(calendar_app):
    names = [r.title for r in deadline_recomputers(calendar_app.registry)]
    # the application's own features first (主动公开时效, 依申请公开), then the test's dummy
    assert names == ["主动公开时效", "依申请公开", "办事服务办件", "互动交流信件", "测试来信"]


def test_table_changes_recompute_open_deadlines(calendar_app):
    # 2027 has no notice: 元旦 is off (statutory), the rest is flagged
    assert letter_a(calendar_app)["due"] == date(2027, 1, 13)
    assert letter_a(calendar_app)["uncertain_years"] == (2027,)

    with site_session(calendar_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        set_override(root, date(2027, 1, 4), False, "元旦调休", request=request)
    assert len(EVENTS) == 1
    event = EVENTS[-1]
    assert event.years == {2027}
    (change,) = event.changes
    assert change.day == date(2027, 1, 4) and change.before is None
    assert (change.after.workday, change.after.note) == (False, "元旦调休")
    assert event.calendar.is_workday(date(2027, 1, 4)).value is False
    letter = letter_a(calendar_app)
    # one entry does not make the year known: still flagged
    assert (letter["due"], letter["uncertain_years"]) == (date(2027, 1, 14), (2027,))

    # marking the year complete recomputes and clears the flag
    with site_session(calendar_app.registry) as (zodb_root, request):
        assert set_year_complete(zodb_root["app_root"], 2027, request=request) is True
        assert set_year_complete(zodb_root["app_root"], 2027, request=request) is False
    assert len(EVENTS) == 2 and EVENTS[-1].years == {2027} and EVENTS[-1].changes == ()
    letter = letter_a(calendar_app)
    assert (letter["due"], letter["uncertain_years"]) == (date(2027, 1, 14), ())

    # entering the same again changes nothing and recomputes nothing
    with site_session(calendar_app.registry) as (zodb_root, request):
        set_override(zodb_root["app_root"], date(2027, 1, 4), False, "元旦调休", request=request)
    assert len(EVENTS) == 2

    # one event for a whole run of days
    with site_session(calendar_app.registry) as (zodb_root, request):
        update_calendar(
            zodb_root["app_root"],
            entries=[(date(2027, 1, d), False, "测试") for d in (5, 6, 7)],
            request=request,
        )
    assert len(EVENTS) == 3 and len(EVENTS[-1].changes) == 3
    assert letter_a(calendar_app)["due"] == date(2027, 1, 19)

    with site_session(calendar_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        update_calendar(root, remove=[date(2027, 1, d) for d in (5, 6, 7)], request=request)
        remove_override(root, date(2027, 1, 4), request=request)
        # removing what is not there fires nothing
        remove_override(root, date(2027, 1, 4), request=request)
        set_year_complete(root, 2027, complete=False, request=request)
    assert len(EVENTS) == 6
    letter = letter_a(calendar_app)
    assert (letter["due"], letter["uncertain_years"]) == (date(2027, 1, 13), (2027,))
    assert read_root(calendar_app, lambda root: root.test_recomputed) == 6


def test_uncertain_deadlines_are_listed_until_the_year_is_complete(calendar_app):
    def listed():
        # as a page asks: inside a request of the app (features ask the
        # current registry for the workflow files)
        with site_session(calendar_app.registry, commit=False) as (zodb_root, _request):
            root = zodb_root["app_root"]
            return uncertain_deadlines(root, get_calendar(root), calendar_app.registry)

    (item,) = listed()
    assert (item.title, item.due, item.years, item.kind) == (
        "来信 a",
        date(2027, 1, 13),
        (2027,),
        "测试来信",
    )
    with site_session(calendar_app.registry) as (zodb_root, request):
        set_override(zodb_root["app_root"], date(2027, 1, 4), False, "元旦调休", request=request)
    assert len(listed()) == 1  # one entry is not the whole notice
    with site_session(calendar_app.registry) as (zodb_root, request):
        set_year_complete(zodb_root["app_root"], 2027, request=request)
    assert listed() == []


def test_a_failing_recomputer_aborts_the_change(calendar_app):
    def broken(event):
        raise RuntimeError("recompute failed")

    recomputers = calendar_app.registry.govportal_deadline_recomputers
    recomputers["broken"] = DeadlineRecomputer("broken", "broken", broken)
    with pytest.raises(RuntimeError):
        with site_session(calendar_app.registry) as (zodb_root, request):
            set_override(zodb_root["app_root"], date(2027, 1, 4), False, "元旦", request=request)
    assert read_root(calendar_app, find_table) is None
    assert letter_a(calendar_app)["due"] == date(2027, 1, 13)


def test_registering_the_same_recomputer_twice_conflicts(app_settings):
    config = Configurator(settings=apply_defaults(app_settings))
    config.include(govportal.includeme)
    config.add_deadline_recomputer(recompute)
    config.add_deadline_recomputer(recompute)
    with pytest.raises(ConfigurationConflictError):
        config.commit()
