"""Scheduled publication and expiry through HTTP, with the scheduler run
directly (``run_due`` with a later clock) the way its thread runs it."""

import threading
from datetime import timedelta

import pytest
import transaction
from ZODB.POSException import ConflictError

from govportal.bootstrap import site_session
from govportal.schedule import run_due, run_once
from govportal.workflow.history import get_history
from tests.http.helpers import (
    PDF_BYTES,
    add_attachment,
    edit_document,
    history,
    stored,
    transition,
)
from tests.locks.helpers import add_document, in_days, read, run_scheduler

COLUMN = "/jyj/gzdt/"
TITLE = "定时发布测试通知"
#: every public place a published document shows up in
LISTINGS = ("/jyj/", COLUMN, COLUMN + "rss.xml", "/sitemap.xml", "/jyj/@@catalog")


@pytest.fixture
def dates():
    effective = in_days(2)
    return effective, effective + timedelta(days=10)


@pytest.fixture
def in_review(editor, dates):
    effective, expiry = dates
    doc = add_document(editor, TITLE, effective=effective, expiry=expiry)
    add_attachment(editor, doc, "通知全文.pdf", PDF_BYTES, title="通知全文")
    assert transition(editor, doc, "submit").json["state"] == "review"
    return doc


@pytest.fixture
def scheduled(reviewer, in_review):
    res = transition(reviewer, in_review, "schedule", comment="同意，按时发布")
    assert res.json["state"] == "scheduled"
    return in_review


def attachment_of(wsgi_app, doc):
    return doc + read(wsgi_app, doc, lambda d: d.attachments()[0].__name__)


def assert_invisible(testapp, doc):
    assert testapp.get(doc, status="*").status_int == 404
    name = doc.rstrip("/").rsplit("/", 1)[-1]
    for url in LISTINGS:
        page = testapp.get(url, status=200).text
        assert TITLE not in page and name not in page, url
    res = testapp.get("/search", {"q": "定时发布测试"}, status=200)
    assert TITLE not in res.text


def test_dates_are_stored_in_china_standard_time(wsgi_app, in_review, dates):
    effective, expiry = dates
    stored_dates = read(wsgi_app, in_review, lambda d: (d.effective_date, d.expiry_date))
    assert stored_dates == (effective, expiry)
    assert stored_dates[0].utcoffset() == timedelta(hours=8)  # China Standard Time


def test_expiry_must_come_after_effective_date(wsgi_app, editor, dates):
    effective, _expiry = dates
    res = add_document(
        editor,
        "下线早于发布",
        effective=effective,
        expiry=effective - timedelta(hours=1),
        status=400,
    )
    assert "定时下线时间必须晚于定时发布时间。" in res.text
    assert "下线早于发布" not in stored(wsgi_app, COLUMN)["titles"]


def test_approving_an_item_with_a_future_date_is_refused(wsgi_app, reviewer, in_review):
    before = stored(wsgi_app, in_review)
    res = transition(reviewer, in_review, "approve", status=400)
    (message,) = res.json["errors"]
    assert "定时发布时间" in message and "审核通过，定时发布" in message
    assert stored(wsgi_app, in_review) == before


def test_schedule_needs_a_future_date(wsgi_app, editor, reviewer):
    doc = add_document(editor, "没有定时的稿件")
    transition(editor, doc, "submit")
    res = transition(reviewer, doc, "schedule", status=400)
    assert res.json["errors"] == ["定时发布须先设定晚于当前时间的定时发布时间。"]
    assert stored(wsgi_app, doc)["state"] == "review"


def test_schedule_keeps_four_eyes(wsgi_app, editor, reviewer, in_review):
    """A reviewer who edited the item may not schedule it either."""
    edit_document(reviewer, in_review, title=TITLE + "（审核员改）")
    res = transition(reviewer, in_review, "schedule", status=400)
    assert any("最后修改人" in m for m in res.json["errors"])
    assert stored(wsgi_app, in_review)["state"] == "review"


def test_scheduled_item_goes_live_on_time(wsgi_app, testapp, editor, scheduled, dates):
    effective, expiry = dates
    doc = scheduled
    for url in LISTINGS:  # render (and cache) the listings before
        testapp.get(url, status=200)
    assert_invisible(testapp, doc)
    attachment = attachment_of(wsgi_app, doc)
    assert testapp.get(attachment, status="*").status_int == 404
    assert history(editor, doc)["state_title"] == "待定时发布"
    assert read(wsgi_app, doc, lambda d: (d.publish_date, d.index_number)) == (None, "")

    # the scheduler, a minute early: nothing happens
    assert run_scheduler(wsgi_app, effective - timedelta(minutes=1)) == []
    assert_invisible(testapp, doc)

    (outcome,) = run_scheduler(wsgi_app, effective + timedelta(minutes=1))
    assert (outcome.ok, outcome.transition, outcome.state) == (True, "publish_due", "published")
    assert outcome.path == doc.rstrip("/")

    page = testapp.get(doc, status=200)
    assert TITLE in page.text
    assert testapp.get(attachment, status=200).body == PDF_BYTES
    name = doc.rstrip("/").rsplit("/", 1)[-1]
    for url in LISTINGS:
        assert name in testapp.get(url, status=200).text, url
    publish_date, index_number = read(wsgi_app, doc, lambda d: (d.publish_date, d.index_number))
    assert publish_date == effective.date()
    assert index_number and index_number in page.text  # 索引号 issued on publication
    records = history(editor, doc)["history"]
    assert [r["transition"] for r in records] == ["submit", "schedule", "publish_due"]
    approval, published = records[1], records[2]
    assert approval["actor_name"] == "jyj_reviewer" and approval["to_state"] == "scheduled"
    assert published["actor_name"] == "系统定时任务"
    assert published["transition_title"] == "定时发布"
    assert effective.strftime("%Y-%m-%d %H:%M") in published["comment"]
    assert "jyj_reviewer" in published["comment"] and approval["local_when"] in published["comment"]
    # run again: nothing left to do
    assert run_scheduler(wsgi_app, effective + timedelta(minutes=2)) == []


