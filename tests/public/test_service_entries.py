"""The 依申请公开 column of every site leads to its application form and
status page; the pages it links to answer."""

import pytest


@pytest.mark.parametrize("site", ["", "/jyj", "/wjj"])
def test_application_column_links_to_form_and_tracking(testapp, site):
    page = testapp.get(f"{site}/ysqgk/")
    links = {a.get("href") for a in page.html.select(".service-entries a")}
    assert links == {f"http://localhost{site}/@@apply", f"http://localhost{site}/@@track"}
    for link in links:
        assert testapp.get(link).status_int == 200


def test_other_columns_have_no_entries(testapp):
    assert not testapp.get("/xxgkzn/").html.select(".service-entries")
    assert not testapp.get("/jyj/gzdt/").html.select(".service-entries")
