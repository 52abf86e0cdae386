"""Authorization matrix of ``workflows/guide.yaml`` (办事指南 and 权力清单:
先审后发, four eyes, publication only with every required element).

EXPECTED tables are the reviewed state of the file; ACTUAL tables come from
real service guides in a real site, asked through the real policies.  The
``supervisor`` (电子监察) is played by a user granted the global role at the
portal root.  The guides are complete, so ``guide_complete`` lets approval
and restoration through; the tests below it take one element away at a time.
"""

import pytest
from substanced.util import get_acl

from govportal.security.localroles import grant_roles
from govportal.services.elements import missing_elements
from govportal.workflow.errors import TransitionRefused
from govportal.workflow.guards import set_last_editor
from govportal.workflow.history import get_history
from tests.workflow import conftest as workflow_fixtures
from tests.workflow.matrix import (
    ROLES,
    SECOND_REVIEWER,
    assert_tables_equal,
    check_role_players,
    permission_table,
    role_login,
    role_players,
    transition_table,
)

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site

STATES = ("draft", "review", "published", "archived")
SUPERVISOR = "supervisor_guides"
#: where -> a column of kind ``service``
LOCATIONS = {"jyj": "bszn", "wjj": "bszn", "": "bsfw"}

#: A guide with every required element.
COMPLETE = {
    "title": "中小学教师资格认定",
    "item_type": "licence",
    "basis": "《教师资格条例》第十三条",
    "conditions": "具备国家规定的学历。",
    "materials": ({"name": "申请表", "form": "original", "count": 1, "required": True},),
    "location": "政务服务中心二楼",
    "fee": "不收费",
    "legal_days": 20,
    "promised_days": 10,
    "hours": "工作日 9:00—17:30",
    "consult_phone": "0817-8221101",
    "supervise_phone": "12345",
    "process": ({"title": "申请", "description": ""},),
    "themes": ("education",),
    "user_types": ("person",),
    "online_mode": "none",
    "result_name": "教师资格证书",
}

OUTSIDER_VIEW = {"draft": [], "review": [], "published": ["view"], "archived": ["view"]}
FOLLOW = ["view", "view_history"]

EXPECTED_PERMISSIONS = {
    "anonymous": OUTSIDER_VIEW,
    "authenticated": OUTSIDER_VIEW,
    "editor": {
        "draft": ["delete", "edit", "submit", "view", "view_history"],
        "review": ["view", "view_history", "withdraw"],
        "published": FOLLOW,
        "archived": FOLLOW,
    },
    "reviewer": {
        "draft": ["break_lock", "view", "view_history"],
        "review": ["approve", "break_lock", "edit", "reject", "view", "view_history"],
        "published": ["archive", "retract", "view", "view_history"],
        "archived": ["restore", "view", "view_history"],
    },
    "auditor": {state: FOLLOW for state in STATES},
    "site_admin": {
        "draft": ["break_lock", "delete", "edit", "view", "view_history"],
        "review": ["break_lock", "view", "view_history"],
        "published": FOLLOW,
        "archived": FOLLOW,
    },
    # 三员分立: no role on a guide; what any visitor sees
    "system_admin": OUTSIDER_VIEW,
    "security_admin": OUTSIDER_VIEW,
    "audit_admin": OUTSIDER_VIEW,
    # 电子监察 reads every guide, even drafts, and changes nothing
    "supervisor": {state: ["view"] for state in STATES},
}

NONE = {state: [] for state in STATES}
EXPECTED_TRANSITIONS = {
    "anonymous": NONE,
    "authenticated": NONE,
    # the editors' role players are the guides' last editors (own_submission)
    "editor": {"draft": ["submit"], "review": ["withdraw"], "published": [], "archived": []},
    "reviewer": {
        "draft": [],
        "review": ["approve", "reject"],
        "published": ["archive", "retract"],
        "archived": ["restore"],
    },
    "auditor": NONE,
    "site_admin": NONE,
    "system_admin": NONE,
    "security_admin": NONE,
    "audit_admin": NONE,
    "supervisor": NONE,
}


def players(where):
    return role_players(where) | {"supervisor": SUPERVISOR}


def new_guide(site, where, **changes):
    column = site.place(where)[LOCATIONS[where]]
    guide = site.new("ServiceGuide", column, prefix="guide", **dict(COMPLETE, **changes))
    set_last_editor(guide, site.oid(role_login("editor", where)))
    return guide


@pytest.fixture(scope="module")
def guides(site):
    site.add_user(SUPERVISOR)
    grant_roles(site.root, site.oid(SUPERVISOR), "supervisor")
    return {
        where: site.items_in_states(lambda w=where: new_guide(site, w), STATES)
        for where in LOCATIONS
    }


def test_columns_hold_services(site):
    for where, name in LOCATIONS.items():
        assert site.place(where)[name].kind == "service"


def test_guides_are_complete(site, guides):
    for by_state in guides.values():
        for guide in by_state.values():
            assert missing_elements(guide, site.registry) == []


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_role_players_hold_their_role(site, guides, where):
    check_role_players(site, guides[where], where)
    for state, item in guides[where].items():
        assert site.roles_on(site.request(SUPERVISOR), item) == {"supervisor"}, state


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_permissions(site, guides, where):
    actual = permission_table(site, guides[where], players(where))
    assert_tables_equal(EXPECTED_PERMISSIONS, actual, f"guide.yaml permissions at {where!r}")


