"""Helpers of the survey tests: the demo's surveys, the form's hidden values,
changes made straight in the database, a draft added in the workspace."""

import re

from govportal.bootstrap import site_session

from ...conftest import csrf_token

COLUMN = "/hdjl/zxdc/"
OPEN = "/hdjl/zxdc/zxdc-2026-gjzxc/"
CLOSED = "/hdjl/zxdc/zxdc-2026-zwfw/"
#: a valid answer to the open demo survey (use, places, more)
ANSWER = [("q-use", "0"), ("q-places", "1"), ("q-places", "3"), ("q-more", "在车站多设几个点。")]


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} on the page"
    return match.group(1)


def form_fields(page):
    return [
        ("csrf_token", csrf_token(page.text)),
        ("submission_token", hidden(page.text, "submission_token")),
    ]


def post_answer(app, path=OPEN, answer=ANSWER, page=None, status="*"):
    page = page or app.get(path)
    return app.post(path, form_fields(page) + list(answer), status=status)


def change_survey(app, path, **values):
    with site_session(app.registry) as (zodb_root, _request):
        survey = zodb_root["app_root"]
        for name in path.strip("/").split("/"):
            survey = survey[name]
        for key, value in values.items():
            setattr(survey, key, value)


def survey_at(root, path):
    node = root
    for name in path.strip("/").split("/"):
        node = node[name]
    return node


def new_survey(editor):
    """A draft survey added through the workspace form (and its replay); its path."""
    page = editor.get(COLUMN + "@@ws-add-survey")
    data = {
        "csrf_token": csrf_token(page.text),
        "submission_token": hidden(page.text, "submission_token"),
        "title": "测试调查",
        "introduction": "说明",
        "opens_on": "2026-01-01",
        "closes_on": "2026-01-31",
        "results_visibility": "after_close",
    }
    res = editor.post(COLUMN + "@@ws-add-survey", data)
    assert res.status_int == 303 and res.location.endswith("/@@survey-builder")
    replay = editor.post(COLUMN + "@@ws-add-survey", data)  # a double click
    assert replay.location == res.location
    return res.location.rsplit("/@@", 1)[0].replace("http://localhost", "") + "/"
