"""The judged evaluation set (tests/search/eval/) meets its targets: the same
check as ``make search-eval``, kept in the test suite so a change to the
query pipeline or the seed dictionary cannot lower it unnoticed."""

import importlib.util
from pathlib import Path

import pytest

SCORE = Path(__file__).parent / "eval" / "score.py"


def _score_module():
    spec = importlib.util.spec_from_file_location("search_eval_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_evaluation_set_meets_its_targets():
    score = _score_module()
    docs, queries = score.load_docs(), score.load_queries()
    if not docs or not queries:
        pytest.skip("no evaluation set")
    per_kind, failures, _timings = score.evaluate(
        docs, queries, score.seed_synonyms(), out=lambda *_a: None
    )
    overall = score.table(per_kind, out=lambda *_a: None)
    colloquial = per_kind["colloquial"]
    assert failures == []  # no-hit queries empty, every 文号 form top-1
    assert overall >= score.TARGET_OVERALL
    assert sum(colloquial) / len(colloquial) >= score.TARGET_COLLOQUIAL


def test_ndcg():
    score = _score_module()
    assert score.ndcg_at(["a", "b"], {"a": 3, "b": 1}) == 1.0
    assert score.ndcg_at(["b", "a"], {"a": 3, "b": 1}) < 1.0
    assert score.ndcg_at([], {}) == 1.0 and score.ndcg_at(["x"], {}) == 0.0