def test_expiry_archives_the_item(wsgi_app, testapp, editor, scheduled, dates):
    effective, expiry = dates
    doc = scheduled
    run_scheduler(wsgi_app, effective + timedelta(minutes=1))
    assert run_scheduler(wsgi_app, expiry - timedelta(minutes=1)) == []
    (outcome,) = run_scheduler(wsgi_app, expiry)
    assert (outcome.ok, outcome.transition, outcome.state) == (True, "expire", "archived")
    page = testapp.get(doc, status=200)  # archived: readable with a notice, unlisted
    assert "已归档" in page.text
    name = doc.rstrip("/").rsplit("/", 1)[-1]
    assert name not in testapp.get(COLUMN, status=200).text
    last = history(editor, doc)["history"][-1]
    assert (last["transition"], last["actor_name"]) == ("expire", "系统定时任务")
    assert expiry.strftime("%Y-%m-%d %H:%M") in last["comment"]


def test_published_item_with_expiry_is_archived_when_due(wsgi_app, editor, reviewer):
    expiry = in_days(1)
    doc = add_document(editor, "到期下线的通知", expiry=expiry)
    transition(editor, doc, "submit")
    assert transition(reviewer, doc, "approve").json["state"] == "published"
    (outcome,) = run_scheduler(wsgi_app, expiry + timedelta(seconds=1))
    assert outcome.ok and stored(wsgi_app, doc)["state"] == "archived"
    # restoring it clears the passed expiry, so it is not archived again at once
    assert transition(reviewer, doc, "restore").json["state"] == "published"
    assert read(wsgi_app, doc, lambda d: d.expiry_date) is None
    assert run_scheduler(wsgi_app, expiry + timedelta(days=1)) == []
    assert stored(wsgi_app, doc)["state"] == "published"


def test_unschedule_needs_a_comment_and_returns_to_review(wsgi_app, testapp, reviewer, scheduled):
    before = stored(wsgi_app, scheduled)
    res = transition(reviewer, scheduled, "unschedule", status=400)
    assert res.json["errors"] == ["执行“取消定时发布”必须填写意见。"]
    assert stored(wsgi_app, scheduled) == before
    res = transition(reviewer, scheduled, "unschedule", comment="发布时间需调整")
    assert res.json["state"] == "review"
    assert testapp.get(scheduled, status="*").status_int == 404
    assert run_scheduler(wsgi_app, in_days(30)) == []  # no longer due
    assert stored(wsgi_app, scheduled)["state"] == "review"


def test_people_cannot_run_the_schedulers_transitions(wsgi_app, browser, reviewer, scheduled):
    before = stored(wsgi_app, scheduled)
    for client in (reviewer, browser("admin")):
        res = transition(client, scheduled, "publish_due", status="*")
        assert res.status_int in (403, 404)
    assert stored(wsgi_app, scheduled) == before


def test_two_schedulers_never_publish_twice(wsgi_app, scheduled, dates):
    """Two processes pick the same due item: the later commit conflicts and,
    retried, finds nothing due any more."""
    effective, _expiry = dates
    later = effective + timedelta(minutes=1)
    with pytest.raises(ConflictError):
        with site_session(wsgi_app.registry) as (zodb_root, request):
            (mine,) = run_due(zodb_root["app_root"], request, later)
            assert mine.ok
            # meanwhile another process's scheduler publishes the item
            results = []

            def other_process():
                try:
                    results.append(run_once(wsgi_app.registry, later))
                except Exception as e:  # reported below
                    results.append(e)

            other = threading.Thread(target=other_process)
            other.start()
            other.join()
            assert not isinstance(results[0], Exception), repr(results[0])
            assert [o.ok for o in results[0]] == [True]
    transaction.abort()
    # a retry of the first scheduler finds nothing due
    assert run_once(wsgi_app.registry, later) == []
    records = read(wsgi_app, scheduled, lambda d: [r.transition for r in get_history(d)])
    assert records == ["submit", "schedule", "publish_due"]
