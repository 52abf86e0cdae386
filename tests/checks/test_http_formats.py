"""Through HTTP: attachments in legacy formats block approval until a reviewer
decides (the reason shown to editor and reviewer); personal data in a DOCX
header blocks; masking works on attributes, labelled names and addresses,
full-width and spaced numbers.  Attacks: forged and foreign POSTs."""

from pyramid.traversal import find_resource

from tests.conftest import read_root
from tests.http.helpers import (
    JSON,
    add_attachment,
    add_document,
    history,
    state_of,
    transition,
)

from . import files

ID = "510123198506121237"
COLUMN = "/jyj/gzdt/"


def document(wsgi_app, path, fn):
    return read_root(wsgi_app, lambda root: fn(find_resource(root, path)))


def post(client, path, view, fields=(), status=200, headers=JSON):
    fields = dict(fields, csrf_token=client.csrf())
    return client.post(path.rstrip("/") + "/@@" + view, fields, headers=headers, status=status)


def test_an_unreadable_doc_blocks_until_a_reviewer_decides(wsgi_app, editor, reviewer, browser):
    path = add_document(editor, COLUMN, "关于补助资金发放的公示", "<p>名单见附件。</p>")
    # an OLE file named .doc without a Word stream (a renamed workbook)
    add_attachment(editor, path, "名单.doc", files.ole_bytes())
    transition(editor, path, "submit")

    res = transition(reviewer, path, "approve", status=400)
    error = res.json["errors"][0]
    assert error.startswith("发现1处不能检查的附件")
    assert "无法检查的附件：名单.doc（无法读取该格式的文字" in error
    assert state_of(reviewer, path) == "review"

    # the editor is told why too
    shown = editor.get(path + "@@checks", headers=JSON).json
    assert "无法检查的附件：名单.doc" in shown["blocking_message"]
    finding = next(f for f in shown["report"]["findings"] if f["kind"] == "uncheckable")
    assert finding["masked"].startswith("无法检查的附件：无法读取该格式的文字")
    # … and so is the workspace page of the item
    assert "无法检查的附件" in editor.get(path + "@@ws-item").text

    # forged: no CSRF token; foreign: another department's reviewer; the editor
    reviewer.post(path + "@@checks-override", {"reason": "已查看"}, headers=JSON, status=400)
    other = browser("wjj_reviewer")
    res = other.post(
        path + "@@checks-override",
        {"reason": "越权", "csrf_token": other.csrf()},
        headers=JSON,
        status="*",
    )
    assert res.status_int in (403, 404)
    post(editor, path, "checks-override", {"reason": "自己放行"}, status=403)
    assert document(wsgi_app, path, lambda d: getattr(d, "check_overrides", None)) is None

    # the reviewer opens the file, decides and gives a reason
    res = post(reviewer, path, "checks-override", {"reason": "已打开附件核对，无个人信息"})
    assert res.json["override"]["items"][0]["kind"] == "uncheckable"
    # a replay (a double click) records nothing more
    res = post(reviewer, path, "checks-override", {"reason": "已打开附件核对，无个人信息"}, 400)
    assert res.json["errors"] == ["没有需要放行的个人信息。"]
    assert len(document(wsgi_app, path, lambda d: d.check_overrides)) == 1
    assert transition(reviewer, path, "approve").json["state"] == "published"
    records = [r["transition"] for r in history(reviewer, path)["history"]]
    assert records[:3] == ["submit", "override_checks", "approve"]


def test_a_legacy_doc_and_wps_are_read(editor, reviewer):
    path = add_document(editor, COLUMN, "关于补助的公示", "<p>名单见附件。</p>")
    doc = files.make_doc(f"补助名单\r姓名：张三\x07身份证号\x07{ID}\x07\r")
    add_attachment(editor, path, "名单.doc", doc)
    add_attachment(editor, path, "名单.wps", doc)
    transition(editor, path, "submit")
    res = transition(reviewer, path, "approve", status=400)
    assert res.json["errors"] == ["发现2处身份证号码、2处姓名，请先遮盖或由审核员填写理由后放行。"]


