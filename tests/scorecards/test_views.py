"""``@@scorecards``: who sees what, the pages' content, the XLSX export."""

from io import BytesIO

from openpyxl import load_workbook


def test_county_page_for_the_site_admin(browser):
    admin = browser("admin")
    res = admin.get("/@@scorecards")
    assert "no-store" in res.headers["Cache-Control"]
    page = res.text
    assert "部门绩效评分" in page
    for title in ("门户网站（县政府办公室）", "营山县教育局", "营山县卫生健康局"):
        assert title in page
    assert "<svg" in page and "<title" in page and "<desc" in page
    assert 'scope="col"' in page and 'scope="row"' in page
    assert "信息报送采用" in page and "未启用" not in page  # syndication is enabled
    month = admin.get("/@@scorecards?period=month&at=2026-11-15").text
    assert "2026年11月" in month


def test_department_card_with_evidence_links(browser):
    admin = browser("admin")
    page = admin.get("/jyj/@@scorecards?period=month&at=2026-11-15").text
    assert "营山县教育局绩效评分：2026年11月" in page
    assert "/jyj/@@letter-stats" in page and "/jyj/@@monitoring-links" in page
    assert "最近 12 个月的得分" in page
    portal = admin.get("/@@scorecards-site").text
    assert "门户网站（县政府办公室）绩效评分" in portal


def test_bad_period_is_refused(browser):
    admin = browser("admin")
    admin.get("/@@scorecards?period=year", status=400)
    admin.get("/@@scorecards?at=2026-13-01", status=400)


def test_anonymous_is_sent_to_sign_in(testapp):
    for url in ("/@@scorecards", "/jyj/@@scorecards", "/@@scorecards.xlsx"):
        res = testapp.get(url, status=302)
        assert "login" in res.location


def test_department_editor_sees_own_department_only(browser):
    editor = browser("jyj_editor")
    res = editor.get("/@@scorecards?period=month&at=2026-11-01", status=302)
    assert "/jyj/@@scorecards" in res.location and "period=month" in res.location
    page = editor.get("/jyj/@@scorecards").text
    assert "营山县教育局" in page
    editor.get("/wjj/@@scorecards", status=403)
    editor.get("/@@scorecards-site", status=403)
    book = load_workbook(BytesIO(editor.get("/@@scorecards.xlsx").body))
    names = [row[1] for row in book.active.iter_rows(min_row=3, values_only=True)]
    assert names == ["营山县教育局"]


def test_xlsx_opens_with_every_site(browser):
    admin = browser("admin")
    res = admin.get("/@@scorecards.xlsx?period=month&at=2026-11-01")
    assert res.content_type.startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(res.body)).active
    assert "2026年11月" in sheet["A1"].value
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["排名", "网站", "得分"] and "信息报送采用" in header
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "门户网站（县政府办公室）" in names and "营山县教育局" in names


def test_linked_from_the_monitoring_overview(browser):
    admin = browser("admin")
    overview = admin.get("/@@monitoring").text
    assert "绩效评分" in overview and "第 1 名" in overview
    dashboard = admin.get("/jyj/@@monitoring").text
    assert "部门绩效评分" in dashboard and "/jyj/@@scorecards" in dashboard


def test_xlsx_has_the_pages_figures(browser):
    admin = browser("admin")
    page = admin.get("/jyj/@@scorecards?period=month&at=2026-12-01").text
    sheet = load_workbook(
        BytesIO(admin.get("/@@scorecards.xlsx?period=month&at=2026-12-01").body)
    ).active
    header = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == "营山县教育局")
    for title, value in zip(header[3:], row[3:], strict=True):
        assert (
            f'<th scope="row">{title}</th>\n            <td data-label="数值">{value}</td>' in page
        )
    score = row[2]
    assert f"<strong>{float(score) if score != '—' else '无得分'}</strong>" in page


def test_overview_reads_the_facts_once_in_a_while(browser, monkeypatch):
    """The overview's score line reuses this week's cards for a few minutes:
    reading every site's facts is too slow for each view of the overview."""
    from govportal import scorecards
    from govportal.scorecards import views

    reads = []
    real = views.collect

    def counting(*args, **kw):
        reads.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(views, "collect", counting)
    admin = browser("admin")
    assert "第 1 名" in admin.get("/@@monitoring").text
    assert "第 1 名" in admin.get("/@@monitoring").text
    assert len(reads) == 1
    monkeypatch.setattr(scorecards, "OVERVIEW_SECONDS", 0)
    admin.app.app.registry.govportal_scorecards_overview.clear()
    admin.get("/@@monitoring")
    assert len(reads) == 2
    # the scorecard pages themselves compute live
    admin.get("/@@scorecards")
    assert len(reads) == 3
