"""An accepted item is the department's own record in the portal column:
a new approval of its working copy, its retraction and its archiving show
there at once (the public page through the render cache, fetched before
and after), and the portal may retire its reference."""

import pytest

from tests.http.helpers import transition
from tests.public.helpers import transition_as
from tests.revisions.helpers import checkout, edit, wc_path

from .helpers import column_titles, decide, offer, offers, only_key, publish

OLD = "教育局召开安全工作会议"
NEW = "教育局召开安全工作会议（更正）"


@pytest.fixture
def accepted(wsgi_app, testapp, browser):
    path = publish(wsgi_app, OLD)
    offer(browser("jyj_editor"), path)
    key = only_key(wsgi_app)
    decide(browser("portal_reviewer"), key, "accept")
    assert OLD in column_titles(testapp)
    assert OLD in testapp.get("/").text  # the home page's 部门动态 box
    return path, key


def test_a_new_approval_shows_the_new_title_on_the_portal(wsgi_app, testapp, browser, accepted):
    path, _key = accepted
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    checkout(editor, path)
    edit(editor, wc_path(path), title=NEW)
    assert NEW not in column_titles(testapp)  # a working copy is never public
    transition(editor, wc_path(path), "submit")
    transition(reviewer, wc_path(path), "approve")
    page = column_titles(testapp)
    assert NEW in page and path in page


@pytest.mark.parametrize("step", ["retract", "archive"])
def test_retraction_and_archiving_remove_it_everywhere(wsgi_app, testapp, accepted, step):
    path, key = accepted
    transition_as(wsgi_app, path, "jyj_reviewer", step, comment="内容需要更正")
    assert OLD not in column_titles(testapp)
    assert OLD not in testapp.get("/").text
    assert offers(wsgi_app) == [(key, "accepted", ["offer", "accept"])]  # still accepted
    if step == "retract":  # approved again: shown again, same record
        transition_as(wsgi_app, path, "jyj_editor", "submit")
        transition_as(wsgi_app, path, "jyj_reviewer", "approve")
        assert OLD in column_titles(testapp)


def test_the_portal_retires_its_reference(wsgi_app, testapp, browser, accepted):
    path, key = accepted
    decide(browser("portal_reviewer"), key, "retire")
    assert OLD not in column_titles(testapp)
    assert OLD in testapp.get(path).text  # the department's item stays published
    res = offer(browser("jyj_editor"), path, status=409)
    assert "已被撤下" in res.text
    assert offers(wsgi_app) == [(key, "retired", ["offer", "accept", "retire"])]
