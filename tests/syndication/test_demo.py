"""The demo's 信息报送 (govportal.demo.syndication): departments' news
accepted into the portal's 部门动态 and 要闻, one returned with a reason;
run twice, nothing is done twice."""

from govportal.bootstrap import site_session
from govportal.demo.syndication import build_syndication
from tests.public.helpers import publish_documents

from .helpers import HEADLINES, TARGET, column_titles, offers


def test_demo_offers_and_decisions(wsgi_app, testapp):
    for dept in ("jyj", "wjj"):
        specs = [{"title": f"{dept}演示工作动态{i}", "name": f"demo-{i}"} for i in range(3)]
        publish_documents(
            wsgi_app, f"/{dept}/gzdt/", specs, editor=f"{dept}_editor", reviewer=f"{dept}_reviewer"
        )
    for _run in range(2):
        with site_session(wsgi_app.registry) as (zodb_root, request):
            build_syndication(zodb_root["app_root"], request)
    states = sorted(state for _k, state, _s in offers(wsgi_app))
    # jyj: 2 to 部门动态 + 1 to 要闻; wjj: 2 to 部门动态 + 1 returned from 要闻
    assert states == ["accepted"] * 5 + ["returned"]
    department_news = column_titles(testapp, TARGET)
    assert department_news.count("演示工作动态") == 4
    headlines = column_titles(testapp, HEADLINES)
    assert headlines.count("jyj演示工作动态") == 1 and "wjj演示工作动态" not in headlines
