"""Table 二's 规章 / 行政规范性文件 figures derived from published documents."""

from datetime import date

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.annualreport.sources import derive_proactive
from govportal.bootstrap import site_session
from tests.conftest import read_root
from tests.public.helpers import publish_documents

JYJ = {"editor": "jyj_editor", "reviewer": "jyj_reviewer"}


def doc(name, written, validity="valid", **extra):
    return dict(
        name=name,
        title=f"营山县教育局关于{name}的通知",
        body="<p>正文</p>",
        written_date=written,
        publish_date=written,
        validity=validity,
        **extra,
    )


def oid_of(wsgi_app, path):
    return read_root(wsgi_app, lambda root: get_oid(find_resource(root, path)))


def derive(wsgi_app, path, year):
    return read_root(
        wsgi_app, lambda root: derive_proactive(find_resource(root, path), year, wsgi_app.registry)
    )


def test_normative_documents_counted_for_their_department(wsgi_app):
    publish_documents(
        wsgi_app,
        "/jyj/gfxwj/",
        [
            doc("n1", date(2025, 3, 1)),
            doc("n2", date(2024, 6, 1)),
            doc("n3", date(2025, 10, 1)),
            doc("n5", date(2022, 1, 1), "repealed"),  # repealed, date unknown
            doc("n6", date(2026, 2, 1)),  # made after 2025
            doc("n7", date(2025, 4, 1), "amended"),  # made in 2025, no longer in force
        ],
        **JYJ,
    )
    replacement = oid_of(wsgi_app, "/jyj/gfxwj/n3")
    publish_documents(
        wsgi_app,
        "/jyj/gfxwj/",
        [doc("n4", date(2023, 1, 1), "repealed", replaced_by=replacement)],
        **JYJ,
    )
    # classified by topic in another column
    publish_documents(
        wsgi_app, "/jyj/gzdt/", [doc("t1", date(2025, 5, 5), topic="行政规范性文件")], **JYJ
    )
    # not counted: another department's, and an unpublished draft
    publish_documents(
        wsgi_app,
        "/wjj/gfxwj/",
        [doc("w1", date(2025, 1, 1))],
        editor="wjj_editor",
        reviewer="wjj_reviewer",
    )
    with site_session(wsgi_app.registry) as (zodb_root, request):
        column = find_resource(zodb_root["app_root"], "/jyj/gfxwj")
        column["draft"] = request.registry.content.create(
            "Document", title="草稿", written_date=date(2025, 6, 1)
        )

    figures = derive(wsgi_app, "/jyj", 2025)
    assert figures == {
        "rules_issued": 0,
        "rules_repealed": 0,
        "rules_in_force": 0,
        "normative_issued": 4,  # n1, n3, n7, t1
        "normative_repealed": 1,  # n4, replaced by n3 made in 2025
        "normative_in_force": 4,  # n1, n2, n3, t1
        "repealed_undated": 1,  # n5
    }
    assert derive(wsgi_app, "/jyj", 2024)["normative_repealed"] == 0
    # at the end of 2024, n4 (repealed in 2025) was still in force
    assert derive(wsgi_app, "/jyj", 2024)["normative_in_force"] == 2  # n2, n4
    assert derive(wsgi_app, "/jyj", 2026)["normative_issued"] == 1  # n6


def test_portal_counts_stop_at_departments(wsgi_app):
    publish_documents(wsgi_app, "/jyj/gfxwj/", [doc("n1", date(2025, 3, 1))], **JYJ)
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        root["zcwj"]["gfxwj"] = request.registry.content.create("Column", title="县政府规范性文件")
    publish_documents(
        wsgi_app, "/zcwj/gfxwj/", [doc("p1", date(2025, 7, 1)), doc("p2", date(2025, 8, 1))]
    )
    figures = derive(wsgi_app, "/", 2025)
    assert figures["normative_issued"] == 2  # p1, p2 in a nested column; not jyj's n1
    assert derive(wsgi_app, "/jyj", 2025)["normative_issued"] == 1


def test_application_adapter_agrees_with_the_applications_package(wsgi_app):
    from govportal.annualreport import aggregate
    from govportal.annualreport.sources import application_records
    from govportal.applications.queries import annual_counts

    from .helpers import seed_applications
    from .records import EXPECTED, SEEDED

    seed_applications(wsgi_app, "/jyj", SEEDED)

    def read(root):
        site = root["jyj"]
        records, notices = application_records(site, 2025, wsgi_app.registry)
        return aggregate(records, 2025), notices, annual_counts(site, 2025, wsgi_app.registry)

    table, notices, theirs = read_root(wsgi_app, read)
    assert notices == []
    assert table.consistent
    assert [table.new[c] for c in table.new][:-1] == EXPECTED["new"][:-1]
    for key, ours in (
        ("new", table.new),
        ("carried_over", table.carried_in),
        ("carried_forward", table.carried_out),
    ):
        assert {k: v for k, v in ours.items() if k != "total"} == theirs[key], key
    for code, counts in theirs["outcomes"].items():
        assert {k: v for k, v in table.results[code].items() if k != "total"} == counts, code
    # records name the application, never the applicant
    records = read_root(
        wsgi_app, lambda root: application_records(root["jyj"], 2025, wsgi_app.registry)[0]
    )
    assert all(r.ref.startswith("申请 2025-") or r.ref.startswith("申请 2024-") for r in records)
