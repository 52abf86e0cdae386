"""Statistics per department and month, and the scorecards' 信息报送采用,
computed by hand for offers seeded around the January/February boundary in
China time (the tests run with TZ=UTC)."""

from datetime import UTC, date, datetime

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.content.containers import site_group
from govportal.schedule.runner import run_in_transaction
from govportal.scorecards.cards import cards_for
from govportal.scorecards.events import collect
from govportal.scorecards.periods import MONTH, period_of
from govportal.scorecards.views import title_of
from govportal.scorecards.weights import weights_of
from govportal.syndication.model import create_offer, transition
from govportal.syndication.stats import adoption_facts, monthly

from .helpers import publish


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def seed(wsgi_app):
    a = publish(wsgi_app, "教育局稿件甲", "syn-a")
    b = publish(wsgi_app, "教育局稿件乙", "syn-b")
    c = publish(wsgi_app, "卫健局稿件丙", "syn-c", column="/wjj/gzdt/")
    with site_session(wsgi_app.registry) as (zodb_root, base):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]

        def as_user(login):
            request = request_as(base, get_oid(users[login]))
            request.root = root
            return request

        bmdt, yw = root["bmdt"], root["yw"]
        jyj, wjj, reviewer = (
            as_user("jyj_editor"),
            as_user("wjj_editor"),
            as_user("portal_reviewer"),
        )
        offer_a, _ = create_offer(find_resource(root, a), bmdt, jyj)
        transition(offer_a, reviewer, "accept")
        offer_b, _ = create_offer(find_resource(root, b), yw, jyj)
        transition(offer_b, reviewer, "return", "请改报部门动态")
        create_offer(find_resource(root, b), yw, jyj)  # offered again
        transition(offer_b, reviewer, "accept")
        offer_c, _ = create_offer(find_resource(root, c), bmdt, wjj)
        # the times (UTC) of the steps; China is UTC+8
        times = {
            # A: offered 1 Feb 00:30 in China (31 Jan in UTC), accepted 1 Feb
            offer_a: [utc(2026, 1, 31, 16, 30), utc(2026, 2, 1, 3, 0)],
            # B: offered 31 Jan 23:59 in China, returned 1 Feb 00:01 in China,
            # offered again 2 Feb and accepted 3 Feb
            offer_b: [
                utc(2026, 1, 31, 15, 59),
                utc(2026, 1, 31, 16, 1),
                utc(2026, 2, 2, 2, 0),
                utc(2026, 2, 3, 2, 0),
            ],
            # C: offered 10 Jan, still pending
            offer_c: [utc(2026, 1, 10, 2, 0)],
        }
        for offer, whens in times.items():
            assert len(offer.history) == len(whens)
            for record, when in zip(offer.history, whens, strict=True):
                record.when = when


def test_monthly_statistics_and_adoption_by_hand(wsgi_app, browser):
    seed(wsgi_app)
    with site_session(wsgi_app.registry, commit=False) as (zodb_root, request):
        root = zodb_root["app_root"]
        rows = {k: (r.offered, r.accepted, r.returned) for k, r in monthly(root).items()}
        facts = adoption_facts(root)
    assert rows == {
        ("jyj", "2026-01"): (1, 0, 0),  # B offered on 31 Jan (China)
        ("jyj", "2026-02"): (2, 2, 1),  # A offered; B offered again; both accepted; B returned
        ("wjj", "2026-01"): (1, 0, 0),  # C offered, pending
    }
    assert sorted(facts["jyj"]) == [(date(2026, 1, 31), True), (date(2026, 2, 1), True)]
    assert facts["wjj"] == [(date(2026, 1, 10), False)]

    page = browser("portal_reviewer").get("/@@syndication-stats").text
    assert page.index("2026-02") < page.index("2026-01")  # newest month first
    assert '<td data-label="采用率">100%</td>' in page  # jyj February: 2 of 2
    assert '<td data-label="采用率">0%</td>' in page  # January: nothing accepted yet

    # scorecards, January: jyj offered B (accepted later) 1/1, wjj C 0/1;
    # February: jyj offered A 1/1 (B's re-offer is not a new offer)
    def figures(period):
        found = {}

        def job(root, request):
            sites = site_group(root)
            events = collect(root, request.registry, sites)
            weights = weights_of(request.registry)
            for card in cards_for(sites, events, None, period, weights, title_of):
                f = card.figure("syndication")
                found[card.path] = (f.value, f.total, f.rate)
            return False

        run_in_transaction(wsgi_app.registry, job, "test")
        return found

    january = figures(period_of(MONTH, date(2026, 1, 15)))
    assert january["/jyj"] == (1, 1, 1.0)
    assert january["/wjj"] == (0, 1, 0.0)
    assert january["/"] == (0, 0, None)  # the portal offered nothing: not scored
    february = figures(period_of(MONTH, date(2026, 2, 15)))
    assert february["/jyj"] == (1, 1, 1.0)
    assert february["/wjj"] == (0, 0, None)
