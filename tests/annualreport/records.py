"""A seeded year of application records (2025) and the table expected of it.

The expectations below were counted by hand from :data:`SEEDED`, row by row:
each record's comment says where it lands in the 2025 table.
"""

from datetime import date

from govportal.annualreport import ApplicationRecord as R

D = date

SEEDED = [
    # -- received in 2024, still open on 1 January 2025: 二 上年结转 --------------
    R("person", D(2024, 12, 10), "disclose", D(2025, 1, 8), "A1"),  # 二, 三 disclose
    R("person", D(2024, 12, 20), "withhold_third_party", D(2025, 1, 20), "A2"),  # 二, 三
    R("org_legal", D(2024, 12, 30), "partial", D(2025, 2, 3), "A3"),  # 二, 三 partial
    R("org_business", D(2024, 12, 31), None, None, "A4"),  # 二, 四 (open two years)
    # -- received and decided in 2024: in no row of 2025 --------------------------
    R("person", D(2024, 3, 1), "disclose", D(2024, 3, 20), "B1"),
    R("org_research", D(2024, 6, 1), "unable_not_held", D(2024, 12, 31), "B2"),
    # -- received in 2025 and decided in 2025: 一 and 三 ---------------------------
    R("person", D(2025, 1, 2), "disclose", D(2025, 1, 2), "C1"),
    R("person", D(2025, 2, 10), "disclose", D(2025, 3, 1), "C2"),
    R("person", D(2025, 3, 5), "partial", D(2025, 3, 30), "C3"),
    R("person", D(2025, 4, 1), "withhold_state_secret", D(2025, 4, 20), "C4"),
    R("person", D(2025, 5, 6), "unable_not_held", D(2025, 5, 30), "C5"),
    R("person", D(2025, 6, 1), "reject_repeat", D(2025, 6, 10), "C6"),
    R("person", D(2025, 7, 1), "other_no_supplement", D(2025, 8, 1), "C7"),
    R("org_business", D(2025, 3, 3), "disclose", D(2025, 3, 25), "C8"),
    R("org_business", D(2025, 9, 9), "withhold_process", D(2025, 10, 9), "C9"),
    R("org_research", D(2025, 4, 4), "unable_needs_making", D(2025, 4, 30), "C10"),
    R("org_charity", D(2025, 8, 8), "reject_petition", D(2025, 8, 12), "C11"),
    R("org_legal", D(2025, 10, 10), "other_no_fee", D(2025, 11, 20), "C12"),
    R("org_other", D(2025, 11, 11), "other", D(2025, 12, 31), "C13"),
    # -- received in 2025, open on 31 December 2025: 一 and 四 ---------------------
    R("person", D(2025, 12, 15), None, None, "D1"),
    R("person", D(2025, 12, 20), "disclose", D(2026, 1, 6), "D2"),  # decided next year
    R("org_charity", D(2025, 12, 31), None, None, "D3"),
    # -- received in 2026: in no row of 2025 --------------------------------------
    R("person", D(2026, 1, 5), None, None, "E1"),
]

#: column order: person, business, research, charity, legal, other, total
EXPECTED = {
    "new": [9, 2, 1, 2, 1, 1, 16],
    "carried_in": [2, 1, 0, 0, 1, 0, 4],
    "results_total": [9, 2, 1, 1, 2, 1, 16],
    "carried_out": [2, 1, 0, 1, 0, 0, 4],
    "results": {
        "disclose": [3, 1, 0, 0, 0, 0, 4],
        "partial": [1, 0, 0, 0, 1, 0, 2],
        "withhold_state_secret": [1, 0, 0, 0, 0, 0, 1],
        "withhold_third_party": [1, 0, 0, 0, 0, 0, 1],
        "withhold_process": [0, 1, 0, 0, 0, 0, 1],
        "unable_not_held": [1, 0, 0, 0, 0, 0, 1],
        "unable_needs_making": [0, 0, 1, 0, 0, 0, 1],
        "reject_petition": [0, 0, 0, 1, 0, 0, 1],
        "reject_repeat": [1, 0, 0, 0, 0, 0, 1],
        "other_no_supplement": [1, 0, 0, 0, 0, 0, 1],
        "other_no_fee": [0, 0, 0, 0, 1, 0, 1],
        "other": [0, 0, 0, 0, 0, 1, 1],
    },
}
