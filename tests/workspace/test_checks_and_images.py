"""The check report on the item page (highlighted findings, one-click
masking) and images uploaded from the rich-text editor."""

import transaction
from pyramid.traversal import find_resource
from webtest import Upload

from tests.conftest import csrf_token, read_root

from .helpers import create, transition

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _body(wsgi_app, path):
    transaction.begin()
    return read_root(wsgi_app, lambda root: find_resource(root, path).body)


def test_personal_data_is_highlighted_and_masked(wsgi_app, editor, reviewer):
    path = create(editor, title="低保名单公示", body="<p>联系人手机 13812345678，请核实。</p>")
    transition(editor, path, "submit")
    page = reviewer.get(path + "@@ws-item")
    report = page.html.find(class_="ws-report")
    assert "必须处理后才能发布" in report.text
    assert page.html.select(".ws-body mark")  # the number is marked in the text
    res = transition(reviewer, path, "approve", status=400)  # blocked by the check
    assert res.html.find(class_="ws-errors") is not None

    form = [f for f in page.forms.values() if f.action.endswith("@@ws-mask")][0]
    form.submit(status=303)
    body = _body(wsgi_app, path)
    assert "13812345678" not in body and "138****5678" in body
    assert "必须处理后才能发布" not in reviewer.get(path + "@@ws-item").text


def test_images_from_the_editor_become_attachments(wsgi_app, editor):
    path = create(editor)
    token = csrf_token(editor.get(path + "@@ws-edit").text)
    res = editor.post(
        path + "@@ws-image",
        {"file": Upload("图.png", PNG, "image/png")},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    location = res.json["location"]
    assert location.startswith("http://localhost" + path) and location.endswith(".png/")
    assert editor.get(location).body == PNG
    # the edit form offers it in TinyMCE's image list
    assert location in editor.get(path + "@@ws-edit").text

    res = editor.post(
        path + "@@ws-image",
        {"file": Upload("图.png", b"MZ" + b"\x00" * 100, "image/png")},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
        status=400,
    )
    assert "不符" in res.json["error"]
    res = editor.post(
        path + "@@ws-image",
        {"file": Upload("a.pdf", b"%PDF-1.4", "application/pdf")},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
        status=400,
    )
    assert "不支持该文件类型" in res.json["error"]
    count = read_root(wsgi_app, lambda root: len(find_resource(root, path).attachments()))
    assert count == 1


def test_reviewer_overrides_with_a_reason(wsgi_app, editor, reviewer):
    path = create(editor, title="获奖名单", body="<p>获奖者身份证号 11010519491231002X。</p>")
    transition(editor, path, "submit")
    page = reviewer.get(path + "@@ws-item")
    form = [f for f in page.forms.values() if f.action.endswith("@@ws-override")][0]
    reviewer.post(form.action, {"reason": "", "csrf_token": csrf_token(page.text)}, status=303)
    assert "必须处理后才能发布" in reviewer.get(path + "@@ws-item").text  # no reason: refused
    form["reason"] = "依据公示要求须完整公布"
    form.submit(status=303)
    page = reviewer.get(path + "@@ws-item")
    assert "已放行" in page.text and "依据公示要求须完整公布" in page.text
    transition(reviewer, path, "approve")
    assert "11010519491231002X" in _body(wsgi_app, path)  # published as written
