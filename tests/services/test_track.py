"""Public tracking (``@@case-track``) through HTTP: right and wrong codes get
the status or one uniform answer, no personal data, supplements uploaded
with the code, the result and certificate downloads, 好差评, the rate limit."""

import re

import webtest

from govportal.bootstrap import site_session

from ..conftest import close_app, csrf_token, read_root
from .apply_helpers import PDF, apply, make_guide, staff_step, submitted


def track(client, code, number="", path="/@@case-track", status=200, remote="192.0.2.9"):
    page = client.get("/@@case-track")
    data = {"code": code, "number": number, "csrf_token": csrf_token(page.text)}
    return client.post(path, data, status=status, extra_environ={"REMOTE_ADDR": remote})


def not_found_block(html):
    return re.search(r'<div class="errors" role="alert" id="not-found">.*?</div>', html, re.S)[0]


def filed(testapp, wsgi_app):
    make_guide(wsgi_app)
    return submitted(apply(testapp))


def test_right_code_shows_status_steps_and_no_personal_data(testapp, wsgi_app):
    number, code = filed(testapp, wsgi_app)
    res = track(testapp, code, number)
    assert res.headers["Cache-Control"] == "private, no-store"
    assert f"办件 {number}" in res.text and "测试入学登记" in res.text
    assert res.html.find(id="state").text == "待预审"
    assert "提交申请" in res.html.find(id="steps").text
    assert "法定 10 个工作日 / 承诺 5 个工作日" in res.text
    assert "张*" in res.text
    for personal in ("张三", "11010519491231002X", "13800138000", "张小三"):
        assert personal not in res.text
    # the code alone, lower case and without dashes, on a department's page
    res = track(testapp, code.lower().replace("-", ""), path="/jyj/@@case-track")
    assert f"办件 {number}" in res.text


def test_wrong_codes_get_one_answer(testapp, wsgi_app):
    number, code = filed(testapp, wsgi_app)
    answers = [
        track(testapp, "AAAA-BBBB-CCCC-DDDD-EEEE", status=404),
        track(testapp, "short", status=404),
        track(testapp, code, number="008000001-BJ2026-99999", status=404),
        track(testapp, "", status=404),
    ]
    blocks = {not_found_block(res.text) for res in answers}
    assert len(blocks) == 1
    assert all(number not in res.text for res in answers)


def test_track_rate_limit(app_settings):
    from govportal import main

    app = main({}, **dict(app_settings, **{"govportal.services.track_rate": "3/600"}))
    try:
        client = webtest.TestApp(app)
        for _ in range(3):
            track(client, "AAAA-BBBB-CCCC-DDDD-EEEE", status=404, remote="203.0.113.5")
        res = track(client, "AAAA-BBBB-CCCC-DDDD-EEEE", status=429, remote="203.0.113.5")
        assert "提交过于频繁" in res.text
        track(client, "AAAA-BBBB-CCCC-DDDD-EEEE", status=404, remote="203.0.113.6")
    finally:
        close_app(app)


def supplement(client, code, number, files, note="", token=None, status=200):
    page = track(client, code, number)
    data = {
        "code": code,
        "number": number,
        "note": note,
        "csrf_token": csrf_token(client.get("/@@case-track").text),
        "submission_token": token or _token(page.text, "submission_token"),
    }
    res = client.post("/@@case-track/supplement", data, upload_files=files, status=status)
    return res, data["submission_token"]


def _token(html, name):
    return re.findall(rf'name="{name}" value="([^"]+)"', html)[0]


