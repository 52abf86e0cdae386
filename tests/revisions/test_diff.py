"""Side-by-side comparison of two versions of a document."""

import pytest

from govportal.revisions.diff import (
    compare_snapshots,
    html_blocks,
    html_segments,
    inline_diff,
    sentences,
    side_by_side,
)
from govportal.revisions.snapshot import field_names
from tests.http.helpers import JSON, PDF_BYTES, add_attachment, add_document, transition

from .helpers import COLUMN, SECOND_REVIEWER, add_user, checkout, edit, wc_path


def snapshot(attachments=(), **fields):
    values = dict.fromkeys(field_names(), "")
    values.update(publish_date=None, written_date=None, validity="valid")
    values.update(fields)
    return {"fields": values, "attachments": tuple(attachments)}


def attachment(name, sha, title="附件", filename="a.pdf"):
    return {
        "name": name,
        "title": title,
        "filename": filename,
        "mimetype": "application/pdf",
        "size": 10,
        "sha256": sha,
    }


def test_rich_text_is_split_into_blocks_and_sentences():
    html = (
        "<h2>一、总体要求</h2><p>坚持统筹推进。突出重点！是否可行？</p>"
        "<ul><li>第一项；</li><li>第二项</li></ul><p>甲<br>乙</p>"
        "<table><tr><td>单元格</td></tr></table><script>alert(1)</script>"
        '<p><img src="/x/chart.png" alt="统计图"></p>'
    )
    assert html_blocks(html) == [
        "一、总体要求",
        "坚持统筹推进。突出重点！是否可行？",
        "第一项；",
        "第二项",
        "甲",
        "乙",
        "单元格",
        "［图片：统计图］",
    ]
    assert sentences("坚持统筹推进。突出重点！“好的。”是否可行？末句") == [
        "坚持统筹推进。",
        "突出重点！",
        "“好的。”",
        "是否可行？",
        "末句",
    ]
    assert html_segments("<p>甲。乙。</p><p>丙</p>") == ["甲。", "乙。", "丙"]
    assert html_segments("&lt;b&gt; &amp; 实体") == ["<b> & 实体"]


def test_inline_diff_marks_changed_characters_and_escapes():
    left, right = inline_diff("请注意用火安全。", "请注意防溺水安全。")
    assert left == "请注意<del>用火</del>安全。"
    assert right == "请注意<ins>防溺水</ins>安全。"
    left, right = inline_diff("<script>甲", "<script>乙&")
    assert left == "&lt;script&gt;<del>甲</del>"
    assert right == "&lt;script&gt;<ins>乙&amp;</ins>"
    assert inline_diff("同", "同") == ("同", "同")
    assert hasattr(left, "__html__")


def test_side_by_side_aligns_sentences():
    rows = side_by_side(["甲。", "乙。", "丙。"], ["甲。", "乙二。", "丁。", "戊。"])
    assert [r.kind for r in rows] == ["equal", "replace", "replace", "insert"]
    assert rows[0].left == rows[0].right == "甲。"
    assert rows[1].left == "乙。" and rows[1].right == "乙<ins>二</ins>。"
    assert rows[3].left == "" and rows[3].right == "<ins>戊。</ins>"
    rows = side_by_side(["甲。", "乙。"], ["甲。"])
    assert [(r.kind, r.left, r.right) for r in rows][-1] == ("delete", "<del>乙。</del>", "")


