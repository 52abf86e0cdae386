"""Seeding and form helpers for the 政府网站工作年度报表 tests."""

from datetime import UTC, date, datetime

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.interaction.letters.model import Letter
from govportal.interaction.letters.model import find_box as letter_box
from govportal.services.cases import ServiceCase, find_case_box
from govportal.sitereport.official import SECTIONS
from govportal.sitereport.schema import OVERRIDE, REASON

from ..conftest import csrf_token, read_root


def utc(*args):
    return datetime(*args, tzinfo=UTC)


#: (name, received_on, answered_on, published_at, submitted_at) of 教育局's letters
LETTERS = (
    ("L1", date(2025, 3, 1), date(2025, 3, 11), utc(2025, 3, 12, 2), None),
    ("L2", date(2025, 12, 20), None, None, None),
    # received in 2024, answered in 2025 after 14 days; published 00:30 China time 1 Jan 2025
    ("L3", date(2024, 12, 25), date(2025, 1, 8), utc(2024, 12, 31, 16, 30), None),
    # no receipt date: submitted 31 Dec 2025 16:30 UTC = 1 Jan 2026 China time
    ("L4", None, None, None, utc(2025, 12, 31, 16, 30)),
)
#: (name, applicant type, submitted_at) of 教育局's cases
CASES = (
    ("C1", "person", utc(2025, 5, 1, 2)),
    ("C2", "legal", utc(2025, 12, 31, 15, 59)),  # 23:59 China time: still 2025
    ("C3", "person", utc(2025, 12, 31, 16, 0)),  # 00:00 1 Jan 2026 China time
    ("C4", "legal", utc(2024, 12, 31, 15, 0)),
)


def seed_letters_and_cases(wsgi_app, site_path="/jyj"):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        site = find_resource(zodb_root["app_root"], site_path)
        box = letter_box(site, create=True)
        for name, received, answered, published, submitted in LETTERS:
            letter = Letter("web", "consult", f"来信{name}", "内容", {"name": "张三"})
            letter.received_on = received
            letter.answered_on = answered
            letter.published_at = published
            if submitted is not None:
                letter.submitted_at = submitted
            box.add(letter, name)
        cases = find_case_box(site, create=True)
        for name, kind, submitted in CASES:
            case = ServiceCase("/jyj/bszn/x", "事项", "jyj", applicant={"type": kind})
            case.submitted_at = submitted
            cases.add(case, name)


def figures(wsgi_app, site_path, year):
    """The composed report's values of ``site_path`` for ``year``."""
    from govportal.sitereport import compose

    def read(root):
        return compose(find_resource(root, site_path), year, wsgi_app.registry).values()

    return read_root(wsgi_app, read)


def form_fields(page_html, formid="site-report", column="", **values):
    """The fields of the ``@@site-report`` form in deform's order; ``values``
    fill fields by name (``pub_total__override`` …), others stay empty."""
    fields = [("_charset_", "UTF-8"), ("__formid__", formid)]
    fields.append(("_csrf_token_", csrf_token(page_html)))
    for number, (_title, section) in enumerate(SECTIONS):
        fields.append(("__start__", f"s{number}:mapping"))
        for f in section:
            names = [f.key + OVERRIDE, f.key + REASON] if f.generated else [f.key]
            for name in names:
                fields.append((name, str(values.get(name, ""))))
        fields.append(("__end__", f"s{number}:mapping"))
    fields.append(("column", column))
    return fields
