"""The media list of a document: title, order and removal while the
workflow lets the user edit; size and type on the public page, inline
images never listed again."""

from tests.conftest import csrf_token
from tests.http.helpers import PDF_BYTES, add_attachment, transition

from .helpers import COLUMN, JSON, doc_facts, first_image, path_of


def _draft_with_files(editor):
    res, _ = first_image(editor, title="带附件的通知")
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    page = editor.get(doc + "@@ws-edit")
    form = page.forms["ws-document"]
    form["body"] = f'<p>见附件。</p><p><img src="{res.json["location"]}" alt="现场照片"></p>'
    form.submit("save", status=303)
    add_attachment(editor, doc, "名单.pdf", PDF_BYTES)
    add_attachment(editor, doc, "说明.txt", "第一行\n".encode())
    return doc


def _media(client, doc, status=200, token=None, **fields):
    token = token or csrf_token(client.get(doc + "@@ws-edit").text)
    return client.post(
        doc + "@@ws-media", {"csrf_token": token, **fields}, headers=JSON, status=status
    )


def test_title_order_and_removal(wsgi_app, editor, reviewer, testapp):
    doc = _draft_with_files(editor)
    page = editor.get(doc + "@@ws-edit")
    items = page.html.select(".ws-media .ws-attachments > li")
    assert [li.a.text for li in items] == ["名单.pdf", "说明.txt"]  # the image is not listed
    assert "PDF" in items[0].text and "KB" in items[0].text
    res = _media(editor, doc, status=404, action="up", name="nothing")
    assert "没有找到" in res.json["message"]
    names = [m["name"] for m in res.json["media"]]
    assert [n.rsplit(".", 1)[-1] for n in names] == ["pdf", "txt"]
    second = names[1]
    res = _media(editor, doc, action="up", name=second)
    assert [m["name"] for m in res.json["media"]] == [second, names[0]]
    res = _media(editor, doc, action="title", name=second, title="办理说明")
    assert res.json["media"][0]["title"] == "办理说明"
    assert (
        "不能超过"
        in _media(editor, doc, 400, action="title", name=second, title="长" * 201).json["message"]
    )
    assert "未知" in _media(editor, doc, 400, action="rename", name=second).json["message"]
    # removal, replayed: one removal, the same answer
    token = csrf_token(editor.get(doc + "@@ws-edit").text)
    first = _media(editor, doc, token=token, action="remove", name=names[0])
    again = _media(editor, doc, token=token, action="remove", name=names[0])
    assert first.json == again.json and len(again.json["media"]) == 1
    assert names[0] not in doc_facts(wsgi_app, doc)["names"]
    # without script: a plain form post answers with a redirect to the form
    res = editor.post(
        doc + "@@ws-media",
        {"csrf_token": token, "action": "down", "name": second},
        status=303,
    )
    assert res.location.endswith("@@ws-edit")
    # published: the public page lists the download with type and size, not the image
    transition(editor, doc, "submit")
    transition(reviewer, doc, "approve")
    page = testapp.get(doc)
    downloads = page.html.select(".attachments li")
    assert len(downloads) == 1 and "办理说明" in downloads[0].text
    assert "TXT" in downloads[0].text and "KB" in downloads[0].text
    assert 'alt="现场照片"' in page.text


def test_no_changes_once_the_workflow_forbids_editing(wsgi_app, editor, reviewer):
    doc = _draft_with_files(editor)
    token = csrf_token(editor.get(doc + "@@ws-edit").text)
    names = doc_facts(wsgi_app, doc)["names"]
    transition(editor, doc, "submit")
    pdf = [n for n in names if n.endswith(".pdf")][0]
    for action in ("remove", "title", "up"):
        res = editor.post(
            doc + "@@ws-media",
            {"csrf_token": token, "action": action, "name": pdf, "title": "改"},
            headers=JSON,
            status="*",
        )
        assert res.status_int in (403, 404)
    assert doc_facts(wsgi_app, doc)["names"] == names


def test_attackers_change_nothing(wsgi_app, editor, other_editor, testapp):
    doc = _draft_with_files(editor)
    before = doc_facts(wsgi_app, doc)
    pdf = [n for n in before["names"] if n.endswith(".pdf")][0]
    token = csrf_token(editor.get(doc + "@@ws-edit").text)
    other_token = other_editor.csrf("/wjj/gzdt/@@ws-add")
    # another department's editor, with their own token
    res = other_editor.post(
        doc + "@@ws-media",
        {"csrf_token": other_token, "action": "remove", "name": pdf},
        headers=JSON,
        status="*",
    )
    assert res.status_int in (403, 404)
    # forged: no token, a wrong token, a visitor
    for fields in ({}, {"csrf_token": "forged"}):
        res = editor.post(
            doc + "@@ws-media", {"action": "remove", "name": pdf, **fields}, status="*"
        )
        assert res.status_int in (400, 403)
    res = testapp.post(
        doc + "@@ws-media", {"action": "remove", "name": pdf, "csrf_token": token}, status="*"
    )
    assert res.status_int in (400, 403, 404)
    # a name that is not an attachment of the document (a path, a sibling)
    for name in ("../" + pdf, "working-copy", ""):
        res = editor.post(
            doc + "@@ws-media",
            {"csrf_token": token, "action": "remove", "name": name},
            headers=JSON,
            status="*",
        )
        assert res.status_int in (200, 404)
    assert doc_facts(wsgi_app, doc) == before
    # the public URL of the draft's files is not reachable by visitors
    testapp.get(doc + pdf, status=404)
    assert COLUMN in doc
