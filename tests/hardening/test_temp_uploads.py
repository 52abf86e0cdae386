"""Temporary upload files are removed on every path a refused upload takes:
a file of the wrong type, a validation error elsewhere in the form, a stale
form, a missing CSRF token — and stale leftovers are swept."""

import os
import time
from pathlib import Path

import pytest
from webtest import Upload

from tests.http.helpers import PDF_BYTES
from tests.workspace.helpers import COLUMN, create, fill


@pytest.fixture
def tempdir(app_settings):
    path = Path(app_settings["substanced.uploads_tempdir"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def files_in(path):
    return sorted(p.name for p in path.iterdir())


def edit_form(client, path):
    return client.get(path + "@@ws-edit").forms["ws-document"]


def test_file_of_the_wrong_type_leaves_nothing(editor, tempdir):
    form = editor.get(COLUMN + "@@ws-add").forms["ws-document"]
    fill(form, title="关于伪装文件的测试", body="<p>正文</p>")
    form["upload"] = Upload("通知.pdf", b"MZ\x90\x00 this is an executable, not a PDF")
    res = form.submit("save", status=400)
    assert "PDF" in res.text or "文件" in res.text
    assert files_in(tempdir) == []


def test_validation_error_elsewhere_leaves_nothing(editor, tempdir):
    form = editor.get(COLUMN + "@@ws-add").forms["ws-document"]
    fill(form, title="", body="<p>正文</p>")  # the title is required
    form["upload"] = Upload("附件.pdf", PDF_BYTES)
    form.submit("save", status=400)
    assert files_in(tempdir) == []


def test_stale_form_leaves_nothing(editor, tempdir):
    path = create(editor)
    first = edit_form(editor, path)
    second = edit_form(editor, path)
    fill(first, title="先保存的标题")
    first.submit("save", status=303)
    second["upload"] = Upload("附件.pdf", PDF_BYTES)
    fill(second, title="后保存的标题")
    second.submit("save", status=409)
    assert files_in(tempdir) == []


def test_missing_csrf_token_leaves_nothing(editor, tempdir):
    form = editor.get(COLUMN + "@@ws-add").forms["ws-document"]
    fill(form, title="没有令牌的上传")
    form["upload"] = Upload("附件.pdf", PDF_BYTES)
    form["_csrf_token_"] = "forged"
    res = form.submit("save", status="*")
    assert res.status_int in (400, 403)
    assert files_in(tempdir) == []


def test_anonymous_upload_leaves_nothing(testapp, tempdir):
    res = testapp.post(
        COLUMN + "@@ws-add",
        {"title": "x"},
        upload_files=[("upload", "a.pdf", PDF_BYTES)],
        status="*",
    )
    assert res.status_int in (400, 403, 404)
    assert files_in(tempdir) == []


def test_successful_upload_leaves_nothing(editor, tempdir):
    create(editor, upload=Upload("附件.pdf", PDF_BYTES))
    assert files_in(tempdir) == []


def test_sweep_removes_stale_files_only(tempdir):
    from govportal.hardening.uploads import sweep

    old = tempdir / "a"
    old.write_bytes(b"old")
    fresh = tempdir / "b"
    fresh.write_bytes(b"fresh")
    hour_ago = time.time() - 3700
    os.utime(old, (hour_ago, hour_ago))
    assert sweep(str(tempdir), 3600) == 1
    assert files_in(tempdir) == ["b"]


def test_sweep_is_a_periodic_job(wsgi_app, tempdir):
    from govportal.schedule.worker import periodic_jobs

    jobs = dict(periodic_jobs(wsgi_app.registry))
    job = jobs["hardening.upload_sweep"]
    stale = tempdir / "c"
    stale.write_bytes(b"x")
    past = time.time() - 7200
    os.utime(stale, (past, past))
    assert job(None, None) is False  # writes nothing to the database
    assert files_in(tempdir) == []
