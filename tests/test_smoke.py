def test_portal_home_is_public(testapp):
    res = testapp.get("/")
    assert res.status_int == 200
    assert "营山县人民政府" in res.text


def test_login_through_sdi_form(browser):
    b = browser("jyj_editor")
    res = b.get("/manage/jyj/gzdt/@@contents", status=200)
    assert "工作动态" in res.text or "gzdt" in res.text
