"""The public letter form: a letter is stored once, with its number and code."""

from .letter_helpers import FIELDS, PDF, letters_of, number_and_code, post_letter


def test_form_shows_channel_and_prefilled_body(testapp):
    res = testapp.get("/@@write", {"channel": "consult", "body": "怎么办理社保卡"})
    assert 'value="consult" checked' in res.text
    assert "怎么办理社保卡</textarea>" in res.text
    assert "验证问题：" in res.text
    assert res.headers["Cache-Control"].startswith("private")


def test_letter_stored_with_number_and_code(testapp):
    res = post_letter(testapp, upload_files=[("attachments", "a.pdf", PDF)])
    number, code = number_and_code(res)
    assert number.startswith("portal-XJ2026-") or "-XJ2026-" in number
    assert len(code.replace("-", "")) == 20
    assert "15 个工作日" in res.text
    stored = letters_of(testapp)
    assert stored == {number: (FIELDS["subject"], FIELDS["name"])}


def test_department_letter(testapp):
    res = post_letter(testapp, "/jyj/")
    number, _code = number_and_code(res)
    assert number in letters_of(testapp, "jyj")
    assert number not in letters_of(testapp)


def test_replay_of_the_form_stores_one_letter(testapp):
    page = testapp.get("/@@write")
    from ...conftest import csrf_token
    from .letter_helpers import form_state

    fields = dict(form_state(page.text), **FIELDS, csrf_token=csrf_token(page.text))
    first = testapp.post("/@@write", fields)
    again = testapp.post("/@@write", fields)
    assert number_and_code(first) == number_and_code(again)
    assert 'id="replayed"' in again.text
    assert len(letters_of(testapp)) == 1


def test_honeypot_stores_nothing(testapp):
    res = post_letter(testapp, status=400, homepage="http://spam.example")
    assert "提交未被接受" in res.text
    assert letters_of(testapp) == {}


def test_bad_fields_are_shown_and_nothing_stored(testapp):
    res = post_letter(
        testapp,
        status=400,
        phone="12345",
        email="not-an-email",
        subject="短",
        body="",
        category="nonsense",
        may_publish=None,
    )
    text = res.text
    for message in (
        "电话号码有误",
        "电子邮箱格式有误",
        "请至少填写 4 个字",
        "此项必填",
        "请从列出的选项中选择",
        "请选择是否同意公开",
    ):
        assert message in text, message
    assert 'id="err-phone"' in text and 'aria-invalid="true"' in text
    # what was typed comes back; the same submission token is kept
    assert "not-an-email" in text
    assert letters_of(testapp) == {}


def test_landline_accepted(testapp):
    res = post_letter(testapp, phone="0817-8221234")
    assert number_and_code(res)


def test_attachment_type_checked_by_content(testapp):
    res = post_letter(
        testapp, status=400, upload_files=[("attachments", "fake.pdf", b"MZ\x90\x00not a pdf")]
    )
    assert 'id="err-attachments"' in res.text
    assert letters_of(testapp) == {}


def test_attachment_extension_refused(testapp):
    res = post_letter(testapp, status=400, upload_files=[("attachments", "a.exe", PDF)])
    assert 'id="err-attachments"' in res.text
    assert letters_of(testapp) == {}


def test_more_than_three_attachments_refused(testapp):
    files = [("attachments", f"a{i}.pdf", PDF) for i in range(4)]
    res = post_letter(testapp, status=400, upload_files=files)
    assert "最多上传 3 个附件" in res.text
    assert letters_of(testapp) == {}


def test_attachment_over_ten_megabytes_refused(testapp):
    big = PDF + b"0" * (10 * 1024 * 1024)
    res = post_letter(testapp, status=400, upload_files=[("attachments", "big.pdf", big)])
    assert 'id="err-attachments"' in res.text
    assert letters_of(testapp) == {}


def test_three_attachments_stored(testapp):
    from .letter_helpers import PNG, read

    files = [("attachments", "a.pdf", PDF), ("attachments", "b.png", PNG)]
    number, _code = number_and_code(post_letter(testapp, upload_files=files))

    def names(root):
        from govportal.interaction.letters.model import find_box

        return [a.filename for a in find_box(root).get(number).attachments]

    assert read(testapp, names) == ["a.pdf", "b.png"]


def test_json_client(testapp):
    from ...conftest import csrf_token
    from .letter_helpers import form_state

    page = testapp.get("/@@write")
    fields = dict(form_state(page.text), **FIELDS, csrf_token=csrf_token(page.text))
    res = testapp.post("/@@write", fields, headers={"Accept": "application/json"})
    assert res.json["ok"] is True and res.json["number"] and res.json["code"]
    fields["phone"] = "1"
    fields["submission_token"] = form_state(testapp.get("/@@write").text)["submission_token"]
    bad = testapp.post("/@@write", fields, headers={"Accept": "application/json"}, status=400)
    assert "phone" in bad.json["errors"]


def test_letter_starts_its_clock_and_first_step(testapp):
    from .letter_helpers import read

    number, _code = number_and_code(post_letter(testapp))

    def facts(root):
        from govportal.interaction.letters.model import find_box

        letter = find_box(root).get(number)
        return letter.received_on, letter.verify_due, letter.due, len(letter.steps)

    received_on, verify_due, due, steps = read(testapp, facts)
    assert received_on.isoformat() == "2026-01-01"
    # 15 working days after 1 January 2026 (a holiday; 2-4 January off too)
    assert verify_due == due and verify_due > received_on
    assert steps == 1
