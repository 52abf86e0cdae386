"""Images from the first keystroke: the first upload of a new document's
form creates its draft, the form's serial survives the editor's own
uploads, alt text is required, and no upload is left behind."""

import threading

import transaction
import webtest
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.media.store import expire_pending
from tests.conftest import csrf_token, read_root

from .helpers import (
    COLUMN,
    GIF,
    PNG,
    doc_facts,
    first_image,
    new_id,
    oid_of,
    path_of,
    token_of,
    upload_image,
)


def _edit_fields(page, **fields):
    form = page.forms["ws-document"]
    for name, value in fields.items():
        form[name] = value
    return form


def test_first_image_creates_the_draft_and_saving_twice_works(wsgi_app, editor):
    page = editor.get(COLUMN + "@@ws-add")
    form_id = page.html.find(class_="ws-form")["data-form-id"]
    assert len(form_id) == 32
    res, _ = first_image(editor, form_id=form_id, title="校园开放日", upload_id=new_id())
    answer = res.json
    doc = path_of(answer["edit_url"]).replace("@@ws-edit", "")
    assert doc.startswith(COLUMN) and path_of(answer["location"]).startswith(doc)
    assert answer["reference"].startswith("/@@ref/")
    assert path_of(answer["upload_url"]) == doc + "@@ws-image"
    # the page keeps its form: it now posts to the draft's edit view with
    # the serial the upload answered, and the body shows the image
    form = page.forms["ws-document"]
    form.action = answer["edit_url"]
    form["serial"] = answer["serial"]
    form["title"] = "校园开放日"
    form["body"] = f'<p>开放日安排</p><p><img src="{answer["location"]}" alt="操场"></p>'
    res = form.submit("save", status=303)
    facts = doc_facts(wsgi_app, doc)
    assert facts["title"] == "校园开放日"
    assert f'src="/@@ref/{oid_of(wsgi_app, path_of(answer["location"]))}"' in facts["body"]
    # a second image into the saved document, then a second save: no 409
    page = editor.get(doc + "@@ws-edit")
    serial = page.forms["ws-document"]["serial"].value
    second = upload_image(
        editor, answer["upload_url"], data=GIF, filename="b.gif", token=csrf_token(page.text)
    ).json
    assert second["serial"] == serial  # the upload does not make the form stale
    form = page.forms["ws-document"]
    form["body"] = form["body"].value + f'<p><img src="{second["location"]}" alt="礼堂"></p>'
    form.submit("save", status=303)
    editor.get(doc + "@@ws-edit").forms["ws-document"].submit("save", status=303)
    facts = doc_facts(wsgi_app, doc)
    assert len(facts["inline"]) == 2 and facts["body"].count("/@@ref/") == 2


def test_a_replayed_first_upload_makes_one_draft_and_one_file(wsgi_app, editor):
    form_id, upload_id = new_id(), new_id()
    token = token_of(editor, COLUMN + "@@ws-add")
    first, _ = first_image(editor, form_id=form_id, upload_id=upload_id, token=token)
    again, _ = first_image(editor, form_id=form_id, upload_id=upload_id, token=token)
    assert first.json["location"] == again.json["location"]
    doc = path_of(first.json["edit_url"]).replace("@@ws-edit", "")
    assert len(doc_facts(wsgi_app, doc)["inline"]) == 1
    # another file of the same form goes into the same draft
    third, _ = first_image(editor, form_id=form_id, upload_id=new_id(), token=token)
    assert third.json["edit_url"] == first.json["edit_url"]
    assert len(doc_facts(wsgi_app, doc)["inline"]) == 2


def test_image_without_alt_text_is_refused_with_a_chinese_message(wsgi_app, editor):
    res, _ = first_image(editor)
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    page = editor.get(doc + "@@ws-edit")
    before = doc_facts(wsgi_app, doc)
    form = _edit_fields(page, body=f'<p><img src="{res.json["location"]}"></p>')
    res = form.submit("save", status=400)
    assert "图片描述" in res.text
    assert doc_facts(wsgi_app, doc) == before  # nothing half-written
    form = _edit_fields(page, body=f'<p><img src="{path_of(res.request.url)}" alt="  "></p>')
    assert "图片描述" in form.submit("save", status=400).text


def test_images_removed_from_the_body_are_removed(wsgi_app, editor):
    res, _ = first_image(editor)
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    keep = res.json["location"]
    page = editor.get(doc + "@@ws-edit")
    drop = upload_image(editor, res.json["upload_url"], token=csrf_token(page.text)).json
    body = f'<p><img src="{keep}" alt="一"><img src="{drop["location"]}" alt="二"></p>'
    _edit_fields(page, body=body).submit("save", status=303)
    assert len(doc_facts(wsgi_app, doc)["inline"]) == 2
    page = editor.get(doc + "@@ws-edit")
    _edit_fields(page, body=f'<p><img src="{keep}" alt="一"></p>').submit("save", status=303)
    facts = doc_facts(wsgi_app, doc)
    assert facts["inline"] == [path_of(keep).rstrip("/").rsplit("/", 1)[-1]]
    editor.get(path_of(drop["location"]), status=404)


