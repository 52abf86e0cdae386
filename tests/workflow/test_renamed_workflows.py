"""The workflow files are the only place that names states and roles.

A copy of ``workflows/`` renames the published state (``published`` →
``released``), the review state (``review`` → ``vetting``) and the reviewer
role (``reviewer`` → ``checker``); the application is started on the copy
(``govportal.workflows_dir``) and the demo site built on it.  Listings, the
review queue, the sitemap, search, the 索引号, the 发布日期 and the scheduler
must all go on working: nothing in Python may name those states or that role.
"""

import re
import shutil
import time
from datetime import timedelta

import pytest
import transaction

from govportal import main
from govportal.bootstrap import create_site, site_session
from govportal.demo import build_demo
from govportal.settings import SOURCE_ROOT
from govportal.workflow import facts
from tests.conftest import Browser, close_app, known_credentials, make_settings
from tests.http.helpers import transition
from tests.locks.helpers import add_document, in_days, read, run_scheduler

RENAMES = {"published": "released", "review": "vetting", "reviewer": "checker"}
COLUMN = "/jyj/gzdt/"


def renamed_workflows(target):
    shutil.copytree(SOURCE_ROOT / "workflows", target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in RENAMES.items():
            text = re.sub(rf"\b{old}\b", new, text)
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    base = tmp_path_factory.mktemp("renamed-workflows")
    workflows = renamed_workflows(base / "workflows")
    app = main({}, **make_settings(base / "site", **{"govportal.workflows_dir": str(workflows)}))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request)
            for user in root["principals"]["users"].values():
                known_credentials(user, request)
        yield app
    finally:
        transaction.abort()
        close_app(app)


@pytest.fixture(scope="module")
def staff(app):
    return {login: Browser(app).login(login) for login in ("jyj_editor", "jyj_reviewer")}


def test_the_copy_renames_what_the_code_asks_for(app):
    registry = app.registry
    assert facts.listed_states(registry) == ("released",)
    assert facts.states_granting(registry, "approve") == ("vetting",)
    assert facts.roles_granted(registry, "approve", "Document") == ("checker",)
    # the department's review group holds the renamed role
    assert "checker" in registry.govportal_vocabulary.department_group_roles


def wait_for(fn, timeout=20):
    """Poll ``fn`` until it is true (the search index is updated after the commit)."""
    deadline = time.monotonic() + timeout
    while not fn():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_review_publication_and_public_places(app, staff):
    editor, reviewer = staff["jyj_editor"], staff["jyj_reviewer"]
    title = "改名流程测试通知"
    doc = add_document(editor, title)
    assert transition(editor, doc, "submit").json["state"] == "vetting"

    # 待我审核 lists it for the department's reviewer; 我的稿件 titles the state
    queue = reviewer.get("/@@workspace", status=200).text
    assert title in queue
    mine = editor.get("/@@workspace", status=200).text
    assert "待审核" in mine and title in mine

    assert transition(reviewer, doc, "approve").json["state"] == "released"
    number, published_on = read(app, doc, lambda d: (d.index_number, d.publish_date))
    assert number and published_on is not None  # 索引号 and 发布日期 on publication

    anon = Browser(app)
    assert title in anon.get(COLUMN, status=200).text
    assert doc in anon.get("/sitemap.xml", status=200).text
    assert anon.get(doc, status=200)
    # (the result's title is highlighted: look for its link)
    assert wait_for(lambda: doc in anon.get("/search", {"q": "改名流程"}, status=200).text)


def test_the_scheduler_finds_its_transitions(app, staff):
    editor, reviewer = staff["jyj_editor"], staff["jyj_reviewer"]
    effective = in_days(2)
    expiry = effective + timedelta(days=10)
    doc = add_document(editor, "改名流程定时发布", effective=effective, expiry=expiry)
    transition(editor, doc, "submit")
    assert transition(reviewer, doc, "schedule").json["state"] == "scheduled"

    (outcome,) = run_scheduler(app, effective + timedelta(minutes=1))
    assert outcome.ok and outcome.state == "released"
    assert read(app, doc, lambda d: d.index_number)
    assert "改名流程定时发布" in Browser(app).get(COLUMN, status=200).text

    (outcome,) = run_scheduler(app, expiry + timedelta(minutes=1))
    assert outcome.ok and outcome.state == "archived"
    assert "改名流程定时发布" not in Browser(app).get(COLUMN, status=200).text
