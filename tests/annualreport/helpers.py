"""Seeding for the annual-report tests: applications, columns, form fields."""

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.applications.model import Application, find_box
from govportal.bootstrap import site_session

from ..conftest import csrf_token


def seed_applications(wsgi_app, site_path, records):
    """Store an application per :class:`ApplicationRecord` in the site at
    ``site_path``: registered on ``received``, decided with ``outcome`` on
    ``decided`` (as the applications package records a decision)."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        site = find_resource(zodb_root["app_root"], site_path)
        box = find_box(site, create=True)
        for record in records:
            application = Application(
                {"type": record.applicant_type, "name": "测试申请人"},
                {"description": f"测试申请 {record.ref}"},
            )
            box.add(application, record.received.year)
            application.registered_on = record.received
            application.clock_start = record.received
            if record.outcome is not None or record.decided is not None:
                application.decision = {
                    "code": record.outcome,
                    "text": "答复",
                    "date": record.decided,
                    "by": None,
                }


def column_oid(wsgi_app, path):
    """The oid of the column at ``path``."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        return get_oid(find_resource(zodb_root["app_root"], path))


def remove_column(wsgi_app, site_path, name):
    """Remove a column from a site (as the site administrator may)."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        del find_resource(zodb_root["app_root"], site_path)[name]


def report_fields(page_html, **overrides):
    """The fields of the ``@@annual-report`` form, in deform's order, with
    valid values; ``overrides`` replace single fields by name."""
    values = {
        "rules_issued": "0",
        "rules_repealed": "0",
        "rules_in_force": "0",
        "normative_issued": "3",
        "normative_repealed": "1",
        "normative_in_force": "12",
        "licensing": "1520",
        "penalty": "37",
        "coercion": "2",
        "fees": "12.5",
    }
    for group in ("review", "direct", "after_review"):
        for measure in ("upheld", "corrected", "other", "pending", "total"):
            values[f"{group}_{measure}"] = "0"
    values.update(review_upheld="1", review_corrected="1", review_total="2")
    values.update(direct_pending="1", direct_total="1")
    values.update(
        overview="本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》。\n主动公开工作扎实推进。",
        problems="公开内容的及时性有待提高。\n下一步将加强培训。",
        other_matters="本年度未收取信息处理费。",
        column="",
    )
    values.update(overrides)
    token = csrf_token(page_html)
    fields = [("_charset_", "UTF-8"), ("__formid__", "annual-report"), ("_csrf_token_", token)]
    fields.append(("__start__", "proactive:mapping"))
    for name in (
        "rules_issued",
        "rules_repealed",
        "rules_in_force",
        "normative_issued",
        "normative_repealed",
        "normative_in_force",
        "licensing",
        "penalty",
        "coercion",
        "fees",
    ):
        fields.append((name, values[name]))
    fields.append(("__end__", "proactive:mapping"))
    fields.append(("__start__", "litigation:mapping"))
    for group in ("review", "direct", "after_review"):
        for measure in ("upheld", "corrected", "other", "pending", "total"):
            fields.append((f"{group}_{measure}", values[f"{group}_{measure}"]))
    fields.append(("__end__", "litigation:mapping"))
    fields.append(("__start__", "texts:mapping"))
    for name in ("overview", "problems", "other_matters"):
        fields.append((name, values[name]))
    fields.append(("__end__", "texts:mapping"))
    fields.append(("column", values["column"]))
    return fields
