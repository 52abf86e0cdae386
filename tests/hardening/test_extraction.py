"""Attachment text extraction under attack: a DOCX bomb, slow and greedy
files.  Extraction is bounded in time and memory and never blocks a thread;
a file that cannot be read within the bounds is "不能检查": it blocks
publication until a reviewer decides, and the search index skips it."""

import time

import pytest
from webtest import Upload

from govportal.hardening import sandbox
from govportal.search.extract import extract_bounded
from tests.hardening.bombs import MIB, docx_bomb, many_members_zip, small_docx
from tests.http.helpers import JSON, history, state_of, transition

ID = "510123198506121237"
COLUMN = "/jyj/gzdt/"


@pytest.fixture(scope="module")
def bomb():
    data = docx_bomb()
    assert 250 * 1024 < len(data) < 300 * 1024  # ~270 KiB
    return data


def test_the_bomb_unpacks_to_90_mib(bomb):
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(bomb)) as zf:
        assert zf.getinfo("word/document.xml").file_size >= 90 * MIB


def test_docx_bomb_is_refused_before_parsing(bomb, record_property):
    started = time.monotonic()
    result = extract_bounded("bomb.docx", bomb)
    seconds = time.monotonic() - started
    assert not result.ok and result.reason == sandbox.BOMB
    assert result.peak_kb == 0  # no parser ran
    assert seconds < 2.0
    record_property("bomb_refusal_seconds", round(seconds, 3))
    print(f"\nDOCX bomb refused by the zip guard in {seconds * 1000:.0f} ms, no parser started")


def test_docx_bomb_without_the_guard_stays_within_the_memory_ceiling(bomb, record_property):
    """The guard switched off: the parser in the child may use at most the
    memory limit, its text is capped, and the answer comes in bounded time."""
    limits = sandbox.Limits(max_unzipped=10**12, max_ratio=10**9)
    started = time.monotonic()
    result = sandbox.extract_bounded("docx", bomb, limits)
    seconds = time.monotonic() - started
    assert seconds < limits.timeout + 2
    assert result.peak_kb * 1024 <= limits.memory
    if result.ok:
        assert len(result.text.encode()) <= limits.max_text
    print(
        f"\nDOCX bomb without the guard: ok={result.ok} reason={result.reason!r} "
        f"peak {result.peak_kb / 1024:.0f} MiB in {seconds:.1f} s"
    )
    record_property("bomb_child_peak_mib", round(result.peak_kb / 1024))


def test_a_lower_memory_ceiling_gives_could_not_be_checked(bomb):
    limits = sandbox.Limits(max_unzipped=10**12, max_ratio=10**9, memory=160 * MIB)
    result = sandbox.extract_bounded("docx", bomb, limits)
    assert not result.ok and result.reason == sandbox.MEMORY


def test_a_slow_extraction_is_killed_at_the_time_limit(bomb):
    limits = sandbox.Limits(max_unzipped=10**12, max_ratio=10**9, timeout=0.3)
    started = time.monotonic()
    result = sandbox.extract_bounded("docx", bomb, limits)
    assert time.monotonic() - started < 2.0
    assert not result.ok and result.reason == sandbox.TIMEOUT


def test_zip_with_thousands_of_members_is_refused():
    result = extract_bounded("many.docx", many_members_zip())
    assert not result.ok and result.reason == sandbox.BOMB


def test_damaged_office_file_could_not_be_checked():
    result = extract_bounded("broken.docx", b"PK\x03\x04 not really a zip")
    assert not result.ok and result.reason == sandbox.UNREADABLE


def test_ordinary_docx_is_read_in_the_child():
    result = extract_bounded("a.docx", small_docx(f"身份证{ID}"))
    assert result.ok and ID in result.text
    assert 0 < result.peak_kb < 512 * 1024


def test_output_is_capped():
    limits = sandbox.Limits(max_text=1000)
    result = sandbox.extract_bounded("txt", ("通知" * 100_000).encode(), limits)
    assert result.ok and result.text.startswith("通知通知")
    assert len(result.text.encode()) <= 1000
    # cut at a character boundary, whatever the encoding
    for encoding in ("utf-8", "gb18030"):
        data = ("营山县人民政府" * 1000).encode(encoding)
        for limit in (1000, 1001, 1002):
            sandbox.cut_text(data, limit).decode(encoding)


# -- through HTTP: the checks block, a reviewer decides ------------------------


@pytest.fixture
def submitted_with_bomb(editor, bomb):
    from tests.workspace.helpers import create

    path = create(
        editor,
        title="关于年度统计的通知",
        body="<p>见附件。</p>",
        upload=Upload("统计表.docx", bomb),
    )
    transition(editor, path, "submit")
    return path


def test_bomb_blocks_approval_until_a_reviewer_decides(submitted_with_bomb, reviewer):
    path = submitted_with_bomb
    started = time.monotonic()
    res = transition(reviewer, path, "approve", status=400)
    assert time.monotonic() - started < 20
    assert "不能检查" in res.json["errors"][0]
    assert state_of(reviewer, path) == "review"

    report = reviewer.get(path + "@@checks", headers=JSON).json["report"]
    finding = next(f for f in report["findings"] if f["kind"] == "uncheckable")
    assert "压缩炸弹" in finding["masked"] and "统计表.docx" in finding["message"]
    assert report["blocking"] == {"uncheckable": 1}

    # an override needs a reason
    token = reviewer.csrf(path + "@@ws-item")
    reviewer.post(
        path + "@@checks-override",
        {"reason": "", "csrf_token": token},
        headers=JSON,
        status=400,
    )
    res = reviewer.post(
        path + "@@checks-override",
        {"reason": "已人工打开附件核对，无个人信息。", "csrf_token": token},
        headers=JSON,
    )
    assert res.json["report"]["blocking"] == {}
    res = transition(reviewer, path, "approve")
    assert res.json["state"] == "published"
    records = history(reviewer, path)["history"]
    assert [r["transition"] for r in records] == ["submit", "override_checks", "approve"]
    assert "已人工打开附件核对" in records[1]["comment"]


def test_the_editor_cannot_decide_for_the_reviewer(submitted_with_bomb, editor):
    token = editor.csrf(submitted_with_bomb + "@@ws-item")
    editor.post(
        submitted_with_bomb + "@@checks-override",
        {"reason": "我说没问题", "csrf_token": token},
        headers=JSON,
        status=403,
    )


def test_search_index_skips_the_bomb_but_keeps_the_document(wsgi_app, editor, reviewer, bomb):
    from govportal.checks.attachments import attachments_of
    from govportal.search.extract import attachment_text
    from tests.checks.helpers import in_session, make_document

    path = make_document(wsgi_app, "bombdoc", files=[("附件.docx", bomb)])

    def texts(doc, request):
        return [attachment_text(a) for a in attachments_of(doc)]

    assert in_session(wsgi_app, path, texts) == [""]
