"""The demo's service hall (govportal.demo.services): every demo department
has five or more published, complete 办事指南 of its own 职权, two guides take
applications online, one is handled in parallel by several departments,
three departments publish 权责清单 items linked to their guides, and cases sit in
every state of the case workflow.

The full service hall is built once for this module on a copy of the
session's small demo (which carries only :data:`MINIMAL` guides).
"""

import shutil

import pytest
import transaction
import webtest

from govportal import main
from govportal.bootstrap import site_session
from govportal.demo import data
from govportal.demo.services import MINIMAL, _data, build_services, guide_specs
from govportal.services import vocabulary
from govportal.services.cases import find_case_box
from govportal.services.elements import missing_elements
from govportal.services.formfields import check_specs
from govportal.workflow import facts, get_workflow
from tests.conftest import Browser, close_app, make_settings, read_root

DEPARTMENTS = [d["name"] for d in data.DEPARTMENTS]
#: elements every demo guide fills in (design.md's ServiceGuide attributes)
ALWAYS = (
    "title item_type item_code basis conditions materials location fee fee_basis legal_days "
    "promised_days hours consult_phone supervise_phone process themes user_types life_events "
    "online_mode result_name"
).split()


@pytest.fixture(scope="module")
def hall(site_template, tmp_path_factory):
    """An app on a copy of the small demo with the full service hall built."""
    directory = tmp_path_factory.mktemp("services-demo") / "site"
    shutil.copytree(site_template, directory)
    settings = make_settings(directory)
    app = main({}, **settings)
    try:
        with site_session(app.registry) as (zodb_root, request):
            root = zodb_root["app_root"]
            build_services(root, request, root["principals"], full=True)
            # a second run changes nothing
            build_services(root, request, root["principals"], full=True)
    finally:
        transaction.abort()
        close_app(app)
    app = main({}, **make_settings(directory))
    yield app
    close_app(app)


def _guides(site):
    return [g for g in site["bszn"].values() if g.__class__.__name__ == "ServiceGuide"]


def _state(item, registry):
    return get_workflow(item, registry).state_of(item)


def test_the_data_uses_the_vocabularies():
    codes = {
        name: {code for code, _title in getattr(vocabulary, name)}
        for name in ("ITEM_TYPES", "THEMES", "USER_TYPES", "LIFE_EVENTS", "MATERIAL_FORMS")
    }
    for department in DEPARTMENTS:
        for spec in guide_specs(department):
            guide = spec["attributes"]
            assert guide["item_type"] in codes["ITEM_TYPES"], spec["name"]
            assert set(guide["themes"]) <= codes["THEMES"], spec["name"]
            assert set(guide["user_types"]) <= codes["USER_TYPES"], spec["name"]
            assert set(guide["life_events"]) <= codes["LIFE_EVENTS"], spec["name"]
            assert {m["form"] for m in guide["materials"]} <= codes["MATERIAL_FORMS"]
            assert 0 < guide["promised_days"] <= guide["legal_days"], spec["name"]
            assert guide["consult_phone"].startswith("0817-82"), spec["name"]
            assert "营山" in guide["location"] or "学校" in guide["location"], spec["name"]


def test_the_small_demo_publishes_a_few_guides(wsgi_app):
    def check(root):
        for department, names in MINIMAL.items():
            guides = {g.__name__: g for g in _guides(root[department])}
            assert set(guides) == set(names)
            for guide in guides.values():
                assert _state(guide, wsgi_app.registry) in facts.public_states(
                    wsgi_app.registry, "ServiceGuide"
                )

    read_root(wsgi_app, check)


def test_every_department_has_five_published_complete_guides(hall):
    registry = hall.registry
    public = facts.public_states(registry, "ServiceGuide")

    def check(root):
        for department in DEPARTMENTS:
            guides = _guides(root[department])
            assert len(guides) >= 5, department
            for guide in guides:
                assert _state(guide, registry) in public, guide.title
                assert missing_elements(guide, registry) == [], guide.title
                for element in ALWAYS:
                    assert getattr(guide, element), (guide.title, element)
                names = {a.__name__ for a in guide.attachments()}
                for material in guide.materials:
                    for kind in ("template", "example"):
                        if material[kind]:
                            assert f"{material[kind]}.docx" in names or material[kind] in names
                if guide.online_mode == "external":
                    assert guide.external_url.startswith("https://www.sczwfw.gov.cn/")

    read_root(hall, check)


def test_two_online_guides_and_one_parallel_guide(hall):
    def check(root):
        guides = [g for d in DEPARTMENTS for g in _guides(root[d])]
        online = [g for g in guides if g.online_mode == "here"]
        assert len(online) >= 2
        for guide in online:
            assert guide.form_fields and check_specs(guide.form_fields) == []
            assert any(f["kind"] == "file" for f in guide.form_fields)
        parallel = [g for g in guides if g.co_departments]
        assert len(parallel) >= 1
        for guide in parallel:
            assert len(guide.co_departments) >= 2
            assert all(d in root for d in guide.co_departments)

    read_root(hall, check)


def test_power_items_link_published_guides(hall):
    registry = hall.registry
    public = facts.public_states(registry, "PowerItem")

    def check(root):
        departments = list(_data()["powers"])
        assert len(departments) >= 2
        for department in departments:
            items = [
                i for i in root[department]["qlqd"].values() if i.__class__.__name__ == "PowerItem"
            ]
            assert len(items) >= 2
            for item in items:
                assert _state(item, registry) in public
                assert item.flow and item.accountability and item.basis and item.unit
                for path in item.guide_names:
                    node = root
                    for part in path.strip("/").split("/"):
                        node = node[part]
                    assert _state(node, registry) in facts.public_states(registry, "ServiceGuide")

    read_root(hall, check)


def test_cases_in_every_state(hall):
    registry = hall.registry
    states = set(facts.state_titles(registry, "ServiceCase"))

    def check(root):
        seen = set()
        for site in [root] + [root[d] for d in DEPARTMENTS]:
            box = find_case_box(site)
            for case in box.values() if box is not None else ():
                seen.add(_state(case, registry))
                assert case.steps, case.__name__
        assert seen == states

    read_root(hall, check)


def test_guide_pages_answer_anonymous_visitors(hall):
    visitor = webtest.TestApp(hall)
    for department in DEPARTMENTS:
        for spec in guide_specs(department)[:2]:
            res = visitor.get(f"/{department}/bszn/{spec['name']}/")
            assert spec["attributes"]["title"] in res.text


def test_the_lead_and_a_co_handling_department_see_the_demo_cases(hall):
    def numbers(root, department):
        return sorted(c.__name__ for c in find_case_box(root[department]).values())

    lead = Browser(hall).login("zwfwj_editor")
    page = lead.get("/zwfwj/@@cases")
    for number in read_root(hall, lambda root: numbers(root, "zwfwj")):
        assert number in page.text
    inbox = Browser(hall).login("wjj_editor").get("/wjj/@@tasks")
    assert "企业开办" in inbox.text


def test_public_steps_read_in_chinese(hall):
    def titles(root):
        found = []
        for site in [root] + [root[d] for d in DEPARTMENTS]:
            box = find_case_box(site)
            for case in box.values() if box is not None else ():
                found += [s["title"] for s in case.steps]
        return found

    leaked = [t for t in read_root(hall, titles) if t.startswith("services-")]
    assert leaked == []
