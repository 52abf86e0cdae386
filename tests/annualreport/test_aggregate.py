"""Table 三 counted from a seeded year of records, against hand counts."""

from datetime import date

import pytest

from govportal.annualreport import ApplicationRecord, InconsistentTable, aggregate
from govportal.annualreport.official import COLUMNS, OUTCOMES

from .records import EXPECTED, SEEDED


def row(counts):
    return [counts[c] for c in COLUMNS]


def test_seeded_year_matches_hand_counts():
    table = aggregate(SEEDED, 2025)
    assert row(table.new) == EXPECTED["new"]
    assert row(table.carried_in) == EXPECTED["carried_in"]
    assert row(table.results_total) == EXPECTED["results_total"]
    assert row(table.carried_out) == EXPECTED["carried_out"]
    for code in OUTCOMES:
        assert row(table.results[code]) == EXPECTED["results"].get(code, [0] * 7), code
    assert table.problems == []
    assert table.mismatches == []
    assert table.consistent
    assert table.check() is table


def test_carried_over_equals_previous_years_carried_forward():
    assert row(aggregate(SEEDED, 2024).carried_out) == row(aggregate(SEEDED, 2025).carried_in)
    # and the open 2025 items are next year's carried-over ones
    assert row(aggregate(SEEDED, 2026).carried_in) == EXPECTED["carried_out"]


def test_every_year_balances_per_column():
    for year in (2023, 2024, 2025, 2026):
        table = aggregate(SEEDED, year)
        for column in COLUMNS:
            assert (
                table.new[column] + table.carried_in[column]
                == table.results_total[column] + table.carried_out[column]
            )


def test_decision_before_receipt_fails_the_check():
    # decided in 2025 but received in 2026: counted in 三 and in no row of 一/二
    bad = ApplicationRecord("org_research", date(2026, 1, 3), "disclose", date(2025, 12, 30), "X1")
    table = aggregate([*SEEDED, bad], 2025)
    assert not table.consistent
    columns = {m.column for m in table.mismatches}
    assert columns == {"org_research", "total"}
    mismatch = next(m for m in table.mismatches if m.column == "org_research")
    assert (mismatch.new, mismatch.carried_in, mismatch.results, mismatch.carried_out) == (
        1,
        0,
        2,
        0,
    )
    assert "科研机构" in str(mismatch) and "两者不相等" in str(mismatch)
    assert any("X1" in e and "早于收到申请日期" in e for e in table.errors)
    with pytest.raises(InconsistentTable) as info:
        table.check()
    assert "科研机构" in str(info.value)
    assert info.value.problems and info.value.mismatches


def test_record_problems_are_reported_not_hidden():
    records = [
        ApplicationRecord("robot", date(2025, 3, 1), None, None, "P1"),
        ApplicationRecord("person", date(2025, 3, 1), "made_up", date(2025, 3, 9), "P2"),
        ApplicationRecord("person", date(2025, 3, 1), None, date(2025, 3, 9), "P3"),
        ApplicationRecord("person", date(2025, 3, 1), "disclose", None, "P4"),
    ]
    table = aggregate(records, 2025)
    text = "\n".join(table.errors)
    assert "P1" in text and "申请人类型“robot”" in text
    assert "P2" in text and "办理结果“made_up”" in text
    assert "P3" in text and "没有记录办理结果" in text
    assert "P4" in text and "没有办结日期" in text
    # P2 and P3 were decided without a countable outcome: the person column fails
    assert {m.column for m in table.mismatches} == {"person", "total"}
    # the unknown applicant type cannot be counted in any column
    assert table.new["total"] == 3


def test_records_of_other_years_raise_no_problems():
    old = ApplicationRecord("person", date(2020, 3, 1), None, date(2020, 3, 9), "OLD")
    assert aggregate([old], 2025).consistent
    assert not aggregate([old], 2020).consistent
