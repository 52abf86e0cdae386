"""三员分立 (checklist F6) across every workflow file.

The system, security and audit administrators hold disjoint powers: in every
context of the authorization matrices (the portal, each department, open and
closed columns, documents, working copies and applications in every state),
no role holds a permission that belongs to another role's duty, and each
duty permission is held by its owner only.  The duties themselves are the
reviewed ones (:data:`tests.workflow.matrix.DUTIES`).
"""

from datetime import date

import pytest

from govportal.applications.model import Application, find_box

from .matrix import (
    ADMINISTRATORS,
    ALL_BUT_DUTIES,
    DUTIES,
    EVERY_PERMISSION,
    ROLES,
    UNGRANTED_DUTY,
    check_role_players,
    granted_permissions,
    role_players,
)

DOCUMENT_STATES = ("draft", "review", "scheduled", "published", "archived")
COPY_STATES = ("draft", "review", "merged", "discarded")
APPLICATION_STATES = (
    "received",
    "processing",
    "supplement",
    "consulting",
    "extension_requested",
    "answered",
)
#: "" is the portal root (the portal groups play editor and reviewer there)
LOCATIONS = {"jyj": "gzdt", "wjj": "gzdt", "": "zcwj"}


def _application(site, where):
    box = find_box(site.place(where), create=True)
    application = Application({"type": "person", "name": "测试"}, {"description": "测试"})
    box.add(application, 2026)
    application.registered_on = application.clock_start = date(2026, 9, 28)
    site.workflow(application).initialize(application, site.base_request)
    return application


def _published(site, column):
    return site.put_in_state(site.new_document(column, title="线上版本"), "published")


@pytest.fixture(scope="module")
def contexts(site):
    """where -> {label: item}: every kind of context the matrices cover."""
    found = {}
    for where, column_name in LOCATIONS.items():
        place = site.place(where)
        column = place[column_name]
        items = {"site": place}
        for state in ("open", "closed"):
            items[f"column:{state}"] = site.put_in_state(
                site.new("Column", place, title="测试栏目"), state
            )
        for state in DOCUMENT_STATES:
            items[f"document:{state}"] = site.put_in_state(site.new_document(column), state)
        live = _published(site, column)
        for state in COPY_STATES:
            copy = site.new("WorkingCopy", live, prefix="wc", title="工作副本", body="<p>x</p>")
            items[f"workingcopy:{state}"] = site.put_in_state(copy, state)
        for state in APPLICATION_STATES:
            items[f"application:{state}"] = site.put_in_state(_application(site, where), state)
        found[where] = items
    return found


def test_duties_are_the_reviewed_ones(site):
    """roles.yaml's ``duties`` are exactly the reviewed ones, every SDI
    permission is the system administrator's, and ``[ALL]`` grants none."""
    vocabulary = site.vocabulary
    assert {role: sorted(perms) for role, perms in vocabulary.duties.items()} == DUTIES
    assert vocabulary.duty_roles == set(ADMINISTRATORS)
    sdi = sorted(p for p in EVERY_PERMISSION if p.startswith("sdi."))
    assert sdi and set(sdi) <= set(DUTIES["system_admin"])
    assert set(ALL_BUT_DUTIES).isdisjoint(vocabulary.duty_permissions)


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_no_role_holds_another_administrators_duty(site, contexts, where):
    check_role_players(site, {"site": contexts[where]["site"]}, where)
    owner = {p: role for role, perms in DUTIES.items() for p in perms}
    problems = []
    for role, login in role_players(where, ROLES).items():
        request = site.request(login)
        for label, item in contexts[where].items():
            for permission in granted_permissions(request, item):
                if owner.get(permission, role) != role:
                    problems.append(
                        f"{role} ({login}) @ {label}: holds {permission}, "
                        f"a permission of {owner[permission]}'s duty"
                    )
    assert not problems, "三员分立 broken:\n" + "\n".join(problems)


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_each_duty_is_held_by_its_owner_only(site, contexts, where):
    """Who holds each duty permission, over every context: its owner, and
    nobody else; the owner holds it on the site (portal or department)."""
    holders = {p: set() for perms in DUTIES.values() for p in perms}
    for role, login in role_players(where, ROLES).items():
        request = site.request(login)
        for item in contexts[where].values():
            for permission in holders:
                if request.has_permission(permission, item):
                    holders[permission].add(role)
    expected = {
        p: set() if p in UNGRANTED_DUTY else {role} for role, perms in DUTIES.items() for p in perms
    }
    assert holders == expected
    site_item = contexts[where]["site"]
    for role, perms in DUTIES.items():
        request = site.request(role_players(where, ROLES)[role])
        granted = [p for p in perms if p not in UNGRANTED_DUTY]
        assert granted_permissions(request, site_item, perms) == granted, role


@pytest.mark.parametrize("role", sorted(ADMINISTRATORS))
def test_administrators_hold_nothing_on_content(site, contexts, role):
    """None of the three edits, reviews or handles anything: on documents,
    working copies and applications they hold what a visitor holds."""
    request = site.request(ADMINISTRATORS[role])
    visitor = site.request(None)
    for where, items in contexts.items():
        for label, item in items.items():
            if label.split(":")[0] in ("document", "workingcopy", "application"):
                assert granted_permissions(request, item) == granted_permissions(visitor, item), (
                    role,
                    where,
                    label,
                )
