"""The SDI's folder listings: closed to every staff member but the system
administrator, who sees the structure (departments, columns) and not the
documents (三员分立: content is the editors' and reviewers')."""

from tests.sdi.conftest import ensure_administrators

from .helpers import add_document

LISTING_HEADERS = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}


def listed(client, folder):
    res = client.get(
        f"/manage{folder}@@contents?from=0&to=100", headers=LISTING_HEADERS, status="*"
    )
    if res.status_int != 200:
        return res.status_int
    return {r["name"] for r in res.json["records"]}


def test_listings_are_closed_to_staff(browser):
    jyj = browser("jyj_editor")
    path = add_document(jyj, "/jyj/gzdt/", "教育局草稿")
    assert path.startswith("/jyj/gzdt/")
    for login in ("jyj_editor", "jyj_reviewer", "admin", "auditor", "wjj_editor", "portal_editor"):
        assert listed(browser(login), "/jyj/gzdt/") == 403, login


def test_system_admin_sees_structure_not_documents(browser, wsgi_app):
    ensure_administrators(wsgi_app)
    path = add_document(browser("jyj_editor"), "/jyj/gzdt/", "教育局草稿")
    name = path.rstrip("/").rsplit("/", 1)[-1]
    sysadmin = browser("sysadmin")
    assert "gzdt" in listed(sysadmin, "/jyj/")
    assert name not in listed(sysadmin, "/jyj/gzdt/")
    assert "yingshan-website-regulation-2019" not in listed(sysadmin, "/zcwj/")
