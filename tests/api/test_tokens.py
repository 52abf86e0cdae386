"""Partner tokens: /@@api-tokens (manage_api only, CSRF, once per form),
reading with a token (its sites and kinds only), revocation, expiry, audit."""

import re
from datetime import timedelta

from govportal.bootstrap import site_session
from tests.conftest import csrf_token, read_root

from .conftest import PUBLIC, every_item

PAGE = "/@@api-tokens"
TOKEN = re.compile(r'value="(gpapi_[0-9a-f]+_[0-9a-f]+)"')


def audit_actions(app):
    with app.registry.govportal_audit.reading() as log:
        return [e.data["action"] for e in log.entries.values()]


def token_form(client, sites=("jyj",), kinds=("documents",), name="市门户", days="30"):
    page = client.get(PAGE)
    form = page.forms["api-token-form"]
    form["name"] = name
    form["partner"] = "南充市人民政府门户网站"
    form["days"] = days
    for box in form.fields["sites"]:
        box.checked = box._value in sites
    for box in form.fields["kinds"]:
        box.checked = box._value in kinds
    return form


def stored_tokens(app):
    from govportal.api import tokens

    return read_root(app, lambda root: [(t.id, t.digest, t.sites) for t in tokens.all_tokens(root)])


def test_who_may_manage_tokens(anon, staff):
    res = anon.get(PAGE, status="*")
    assert res.status_int in (302, 303, 404)
    for login in ("jyj_editor", "portal_editor", "portal_reviewer", "auditor"):
        assert staff(login).get(PAGE, status="*").status_int == 403, login
    page = staff("admin").get(PAGE)
    assert "数据接口访问令牌" in page.text
    assert "no-store" in page.headers["Cache-Control"]


def test_create_shows_once_stores_hash_replay_makes_one(api_app, staff):
    admin = staff("admin")
    form = token_form(admin)
    res = form.submit()
    (plain,) = TOKEN.findall(res.text)
    (stored,) = stored_tokens(api_app)
    assert plain not in repr(stored) and stored[2] == ("jyj",)
    # shown once: the list page does not show it again
    assert plain not in admin.get(PAGE).text
    # the same POST again (a refresh): the same token, still one record
    again = form.submit()
    assert TOKEN.findall(again.text) == [plain]
    assert len(stored_tokens(api_app)) == 1
    assert audit_actions(api_app).count("api.token_created") == 1


def test_forged_and_unauthorised_posts_are_refused(api_app, anon, staff):
    admin = staff("admin")
    form = token_form(admin)
    fields = dict(form.submit_fields())
    fields.pop("csrf_token")
    assert admin.post(PAGE, fields, status="*").status_int in (400, 403)
    editor = staff("jyj_editor")
    fields["csrf_token"] = editor.csrf()
    assert editor.post(PAGE, fields, status="*").status_int == 403
    assert anon.post(PAGE, fields, status="*").status_int in (302, 303, 400, 403, 404)
    assert stored_tokens(api_app) == []


def test_invalid_form_creates_nothing(api_app, staff):
    admin = staff("admin")
    res = token_form(admin, sites=(), kinds=()).submit()
    assert "请至少选择一个站点" in res.text and not TOKEN.findall(res.text)
    assert stored_tokens(api_app) == []


def _create(staff, **kw):
    return TOKEN.findall(token_form(staff("admin"), **kw).submit().text)[0]


def test_token_reads_its_grant_only(anon, staff, seeded, api_app):
    plain = _create(staff, sites=("jyj",), kinds=("documents", "columns"))
    auth = {"Authorization": f"Bearer {plain}"}
    items = every_item(anon, "/api/v1/documents?size=100", headers=auth)
    assert items and {i["site"] for i in items} == {"jyj"}
    anonymous = every_item(anon, "/api/v1/documents?site=jyj&size=100")
    assert [i["id"] for i in items] == [i["id"] for i in anonymous]  # never more
    res = anon.get("/api/v1/documents?size=5", headers=auth)
    assert "no-store" in res.headers["Cache-Control"]
    assert anon.get(
        "/api/v1/documents?size=5",
        headers=dict(auth, **{"If-None-Match": res.headers["ETag"]}),
        status=304,
    )
    # another site, another kind: 403 JSON
    assert anon.get("/api/v1/documents?site=portal", headers=auth, status=403).json["error"]
    assert anon.get("/api/v1/sites/portal/columns", headers=auth, status=403)
    anon.get("/api/v1/sites/jyj/columns", headers=auth)
    portal_doc = next(
        i for i in every_item(anon, "/api/v1/documents?site=portal&size=100") if i["api_url"]
    )
    anon.get(portal_doc["api_url"][len(PUBLIC) :], headers=auth, status=403)
    anon.get("/api/v1/guides", headers=auth, status=403)
    anon.get("/api/v1/letters", headers=auth, status=403)
    # a draft is no more visible with a token
    drafts = {PUBLIC + p for p in seeded["drafts"]}
    assert not drafts & {i["url"] for i in items}
    # last use recorded in the monitor database, shown on the page
    assert "从未使用" not in staff("admin").get(PAGE).text


def test_reading_with_a_token_never_writes_the_content_database(anon, staff, api_app):
    plain = _create(staff, kinds=("documents", "sites"))
    auth = {"Authorization": f"Bearer {plain}"}
    content = api_app.registry._zodb_databases[""]
    before = content.lastTransaction()
    for _i in range(5):
        anon.get("/api/v1/documents", headers=auth)
        anon.get("/api/v1/sites", headers=auth)
    assert content.lastTransaction() == before
    from govportal.api import tokens

    used = read_root(api_app, lambda root: tokens.last_used(root, plain.split("_")[1]))
    assert used is not None  # in the monitor database


def test_bad_revoked_and_expired_tokens_401(anon, staff, api_app):
    plain = _create(staff)
    auth = {"Authorization": f"Bearer {plain}"}
    anon.get("/api/v1/documents", headers=auth)
    for bad in ("Bearer gpapi_0_0", "Bearer " + plain[:-1] + "x", "Basic abc"):
        res = anon.get("/api/v1/documents", headers={"Authorization": bad}, status=401)
        assert res.headers["WWW-Authenticate"].startswith("Bearer")
    # revoke through the page
    admin = staff("admin")
    page = admin.get(PAGE)
    token_id = plain.split("_")[1]
    admin.post(
        "/@@api-tokens-revoke", {"token": token_id, "csrf_token": csrf_token(page.text)}, status=303
    )
    anon.get("/api/v1/documents", headers=auth, status=401)
    assert "已吊销" in admin.get(PAGE).text
    assert "api.token_revoked" in audit_actions(api_app)
    # expiry
    second = _create(staff, name="第二个")
    with site_session(api_app.registry) as (zroot, _request):
        from govportal.api import tokens

        record = tokens.find(zroot["app_root"], second.split("_")[1])
        record.expires = record.created - timedelta(seconds=1)
    anon.get("/api/v1/documents", headers={"Authorization": f"Bearer {second}"}, status=401)
