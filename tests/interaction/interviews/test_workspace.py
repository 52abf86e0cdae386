"""在线访谈 in the workspace: an editor drafts an interview (saved once,
times entered in site time and stored as UTC instants), edits it, a
reviewer publishes the announcement (four eyes); bad times are refused with
the reason; another department's editor cannot add one to the portal's
column."""

from datetime import UTC, datetime, timedelta

from govportal import sitetime

from ..workspace_helpers import ws_transition
from .helpers import resource, session

COLUMN = "/hdjl/zxft/"


def _fill(form, title, day, starts="15:00", ends="16:30"):
    form["title"] = title
    form["guests"] = "周平，县人社局局长\n吴敏，县就业服务中心主任"
    form["host"] = "王婷"
    form["date"] = day.isoformat()
    form["starts_time"] = starts
    form["ends_time"] = ends
    form["place"] = "县政府网站访谈室"
    form["introduction"] = "解读就业创业扶持政策。"


def test_draft_edit_publish(browser, testapp):
    day = sitetime.today() + timedelta(days=3)
    editor = browser("portal_editor")
    form = editor.get(COLUMN + "@@ws-add-interview").forms["ws-interview"]
    _fill(form, "稳就业促创业政策解读", day)
    res = form.submit("save", status=303)
    path = res.location.replace("http://localhost", "").replace("/@@ws-item", "")
    form.submit("save", status=303)  # a double click stores nothing new
    with session(testapp) as (root, _request):
        names = [n for n in resource(root, COLUMN) if n.startswith("zxft-")]
        item = resource(root, path)
        assert item.guests == (
            {"name": "周平", "position": "县人社局局长"},
            {"name": "吴敏", "position": "县就业服务中心主任"},
        )
        # 15:00 China time is 07:00 UTC
        assert item.starts_at == datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
        assert item.ends_at - item.starts_at == timedelta(minutes=90)
    assert len(names) == 3  # the demo's two and this one
    page = editor.get(path + "/@@ws-item")
    assert "县人社局局长周平" in page.text and "预告" in page.text
    # edit
    form = editor.get(path + "/@@ws-edit").forms["ws-interview"]
    assert form["starts_time"].value == "15:00"
    form["ends_time"] = "17:00"
    form.submit("save", status=303)
    with session(testapp) as (root, _request):
        assert resource(root, path).ends_at - resource(root, path).starts_at == timedelta(hours=2)
    # publish: submitted by the editor, approved by the reviewer
    ws_transition(editor, path, "submit")
    ws_transition(browser("portal_reviewer"), path, "approve")
    public = testapp.get(path)
    assert "稳就业促创业政策解读" in public.text and "预告" in public.text
    assert "稳就业促创业政策解读" in testapp.get("/hdjl/zxft").text
    with session(testapp) as (root, request):
        # 发布日期: the site's date (the test clock's 1 January, still 31 December in UTC)
        assert resource(root, path).publish_date == sitetime.today(request.registry)


def test_bad_times_refused(browser, testapp):
    editor = browser("portal_editor")
    form = editor.get(COLUMN + "@@ws-add-interview").forms["ws-interview"]
    _fill(form, "时间有误的访谈", sitetime.today(), starts="16:00", ends="15:00")
    res = form.submit("save", status=400)
    assert "结束时间应晚于开始时间" in res.text
    form = res.forms["ws-interview"]
    form["starts_time"] = "25:00"
    res = form.submit("save", status=400)
    assert "请按“时:分”填写" in res.text
    with session(testapp) as (root, _request):
        assert len([n for n in resource(root, COLUMN) if n.startswith("zxft-")]) == 2


def test_other_department_cannot_add_here(browser):
    browser("jyj_editor").get(COLUMN + "@@ws-add-interview", status=403)
