"""A seeded month computed by hand: in March 2024 (no demo data then), jyj
publishes 2 items (on the 1st and the 31st), answers 2 letters (one late),
had 2 stale and 1 empty columns and 4 broken links in the month's snapshot; the figures, the score
from etc/scorecard-weights.yaml and the ranking are worked out by hand."""

from datetime import UTC, date, datetime

from substanced.util import find_catalog, find_objectmap

from govportal.catalog import CATALOG_NAME
from govportal.checks.overrides import OverrideRecord
from govportal.content import site_group
from govportal.disclosure.timeliness import documents_of
from govportal.interaction.letters.queries import letters_of
from govportal.monitoring.freshness.compute import published_dates
from govportal.schedule.runner import run_in_transaction
from govportal.scorecards.cards import cards_for
from govportal.scorecards.events import collect
from govportal.scorecards.periods import MONTH, WEEK, period_of
from govportal.scorecards.snapshots import scorecard_section
from govportal.scorecards.views import title_of
from govportal.scorecards.weights import weights_of

MARCH = period_of(MONTH, date(2024, 3, 10))


def _published_items(root, registry, site_name):
    """Every listed item of department ``site_name`` (as update monitoring reads them)."""
    objectmap = find_objectmap(root)
    found = []
    for oid in published_dates(root, registry):
        path = objectmap.path_for(oid)
        if path is not None and len(path) > 2 and path[1] == site_name:
            found.append(objectmap.object_for(oid))
    return found


def seed(root, request):
    registry = request.registry
    jyj = root["jyj"]
    gov = find_catalog(root, CATALOG_NAME)
    items = _published_items(root, registry, "jyj")
    assert len(items) >= 2, "the demo's jyj needs two published items"
    # the month's first and last day (site dates); the others in April
    days = [date(2024, 3, 1), date(2024, 3, 31)] + [date(2024, 4, 1)] * (len(items) - 2)
    for item, day in zip(items, days, strict=True):
        item.publish_date = day
        gov.reindex_resource(item)
    letters = list(letters_of(jyj))
    assert len(letters) >= 2, "the demo's jyj needs two letters"
    letters[0].answered_on, letters[0].on_time = date(2024, 3, 5), True
    letters[1].answered_on, letters[1].on_time = date(2024, 3, 29), False
    for letter in letters[2:]:
        if letter.answered_on is not None and letter.answered_on in MARCH:
            letter.answered_on = date(2024, 4, 2)
    documents = documents_of(root, deep=False)
    assert documents, "the demo's portal needs a document"
    # a reviewer let a finding through on 10 March at 23:30 China time
    when = datetime(2024, 3, 10, 15, 30, tzinfo=UTC)
    record = OverrideRecord("1", "审核人", "依法须公开", ["k"], [("id", "5113***", "正文")], when)
    documents[0].check_overrides = [*getattr(documents[0], "check_overrides", ()), record]
    store = scorecard_section(root)
    store.snapshots[(MONTH, MARCH.key)] = {
        "taken": None,
        "period": MARCH.key,
        "sites": {"/jyj": {"stale": 2, "empty": 1, "broken": 4}},
    }
    return True


def cards_of(wsgi_app, period):
    found = {}

    def job(root, request):
        sites = site_group(root)
        events = collect(root, request.registry, sites)
        store = scorecard_section(root)
        snapshot = store.snapshots.get((period.kind, period.key))
        weights = weights_of(request.registry)
        for card in cards_for(sites, events, snapshot, period, weights, title_of):
            found[card.path] = card
        return False

    run_in_transaction(wsgi_app.registry, job, "test")
    return found


def test_a_seeded_month_by_hand(wsgi_app, browser):
    run_in_transaction(wsgi_app.registry, seed, "seed")
    cards = cards_of(wsgi_app, MARCH)
    jyj = cards["/jyj"]
    values = {f.key: (f.value, f.total) for f in jyj.figures}
    assert values == {
        "published": (2, None),
        "stale_columns": (2, None),
        "empty_columns": (1, None),
        "disclosure_on_time": (0, 0),
        "applications_on_time": (0, 0),
        "letters_on_time": (1, 2),
        "cases_on_time": (0, 0),
        "broken_links": (4, None),
        "check_overrides": (0, None),
        "syndication": (0, 0),
    }
    assert jyj.figure("syndication").text == "本期无"
    # by hand: published 2/20 × 20 = 2; stale (1 − 2/5) × 15 = 9; empty
    # (1 − 1/3) × 10 = 6.667; letters 1/2 × 10 = 5; broken (1 − 4/20) × 10 = 8;
    # overrides 1 × 5 = 5; disclosure, applications, 办件 (nothing due) and
    # syndication (本期无: nothing offered) left out: 35.667 / 70 × 100 = 50.95 → 51.0
    assert jyj.score == 51.0
    # a site with nothing in March: published 0 × 20, overrides 1 × 5, the
    # snapshot missing for it (无快照): 5 / 25 × 100 = 20.0
    wjj = cards["/wjj"]
    assert wjj.figure("stale_columns").text == "无快照"
    assert wjj.score == 20.0
    assert jyj.rank == 1 and wjj.rank == 2
    # the portal's reviewer let a finding through on 10 March (23:30 in China):
    # overrides (1 − 1/10) × 5 = 4.5, published 0: 4.5 / 25 × 100 = 18.0
    portal = cards["/"]
    assert portal.figure("check_overrides").value == 1
    if portal.figure("letters_on_time").total == 0:
        assert portal.score == 18.0 and portal.rank == len(cards)
    assert all(c.rank == 2 for p, c in cards.items() if p != "/jyj" and c.score == 20.0)
    # the page and the workbook say the same
    admin = browser("admin")
    page = admin.get("/jyj/@@scorecards?period=month&at=2024-03-15").text
    assert "<strong>51.0</strong>" in page and "排名第 1" in page
    assert "1/2" in page and "本期无" in page
    # the week of 4–10 March holds the letter answered on 5 March only
    week = cards_of(wsgi_app, period_of(WEEK, date(2024, 3, 5)))["/jyj"]
    assert (week.figure("letters_on_time").value, week.figure("letters_on_time").total) == (1, 1)
    assert week.figure("stale_columns").text == "无快照"
