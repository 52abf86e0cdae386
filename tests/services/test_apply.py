"""The online application form (``<guide>/@@apply``) through HTTP: a valid
application with uploads, refused input (400, Chinese, next to the field,
nothing stored), replays, the honeypot, the rate limit, saved forms."""

import webtest

from govportal.services.drafts import find_drafts

from ..conftest import close_app, read_root
from .apply_helpers import (
    PATH,
    PDF,
    apply,
    cases_of,
    error_of,
    hidden,
    make_guide,
    submitted,
)


def test_applicant_submits_with_a_material_and_gets_number_and_code(testapp, wsgi_app):
    make_guide(wsgi_app)
    page = testapp.get(PATH + "@@apply")
    # labelled fields: the applicant block, then the guide's own
    assert '<label for="f-applicant_name">姓名' in page.text
    assert '<label for="f-child_id">儿童身份证号码' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert page.headers["Cache-Control"] == "private, no-store"
    res = apply(testapp, page=page, needs=["午餐", "校车"])
    number, code = submitted(res)
    assert number and len(code.replace("-", "")) == 20
    assert "查询码只显示这一次" in res.text
    [(stored, values)] = cases_of(wsgi_app)
    assert stored == number
    assert values["child_name"] == "张小三" and values["needs"] == ("午餐", "校车")
    assert values["hukou"]  # the material's stored name

    def material(root):
        from govportal.services.cases import find_case_box

        case = find_case_box(root["jyj"]).get(number)
        [item] = case.materials.values()
        with item.open() as f:
            return item.filename, f.read(), case.applicant["name"]

    assert read_root(wsgi_app, material) == ("hukou.pdf", PDF, "张三")


def test_replay_stores_nothing_and_shows_the_same_number_and_code(testapp, wsgi_app):
    make_guide(wsgi_app)
    page = testapp.get(PATH + "@@apply")
    first = submitted(apply(testapp, page=page))
    again = apply(testapp, page=page)
    assert submitted(again) == first
    assert 'id="replayed"' in again.text
    assert len(cases_of(wsgi_app)) == 1


def test_bad_id_number_is_refused_next_to_the_field_nothing_stored(testapp, wsgi_app):
    make_guide(wsgi_app)
    res = apply(testapp, status=400, child_id="511322201905010010")
    message = error_of(res.text, "child_id")
    assert message == "身份证号码有误，请核对（18 位，含校验位）。"
    assert 'aria-describedby="f-err-child_id"' in res.text
    assert 'aria-invalid="true"' in res.text
    assert '<a href="#f-child_id">儿童身份证号码</a>' in res.text  # the summary links to it
    assert 'value="张小三"' in res.text  # what was typed is kept
    assert cases_of(wsgi_app) == []


def test_bad_upload_type_and_oversize_are_refused(testapp, wsgi_app):
    make_guide(wsgi_app)
    res = apply(testapp, status=400, files=[("hukou", "hukou.pdf", b"MZ\x90\x00 not a pdf")])
    assert error_of(res.text, "hukou")
    res = apply(testapp, status=400, files=[("hukou", "hukou.exe", PDF)])
    assert error_of(res.text, "hukou")
    big = PDF + b"0" * (1024 * 1024 + 10)
    res = apply(testapp, status=400, files=[("hukou", "hukou.pdf", big)])
    assert "MB" in error_of(res.text, "hukou") or "大" in error_of(res.text, "hukou")
    res = apply(testapp, status=400, files=[])
    assert error_of(res.text, "hukou") == "请上传此项材料。"
    assert cases_of(wsgi_app) == []


def test_missing_required_and_bad_choice_phone_and_date(testapp, wsgi_app):
    make_guide(wsgi_app)
    res = apply(
        testapp,
        status=400,
        applicant_name="",
        applicant_phone="12345",
        grade="三年级",
        birth="2019-13-45",
    )
    assert error_of(res.text, "applicant_name") == "此项必填。"
    assert error_of(res.text, "applicant_phone")
    assert error_of(res.text, "grade") == "请从列出的选项中选择。"
    assert "日期格式有误" in error_of(res.text, "birth")
    assert cases_of(wsgi_app) == []


def test_honeypot_missing_token_and_csrf_store_nothing(testapp, wsgi_app):
    make_guide(wsgi_app)
    res = apply(testapp, status=400, homepage="http://spam.example")
    assert "提交未被接受" in res.text
    res = apply(testapp, status=400, submission_token="")
    assert "表单标识" in res.text
    page = testapp.get(PATH + "@@apply")
    testapp.post(PATH + "@@apply", {"action": "submit"}, status=400)  # no CSRF token
    assert cases_of(wsgi_app) == [] and page


def test_only_published_online_guides_have_a_form(testapp, wsgi_app):
    make_guide(wsgi_app, name="draft-guide", publish=False)
    make_guide(wsgi_app, name="window", online_mode="none", form_fields=())
    testapp.get("/jyj/bszn/draft-guide/@@apply", status=404)
    testapp.get("/jyj/bszn/window/@@apply", status=404)


def test_rate_limit_per_address(app_settings):
    from govportal import main

    app = main({}, **dict(app_settings, **{"govportal.services.apply_rate": "2/600"}))
    try:
        client = webtest.TestApp(app)
        make_guide(app)
        for _ in range(2):
            submitted(apply(client, remote="198.51.100.7"))
        res = apply(client, status=429, remote="198.51.100.7")
        assert "提交过于频繁" in res.text
        submitted(apply(client, remote="198.51.100.8"))  # another address
        assert len(cases_of(app)) == 3
    finally:
        close_app(app)


def test_save_resume_and_submit_a_saved_form(testapp, wsgi_app):
    make_guide(wsgi_app)
    res = apply(testapp, action="save", child_id="", grade="")
    code = res.html.find(id="saved-code").text
    assert hidden(res.text, "resume_code") == code
    assert read_root(wsgi_app, lambda root: len(find_drafts(root))) == 1
    # a wrong code: one answer, nothing shown
    wrong = testapp.get(PATH + "@@apply", {"resume": "AAAA-BBBB-CCCC-DDDD-EEEE"}, status=404)
    assert 'id="not-found"' in wrong.text and "张小三" not in wrong.text
    # resumed: the values and the uploaded material come back
    page = testapp.get(PATH + "@@apply", {"resume": code})
    assert 'value="张小三"' in page.text and "已上传：hukou.pdf" in page.text
    assert hidden(page.text, "resume_code") == code
    # submitted without uploading again: the saved material goes with it
    res = apply(testapp, page=page, files=[])
    number, _code = submitted(res)
    [(stored, values)] = cases_of(wsgi_app)
    assert stored == number and values["hukou"]
    assert read_root(wsgi_app, lambda root: len(find_drafts(root))) == 0  # discarded
