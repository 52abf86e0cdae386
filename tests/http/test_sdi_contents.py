"""The SDI's folder listings show each user what they may see, and nothing else."""

from .helpers import add_document


def listed(client, folder):
    res = client.get(
        f"/manage{folder}@@contents?from=0&to=100",
        headers={"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"},
        status="*",
    )
    if res.status_int != 200:
        return None
    return {r["name"] for r in res.json["records"]}


def test_editors_see_their_department_drafts_and_nobody_elses(browser):
    jyj = browser("jyj_editor")
    path = add_document(jyj, "/jyj/gzdt/", "教育局草稿")
    name = path.rstrip("/").rsplit("/", 1)[-1]
    assert name in listed(jyj, "/jyj/gzdt/")
    assert name in listed(browser("jyj_reviewer"), "/jyj/gzdt/")
    assert name in listed(browser("admin"), "/jyj/gzdt/")
    for outsider in ("wjj_editor", "wjj_reviewer", "portal_editor"):
        names = listed(browser(outsider), "/jyj/gzdt/")
        assert names is None or name not in names, outsider


def test_published_items_are_listed_for_editors_of_the_portal(browser):
    names = listed(browser("portal_editor"), "/zcwj/")
    assert "yingshan-website-regulation-2019" in names
