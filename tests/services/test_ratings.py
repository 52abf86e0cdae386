"""好差评: a rating once per concluded case, a bad one opens a rectification
the department answers (staff page), public statistics checked by hand."""

import re
from datetime import date

import pytest
from pyramid_mailer import get_mailer

from govportal.services import ratings
from govportal.services.cases import assign_case_code

from ..conftest import read_root
from .supervision_support import RESIDENT_ID, Today, make_case, session

ACCEPTED = date(2026, 3, 2)
#: Tuesday 10 March 2026 + 5 working days: 11, 12, 13, 16, 17 March
RATED = date(2026, 3, 10)
RECTIFY_DUE = date(2026, 3, 17)


@pytest.fixture
def outbox(wsgi_app):
    return get_mailer(wsgi_app.registry).outbox


def case_of(root, number, site="jyj"):
    return (root[site] if site else root).govportal_service_cases.get(number)


def rate(app, number, level, comment="", site="jyj"):
    with session(app) as (root, request):
        return ratings.rate(request, case_of(root, number, site), level, comment)


def test_rating_only_when_closed_and_once(wsgi_app, monkeypatch, outbox):
    Today(monkeypatch, RATED)
    with session(wsgi_app) as (root, request):
        make_case(root, request, "JY-1", accepted_on=ACCEPTED, concluded_on=RATED)
        make_case(root, request, "JY-2", accepted_on=ACCEPTED)  # still being handled
    with pytest.raises(ratings.RatingRefused) as refused:
        rate(wsgi_app, "JY-2", 5)
    assert refused.value.status == 409
    for bad in ("6", "0", "", "很好", None):
        with pytest.raises(ratings.RatingRefused) as refused:
            rate(wsgi_app, "JY-1", bad)
        assert refused.value.status == 400
    with pytest.raises(ratings.RatingRefused):
        rate(wsgi_app, "JY-1", 4, "好" * 501)
    assert read_root(wsgi_app, lambda root: case_of(root, "JY-1").rating) is None
    rating, new = rate(wsgi_app, "JY-1", "4", "  窗口  服务热情 ")
    assert new and rating["level"] == 4 and rating["comment"] == "窗口 服务热情"
    # a replay (or a second rating) shows the recorded one, changes nothing
    again, new = rate(wsgi_app, "JY-1", 1, "改成差评")
    assert not new and again["level"] == 4
    stored = read_root(
        wsgi_app, lambda root: (case_of(root, "JY-1").rating, case_of(root, "JY-1").rectification)
    )
    assert stored[0]["level"] == 4 and stored[1] is None
    assert outbox == []  # a good rating mails nobody


def answer_page(client, site="jyj"):
    return client.get(f"/{site}/@@rectifications", status=200)


def post_answer(client, number, text, site="jyj", status=303, token=None):
    page = client.get(f"/{site}/@@rectifications", status="*")
    if token is None:
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        token = match.group(1) if match else client.csrf()
    data = {"case": number, "answer": text, "csrf_token": token}
    return client.post(f"/{site}/@@rectifications", data, status=status)


def test_bad_rating_opens_a_rectification_the_department_answers(
    wsgi_app, browser, monkeypatch, outbox
):
    Today(monkeypatch, RATED)
    with session(wsgi_app) as (root, request):
        make_case(root, request, "JY-1", accepted_on=ACCEPTED, concluded_on=RATED)
    rating, new = rate(wsgi_app, "JY-1", 2, "等待时间过长")
    assert new
    rect = read_root(wsgi_app, lambda root: case_of(root, "JY-1").rectification)
    assert rect["opened_on"] == RATED and rect["due"] == RECTIFY_DUE and not rect["answer"]
    mails = [m for m in outbox if "JY-1" in m.subject]
    assert len(mails) == 1 and "差评" in mails[0].subject and "2026-03-17" in mails[0].subject
    assert {"jyj_editor@localhost", "jyj_reviewer@localhost"} <= set(mails[0].recipients)
    assert "wjj_editor@localhost" not in mails[0].recipients
    assert "https://www.yingshan.gov.cn/jyj/@@rectifications" in mails[0].body
    assert RESIDENT_ID not in mails[0].body and "张小明" not in mails[0].body

    editor = browser("jyj_editor")
    page = answer_page(editor)
    assert 'id="rect-JY-1"' in page.text and "等待时间过长" in page.text
    assert "整改中" in page.text
    # another department: no page, no answer
    other = browser("wjj_editor")
    other.get("/jyj/@@rectifications", status=403)
    post_answer(other, "JY-1", "越权答复", status=403)
    browser().get("/jyj/@@rectifications", status="*")
    # forged POST without the CSRF token
    editor.post("/jyj/@@rectifications", {"case": "JY-1", "answer": "伪造"}, status=400)
    # empty answer: 400, the message tied to the field, nothing written
    res = post_answer(editor, "JY-1", "   ", status=400)
    assert (
        'id="answer-JY-1-error"' in res.text and 'aria-describedby="answer-JY-1-error"' in res.text
    )
    assert read_root(wsgi_app, lambda root: case_of(root, "JY-1").rectification["answer"]) == ""
    post_answer(editor, "JY-1", "已增加午间窗口，等待时间缩短至15分钟以内。")
    # a second answer (a replayed form) is refused and changes nothing
    post_answer(editor, "JY-1", "再答一次", status=409)
    rect = read_root(wsgi_app, lambda root: case_of(root, "JY-1").rectification)
    assert rect["answer"].startswith("已增加午间窗口") and rect["answered_on"] == RATED
    assert "已按时整改" in answer_page(editor).text

    public = browser().get("/@@ratings", status=200)
    assert "已增加午间窗口" in public.text and "已按时整改" in public.text
    assert "等待时间过长" not in public.text  # the applicant's words stay private
    assert "张小明" not in public.text and RESIDENT_ID not in public.text


