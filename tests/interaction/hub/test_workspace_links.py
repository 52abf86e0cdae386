"""The workspace links the staff's deadline list, and a submitted interview
waits in its reviewer's 待我审核 like a document."""

import re

from ..interviews.helpers import resource, session


def test_dashboard_links_the_deadline_list(browser):
    page = browser("portal_editor").get("/@@workspace")
    link = page.html.find(id="ws-interaction-deadlines")
    assert link is not None and link["href"].endswith("/@@interaction-deadlines")


def test_submitted_interview_in_review_queue(browser, testapp):
    with session(testapp, "portal_editor") as (root, request):
        from govportal.workflow import get_workflow

        column = resource(root, "/hdjl/zxft")
        item = request.registry.content.create("Interview", title="待审核的访谈预告")
        column["zxft-review"] = item
        get_workflow(item, request.registry).transition(item, request, "submit")
    page = browser("portal_reviewer").get("/@@workspace")
    assert re.search(r"待我审核.*待审核的访谈预告", page.text, re.S)
