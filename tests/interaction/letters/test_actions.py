"""The handling steps of a letter over HTTP: accept, the verification and
its promised date (enforced), the reply under four eyes, publication only
with consent and masked data, replays that change nothing."""

from datetime import timedelta

import pytest

from govportal.interaction.letters import clock

from .staff_helpers import admin_url, post_step, read_letter, state, write_letter


@pytest.fixture
def jyj(browser):
    return browser("jyj_editor"), browser("jyj_reviewer")


def iso(day):
    return day.isoformat()


def test_handled_answered_and_published(wsgi_app, jyj):
    editor, reviewer = jyj
    number = write_letter(wsgi_app, "jyj")
    queue = editor.get(admin_url("jyj"))
    assert f'id="row-{number}"' in queue.text
    page = editor.get(admin_url("jyj", number))
    assert "13912345678" in page.text  # the writer's data, with view_writer
    post_step(editor, "jyj", number, "accept")
    assert state(wsgi_app, "jyj", number) == "handling"

    today = clock.today()
    limit = read_letter(
        wsgi_app, "jyj", number, lambda lt: clock.promise_limit(lt, wsgi_app.registry)
    )
    past = post_step(
        editor, "jyj", number, "verify", 400, verification="已联系学校核实", promised_on=iso(today)
    )
    assert "必须晚于" in past.text
    late = post_step(
        editor,
        "jyj",
        number,
        "verify",
        400,
        verification="已联系学校核实",
        promised_on=iso(limit + timedelta(days=1)),
    )
    assert "不能晚于" in late.text
    assert read_letter(wsgi_app, "jyj", number, lambda lt: lt.verification) is None
    promised = limit - timedelta(days=20)
    post_step(
        editor, "jyj", number, "verify", verification="已联系学校核实", promised_on=iso(promised)
    )
    letter = read_letter(wsgi_app, "jyj", number, lambda lt: (lt.promised_on, lt.due, lt.steps))
    assert letter[0] == letter[1] == promised
    assert "承诺于" in letter[2][-1]["note"]
    again = post_step(
        editor, "jyj", number, "verify", 409, verification="改", promised_on=iso(promised)
    )
    assert again.status_int == 409
    # the extension: a reviewer's, once, within the limit
    post_step(editor, "jyj", number, "extend", 403, to=iso(limit), comment="需要现场勘查")
    post_step(reviewer, "jyj", number, "extend", to=iso(limit), comment="需要现场勘查")
    assert read_letter(wsgi_app, "jyj", number, lambda lt: lt.due) == limit
    post_step(reviewer, "jyj", number, "extend", 409, to=iso(limit), comment="再延")

    post_step(editor, "jyj", number, "draft", reply="已协调交警部门在放学时段疏导。王小明您好。")
    post_step(editor, "jyj", number, "submit_reply")
    post_step(editor, "jyj", number, "approve_reply", 403)
    post_step(reviewer, "jyj", number, "approve_reply")
    done = read_letter(
        wsgi_app,
        "jyj",
        number,
        lambda lt: (lt.answered_on, lt.on_time, lt.workdays_used, lt.reply["approved_by"]),
    )
    assert done[0] == clock.today() and done[1] is True and done[2] == 0 and done[3]
    assert state(wsgi_app, "jyj", number) == "answered"

    page = reviewer.get(admin_url("jyj", number))
    assert "139****5678" in page.text  # the proposed public text is masked
    post_step(
        reviewer,
        "jyj",
        number,
        "publish",
        public_subject="城南小学放学时段交通拥堵",
        public_body="每天下午放学时城南小学门口车辆拥堵。我是王**，电话139****5678。",
        public_reply="已协调交警部门在放学时段疏导。",
    )
    public = read_letter(wsgi_app, "jyj", number, lambda lt: lt.public)
    assert "13912345678" not in public["body"]
    assert state(wsgi_app, "jyj", number) == "published"


def test_four_eyes(wsgi_app, jyj):
    _editor, reviewer = jyj
    number = write_letter(wsgi_app, "jyj")
    post_step(reviewer, "jyj", number, "accept")
    post_step(reviewer, "jyj", number, "draft", reply="答复")
    post_step(reviewer, "jyj", number, "submit_reply")
    res = post_step(reviewer, "jyj", number, "approve_reply", 400)
    assert "不能由本人审核通过" in res.text
    assert state(wsgi_app, "jyj", number) == "review"
    post_step(reviewer, "jyj", number, "return_reply", comment="请补充办理结果")
    assert state(wsgi_app, "jyj", number) == "handling"


def test_no_publication_without_consent(wsgi_app, jyj):
    editor, reviewer = jyj
    number = write_letter(wsgi_app, "jyj", may_publish=False)
    post_step(editor, "jyj", number, "accept")
    post_step(editor, "jyj", number, "draft", reply="答复")
    post_step(editor, "jyj", number, "submit_reply")
    post_step(reviewer, "jyj", number, "approve_reply")
    page = reviewer.get(admin_url("jyj", number))
    assert 'id="step-publish"' not in page.text
    res = post_step(
        reviewer,
        "jyj",
        number,
        "publish",
        400,
        public_subject="x",
        public_body="y",
        public_reply="z",
    )
    assert "不同意公开" in res.text
    assert state(wsgi_app, "jyj", number) == "answered"


def test_refuse_needs_a_reason(wsgi_app, jyj):
    editor, _reviewer = jyj
    number = write_letter(wsgi_app, "jyj")
    post_step(editor, "jyj", number, "refuse", 400, comment="")
    res = post_step(editor, "jyj", number, "refuse", comment="来信内容与政府工作无关")
    editor.post(admin_url("jyj", number), res.data, status=303)  # a replay: from the ledger
    assert read_letter(wsgi_app, "jyj", number, lambda lt: len(lt.steps)) == 2
    assert state(wsgi_app, "jyj", number) == "refused"
    assert read_letter(wsgi_app, "jyj", number, lambda lt: lt.steps[-1]["title"]) == "不予受理"


def test_replay_of_each_step_changes_nothing(wsgi_app, jyj):
    editor, reviewer = jyj
    number = write_letter(wsgi_app, "jyj")
    url = admin_url("jyj", number)

    def step_and_replay(client, step, **fields):
        res = post_step(client, "jyj", number, step, **fields)
        before = read_letter(wsgi_app, "jyj", number, snapshot)
        again = client.post(url, res.data, status=303)
        assert read_letter(wsgi_app, "jyj", number, snapshot) == before
        assert "未重复执行" in client.get(again.location).text

    def snapshot(letter):
        from govportal.workflow import get_history

        return (
            len(get_history(letter)),
            len(letter.steps),
            letter.reply,
            letter.transfers,
            letter.promise_extension,
        )

    step_and_replay(editor, "accept")
    promised = clock.today() + timedelta(days=20)
    step_and_replay(editor, "verify", verification="已核实", promised_on=iso(promised))
    step_and_replay(
        reviewer, "extend", to=iso(promised + timedelta(days=7)), comment="需要现场勘查"
    )
    step_and_replay(editor, "draft", reply="答复一")
    step_and_replay(editor, "submit_reply")
    step_and_replay(reviewer, "return_reply", comment="请修改")
    step_and_replay(editor, "draft", reply="答复二")
    step_and_replay(editor, "submit_reply")
    step_and_replay(reviewer, "approve_reply")
    step_and_replay(
        reviewer, "publish", public_subject="标题", public_body="内容", public_reply="答复"
    )
    step_and_replay(reviewer, "unpublish", comment="来信人要求撤回")