def test_applicant_supplies_what_the_notice_asks_once(testapp, wsgi_app):
    number, code = filed(testapp, wsgi_app)
    staff_step(
        wsgi_app, number, "jyj_editor", "request_supplement", "预防接种证查验证明\n户口簿内页"
    )
    res = track(testapp, code, number)
    asked = res.html.find(id="asked")
    assert "预防接种证查验证明" in asked.text and "户口簿内页" in asked.text
    assert asked.find("input", type="file") is not None
    # a file of the wrong type: refused, nothing changes
    bad, _token_ = supplement(
        testapp, code, number, [("materials", "a.pdf", b"MZ nope")], status=400
    )
    assert bad.html.find(id="form-error")
    assert track(testapp, code, number).html.find(id="state").text == "待补齐材料"
    res, token = supplement(testapp, code, number, [("materials", "jz.pdf", PDF)], note="已补齐")
    assert res.html.find(id="message").text == "材料已提交，请等待工作人员审核。"
    assert res.html.find(id="asked") is None
    assert res.html.find(id="state").text == "待预审"
    again, _t = supplement(testapp, code, number, [("materials", "jz.pdf", PDF)], token=token)
    assert again.html.find(id="message").text == "此前已提交，本次没有重复提交。"
    files = read_root(wsgi_app, lambda root: _case(root, number).supplement["files"])
    assert len(files) == 1


def _case(root, number):
    from govportal.services.cases import find_case_box

    return find_case_box(root["jyj"]).get(number)


def conclude(wsgi_app, number):
    staff_step(wsgi_app, number, "jyj_editor", "accept")
    staff_step(
        wsgi_app,
        number,
        "jyj_reviewer",
        "conclude",
        "准予登记，请按通知书时间报到。",
        ("通知书.pdf", PDF, "application/pdf"),
        True,
    )
    from govportal.services.cases import find_case_box
    from govportal.services.certificate import issue_certificate

    with site_session(wsgi_app.registry) as (zodb_root, request):
        issue_certificate(request, find_case_box(zodb_root["app_root"]["jyj"]).get(number))


def test_result_certificate_and_rating_after_conclusion(testapp, wsgi_app):
    number, code = filed(testapp, wsgi_app)
    page = track(testapp, code, number)
    assert page.html.find(id="rate") is None  # not before conclusion
    conclude(wsgi_app, number)
    page = track(testapp, code, number)
    assert page.html.find(id="state").text == "已办结"
    assert "准予登记" in page.html.find(id="result").text
    token = csrf_token(page.text)
    data = {"code": code, "number": number, "csrf_token": token}
    pdf = testapp.post("/@@case-track/result", data)
    assert pdf.body == PDF and pdf.headers["Cache-Control"] == "private, no-store"
    cert = testapp.post("/@@case-track/certificate", data)
    assert cert.body.startswith(b"%PDF") and cert.content_type == "application/pdf"
    testapp.post(
        "/@@case-track/certificate", dict(data, code="AAAA-BBBB-CCCC-DDDD-EEEE"), status=404
    )
    rating = dict(
        data, level="5", comment="办事快", submission_token=_token(page.text, "submission_token")
    )
    res = testapp.post("/@@case-track/rate", rating)
    assert res.html.find(id="message").text == "感谢您的评价。"
    assert "非常满意" in res.html.find(id="rated").text and res.html.find(id="rate") is None
    again = testapp.post("/@@case-track/rate", dict(rating, level="1"))
    assert again.html.find(id="message").text == "此前已评价，本次没有重复提交。"
    assert read_root(wsgi_app, lambda root: _case(root, number).rating["level"]) == 5


def test_rating_before_conclusion_is_refused(testapp, wsgi_app):
    number, code = filed(testapp, wsgi_app)
    done, done_code = submitted(apply(testapp))
    conclude(wsgi_app, done)
    page = track(testapp, done_code, done)  # a rating form (tokens are per session)
    data = {
        "code": code,
        "number": number,
        "level": "1",
        "csrf_token": csrf_token(page.text),
        "submission_token": _token(page.text, "submission_token"),
    }
    res = testapp.post("/@@case-track/rate", data, status=409)
    assert "办结后才能评价" in res.text
    assert read_root(wsgi_app, lambda root: _case(root, number).rating) is None
