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
