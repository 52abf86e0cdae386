def test_portal_home_is_public(testapp):
    res = testapp.get("/")
    assert res.status_int == 200
    assert "营山县人民政府" in res.text


def test_editor_signs_in_and_works_outside_the_sdi(browser):
    """An editor signs in at /@@login and writes in the workspace; the SDI
    (the system administrator's only) answers 403 in Chinese."""
    b = browser("jyj_editor")
    res = b.get("/jyj/gzdt/@@ws-add", status=200)
    assert "工作动态" in res.text or "gzdt" in res.text
    res = b.get("/manage/jyj/gzdt/@@contents", status=403)
    assert "管理界面仅供系统管理员使用" in res.text


def test_system_administrator_reaches_the_sdi(browser):
    b = browser("sysadmin")
    res = b.get("/manage/jyj/gzdt/@@contents", status=200)
    assert "工作动态" in res.text or "gzdt" in res.text