def test_a_legacy_xls_is_read(editor, reviewer):
    path = add_document(editor, COLUMN, "资助名单", "<p>见附件。</p>")
    add_attachment(editor, path, "名单.xls", files.xls_bytes())
    transition(editor, path, "submit")
    res = transition(reviewer, path, "approve", status=400)
    assert res.json["errors"] == [
        "发现1处身份证号码、1处手机号码、1处银行卡号、1处姓名，请先遮盖或由审核员填写理由后放行。"
    ]


def test_an_id_in_a_docx_header_blocks_approval(editor, reviewer):
    path = add_document(editor, COLUMN, "关于公布评审结果的通知", "<p>详见附件。</p>")
    docx = files.make_docx(["评审结果"], header=f"经办人身份证 {ID[:6]} {ID[6:14]} {ID[14:]}")
    add_attachment(editor, path, "评审结果.docx", docx)
    transition(editor, path, "submit")
    res = transition(reviewer, path, "approve", status=400)
    assert res.json["errors"] == ["发现1处身份证号码，请先遮盖或由审核员填写理由后放行。"]
    report = reviewer.get(path + "@@checks", headers=JSON).json["report"]
    finding = next(f for f in report["findings"] if f["kind"] == "id-number")
    assert finding["where_title"] == "评审结果.docx"
    assert finding["masked"] == "510123 ******** 1237"


def test_a_zip_with_a_doc_inside_cannot_be_checked(editor, reviewer):
    path = add_document(editor, COLUMN, "申报材料", "<p>见附件。</p>")
    zipped = files.make_zip([("说明.txt", "说明".encode()), ("旧表.doc", files.ole_bytes())])
    add_attachment(editor, path, "材料.zip", zipped)
    transition(editor, path, "submit")
    res = transition(reviewer, path, "approve", status=400)
    assert "无法检查的附件：材料.zip" in res.json["errors"][0]


def test_masking_reaches_attributes_labels_and_full_width_numbers(wsgi_app, editor, reviewer):
    fw_mobile = "".join(chr(ord(c) + 0xFEE0) for c in "13912345678")
    body = (
        "<p>姓名：张三丰，家庭住址：营山县朗池镇新华村3组12号</p>"
        '<p>电话：<a href="tel:13812345678" title="手机 13812345678">拨打</a>'
        f'<img src="/static/x.png" alt="身份证{ID}"></p>'
        f"<p>备用手机{fw_mobile}，卡号6222\u30000202\u30000000\u30001234\u3000562</p>"
        "<table><tr><th>申请人</th><th>金额</th></tr>"
        "<tr><td>李小四</td><td>13000000000元</td></tr></table>"
    )
    path = add_document(editor, COLUMN, "关于救助对象的公示", body)
    transition(editor, path, "submit")
    res = transition(reviewer, path, "approve", status=400)
    assert res.json["errors"] == [
        "发现1处身份证号码、3处手机号码、1处银行卡号、2处姓名、1处住址，"
        "请先遮盖或由审核员填写理由后放行。"
    ]
    res = post(reviewer, path, "checks-mask")
    assert res.json["masked"] == 8 and res.json["report"]["blocking"] == {}
    stored = document(wsgi_app, path, lambda d: d.body)
    assert "姓名：张**，家庭住址：营山县朗池镇********" in stored
    assert 'href="tel:138****5678" title="手机 138****5678"' in stored
    assert 'alt="身份证510123********1237"' in stored
    assert "备用手机１３９****５６７８" in stored
    assert "6222\u300002**\u3000****\u3000***4\u3000562" in stored
    assert "<td>李**</td><td>13000000000元</td>" in stored  # the amount is kept
    assert transition(reviewer, path, "approve").json["state"] == "published"
    public = reviewer.get(path).text
    for secret in ("13812345678", ID, "张三丰", "新华村", "李小四", fw_mobile):
        assert secret not in public
