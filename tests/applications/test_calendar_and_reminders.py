"""Deadlines in a year without holiday data, recomputed when the table
changes; near-due and overdue warnings mailed once."""

from datetime import date

from govportal.applications.reminders import send_reminders
from govportal.bootstrap import site_session

from ..calendar.test_views import entry_fields
from ..conftest import Browser, csrf_token
from .conftest import cell, step, submit, track

CALENDAR = "/@@admin-calendar"


def test_deadline_in_2027_is_flagged_then_recomputed(testapp, browser, today, wsgi_app):
    today.set(date(2026, 12, 15))
    number, code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    step(editor, "jyj", number, "register")
    page = editor.get(f"/jyj/@@applications/{number}").text
    # 16–18, 21–25, 28–31 Dec 2026 (12); 1 Jan 2027 is 元旦, a statutory
    # holiday every year; then weekdays: 4–8, 11–13 Jan 2027
    assert cell(page, "due").startswith("2027-01-13")
    assert "2027年调休安排尚未录入" in cell(page, "uncertain")
    assert "待核实" in editor.get("/jyj/@@applications").text
    assert "待核实" in track(testapp, code).text
    admin = Browser(wsgi_app).login("admin")
    listing = admin.get(CALENDAR).text
    assert "依申请公开" in listing and f"申请 {number}" in listing
    # the State Council's notice: Monday 4 January 2027 off (an entry alone
    # keeps the year flagged), then the year marked complete
    token = csrf_token(listing)
    admin.post(CALENDAR, entry_fields(token, "2027-01-04", "off", "元旦调休"), status=303)
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "due").startswith("2027-01-14")
    assert 'id="uncertain"' in page
    admin.post(CALENDAR, {"csrf_token": token, "complete": "2027"}, status=303)
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "due") == "2027-01-14"
    assert 'id="uncertain"' not in page
    assert f"申请 {number}" not in admin.get(CALENDAR).text


def run_reminders(app, on):
    with site_session(app.registry) as (zodb_root, request):
        return [(n, kind) for _site, n, kind in send_reminders(zodb_root["app_root"], request, on)]


def test_near_due_and_overdue_warnings_are_mailed_once(testapp, browser, today, wsgi_app, outbox):
    number, _code = submit(testapp, "jyj")
    step(browser("jyj_editor"), "jyj", number, "register")  # due 2026-10-30
    del outbox[:]
    assert run_reminders(wsgi_app, date(2026, 10, 22)) == []  # 6 working days left
    # 23 Oct: 26, 27, 28, 29, 30 remain = 5 working days: near due
    today.set(date(2026, 10, 23))
    assert "即将到期" in browser("jyj_editor").get("/jyj/@@applications").text
    assert run_reminders(wsgi_app, date(2026, 10, 23)) == [(number, "near")]
    assert run_reminders(wsgi_app, date(2026, 10, 26)) == []  # not twice
    [mail] = outbox
    assert "即将到期" in mail.subject
    assert set(mail.recipients) == {"jyj_editor@localhost", "jyj_reviewer@localhost"}
    assert run_reminders(wsgi_app, date(2026, 10, 30)) == []  # due today: not overdue
    assert run_reminders(wsgi_app, date(2026, 11, 2)) == [(number, "overdue")]
    assert run_reminders(wsgi_app, date(2026, 11, 3)) == []
    assert len(outbox) == 2 and "已超过答复期限" in outbox[1].subject
    today.set(date(2026, 11, 2))
    page = browser("jyj_editor").get("/jyj/@@applications").text
    assert 'class="overdue"' in page and "已逾期" in page


def test_console_script_mails_through_the_configured_mailer(app_settings, today, tmp_path):
    """``govportal-application-reminders CONFIG.ini`` on a stopped site."""
    import io

    import webtest

    from govportal import main as make_app
    from govportal.applications.reminders import main

    from ..conftest import Browser, close_app

    app = make_app({}, **app_settings)
    try:
        number, _code = submit(webtest.TestApp(app), "jyj")
        step(Browser(app).login("jyj_editor"), "jyj", number, "register")
    finally:
        close_app(app)
    mail_dir = tmp_path / "mail"
    settings = dict(app_settings, **{"govportal.mail.delivery": "file"})
    settings["govportal.mail.directory"] = str(mail_dir)
    ini = tmp_path / "site.ini"
    ini.write_text(
        "[app:main]\nuse = egg:govportal\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()),
        encoding="utf-8",
    )
    today.set(date(2026, 11, 2))
    out = io.StringIO()
    assert main([str(ini)], out=out) == 0
    assert "1 件" in out.getvalue()
    sent = [p.read_text(encoding="utf-8", errors="replace") for p in mail_dir.iterdir()]
    assert len(sent) == 1 and "jyj_editor@localhost" in sent[0]
    out = io.StringIO()
    main([str(ini)], out=out)  # a second run mails nothing
    assert "0 件" in out.getvalue() and len(list(mail_dir.iterdir())) == 1
