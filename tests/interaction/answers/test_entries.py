"""Knowledge-base entries in the workspace: an editor adds one once per form
(a replay stores nothing), errors come back tied to their fields with nothing
stored, the site's reviewer publishes it (four eyes) and it answers questions
and is found by the site search; another department's editor can neither
add nor edit; a draft is not public."""

import re

from govportal.interaction.answers.model import IKnowledgeEntry
from tests.search.conftest import titles

from ...conftest import read_root

COLUMN = "/jyj/hdjl/zswd"
FIELDS = {
    "title": "校车接送怎么申请？",
    "wordings": "孩子坐校车要报名吗\n乡镇学生校车",
    "answer": "农村寄宿制学校和乡镇小学提供校车服务。\n每学期开学前向学校报名，学校统筹安排线路。",
    "keywords": "校车、接送",
    "links": "/jyj/bszn/sljtrx",
}


def form_of(client, path):
    page = client.get(path, status=200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    token = re.search(r'name="submission_token" value="([^"]+)"', page.text)
    return page, csrf, token.group(1) if token else None


def transition(client, path, name, comment="", status=303):
    page = client.get(f"{path}/@@ws-item", status=200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    data = {"transition": name, "csrf_token": csrf, "comment": comment}
    return client.post(f"{path}/@@ws-transition", data, status=status)


def entries_in(app, path):
    def read(root):
        column = root
        for part in path.strip("/").split("/"):
            column = column[part]
        return sorted(e.title for e in column.values() if IKnowledgeEntry.providedBy(e))

    return read_root(app, read)


def test_editor_adds_once_reviewer_publishes_and_it_answers(wsgi_app, browser, testapp):
    editor = browser("jyj_editor")
    picked = editor.get(f"/@@ws-new-answer?column={COLUMN}/", status=303)
    assert picked.location.endswith(f"{COLUMN}/@@add-answer")
    editor.get("/@@ws-new-answer?column=/jyj/bszn/", status=400)
    before = entries_in(wsgi_app, COLUMN)
    _page, csrf, token = form_of(editor, f"{COLUMN}/@@add-answer")
    data = dict(FIELDS, csrf_token=csrf, submission_token=token)
    # errors: tied to their fields, nothing stored
    bad = editor.post(f"{COLUMN}/@@add-answer", dict(data, title="", links="/nowhere"), status=400)
    assert 'id="kb-title-error"' in bad.text and "请填写问题" in bad.text
    assert 'id="kb-links-error"' in bad.text and "/nowhere" in bad.text
    assert entries_in(wsgi_app, COLUMN) == before
    first = editor.post(f"{COLUMN}/@@add-answer", data, status=303)
    again = editor.post(f"{COLUMN}/@@add-answer", data, status=303)  # a replay
    assert first.location == again.location
    assert entries_in(wsgi_app, COLUMN) == sorted([*before, FIELDS["title"]])
    path = re.sub(r"^https?://[^/]+", "", first.location).rsplit("/@@", 1)[0].rstrip("/")
    testapp.get(path + "/", status=(302, 403, 404))  # a draft is not public
    assert testapp.get("/@@ask.json", {"q": "校车接送"}).json["entries"] == []
    dashboard = editor.get("/@@workspace")
    assert 'id="ws-new-answer-column"' in dashboard.text and f'value="{COLUMN}/"' in dashboard.text
    assert FIELDS["title"] in dashboard.text  # 我的稿件
    transition(editor, path, "submit")
    reviewer = browser("jyj_reviewer")
    assert FIELDS["title"] in reviewer.get("/@@workspace").text  # 待我审核
    transition(reviewer, path, "approve")
    page = testapp.get(path + "/", status=200)
    assert "<p>农村寄宿制学校和乡镇小学提供校车服务。</p>" in page.text
    assert "义务教育阶段适龄儿童少年入学登记" in page.text  # its link
    data = testapp.get("/@@ask.json", {"q": "孩子坐校车要报名吗"}).json
    assert data["entries"][0]["title"] == FIELDS["title"]
    assert data["guides"][0]["title"] == "义务教育阶段适龄儿童少年入学登记"
    assert titles(testapp.get("/search", {"q": "校车接送"})) == [FIELDS["title"]]


def test_answer_is_sanitised(wsgi_app, browser):
    editor = browser("jyj_editor")
    _page, csrf, token = form_of(editor, f"{COLUMN}/@@add-answer")
    answer = '<p onclick="x()">答案正文内容不少于十个字</p><script>alert(1)</script>'
    data = dict(FIELDS, answer=answer, links="", csrf_token=csrf, submission_token=token)
    res = editor.post(f"{COLUMN}/@@add-answer", data, status=303)
    path = re.sub(r"^https?://[^/]+", "", res.location).rsplit("/@@", 1)[0]
    page = editor.get(path + "/@@ws-item")
    assert "<p>答案正文内容不少于十个字</p>" in page.text
    assert "<script>alert" not in page.text and "onclick" not in page.text


def test_other_departments_editor_cannot_add_or_edit(browser):
    jyj = browser("jyj_editor")
    jyj.get("/rsj/hdjl/zswd/@@add-answer", status=403)
    jyj.get("/rsj/hdjl/zswd/sbkbb/@@edit-answer", status=403)
    # its own site's editor: a published entry is edited by retracting first
    rsj = browser("rsj_editor")
    rsj.get("/rsj/hdjl/zswd/sbkbb/@@edit-answer", status=403)
    rsj.get("/rsj/hdjl/zswd/sbkbb/@@ws-item", status=200)
    rsj.get("/rsj/hdjl/zswd/@@add-answer", status=200)


def test_stale_form_is_refused(wsgi_app, browser):
    editor = browser("jyj_editor")
    _page, csrf, token = form_of(editor, f"{COLUMN}/@@add-answer")
    res = editor.post(
        f"{COLUMN}/@@add-answer", dict(FIELDS, csrf_token=csrf, submission_token=token)
    )
    path = re.sub(r"^https?://[^/]+", "", res.location).rsplit("/@@", 1)[0]
    page, csrf, _t = form_of(editor, path + "/@@edit-answer")
    serial = re.search(r'name="serial" value="([^"]+)"', page.text)
    assert serial, "the edit form carries its serial"
    data = dict(FIELDS, csrf_token=csrf, serial=serial.group(1), title="校车接送怎么报名？")
    editor.post(path + "/@@edit-answer", data, status=303)
    stale = editor.post(path + "/@@edit-answer", dict(data, title="旧表单的标题"), status=409)
    assert "已被他人修改" in stale.text


def test_a_new_department_gets_its_knowledge_column(wsgi_app):
    from govportal.admin.sites import create_department
    from govportal.bootstrap import site_session

    with site_session(wsgi_app.registry) as (zodb_root, request):
        import transaction

        root = zodb_root["app_root"]
        create_department(root, request.registry, {"name": "mzj", "title": "营山县民政局"})
        transaction.commit()
    kinds = read_root(wsgi_app, lambda root: root["mzj"]["hdjl"]["zswd"].kind)
    assert kinds == "interaction"


def _new_draft(editor):
    _page, csrf, token = form_of(editor, f"{COLUMN}/@@add-answer")
    res = editor.post(
        f"{COLUMN}/@@add-answer", dict(FIELDS, csrf_token=csrf, submission_token=token)
    )
    return re.sub(r"^https?://[^/]+", "", res.location).rsplit("/@@", 1)[0]


def test_edit_lock_refuses_others_and_is_released_on_save(browser, testapp):
    from govportal.locks import acquire, current, release

    from ..interviews.helpers import resource, session

    editor = browser("jyj_editor")
    path = _new_draft(editor)
    page, csrf, _t = form_of(editor, path + "/@@edit-answer")
    serial = re.search(r'name="serial" value="([^"]+)"', page.text).group(1)
    data = dict(FIELDS, csrf_token=csrf, serial=serial, title="校车接送怎么报名？")
    with session(testapp, "jyj_reviewer") as (root, request):
        acquire(resource(root, path), request)
    locked = editor.post(path + "/@@edit-answer", data, status=409)
    assert "正由" in locked.text
    with session(testapp, "jyj_reviewer") as (root, request):
        entry = resource(root, path)
        assert entry.title == FIELDS["title"]  # nothing stored
        release(entry, request)
    with session(testapp, "jyj_editor") as (root, request):
        acquire(resource(root, path), request)
    editor.post(path + "/@@edit-answer", data, status=303)
    with session(testapp) as (root, _request):
        entry = resource(root, path)
        assert entry.title == "校车接送怎么报名？"
        assert current(entry) is None  # the editor's own lock released once saved
