"""Scoring and ranking from hand-made facts: every figure kind, ties, the
figures without data left out of the score."""

from datetime import date
from types import SimpleNamespace

import yaml

from govportal.scorecards import weights
from govportal.scorecards.cards import cards_for, rank, score_of
from govportal.scorecards.events import SiteEvents
from govportal.scorecards.periods import MONTH, WEEK, period_of

APRIL = period_of(MONTH, date(2026, 4, 15))


def _weights():
    with open(weights.DEFAULT_FILE, encoding="utf-8") as stream:
        return weights.parse(yaml.safe_load(stream))


def _site(name):
    parent = None if name == "" else object()
    return SimpleNamespace(__name__=name, __parent__=parent, title=name or "portal")


def test_every_figure_kind_by_hand():
    events = {
        "/a": SiteEvents(
            published=[date(2026, 4, d) for d in range(1, 31)] + [date(2026, 5, 1)],
            disclosure=[(date(2026, 4, 2), True), (date(2026, 4, 3), False)],
            applications=[(date(2026, 4, 9), True), (date(2026, 3, 31), False)],
            letters=[(date(2026, 4, 30), False)],
            cases=[(date(2026, 4, 1), True)] * 3 + [(date(2026, 4, 2), False)],
            overrides=[date(2026, 4, 5)] * 20,
        ),
        "/": SiteEvents(),
    }
    snapshot = {"sites": {"/a": {"stale": 10, "empty": 0, "broken": None}}}
    sites = [_site(""), _site("a")]
    cards = {
        c.path: c for c in cards_for(sites, events, snapshot, APRIL, _weights(), lambda s: s.title)
    }
    a = cards["/a"]
    texts = {f.key: f.text for f in a.figures}
    assert texts == {
        "published": "30",
        "stale_columns": "10",
        "empty_columns": "0",
        "disclosure_on_time": "1/2",
        "applications_on_time": "1/1",
        "letters_on_time": "0/1",
        "cases_on_time": "3/4",
        "broken_links": "未检查",
        "check_overrides": "20",
        "syndication": "本期无",
    }
    # published min(1, 30/20) × 20 = 20; stale max(0, 1 − 10/5) × 15 = 0;
    # empty 1 × 10 = 10; disclosure ½ × 10 = 5; applications 1 × 10 = 10;
    # letters 0 × 10 = 0; 办件 ¾ × 10 = 7.5; overrides max(0, 1 − 20/10) × 5 = 0;
    # broken links (未检查) and syndication (本期无: nothing offered) left out:
    # 52.5 / 90 × 100 = 58.33 → 58.3
    assert a.score == 58.3
    # the portal: nothing at all but overrides 0 → 1 × 5; published 0 × 20;
    # no snapshot for it: 5 / 25 × 100 = 20.0
    assert cards["/"].score == 20.0
    assert cards["/"].figure("stale_columns").text == "无快照"
    assert (a.rank, cards["/"].rank) == (1, 2)


def test_week_targets_and_no_scored_figure():
    week = period_of(WEEK, date(2026, 4, 15))
    events = {"/": SiteEvents(published=[date(2026, 4, 13)] * 5)}
    card = cards_for([_site("")], events, None, week, _weights(), lambda s: "p")[0]
    assert card.figure("published").rate == 1.0  # 5 of a week's target of 5
    assert score_of([], _weights()) is None


def test_equal_scores_share_a_rank_and_no_score_comes_last():
    cards = [SimpleNamespace(score=s, rank=None) for s in (70.0, None, 90.0, 70.0, 50.0)]
    ordered = rank(cards)
    assert [(c.score, c.rank) for c in ordered] == [
        (90.0, 1),
        (70.0, 2),
        (70.0, 2),
        (50.0, 4),
        (None, None),
    ]
