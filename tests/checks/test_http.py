"""Through HTTP: approval is refused while personal data or blocked words
remain, and succeeds after masking or after a reviewer's override."""

import pytest
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from tests.conftest import read_root
from tests.http.helpers import JSON, add_document, history, state_of, transition

ID = "510123198506121237"
ID2 = "11010519491231002X"
COLUMN = "/jyj/gzdt/"


@pytest.fixture
def submitted(editor):
    """A 教育局 document with an ID number in its body, submitted for review."""
    body = (
        f"<p>申请人张三，身份证号码{ID}，请按排好材料。"
        f'<a href="http://www.yingshan.gov.cn/cx?id={ID}">查询</a></p>'
    )
    path = add_document(editor, COLUMN, "关于张三的公示", body)
    transition(editor, path, "submit")
    return path


def document(wsgi_app, path, fn):
    return read_root(wsgi_app, lambda root: fn(find_resource(root, path)))


def post(client, path, view, fields=(), status=200, headers=JSON):
    fields = dict(fields, csrf_token=client.csrf())
    return client.post(path.rstrip("/") + "/@@" + view, fields, headers=headers, status=status)


def test_submit_stores_the_report(wsgi_app, submitted):
    report = document(wsgi_app, submitted, lambda doc: doc.check_report)
    assert report["counts"] == {"id-number": 1, "typo": 1}
    assert report["blocking"] == {"id-number": 1}
    finding = next(f for f in report["findings"] if f["kind"] == "id-number")
    assert finding["masked"] == "510123********1237"
    assert finding["where"] == "body" and finding["overridden"] is False


def test_approval_refused_then_masked_then_approved(wsgi_app, submitted, editor, reviewer):
    res = transition(reviewer, submitted, "approve", status=400)
    assert res.json["errors"] == ["发现1处身份证号码，请先遮盖或由审核员填写理由后放行。"]
    assert state_of(reviewer, submitted) == "review"

    # the reviewer sees the findings next to the text
    res = reviewer.get(submitted + "@@checks", headers=JSON, status=200)
    assert res.json["blocking_message"].startswith("发现1处身份证号码")
    mark = (
        '<mark class="check-id-number" title="身份证号码：发布前须遮盖为 510123********1237，'
        '或由审核员填写理由后放行。">'
    )
    assert mark + ID + "</mark>" in res.json["highlighted"]
    assert '<mark class="check-typo"' in res.json["highlighted"]

    # the editor may not mask an item under review (no edit permission)
    post(editor, submitted, "checks-mask", status=403)
    res = post(reviewer, submitted, "checks-mask")
    assert res.json["masked"] == 1 and res.json["report"]["blocking"] == {}
    body = document(wsgi_app, submitted, lambda doc: doc.body)
    assert "身份证号码510123********1237" in body
    assert f"cx?id={ID}" in body  # attributes untouched

    # masking keeps the editor as last editor: the reviewer may approve
    res = transition(reviewer, submitted, "approve")
    assert res.json["state"] == "published"
    records = history(reviewer, submitted)["history"]
    # (what follows the approval, e.g. a revision purge, is not the checks')
    assert [r["transition"] for r in records][:3] == ["submit", "mask_personal_data", "approve"]
    assert records[1]["comment"] == "遮盖个人信息1处。"
    public = reviewer.get(submitted, status=200).text
    assert "510123********1237" in public
    assert ID not in public.replace(f"cx?id={ID}", "")


def test_override_with_a_reason(wsgi_app, submitted, editor, reviewer):
    # only a reviewer of the department may override, and only with a reason
    res = post(editor, submitted, "checks-override", {"reason": "依法公示"}, status=403)
    assert res.json["errors"] == ["只有本部门审核员可以放行。"]
    res = post(reviewer, submitted, "checks-override", {"reason": "  "}, status=400)
    assert res.json["errors"] == ["放行必须填写理由。"]
    assert document(wsgi_app, submitted, lambda doc: getattr(doc, "check_overrides", None)) is None

    res = post(reviewer, submitted, "checks-override", {"reason": "依《行政处罚法》须公示"})
    assert res.json["override"]["reason"] == "依《行政处罚法》须公示"
    assert res.json["override"]["actor_name"] == "jyj_reviewer"
    assert res.json["override"]["items"] == [
        {"kind": "id-number", "masked": "510123********1237", "where": "body"}
    ]
    assert res.json["report"]["blocking"] == {}

    res = transition(reviewer, submitted, "approve")
    assert res.json["state"] == "published"
    records = history(reviewer, submitted)["history"]
    assert [r["transition"] for r in records] == ["submit", "override_checks", "approve"]
    assert records[1]["actor_name"] == "jyj_reviewer"
    assert (
        records[1]["comment"] == "审核员放行个人信息（1处身份证号码），理由：依《行政处罚法》须公示"
    )
    assert ID in document(wsgi_app, submitted, lambda doc: doc.body)  # not masked


def test_a_new_number_blocks_again_after_an_override(wsgi_app, submitted, reviewer):
    post(reviewer, submitted, "checks-override", {"reason": "依法公示"})
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        doc = find_resource(zodb_root["app_root"], submitted)
        doc.body += f"<p>另一人：{ID2}，电话13812345678</p>"
    res = transition(reviewer, submitted, "approve", status=400)
    assert res.json["errors"] == [
        "发现1处身份证号码、1处手机号码，请先遮盖或由审核员填写理由后放行。"
    ]