def test_compare_snapshots_field_by_field():
    old = snapshot(
        [attachment("a.pdf", "1"), attachment("b.pdf", "2")],
        title="旧标题",
        body="<p>第一句。第二句。</p>",
        validity="valid",
    )
    new = snapshot(
        [attachment("a.pdf", "1"), attachment("b.pdf", "3"), attachment("c.pdf", "4")],
        title="新标题",
        body="<p>第一句。第二句改了。</p><p>新增段落。</p>",
        validity="repealed",
        doc_number="营府〔2026〕1号",
    )
    comparison = compare_snapshots(old, new, "线上版本", "工作副本")
    assert comparison.changed
    changed = {f.name: f for f in comparison.changed_fields}
    assert set(changed) == {"title", "body", "validity", "doc_number"}
    assert changed["title"].rows[0].left == "<del>旧</del>标题"
    assert changed["validity"].rows[0].left == "<del>有效</del>"
    assert "已废止" in changed["validity"].rows[0].right
    assert changed["doc_number"].rows[0].kind == "insert"
    body = changed["body"].rows
    assert [r.kind for r in body] == ["equal", "replace", "insert"]
    assert body[1].right == "第二句<ins>改了</ins>。"
    kinds = {a.name: a.kind for a in comparison.attachments}
    assert kinds == {"a.pdf": "unchanged", "b.pdf": "changed", "c.pdf": "added"}
    assert not compare_snapshots(old, old).changed


def test_formatting_only_changes_are_not_reported():
    old = snapshot(body="<p>同一句话。</p>")
    new = snapshot(body="<p><strong>同一句话。</strong></p>")
    assert not compare_snapshots(old, new).changed


@pytest.fixture
def staff(wsgi_app, browser):
    add_user(wsgi_app, SECOND_REVIEWER)
    return browser("jyj_editor"), browser("jyj_reviewer")


def test_reviewer_sees_working_copy_against_live(testapp, staff):
    editor, reviewer = staff
    path = add_document(editor, COLUMN, "防汛值班安排", "<p>值班电话：1234。请保持畅通。</p>")
    add_attachment(editor, path, "值班表.pdf", PDF_BYTES, title="值班表")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    checkout(editor, path)
    wc = wc_path(path)
    edit(editor, wc, body="<p>值班电话：5678。请保持畅通。</p><p><script>x</script>新增</p>")
    transition(editor, wc, "submit")
    page = reviewer.get(wc + "@@revision-compare", status=200)
    assert "<del>1234</del>" in page.text and "<ins>5678</ins>" in page.text
    assert "线上版本" in page.text and "工作副本" in page.text
    assert "<script>x" not in page.text
    data = reviewer.get(wc + "@@revision-compare", headers=JSON, status=200).json
    assert data["changed"] and [f["name"] for f in data["fields"]] == ["body"]
    assert data["attachments"] == []  # the attachment copy holds the same file
    # the live document's revisions compare too
    res = reviewer.get(path + "@@revision-compare", {"a": 1, "b": 2}, headers=JSON)
    assert res.json["changed"] and res.json["attachments"] == [
        {"kind": "added", "name": res.json["attachments"][0]["name"]}
    ]
    # bad revision numbers: 400, not 500
    for params in ({"a": 1, "b": 99}, {"a": "x", "b": 1}, {}):
        res = reviewer.get(path + "@@revision-compare", params, headers=JSON, status="*")
        assert res.status_int == 400 and res.json["errors"]
    # visitors see nothing
    assert testapp.get(wc + "@@revision-compare", status="*").status_int == 404


def test_linked_documents_show_by_title(wsgi_app):
    """有效性 links hold a document's oid; the comparison names its title."""
    from substanced.util import get_oid

    from govportal.revisions.snapshot import take_snapshot

    from .helpers import session_as

    with session_as(wsgi_app, "jyj_editor", commit=False) as (root, request):
        column = root["jyj"]["gzdt"]
        column["new-rule"] = request.registry.content.create("Document", title="新办法")
        column["old-rule"] = request.registry.content.create("Document", title="旧办法")
        old = column["old-rule"]
        before = take_snapshot(old)
        old.validity = "repealed"
        old.replaced_by = get_oid(column["new-rule"])
        after = take_snapshot(old)
        assert after["fields"]["replaced_by"] == get_oid(column["new-rule"])
        changed = {f.name: f for f in compare_snapshots(before, after, context=old).fields}
        assert changed["replaced_by"].changed
        assert changed["replaced_by"].rows[0].right == "<ins>新办法</ins>"
