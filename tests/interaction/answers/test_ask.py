"""智能问答: colloquial questions find the right entry and the demo's guide;
a question about something the site does not hold answers nothing and offers
the 咨询 form with the text kept; the JSON API and its errors; suggestions."""

from urllib.parse import parse_qs, urlparse

from govportal.interaction.answers import counts

from ...conftest import read_root

ASK = "/@@ask"


def ask_json(app, q, site="", status=200):
    return app.get(f"{site}/@@ask.json", {"q": q}, status=status).json


def test_colloquial_question_finds_entry_and_guide(testapp):
    data = ask_json(testapp, "我家孩子今年上小学，怎么报名？")
    assert data["found"] is True
    assert data["entries"][0]["title"] == "孩子上小学怎么报名？"
    assert "户口簿" in data["entries"][0]["answer_html"]
    guides = [g["title"] for g in data["guides"]]
    assert guides[0] == "义务教育阶段适龄儿童少年入学登记"
    assert data["entries"][0]["url"].endswith("/jyj/hdjl/zswd/xsrx/")


def test_other_wording_and_keyword_query(testapp):
    data = ask_json(testapp, "社保卡坏了怎么换")
    assert data["entries"][0]["title"] == "社保卡丢了怎么补办？"
    data = ask_json(testapp, "开饭店")
    assert data["entries"][0]["title"] == "开饭店要办什么证？"
    assert data["guides"][0]["title"] == "企业开办“一件事”"


def test_department_page_puts_its_own_first(testapp):
    data = ask_json(testapp, "开公司要办哪些手续", site="/zwfwj")
    assert data["entries"][0]["title"] == "开公司要办哪些手续？"


def test_no_hit_answers_nothing_and_offers_a_consult_letter(testapp):
    q = "火星移民签证怎么办理"
    data = ask_json(testapp, q)
    assert data["found"] is False
    assert data["entries"] == data["guides"] == data["documents"] == []
    url = urlparse(data["consult_url"])
    assert url.path.endswith("/@@write")
    assert parse_qs(url.query) == {"channel": ["consult"], "body": [q]}
    page = testapp.get(ASK, {"q": q})
    assert "没有找到与您的问题相符的答案" in page.text
    assert "channel=consult" in page.text and "转为咨询" in page.text


def test_json_errors(testapp, wsgi_app):
    res = testapp.get("/@@ask.json", status=400)
    assert res.content_type == "application/json" and "q" in res.json["error"]
    res = testapp.get("/@@ask.json", {"q": "   "}, status=400)
    assert res.json["error"]
    wsgi_app.registry.settings["govportal.interaction.ask_rate"] = "2/600"
    wsgi_app.registry.__dict__.pop("govportal_answers_limiters", None)
    ask_json(testapp, "社保卡")
    ask_json(testapp, "社保卡")
    res = testapp.get("/@@ask.json", {"q": "社保卡"}, status=429)
    assert res.json["error"] == "提问过于频繁，请稍后再试。"
    assert testapp.get(ASK, {"q": "社保卡"}, status=429).status_int == 429


def test_suggestions_while_typing(testapp):
    data = testapp.get("/@@ask-suggest.json", {"q": "社保"}).json
    labels = [s["label"] for s in data["suggestions"]]
    assert labels and labels[0].startswith("社保卡")
    assert data["suggestions"][0]["question"] == "社保卡丢了怎么补办？"
    assert testapp.get("/@@ask-suggest.json", {"q": ""}).json["suggestions"] == []
    page = testapp.get(ASK)
    assert 'role="combobox"' in page.text and 'aria-expanded="false"' in page.text
    assert 'role="listbox"' in page.text and "热门问题" in page.text


def test_unanswered_questions_are_logged_for_editors(testapp, wsgi_app, browser):
    ask_json(testapp, "火星移民签证怎么办理，电话13812345678")
    ask_json(testapp, "火星移民签证怎么办理，电话13812345678")
    ask_json(testapp, "社保卡怎么补办")  # answered: not a gap
    from govportal.bootstrap import site_session

    with site_session(wsgi_app.registry) as (zodb_root, request):
        import transaction

        counts.flush(zodb_root["app_root"], wsgi_app.registry)
        transaction.commit()
    gaps = read_root(wsgi_app, lambda root: counts.gaps_of(root, ""))
    assert len(gaps) == 1 and gaps[0][2] == 2
    assert "13812345678" not in gaps[0][1]
    editor = browser("portal_editor")
    page = editor.get("/@@ask-gaps")
    assert "火星移民签证" in page.text and "据此新建条目" in page.text
    testapp.get("/@@ask-gaps", status=302)  # anonymous: to the login
    browser("jyj_editor").get("/@@ask-gaps", status=403)
    # 移除: once; the same form posted again (a replay) drops nothing else
    drop = next(f for f in page.forms.values() if f.action.endswith("/@@ask-gaps-drop"))
    jyj = browser("jyj_editor")
    fields = dict(drop.submit_fields(), csrf_token=jyj.csrf("/@@workspace"))
    jyj.post(drop.action, fields, status=403)
    assert len(read_root(wsgi_app, lambda root: counts.gaps_of(root, ""))) == 1
    drop.submit(status=303)
    assert read_root(wsgi_app, lambda root: counts.gaps_of(root, "")) == []
    assert "火星移民签证" not in editor.get("/@@ask-gaps").text
    drop.submit(status=303)


def test_knowledge_column_page_is_the_ask_page_with_its_entries(testapp):
    page = testapp.get("/rsj/hdjl/zswd/")
    assert 'role="combobox"' in page.text and 'id="kb-listing"' in page.text
    assert "社保卡丢了怎么补办？" in page.text
    assert 'action="http://localhost/rsj/@@ask"' in page.text