def test_override_of_named_findings(wsgi_app, submitted, reviewer):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        doc = find_resource(zodb_root["app_root"], submitted)
        doc.body += "<p>电话13812345678</p>"
    report = reviewer.get(submitted + "@@checks", headers=JSON).json["report"]
    mobile = next(f for f in report["findings"] if f["kind"] == "mobile")
    post(reviewer, submitted, "checks-override", {"reason": "单位电话", "key": mobile["key"]})
    res = transition(reviewer, submitted, "approve", status=400)
    assert res.json["errors"] == ["发现1处身份证号码，请先遮盖或由审核员填写理由后放行。"]
    res = post(reviewer, submitted, "checks-override", {"reason": "x", "key": "nosuchkey"}, 409)
    assert res.json["errors"] == ["要放行的项目已不在稿件中，请刷新后重试。"]


def test_blocked_words_block_and_cannot_be_overridden(wsgi_app, editor, reviewer):
    path = add_document(editor, COLUMN, "会议纪要", "<p>秘密★1年</p><p>内部传阅</p>")
    transition(editor, path, "submit")
    res = transition(reviewer, path, "approve", status=400)
    assert res.json["errors"] == ["发现2处敏感词，请删除禁止发布的词语后再审核。"]
    report = reviewer.get(path + "@@checks", headers=JSON).json["report"]
    key = report["findings"][0]["key"]
    res = post(reviewer, path, "checks-override", {"reason": "已确认", "key": key}, status=400)
    assert res.json["errors"] == ["禁止发布的词语不能放行，请删除后再审核。"]
    res = post(reviewer, path, "checks-override", {"reason": "已确认"}, status=400)
    assert res.json["errors"] == ["没有需要放行的个人信息。"]
    assert state_of(reviewer, path) == "review"


def test_warnings_and_links_do_not_block(editor, reviewer):
    body = '<p>既使如此，<a href="https://www.example.com/">外部网站</a></p>'
    path = add_document(editor, COLUMN, "通知", body)
    transition(editor, path, "submit")
    report = reviewer.get(path + "@@checks", headers=JSON).json["report"]
    assert report["counts"] == {"typo": 1, "external-link": 1}
    link = next(f for f in report["findings"] if f["kind"] == "external-link")
    assert link["text"] == "https://www.example.com/" and link["severity"] == "info"
    assert transition(reviewer, path, "approve").json["state"] == "published"


def test_views_need_permission_and_csrf(wsgi_app, submitted, browser, reviewer):
    anonymous = browser()
    res = anonymous.get(submitted + "@@checks", headers=JSON, status="*")
    assert res.status_int in (302, 403, 404)
    # a POST without the CSRF token changes nothing
    reviewer.post(submitted + "@@checks-mask", {}, headers=JSON, status=400)
    assert ID in document(wsgi_app, submitted, lambda doc: doc.body)
    # another department's reviewer can neither see nor act
    other = browser("wjj_reviewer")
    assert other.get(submitted + "@@checks", headers=JSON, status="*").status_int in (403, 404)
    res = other.post(
        submitted + "@@checks-override",
        {"reason": "越权", "csrf_token": other.csrf()},
        headers=JSON,
        status="*",
    )
    assert res.status_int in (403, 404)
    assert document(wsgi_app, submitted, lambda doc: getattr(doc, "check_overrides", None)) is None


def test_html_form_posts_redirect_with_a_message(wsgi_app, submitted, reviewer):
    res = post(reviewer, submitted, "checks-mask", {"came_from": submitted}, status=303, headers={})
    assert res.location.endswith(submitted)
    body = document(wsgi_app, submitted, lambda doc: doc.body)
    assert "510123********1237" in body


def test_restore_is_guarded_and_overridable_when_archived(wsgi_app, editor, reviewer):
    path = add_document(editor, COLUMN, "旧通知", "<p>通知正文</p>")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    transition(reviewer, path, "archive")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        doc = find_resource(zodb_root["app_root"], path)
        doc.body += "<p>联系人手机13812345678</p>"
    res = transition(reviewer, path, "restore", status=400)
    assert res.json["errors"] == ["发现1处手机号码，请先遮盖或由审核员填写理由后放行。"]
    # archived: the `restore` permission is what lets a reviewer override
    post(reviewer, path, "checks-override", {"reason": "办公电话，可以公开"})
    assert transition(reviewer, path, "restore").json["state"] == "published"


def test_masking_refused_while_someone_else_holds_the_lock(wsgi_app, submitted, reviewer):
    from substanced.util import get_oid

    from govportal.bootstrap import request_as
    from govportal.locks import acquire

    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        holder = get_oid(root["principals"]["users"]["jyj_editor"])
        acquire(find_resource(root, submitted), request_as(request, holder))
    res = post(reviewer, submitted, "checks-mask", status=409)
    assert res.json["errors"][0].startswith("该稿件正由 jyj_editor 编辑（锁定至")
    assert ID in document(wsgi_app, submitted, lambda doc: doc.body)
