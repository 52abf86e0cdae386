"""The status page: right, wrong and random codes."""

import secrets

from govportal.applications.model import CODE_ALPHABET

from .conftest import cell, step, submit, track


def test_right_code_shows_status_without_personal_data(testapp, browser, today):
    number, code = submit(testapp, "jyj")
    res = track(testapp, code)  # from the portal: the code is enough
    assert cell(res.text, "state") == "待登记"
    assert number in res.text and "营山县教育局" in res.text
    assert "张三" not in res.text and "11010519491231002X" not in res.text
    assert "13800138000" not in res.text
    # lower case, spaces instead of dashes, O for 0 are accepted
    sloppy = code.lower().replace("-", " ").replace("0", "o")
    assert cell(track(testapp, sloppy, site="wjj").text, "state") == "待登记"
    # after registration the deadline shows
    step(browser("jyj_editor"), "jyj", number, "register")
    res = track(testapp, code)
    assert cell(res.text, "state") == "办理中"
    assert cell(res.text, "due") == "2026-10-30"


def test_wrong_and_random_codes_reveal_nothing(testapp, today):
    _number, code = submit(testapp, "jyj")
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    answers = set()
    guesses = [wrong, "", "1234", "<script>", "x" * 500]
    guesses += ["".join(secrets.choice(CODE_ALPHABET) for _ in range(20)) for _ in range(20)]
    for guess in guesses:
        res = track(testapp, guess, status=404)
        assert "未找到与该查询码对应的申请" in res.text
        assert "2026-0001" not in res.text and "<script>" not in res.text
        body = res.text.split('name="csrf_token" value="')[0]
        answers.add(body)
    assert len(answers) == 1  # the same page whatever was typed