@pytest.mark.parametrize("where", list(LOCATIONS), ids=lambda w: w or "portal")
def test_transitions(site, guides, where):
    actual = transition_table(site, guides[where], players(where))
    assert_tables_equal(EXPECTED_TRANSITIONS, actual, f"guide.yaml transitions at {where!r}")


OUTSIDERS = {
    "wjj": ["jyj_editor", "jyj_reviewer", SECOND_REVIEWER, "portal_editor", "portal_reviewer"],
    "jyj": ["wjj_editor", "wjj_reviewer", "portal_editor", "portal_reviewer"],
    "": ["jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer"],
}


@pytest.mark.parametrize("where", list(OUTSIDERS), ids=lambda w: w or "portal")
def test_roles_end_at_the_department_boundary(site, guides, where):
    logins = {login: login for login in OUTSIDERS[where]}
    assert_tables_equal(
        {login: OUTSIDER_VIEW for login in logins},
        permission_table(site, guides[where], logins),
        f"outsiders' permissions at {where!r}",
    )
    assert_tables_equal(
        {login: NONE for login in logins},
        transition_table(site, guides[where], logins),
        f"outsiders' transitions at {where!r}",
    )


def test_every_role_is_in_the_tables():
    assert set(EXPECTED_PERMISSIONS) == set(ROLES) | {"supervisor"}
    assert set(EXPECTED_TRANSITIONS) == set(ROLES) | {"supervisor"}


# -- four eyes and the required elements -------------------------------------------


@pytest.mark.parametrize(("transition", "state"), [("approve", "review"), ("restore", "archived")])
def test_four_eyes(site, transition, state):
    guide = site.put_in_state(new_guide(site, "jyj"), state)
    set_last_editor(guide, site.oid("jyj_reviewer"))
    workflow = site.workflow(guide)
    status, messages = workflow.problems(guide, site.request("jyj_reviewer"), transition, "同意")
    assert (status, [str(m) for m in messages]) == (400, ["workflow-four-eyes"])
    record = workflow.transition(guide, site.request(SECOND_REVIEWER), transition, comment="")
    assert workflow.state_of(guide) == "published" and get_history(guide) == (record,)


#: element attribute -> (the value that leaves it empty, the title the refusal names)
MISSING = {
    "title": ("", "事项名称"),
    "item_type": ("", "事项类型"),
    "basis": ("  ", "设定依据"),
    "conditions": ("", "受理条件"),
    "materials": ((), "申请材料"),
    "location": ("", "办理地点"),
    "fee": ("", "收费标准"),
    "fee_basis": ("", "收费依据"),  # with a fee that is charged (below)
    "legal_days": (0, "法定时限"),
    "promised_days": (0, "承诺时限"),
    "hours": ("", "办理时间"),
    "consult_phone": ("", "咨询电话"),
    "supervise_phone": ("", "监督投诉电话"),
    "process": ((), "办理流程"),
    "themes": ((), "服务主题"),
    "user_types": ((), "服务对象"),
    "external_url": ("", "省一体化政务服务平台办理地址"),  # with online_mode external
    "form_fields": ((), "在线申请表单"),  # with online_mode here
    "result_name": ("", "办理结果名称"),
}
CONTEXT = {
    "fee_basis": {"fee": "每证 10 元"},
    "external_url": {"online_mode": "external"},
    "form_fields": {"online_mode": "here"},
}


@pytest.mark.parametrize("element", list(MISSING))
@pytest.mark.parametrize(("transition", "state"), [("approve", "review"), ("restore", "archived")])
def test_publication_refused_naming_the_missing_element(site, element, transition, state):
    value, title = MISSING[element]
    changes = dict(CONTEXT.get(element, {}), **{element: value})
    guide = site.put_in_state(new_guide(site, "jyj", **changes), state)
    workflow = site.workflow(guide)
    acl = get_acl(guide)
    reviewer = site.request("jyj_reviewer")
    with pytest.raises(TransitionRefused) as info:
        workflow.transition(guide, reviewer, transition, comment="同意")
    assert info.value.status == 400
    text = " ".join(m.interpolate() for m in info.value.messages)
    assert "不能发布" in text and title in text, text
    assert workflow.state_of(guide) == state and get_acl(guide) == acl
    assert get_history(guide) == ()


def test_optional_elements_are_not_required(site):
    guide = new_guide(
        site, "jyj", item_code="", co_departments=(), life_events=(), fee_basis="", external_url=""
    )
    assert missing_elements(guide, site.registry) == []
    assert missing_elements(new_guide(site, "jyj", promised_days=30), site.registry) == [
        "承诺时限（不超过法定时限）"
    ]


def test_every_missing_element_is_named_at_once(site):
    guide = site.put_in_state(new_guide(site, "jyj", basis="", hours="", themes=()), "review")
    status, messages = site.workflow(guide).problems(guide, site.request("jyj_reviewer"), "approve")
    assert status == 400
    text = messages[0].interpolate()
    assert all(t in text for t in ("设定依据", "办理时间", "服务主题")), text