def test_rectification_answered_late(wsgi_app, browser, monkeypatch):
    today = Today(monkeypatch, RATED)
    with session(wsgi_app) as (root, request):
        make_case(root, request, "JY-1", accepted_on=ACCEPTED, concluded_on=RATED)
    rate(wsgi_app, "JY-1", 1)
    today.set(date(2026, 3, 18))
    editor = browser("jyj_editor")
    assert "逾期未整改" in answer_page(editor).text
    post_answer(editor, "JY-1", "已约谈窗口人员并整改。")
    assert "逾期整改" in answer_page(editor).text


def test_public_statistics_by_hand(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, RATED)
    with session(wsgi_app) as (root, request):
        for n in range(1, 7):
            make_case(root, request, f"JY-{n}", accepted_on=ACCEPTED, concluded_on=RATED)
        make_case(root, request, "WJ-1", site="wjj", accepted_on=ACCEPTED, concluded_on=RATED)
    for n, level in zip(range(1, 6), (5, 4, 3, 2, 1), strict=True):
        rate(wsgi_app, f"JY-{n}", level)
    rate(wsgi_app, "WJ-1", 5, site="wjj")
    post_answer(browser("jyj_editor"), "JY-4", "已整改。")
    with session(wsgi_app) as (root, request):
        rows, answers = ratings.rating_stats(root, request.registry)
    by_site = {r["lead"]: r for r in rows}
    jyj, wjj, total = by_site["jyj"], by_site["wjj"], by_site[None]
    assert jyj["levels"] == {5: 1, 4: 1, 3: 1, 2: 1, 1: 1}
    assert (jyj["rated"], jyj["satisfied"], jyj["satisfaction"]) == (5, 3, 60.0)
    assert (jyj["bad"], jyj["rectified"], jyj["rectified_on_time"]) == (2, 1, 1)
    assert (wjj["rated"], wjj["satisfaction"], wjj["bad"]) == (1, 100.0, 0)
    assert (total["rated"], total["satisfied"], total["satisfaction"]) == (6, 4, 66.7)
    assert [a["answer"] for a in answers] == ["已整改。"]
    page = browser().get("/@@ratings", status=200)
    row = page.text[page.text.index('id="rating-jyj"') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells == ["1", "1", "1", "1", "1", "5", "60.0%", "2", "1", "1", "0"]


def test_bad_rating_through_the_tracking_page(wsgi_app, browser, monkeypatch, outbox):
    """The applicant's path: the query code, the rating form, a 差评; the
    department finds it on its rectification page."""
    Today(monkeypatch, RATED)
    with session(wsgi_app) as (root, request):
        case = make_case(root, request, "JY-1", accepted_on=ACCEPTED, concluded_on=RATED)
        code = assign_case_code(case)
    visitor = browser()
    page = visitor.get("/jyj/@@case-track", status=200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    data = {"code": code, "number": "JY-1", "csrf_token": csrf}
    shown = visitor.post("/jyj/@@case-track", data, status=200)
    form = shown.text[shown.text.index('id="rate"') :]
    token = re.search(r'name="submission_token" value="([^"]+)"', form).group(1)
    rating = dict(data, level="1", comment="材料被退回三次", submission_token=token)
    visitor.post("/jyj/@@case-track/rate", rating, status=200)
    visitor.post("/jyj/@@case-track/rate", dict(rating, level="5"), status=200)  # replay
    rect = read_root(wsgi_app, lambda root: case_of(root, "JY-1").rectification)
    assert rect["due"] == RECTIFY_DUE
    steps = read_root(wsgi_app, lambda root: [dict(s) for s in case_of(root, "JY-1").steps])
    assert (steps[-1]["title"], steps[-1]["note"]) == ("申请人已评价", "非常不满意")
    assert read_root(wsgi_app, lambda root: case_of(root, "JY-1").rating["level"]) == 1
    assert len([m for m in outbox if "差评" in m.subject]) == 1
    staff = answer_page(browser("jyj_reviewer"))
    assert 'id="rect-JY-1"' in staff.text and "材料被退回三次" in staff.text
