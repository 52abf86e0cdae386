"""State changes only by POST: a GET (a link, an image, a prefetch, a
cross-site top-level navigation) changes nothing — no lock, no record, no
commit — and the edit lock is taken by a POST."""

import pytest

from govportal.locks import current
from tests.http.helpers import JSON, transition
from tests.locks.helpers import read
from tests.workspace.helpers import COLUMN, create

STAFF_GETS = (
    "/@@workspace",
    COLUMN + "@@ws-add",
    "{doc}@@ws-edit",
    "{doc}@@ws-item",
    "{doc}@@ws-preview",
    "{doc}@@checks",
    "{doc}@@lock",
    "{doc}@@history",
    "{doc}@@revisions",
    "/@@ws-notifications",
)


def last_tid(wsgi_app):
    return wsgi_app.registry._zodb_databases[""].lastTransaction()


def test_opening_the_edit_form_takes_no_lock(wsgi_app, editor):
    doc = create(editor)
    page = editor.get(doc + "@@ws-edit")
    assert read(wsgi_app, doc, current) is None
    # the form offers the lock by POST, and its script takes it
    offer = [f for f in page.forms.values() if f.action.endswith("@@lock")]
    assert offer and offer[0].method.upper() == "POST"
    assert page.html.find(class_="ws-form")["data-lock-url"].endswith("@@lock")
    offer[0].submit(status=303)
    assert read(wsgi_app, doc, current).holder_name == "jyj_editor"


def test_a_reviewer_merely_looking_at_the_form_does_not_lock_out_the_editor(
    wsgi_app, editor, reviewer
):
    doc = create(editor)
    transition(editor, doc, "submit")
    reviewer.get(doc + "@@ws-edit")
    assert read(wsgi_app, doc, current) is None


def test_lock_by_get_is_not_possible(wsgi_app, editor):
    doc = create(editor)
    res = editor.get(doc + "@@lock", headers=JSON)
    assert res.json["locked"] is False
    assert read(wsgi_app, doc, current) is None


def test_saving_without_a_lock_still_works_and_someone_elses_lock_refuses(
    wsgi_app, browser, editor
):
    from tests.workspace.helpers import fill

    doc = create(editor)
    form = editor.get(doc + "@@ws-edit").forms["ws-document"]
    fill(form, title="无需先锁定即可保存")
    form.submit("save", status=303)
    assert read(wsgi_app, doc, lambda d: d.title) == "无需先锁定即可保存"


@pytest.mark.parametrize("who", ["jyj_editor", "jyj_reviewer"])
def test_no_staff_get_commits_anything(wsgi_app, browser, editor, who):
    doc = create(editor)
    client = browser(who)
    client.get("/@@workspace")  # any first-visit bookkeeping happens here
    before = last_tid(wsgi_app)
    for path in STAFF_GETS:
        client.get(path.format(doc=doc), status="*")
        client.get(path.format(doc=doc), status="*", headers=JSON)
    assert last_tid(wsgi_app) == before, "a GET wrote to the database"


@pytest.mark.parametrize(
    "view",
    ["ws-transition", "ws-checkout", "ws-mask", "ws-override", "checks-mask", "lock", "unlock"],
)
def test_state_changing_views_refuse_get(editor, view):
    doc = create(editor)
    res = editor.get(doc + "@@" + view, status="*")
    if view == "lock":  # GET @@lock is the read-only status
        assert res.json["locked"] is False
    else:
        assert res.status_int in (404, 405)