def test_uploads_never_saved_into_a_body_expire(wsgi_app, editor):
    res, _ = first_image(editor)
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    name = path_of(res.json["location"]).rstrip("/").rsplit("/", 1)[-1]
    wsgi_app.registry.settings["govportal.media.pending_hours"] = "0"
    try:
        with site_session(wsgi_app.registry) as (zodb_root, request):
            assert expire_pending(zodb_root["app_root"], request)
    finally:
        del wsgi_app.registry.settings["govportal.media.pending_hours"]
    assert name not in doc_facts(wsgi_app, doc)["names"]


def test_saved_images_do_not_expire(wsgi_app, editor):
    res, _ = first_image(editor)
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    page = editor.get(doc + "@@ws-edit")
    body = f'<p><img src="{res.json["location"]}" alt="图"></p>'
    _edit_fields(page, body=body).submit("save", status=303)
    wsgi_app.registry.settings["govportal.media.pending_hours"] = "0"
    try:
        with site_session(wsgi_app.registry) as (zodb_root, request):
            expire_pending(zodb_root["app_root"], request)
    finally:
        del wsgi_app.registry.settings["govportal.media.pending_hours"]
    assert len(doc_facts(wsgi_app, doc)["inline"]) == 1


# -- attackers ---------------------------------------------------------------


def test_another_departments_editor_cannot_upload_into_a_foreign_draft(
    wsgi_app, editor, other_editor
):
    res, form_id = first_image(editor)
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    before = doc_facts(wsgi_app, doc)
    token = other_editor.csrf("/wjj/gzdt/@@ws-add")
    res = upload_image(other_editor, doc + "@@ws-image", token=token, status="*")
    assert res.status_int in (403, 404)
    # nor into the foreign column, even with the stolen form id
    res = upload_image(
        other_editor, COLUMN + "@@ws-image", token=token, form_id=form_id, status="*"
    )
    assert res.status_int in (403, 404)
    assert doc_facts(wsgi_app, doc) == before


def test_forged_uploads_are_refused(wsgi_app, editor, testapp):
    res, form_id = first_image(editor)
    doc = path_of(res.json["edit_url"]).replace("@@ws-edit", "")
    before = doc_facts(wsgi_app, doc)
    for token in (False, "wrong-token"):
        res = upload_image(editor, doc + "@@ws-image", token=token, status="*")
        assert res.status_int in (400, 403)
        res = upload_image(editor, COLUMN + "@@ws-image", token=token, form_id=new_id(), status="*")
        assert res.status_int in (400, 403)
    # nobody signed in
    res = upload_image(testapp, doc + "@@ws-image", token="x", status="*")
    assert res.status_int in (400, 403, 404)
    assert doc_facts(wsgi_app, doc) == before


def test_bad_files_are_refused_with_chinese_json_errors(wsgi_app, editor):
    res, _ = first_image(editor)
    url = res.json["upload_url"]
    doc = path_of(url).replace("@@ws-image", "")
    before = doc_facts(wsgi_app, doc)
    token = csrf_token(editor.get(doc + "@@ws-edit").text)
    bad = upload_image(editor, url, data=b"MZ" + b"\0" * 200, token=token, status=400)
    assert "不符" in bad.json["error"]
    bad = upload_image(editor, url, data=b"%PDF-1.4 x", filename="a.pdf", token=token, status=400)
    assert "不支持该文件类型" in bad.json["error"]
    # a new form's first upload with a bad file creates no draft
    count = read_root(wsgi_app, lambda root: len(find_resource(root, COLUMN)))
    bad, _ = first_image(editor, data=b"<svg/>", filename="x.png", status=400)
    assert read_root(wsgi_app, lambda root: len(find_resource(root, COLUMN))) == count
    bad, _ = first_image(editor, form_id="not-hex", status=400)
    assert "刷新" in bad.json["error"]
    assert doc_facts(wsgi_app, doc) == before


def test_oversized_upload_is_refused(wsgi_app, editor):
    res, _ = first_image(editor)
    url = res.json["upload_url"]
    doc = path_of(url).replace("@@ws-image", "")
    before = doc_facts(wsgi_app, doc)
    wsgi_app.registry.settings["govportal.max_upload_bytes"] = str(len(PNG) - 1)
    try:
        token = csrf_token(editor.get(doc + "@@ws-edit").text)
        bad = upload_image(editor, url, token=token, status=400)
    finally:
        del wsgi_app.registry.settings["govportal.max_upload_bytes"]
    assert "文件过大" in bad.json["error"]
    assert doc_facts(wsgi_app, doc) == before


# -- concurrency ---------------------------------------------------------------


def test_sixteen_concurrent_uploads_into_one_draft(wsgi_app, editor):
    res, _ = first_image(editor)
    url = res.json["upload_url"]
    doc = path_of(url).replace("@@ws-image", "")
    token = csrf_token(editor.get(doc + "@@ws-edit").text)
    cookies = dict(editor.app.cookies)
    statuses, lock = [], threading.Lock()
    barrier = threading.Barrier(16, timeout=60)

    def upload(i):
        client = webtest.TestApp(wsgi_app)
        for key, value in cookies.items():
            client.set_cookie(key, value)
        barrier.wait()
        res = upload_image(client, url, token=token, upload_id=f"{i:032x}", status="*")
        with lock:
            statuses.append(res.status_int)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 16, statuses
    transaction.begin()
    assert len(doc_facts(wsgi_app, doc)["inline"]) == 17
