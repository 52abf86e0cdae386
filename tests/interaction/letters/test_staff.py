"""The staff's letter pages: the queue and its filters, transfers between
departments that keep the clock and move access (HTTP: 教育局 cannot see a
letter moved to 人社局; foreign numbers are 404), the sent list, the 管理
link, the hub's deadline source and the calendar recomputer."""

from datetime import date

from govportal.bootstrap import site_session
from govportal.calendar import get_calendar
from govportal.calendar.table import update_calendar
from govportal.interaction.hub.deadlines import rows_for

from .staff_helpers import (
    admin_url,
    as_user,
    letter_in,
    post_step,
    read_letter,
    state,
    write_letter,
)


def clock_of(letter):
    return (letter.received_on, letter.verify_due, letter.due, letter.promised_on)


def test_queue_and_filters(wsgi_app, browser):
    mailbox = write_letter(wsgi_app, "jyj")
    consult = write_letter(wsgi_app, "jyj", channel="consult", subject="咨询入学政策")
    editor = browser("jyj_editor")
    page = editor.get(admin_url("jyj"))
    assert f'id="row-{mailbox}"' in page.text and f'id="row-{consult}"' in page.text
    only = editor.get(admin_url("jyj") + "?channel=consult")
    assert f'id="row-{mailbox}"' not in only.text and f'id="row-{consult}"' in only.text
    overdue = editor.get(admin_url("jyj") + "?level=overdue")
    assert "没有符合条件的信件" in overdue.text
    handling = editor.get(admin_url("jyj") + "?state=handling")
    assert "没有符合条件的信件" in handling.text
    # other departments and anonymous visitors see nothing
    browser("rsj_editor").get(admin_url("jyj"), status=403)
    browser().get(admin_url("jyj"), status=404)  # anonymous: the site hides staff pages
    browser("rsj_editor").get(admin_url("rsj", mailbox), status=404)


def test_transfer_keeps_the_clock_and_moves_access(wsgi_app, browser):
    number = write_letter(wsgi_app, "jyj")
    before = read_letter(wsgi_app, "jyj", number, clock_of)
    jyj, rsj = browser("jyj_editor"), browser("rsj_editor")
    post_step(jyj, "jyj", number, "accept")
    post_step(jyj, "jyj", number, "transfer", 400, target="-", comment="属人社局职责")
    post_step(jyj, "jyj", number, "transfer", 400, target="rsj", comment="")
    res = post_step(jyj, "jyj", number, "transfer", target="rsj", comment="属人社局职责")
    assert res.location.endswith(admin_url("jyj"))  # back to the queue: it is gone
    jyj.post(admin_url("jyj", number), res.data, status=404)  # a replay: not here any more
    assert len(read_letter(wsgi_app, "rsj", number, lambda lt: lt.transfers)) == 1
    assert state(wsgi_app, "rsj", number) == "received"
    assert read_letter(wsgi_app, "rsj", number, clock_of) == before
    assert read_letter(wsgi_app, "jyj", number, lambda lt: lt) is None
    # 教育局 lost it (404 on its own pages), 人社局 has it
    jyj.get(admin_url("jyj", number), status=404)
    jyj.get(admin_url("rsj", number), status=403)
    page = rsj.get(admin_url("rsj", number))
    assert "属人社局职责" in page.text and "13912345678" in page.text
    sent = jyj.get("/jyj/@@letters-sent")
    assert f'id="sent-{number}"' in sent.text and "13912345678" not in sent.text
    # 人社局 returns it (退回) to 教育局: both transfers recorded, clock kept
    post_step(rsj, "rsj", number, "return", comment="不属本局职责，退回")
    assert state(wsgi_app, "jyj", number) == "received"
    transfers = read_letter(wsgi_app, "jyj", number, lambda lt: lt.transfers)
    assert [(t["from"], t["to"]) for t in transfers] == [("jyj", "rsj"), ("rsj", "jyj")]
    assert read_letter(wsgi_app, "jyj", number, clock_of) == before
    rsj.get(admin_url("rsj", number), status=404)
    assert f'id="sent-{number}"' not in jyj.get("/jyj/@@letters-sent").text
    assert f'id="sent-{number}"' in rsj.get("/rsj/@@letters-sent").text
    steps = read_letter(wsgi_app, "jyj", number, lambda lt: [s["title"] for s in lt.steps])
    assert steps.count("已转办") == 2


def test_admin_home_and_workspace_link_the_queue(wsgi_app, browser):
    editor = browser("jyj_editor")
    page = editor.get("/@@admin")
    assert "/jyj/@@letters-admin" in page.text
    assert "/rsj/@@letters-admin" not in page.text
    workspace = editor.get("/@@workspace")
    assert 'id="ws-letters"' in workspace.text and "/jyj/@@letters-admin" in workspace.text
    assert "/rsj/@@letters-admin" not in workspace.text
    # 人社局's demo letter is overdue (no verification within 15 working days)
    assert "已超期 1 件" in browser("rsj_editor").get("/@@workspace").text


def test_deadline_source_and_calendar_change(wsgi_app):
    number = write_letter(wsgi_app, "jyj")
    due = read_letter(wsgi_app, "jyj", number, lambda lt: lt.due)
    with as_user(wsgi_app, "jyj_editor") as (root, request):
        rows = [r for r in rows_for(root["jyj"], request) if r.number == number]
        assert len(rows) == 1 and rows[0].due == due and rows[0].level == "ok"
        assert rows[0].url.endswith(admin_url("jyj", number))
        assert rows[0].title == number  # no personal data, not even the subject
    with as_user(wsgi_app, "rsj_editor") as (root, request):
        assert not [r for r in rows_for(root["jyj"], request) if r.number == number]
    # a day off entered before the due date moves it by one working day
    day_off = date(2026, 1, 7)
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        update_calendar(root, [(day_off, False, "测试停工")], request=request)
        moved = get_calendar(root).add_workdays(due, 1).value
        assert letter_in(root, "jyj", number).due == moved
    assert read_letter(wsgi_app, "jyj", number, lambda lt: lt.due) == moved
    assert moved > due
