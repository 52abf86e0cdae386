"""Every outcome of the annual report recorded as a structured decision, the
applicant told, and the counts of the query API (hand-computed)."""

from datetime import date

from govportal.applications import annual_counts, applications_for
from govportal.applications.vocabulary import OUTCOME_CODES, OUTCOME_TITLES

from ..conftest import read_root
from .conftest import cell, org_fields, person_fields, step, submit, track


def test_every_outcome_is_recorded_and_shown(testapp, browser, today, outbox):
    editor = browser("jyj_editor")
    codes = {}
    for i, outcome in enumerate(OUTCOME_CODES):
        fields = person_fields(email=f"a{i}@example.com")
        number, code = submit(testapp, "jyj", remote=f"192.0.2.{i + 10}", **fields)
        step(editor, "jyj", number, "register")
        step(
            editor,
            "jyj",
            number,
            "answer",
            outcome=outcome,
            text=f"答复书第{i}号",
            date="2026-09-28",
        )
        codes[outcome] = (number, code, f"a{i}@example.com")
    assert len(codes) == 21
    for outcome, (_number, code, email) in codes.items():
        res = track(testapp, code)
        assert cell(res.text, "state") == "已答复"
        assert cell(res.text, "outcome") == OUTCOME_TITLES[outcome]
        mails = [m for m in outbox if m.recipients == [email] and "答复" in m.subject]
        assert len(mails) == 1 and OUTCOME_TITLES[outcome] in mails[0].body

    def decisions(root):
        box = root["jyj"].govportal_applications
        return {a.decision["code"]: (a.decision["date"], a.decision["text"]) for a in box.values()}

    recorded = read_root(testapp.app, decisions)
    assert set(recorded) == set(OUTCOME_CODES)
    assert all(d == date(2026, 9, 28) for d, _t in recorded.values())
    # answered: no more steps, the queue lists it as done
    page = editor.get(f"/jyj/@@applications/{codes['disclose'][0]}").text
    assert 'id="step-' not in page and cell(page, "outcome").startswith("予以公开")
    assert "予以公开" in editor.get("/jyj/@@applications").text


def test_bad_decisions_are_refused(testapp, browser, today):
    number, _code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    res = step(editor, "jyj", number, "answer", status=409, outcome="disclose", text="x")
    assert "不能执行" in res.text  # not registered yet
    step(editor, "jyj", number, "register")
    res = step(editor, "jyj", number, "answer", status=400, outcome="nonsense", text="x")
    assert "请选择办理结果" in res.text
    res = step(editor, "jyj", number, "answer", status=400, outcome="disclose", text=" ")
    assert "必须填写意见" in res.text or "请填写答复内容" in res.text
    res = step(
        editor, "jyj", number, "answer", status=400, outcome="disclose", text="x", date="2026-13-01"
    )
    assert "不是有效日期" in res.text
    res = step(
        editor, "jyj", number, "answer", status=400, outcome="disclose", text="x", date="2026-09-01"
    )
    assert "答复日期须在" in res.text
    assert cell(editor.get(f"/jyj/@@applications/{number}").text, "state") == "办理中"


def test_petition_routed_out_and_annual_counts(testapp, browser, today):
    """Hand-computed 2025 and 2026 tables of 教育局:

    * A person, registered 2025-12-22, answered 2026-01-05 (disclose):
      2025 new, carried forward; 2026 carried over, disclose.
    * B law firm, registered 2026-09-28, routed out as a petition (C9).
    * C person, registered 2026-09-28, still open: 2026 carried forward.
    * D person, submitted but never registered: not counted.
    """
    editor = browser("jyj_editor")
    today.set(date(2025, 12, 22))
    a, _ = submit(testapp, "jyj")
    step(editor, "jyj", a, "register")
    today.set(date(2026, 1, 5))
    step(editor, "jyj", a, "answer", outcome="disclose", text="予以公开")
    today.set(date(2026, 9, 28))
    b, code_b = submit(testapp, "jyj", **org_fields(doc_number="", description="举报某校违规收费"))
    step(editor, "jyj", b, "register")
    step(editor, "jyj", b, "answer", outcome="reject_petition", text="属于信访举报，已转信访部门")
    c, _ = submit(testapp, "jyj")
    step(editor, "jyj", c, "register")
    submit(testapp, "jyj")
    assert cell(track(testapp, code_b).text, "outcome") == "信访举报投诉类申请"

    def tables(root):
        site, registry = root["jyj"], testapp.app.registry
        return (
            annual_counts(site, 2025, registry),
            annual_counts(site, 2026, registry),
            [r.name for r in applications_for(site, 2026, registry)],
            annual_counts(root["wjj"], 2026, registry),
        )

    y2025, y2026, names, other = read_root(testapp.app, tables)
    assert names == [a, b, c]
    assert y2025["new"]["person"] == 1 and sum(y2025["new"].values()) == 1
    assert y2025["carried_over"]["person"] == 0
    assert y2025["carried_forward"]["person"] == 1
    assert sum(sum(v.values()) for v in y2025["outcomes"].values()) == 0
    assert y2026["new"] == dict.fromkeys(y2026["new"], 0) | {"person": 1, "org_legal": 1}
    assert y2026["carried_over"]["person"] == 1
    assert y2026["outcomes"]["disclose"]["person"] == 1
    assert y2026["outcomes"]["reject_petition"]["org_legal"] == 1
    assert y2026["carried_forward"] == dict.fromkeys(y2026["carried_forward"], 0) | {"person": 1}
    for counts in (y2025, y2026):  # 一 + 二 = 三 + 四, per column
        for kind in counts["new"]:
            outcomes = sum(row[kind] for row in counts["outcomes"].values())
            assert (
                counts["new"][kind] + counts["carried_over"][kind]
                == outcomes + counts["carried_forward"][kind]
            )
    assert sum(other["new"].values()) == 0
