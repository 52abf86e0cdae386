"""Saved application forms (暂存) through HTTP: save, resume and save again
with the code, replays, expiry, and 16 applicants saving at once.

The public apply pages are another part (views_apply); these tests drive
:func:`govportal.services.drafts.save_once` through a small view of their own
that does what those pages do (collect the post, save once, answer the code).
"""

import collections
import threading
from datetime import timedelta

import pytest
import webtest
from pyramid.config import Configurator
from pyramid.traversal import find_resource
from substanced.interfaces import IRoot

import govportal
from govportal.applications.model import code_hash
from govportal.bootstrap import site_session
from govportal.services import drafts
from govportal.settings import apply_defaults
from govportal.sitetime import now_utc
from govportal.submissions import issue
from tests.concurrency.helpers import quiet_server, threaded_server

from ..conftest import close_app, read_root
from .form_helpers import PDF, make_guide

PATH = "/@@test-drafts"


def drafts_view(context, request):
    """GET: the tokens a saving form carries; POST: save (or ``load``)."""
    if request.method == "GET":
        return {
            "csrf_token": request.session.get_csrf_token(),
            "submission_token": issue(request, drafts.SUBMISSION_KIND),
        }
    post = request.POST
    if post.get("load"):
        draft = drafts.load_draft(context, post["load"], request.registry)
        if draft is None:
            request.response.status_int = 404
            return {"found": False}
        return {"values": draft.values, "materials": draft.material_names()}
    guide = find_resource(context, post["guide"])
    values, files, errors = drafts.collect(guide.form_fields, post, request)
    if errors:
        request.response.status_int = 400
        return {"errors": errors}
    code, replayed = drafts.save_once(request, guide, values, files, code=post.get("code"))
    return {"code": code, "replayed": replayed}


def make_app(settings):
    config = Configurator(settings=apply_defaults(settings))
    config.include(govportal.includeme)
    config.add_view(drafts_view, context=IRoot, name="test-drafts", renderer="json")
    return config.make_wsgi_app()


@pytest.fixture
def app(app_settings):
    wsgi = make_app(app_settings)
    yield wsgi
    close_app(wsgi)


@pytest.fixture
def guide(app):
    return make_guide(app)


def tokens(client):
    return client.get(PATH).json


def save(client, guide, status=200, upload_files=None, **fields):
    data = dict(tokens(client), guide=guide, **fields)
    return client.post(PATH, data, upload_files=upload_files or [], status=status).json


def stored(app):
    return read_root(app, lambda root: len(drafts.find_drafts(root) or ()))


def test_save_resume_and_save_again(app, guide):
    client = webtest.TestApp(app)
    answer = save(
        client,
        guide,
        school_name="阳光幼儿园",
        school_type="幼儿",  # not valid yet: a saved form need not be
        applicant_name="张三",
        upload_files=[("licence", "场地.pdf", PDF)],
    )
    code = answer["code"]
    assert len(code) == 24 and answer["replayed"] is False
    loaded = client.post(PATH, {"load": code, "csrf_token": tokens(client)["csrf_token"]}).json
    assert loaded["values"]["school_name"] == "阳光幼儿园"
    assert loaded["values"]["school_type"] == "幼儿"
    assert loaded["values"]["applicant_name"] == "张三"
    assert loaded["materials"] == {"licence": ["场地.pdf"]}

    def draft_of(root):
        draft = drafts.find_drafts(root)[code_hash(code)]
        return draft.guide_path, draft.files(), draft.code_hash

    path, files, digest = read_root(app, draft_of)
    assert path == guide.rstrip("/") and files == {
        "licence": [("场地.pdf", PDF, "application/pdf")]
    }
    assert code.replace("-", "") not in digest  # only the hash is kept
    # saved again with the code (by anyone holding it): the same form,
    # values replaced, materials kept unless uploaded again
    other = webtest.TestApp(app)
    again = save(other, guide, code=code.lower().replace("-", " "), school_name="阳光幼儿园二")
    assert again["code"] == code and stored(app) == 1
    loaded = client.post(PATH, {"load": code, "csrf_token": tokens(client)["csrf_token"]}).json
    assert loaded["values"]["school_name"] == "阳光幼儿园二"
    assert "applicant_name" not in loaded["values"]
    assert loaded["materials"] == {"licence": ["场地.pdf"]}
    save(other, guide, code=code, upload_files=[("licence", "新.pdf", PDF)])
    assert read_root(app, draft_of)[1]["licence"][0][0] == "新.pdf"


def test_replayed_save_stores_nothing_new_and_answers_the_same_code(app, guide):
    client = webtest.TestApp(app)
    data = dict(tokens(client), guide=guide, school_name="甲")
    first = client.post(PATH, data).json
    second = client.post(PATH, data).json
    assert second == {"code": first["code"], "replayed": True}
    assert stored(app) == 1
    # an update replayed answers its code too
    data = dict(tokens(client), guide=guide, code=first["code"], school_name="乙")
    assert client.post(PATH, data).json["code"] == first["code"]
    assert client.post(PATH, data).json == {"code": first["code"], "replayed": True}
    assert stored(app) == 1


