"""The SDI is the system administrator's alone: every role × SDI page.

Anonymous visitors are sent to the sign-in page; everyone else who is not
the 系统管理员 gets 403 with the Chinese refusal page (and the refusal is
announced to the audit trail once); the system administrator passes the
gate (what Substance D then allows is its own business: content stays out
of his reach, 三员分立).
"""

import pytest

from .conftest import GATE_TEXT, ROLE_USERS, sdi_post

DOC = "/zcwj/yingshan-website-regulation-2019/"

#: SDI page -> the status the system administrator gets (after the gate)
SDI_PAGES = {
    "/manage/": 200,
    "/manage/@@contents": 200,
    "/manage/jyj/": 200,
    "/manage/jyj/@@contents": 200,
    "/manage/jyj/gzdt/@@contents": 200,
    "/manage/jyj/@@properties": 200,
    "/manage" + DOC: 403,  # content is not the system administrator's (no sdi.* there)
    "/manage" + DOC + "@@properties": 403,
    "/manage/principals/": 200,
    "/manage/principals/users/": 200,
    "/manage/principals/users/jyj_editor/": 200,
    "/manage/catalogs/": 200,
    "/manage/catalogs/system/": 200,
    "/manage/@@undo": 403,  # undo is off for everyone
    "/manage/@@auditing": 403,  # Substance D's log: the audit administrator reads ours
    "/manage/@@database": 200,
    "/manage/@@preview_image_upload": None,  # public in Substance D: gated here
}

OTHER_ROLES = [r for r in ROLE_USERS if r not in ("anonymous", "system_admin")]


# One client per role walks every page (a fresh site and sign-in per case
# would cost minutes): each (role, page) pair is one attack case.


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_sdi_refused_to_every_role_but_system_admin(as_role, actions, role):
    client = as_role(role)
    for url in SDI_PAGES:
        del actions[:]
        res = client.get(url, status="*")
        assert res.status_int == 403, f"{role} {url}: {res.status}"
        assert GATE_TEXT in res.text
        assert "/@@workspace" in res.text and "/@@login" in res.text
        refused = [a for a in actions if a.action == "sdi.refused"]
        assert len(refused) == 1 and refused[0].result == "refused", url
        assert refused[0].target == url


def test_sdi_sends_anonymous_to_login(testapp):
    for url in SDI_PAGES:
        res = testapp.get(url, status="*")
        assert res.status_int in (302, 303), f"{url}: {res.status}"
        assert "/@@login" in res.location


def test_system_admin_passes_the_gate(sysadmin):
    for url, status in SDI_PAGES.items():
        res = sysadmin.get(url, status="*")
        if res.status_int in (301, 302, 303):
            res = res.follow(status="*")
        assert res.status_int < 500, f"{url}: {res.status}"
        assert GATE_TEXT not in res.text, url
        if status is not None:
            assert res.status_int == status, f"{url}: {res.status}"


def test_sdi_refused_as_json(as_role):
    res = as_role("site_admin").get(
        "/manage/jyj/gzdt/@@contents?from=0&to=10",
        headers={"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"},
        status=403,
    )
    assert res.json["ok"] is False and GATE_TEXT in res.json["errors"][0]


def test_sdi_posts_refused_before_any_view(as_role, testapp):
    """Deleting through the folder listing, as anyone but the system
    administrator, is refused by the gate (nothing is deleted)."""
    for role in OTHER_ROLES:
        client = as_role(role)
        res = sdi_post(
            client,
            "/manage/zcwj/@@contents",
            {"form.delete": "delete", "item-modify": "yingshan-website-regulation-2019"},
        )
        assert res.status_int == 403 and GATE_TEXT in res.text, role
    testapp.get(DOC, status=200)


def test_sign_in_pages_stay_open(testapp):
    """Sign-in is the accounts package's: the gate lets its SDI entry points
    through (they send people to /@@login)."""
    res = testapp.get("/manage/@@login", status="*")
    assert res.status_int in (200, 302, 303) and GATE_TEXT not in res.text
