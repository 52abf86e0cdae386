"""Helpers of the 电子监察, 权力清单 and 好差评 tests: cases put in place in
the database (the case engine has its own tests), a supervisor account,
a fixed "today" for the services' clock."""

import contextlib
from datetime import UTC, datetime

from substanced.util import get_oid

from govportal.bootstrap import site_session
from govportal.security.localroles import grant_roles
from govportal.services import clock
from govportal.services.cases import CASE_TYPE, ServiceCase, find_case_box
from govportal.workflow import facts, get_workflow

from ..conftest import PASSWORD, known_credentials

RESIDENT_ID = "11010519491231002X"
APPLICANT = {"name": "张小明", "id_number": RESIDENT_ID, "phone": "13800138000"}


class Today:
    """Sets the date the services' clock takes as today."""

    def __init__(self, monkeypatch, day):
        self.monkeypatch = monkeypatch
        self.set(day)

    def set(self, day):
        self.day = day
        self.monkeypatch.setattr(clock, "today", lambda: self.day)


@contextlib.contextmanager
def session(app):
    """``(root, request)`` of a committed session on ``app``'s database."""
    with site_session(app.registry) as (zodb_root, request):
        yield zodb_root["app_root"], request


def running_state(registry):
    return facts.clock_states(registry, CASE_TYPE, clock.RUNNING)[0]


def paused_state(registry):
    return facts.clock_states(registry, CASE_TYPE, clock.PAUSED)[0]


def intake_state(registry):
    return facts.clock_states(registry, CASE_TYPE, clock.NONE)[0]


def decided_state(registry):
    """A closed state reached after handling (where bad ratings are answered)."""
    return facts.states_granting(registry, "rectify", CASE_TYPE)[0]


def make_case(
    root,
    request,
    number,
    site="jyj",
    accepted_on=None,
    promised_days=5,
    guide_path="/jyj/bszn/test-guide",
    title="民办学校设立审批",
    submitted_at=None,
    concluded_on=None,
    state=None,
):
    """A case of ``site`` accepted on ``accepted_on`` (None: awaiting intake),
    concluded on ``concluded_on`` when given (due date computed while it ran)."""
    registry = request.registry
    target = root[site] if site else root
    box = find_case_box(target, create=True)
    case = ServiceCase(
        guide_path,
        title,
        site,
        applicant=APPLICANT,
        promised_days=promised_days,
        legal_days=promised_days * 2,
    )
    if submitted_at is not None:
        case.submitted_at = submitted_at
    elif accepted_on is not None:
        case.submitted_at = datetime(
            accepted_on.year, accepted_on.month, accepted_on.day, 2, tzinfo=UTC
        )
    box.add(case, number)
    workflow = get_workflow(case, registry)
    if accepted_on is None:
        workflow._set_state(case, state or intake_state(registry), request)
        return case
    workflow._set_state(case, running_state(registry), request)
    case.accepted_on = accepted_on
    clock.refresh(case, registry)
    if concluded_on is not None:
        workflow._set_state(case, state or decided_state(registry), request)
        case.concluded_on = concluded_on
        case.result = {"text": "准予许可", "file": None, "decided_on": concluded_on}
        case.result["outcome"] = "conclude"
    elif state is not None:
        workflow._set_state(case, state, request)
    return case


def add_supervisor(root, request, login="dzjc"):
    """A user holding the 电子监察 role at the portal root (known password)."""
    registry = request.registry
    users = root["principals"]["users"]
    if login not in users:
        root["principals"].add_user(login, PASSWORD, f"{login}@localhost", registry=registry)
    user = users[login]
    for role in facts.roles_granted(registry, "supervise"):
        grant_roles(root, get_oid(user), role)
    known_credentials(user, request)
    return user