def test_tokens_and_csrf_are_required(app, guide):
    client = webtest.TestApp(app)
    csrf = tokens(client)["csrf_token"]
    res = client.post(PATH, {"guide": guide, "csrf_token": csrf}, status=400)
    assert "提交缺少表单标识" in res.text
    client.post(
        PATH, {"guide": guide, "submission_token": tokens(client)["submission_token"]}, status=400
    )
    assert stored(app) == 0


def test_unknown_code_or_another_guides_code_starts_a_new_form(app, guide):
    client = webtest.TestApp(app)
    code = save(client, guide, school_name="甲")["code"]
    other_guide = make_guide(app, name="other-guide")
    other = save(client, other_guide, code=code, school_name="乙")["code"]
    fresh = save(client, guide, code="ABCD-EFGH-JKMN-PQRS-TVWX", school_name="丙")["code"]
    assert len({code, other, fresh}) == 3 and stored(app) == 3
    res = client.post(
        PATH, {"load": "nonsense", "csrf_token": tokens(client)["csrf_token"]}, status=404
    )
    assert res.json == {"found": False}


def test_refused_upload_stores_nothing(app, guide):
    client = webtest.TestApp(app)
    res = save(client, guide, status=400, upload_files=[("licence", "x.pdf", b"MZ\x90\x00")])
    assert "文件内容与扩展名" in res["errors"]["licence"]
    res = save(client, guide, status=400, upload_files=[("licence", "x.exe", b"MZ")])
    assert "不支持该文件类型" in res["errors"]["licence"]
    assert stored(app) == 0


def test_forms_expire_after_the_configured_days(app, guide):
    client = webtest.TestApp(app)
    old = save(client, guide, school_name="旧")["code"]
    new = save(client, guide, school_name="新")["code"]
    with site_session(app.registry) as (zodb_root, request):
        tree = drafts.find_drafts(zodb_root["app_root"])
        tree[code_hash(old)].updated_at = now_utc() - timedelta(days=31)
    csrf = tokens(client)["csrf_token"]
    client.post(PATH, {"load": old, "csrf_token": csrf}, status=404)  # before the job runs
    assert "govportal saved application forms expiry" in app.registry.govportal_periodic_jobs
    with site_session(app.registry) as (zodb_root, request):
        assert drafts.periodic_expiry(zodb_root["app_root"], request) == 1
        assert drafts.periodic_expiry(zodb_root["app_root"], request) == 0  # hourly
    assert stored(app) == 1
    client.post(PATH, {"load": new, "csrf_token": csrf}, status=200)
    with site_session(app.registry) as (zodb_root, request):
        assert drafts.discard_draft(zodb_root["app_root"], new) is True
        assert drafts.discard_draft(zodb_root["app_root"], new) is False
    assert stored(app) == 0


def test_draft_days_setting(app_settings):
    app = make_app(dict(app_settings, **{"govportal.services.draft_days": "2"}))
    try:
        assert drafts.draft_days(app.registry) == 2
    finally:
        close_app(app)


# -- 16 applicants at once ---------------------------------------------------------


@pytest.fixture
def server_port(app):
    with threaded_server(app, "drafts-server") as port:
        yield port


@quiet_server
def test_sixteen_applicants_save_at_once_each_stored_once(app, guide, server_port, monkeypatch):
    """16 applicants save their forms at the same moment, each posting twice
    (a double click): 16 saved forms, each answered with its one code."""
    import json

    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    # the tree exists before the first concurrent savers (site set-up)
    with site_session(app.registry) as (zodb_root, _request):
        drafts.ensure_drafts(zodb_root["app_root"])
    clients = [Client(server_port) for _ in range(16)]
    forms = [json.loads(c.get(PATH).text) for c in clients]
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(16)

    def saver(i):
        fields = dict(forms[i], guide=guide, school_name=f"学校{i}", applicant_name=f"申请人{i}")
        barrier.wait()
        for _ in range(2):
            response = clients[i].post(PATH, fields)
            with lock:
                answers[i].append((response.status, json.loads(response.text)))

    threads = [threading.Thread(target=saver, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    codes = set()
    for i in range(16):
        (s1, a1), (s2, a2) = answers[i]
        assert s1 == s2 == 200, answers[i]
        assert a1["code"] == a2["code"] and a2["replayed"] is True
        codes.add(a1["code"])
    assert len(codes) == 16

    def names(root):
        return sorted(d.values["school_name"] for d in drafts.find_drafts(root).values())

    assert read_root(app, names) == sorted(f"学校{i}" for i in range(16))
