"""The dashboard's 防篡改 panel and the county overview's summary line."""

from govportal.bootstrap import site_session
from govportal.monitoring.tamper.book import get_book
from govportal.monitoring.tamper.views import panel, summary
from govportal.schedule.runner import run_in_transaction
from tests.concurrency.helpers import quiet_server

from .helpers import (
    FakedPath,
    hack_body,
    open_tamper_alarms,
    published_document,
    served,
    sweep_once,
)

pytestmark = quiet_server


def _show(app):
    with site_session(app.registry, commit=False) as (zroot, request):
        root = zroot["app_root"]
        request.root = root
        site = root["jyj"]
        return panel(site, request), summary(site, request), summary(root["wjj"], request)


def _give_up(root, request):
    get_book(root).pending.clear()
    return True


def test_panel_and_summary(app):
    path = published_document(app)
    with served(app):
        sweep_once(app)
        html, jyj, wjj = _show(app)
        assert "已建立基线：1 项" in html and "未发现篡改" in html
        assert (jyj.level, jyj.value) == ("ok", "1 项正常")

        hack_body(app, path)
        # the page cannot be fetched: no restore can be confirmed yet
        real = app.registry.govportal_tamper_fetcher
        app.registry.govportal_tamper_fetcher = FakedPath(real, path, (503, b""))
        sweep_once(app)
        html, jyj, wjj = _show(app)
        # the restore is given up on (MAX_TRIES rounds unseen), the page comes back:
        # the next sweep sees it as approved and clears the alarm
        app.registry.govportal_tamper_fetcher = real
        run_in_transaction(app.registry, _give_up, "test: give up")
        sweep_once(app)
        assert open_tamper_alarms(app) == []
    assert "网页被篡改" in html and "本站已被黑客攻破" in html  # the diff is shown
    assert jyj.level == "veto" and jyj.value == "1 处篡改"
    assert wjj.level == "ok"  # another department's line is not touched
