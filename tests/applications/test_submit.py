"""The public form: valid submissions, bad input, tracking codes."""

import re

from govportal.applications import site_applications
from govportal.applications.model import find_box

from ..conftest import read_root
from .conftest import apply, org_fields, person_fields, submission_token, submit, track


def stored(app, site="jyj"):
    def count(root):
        return len(site_applications(root[site] if site else root))

    return read_root(app, count)


def test_person_submits_without_an_account_and_gets_a_code(testapp, wsgi_app, today, outbox):
    number, code = submit(testapp, "jyj", **person_fields())
    assert number == "008000001-2026-0001"  # 教育局's organ code, the year, its first
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert stored(wsgi_app) == 1 and stored(wsgi_app, "wjj") == 0

    def data(root):
        app = find_box(root["jyj"]).get(number)
        return app.applicant, app.request, app.code_hash

    applicant, sought, code_hash = read_root(wsgi_app, data)
    assert applicant["type"] == "person" and applicant["id_number"] == "11010519491231002X"
    assert sought["delivery_channel"] == "email"
    assert code not in code_hash and code.replace("-", "") not in code_hash  # only a hash
    # the applicant is mailed the code; the department's handlers are told
    to_applicant = [m for m in outbox if m.recipients == ["zhangsan@example.com"]]
    assert len(to_applicant) == 1 and code in to_applicant[0].body
    handlers = [m for m in outbox if "jyj_editor@localhost" in m.recipients]
    assert handlers and "jyj_reviewer@localhost" in handlers[0].recipients
    assert "wjj_editor@localhost" not in handlers[0].recipients
    assert "11010519491231002X" not in handlers[0].body  # no personal data in mails to staff


def test_organisation_submits_on_the_portal(testapp, wsgi_app, today):
    number, code = submit(testapp, "", **org_fields())
    assert stored(wsgi_app, "") == 1

    def applicant(root):
        return find_box(root).get(number).applicant

    data = read_root(wsgi_app, applicant)
    assert data["type"] == "org_legal" and data["credit_code"] == "91350100M000100Y43"
    res = track(testapp, code)
    assert "营山县人民政府" in res.text and "待登记" in res.text


def error_for(res, field):
    """The message shown in the form's block of ``field`` (None if none)."""
    for chunk in res.text.split('<div class="field">')[1:]:
        if f'name="{field}"' in chunk:
            match = re.search(r'<span class="field-error">(.*?)</span>', chunk, re.S)
            return match.group(1) if match else None
    raise AssertionError(f"no field {field}")


def test_malformed_resident_id_is_refused_next_to_the_field(testapp, wsgi_app, today):
    res = apply(testapp, "jyj", status=400, **person_fields(id_number="110105194912310021"))
    assert "校验位" in error_for(res, "id_number")
    assert "申请未提交" in res.text
    # what was typed is kept for correction
    assert 'value="张三"' in res.text
    assert stored(wsgi_app) == 0


def test_bad_credit_code_passport_phone_and_email(testapp, wsgi_app, today):
    res = apply(testapp, "jyj", status=400, **org_fields(credit_code="91350100M000100Y44"))
    assert "统一社会信用代码有误" in error_for(res, "credit_code")
    res = apply(
        testapp,
        "jyj",
        status=400,
        **person_fields(id_type="passport", id_number="E12", phone="12345", email="a@b"),
    )
    assert "证件号码格式有误" in error_for(res, "id_number")
    assert "固定电话" in error_for(res, "phone")
    assert "电子邮箱格式有误" in error_for(res, "email")
    # a landline and a Chinese passport are fine
    submit(
        testapp,
        "jyj",
        **person_fields(id_type="passport", id_number="E12345678", phone="0817-8221234"),
    )
    assert stored(wsgi_app) == 1


def test_nothing_sought_is_refused(testapp, wsgi_app, today):
    res = apply(testapp, "jyj", status=400, **person_fields(description="  ", doc_number=""))
    assert "至少填写一项" in error_for(res, "description")
    res = apply(testapp, "jyj", status=400, **org_fields(org_type="", org_name=""))
    assert "组织类别" in error_for(res, "org_type") and "组织的名称" in error_for(res, "org_name")
    res = apply(testapp, "jyj", status=400, **person_fields(delivery_channel="post", address=""))
    assert "通信地址" in error_for(res, "address")
    res = apply(testapp, "jyj", status=400, **person_fields(delivery_form="paper"))
    assert "纸质信息" in error_for(res, "delivery_channel")
    assert stored(wsgi_app) == 0


def test_script_in_fields_is_escaped(testapp, wsgi_app, today, browser):
    evil = "<script>alert(1)</script>"
    res = apply(testapp, "jyj", status=400, **person_fields(name=evil, id_number="x"))
    assert evil not in res.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in res.text
    number, _code = submit(testapp, "jyj", **person_fields(name=evil, description=evil))
    editor = browser("jyj_editor")
    page = editor.get(f"/jyj/@@applications/{number}", status=200)
    assert evil not in page.text and "&lt;script&gt;" in page.text
    queue = editor.get("/jyj/@@applications", status=200)
    assert evil not in queue.text


def test_honeypot_and_missing_csrf_store_nothing(testapp, wsgi_app, today):
    res = apply(testapp, "jyj", status=400, **person_fields(homepage="http://spam"))
    assert "提交未被接受" in res.text
    testapp.post("/jyj/@@apply", person_fields(), status=400)  # no CSRF token
    assert stored(wsgi_app) == 0


def test_rate_limit(app_settings, today):
    import webtest

    from govportal import main

    from ..conftest import close_app

    app = main({}, **dict(app_settings, **{"govportal.applications.apply_rate": "2/600"}))
    try:
        client = webtest.TestApp(app)
        submit(client, "jyj")
        submit(client, "jyj")
        res = apply(client, "jyj", status=429, **person_fields())
        assert "过于频繁" in res.text
        assert stored(app) == 2
    finally:
        close_app(app)


def test_json_clients_get_json_errors_and_the_code(testapp, wsgi_app, today):
    page = testapp.get("/jyj/@@apply")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    once = submission_token(page.text)
    headers = {"Accept": "application/json"}
    res = testapp.post(
        "/jyj/@@apply",
        dict(person_fields(id_number="123", description=""), csrf_token=token),
        headers=dict(headers, **{"X-Submission-Token": once}),
        status=400,
    )
    assert res.json["ok"] is False
    assert set(res.json["errors"]) == {"id_number", "description"}
    res = testapp.post(
        "/jyj/@@apply",
        dict(person_fields(), csrf_token=token),
        headers=dict(headers, **{"X-Submission-Token": once}),
        status=200,
    )
    assert res.json["ok"] is True and res.json["number"] == "008000001-2026-0001"
    assert len(res.json["code"]) == 24
    assert stored(wsgi_app) == 1
