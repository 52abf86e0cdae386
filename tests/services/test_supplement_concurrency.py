"""The applicants' write path on the tracking page (补齐材料 with the query
code) under concurrency: 16 applicants supply their missing materials at the
same moment, each stored once; the replay of every post stores nothing."""

import re
import threading

import webtest

from ..conftest import csrf_token, read_root
from .apply_helpers import PDF, apply, make_guide, staff_step, submitted

WRITERS = 16
DONE = "材料已提交，请等待工作人员审核。"
REPLAYED = "此前已提交，本次没有重复提交。"


def _env(remote):
    return {"REMOTE_ADDR": remote}


def supply(client, code, number, remote, token=None):
    """Post the materials through ``@@case-track/supplement``; (message, token)."""
    data = {"code": code, "number": number}
    data["csrf_token"] = csrf_token(client.get("/@@case-track", extra_environ=_env(remote)).text)
    page = client.post("/@@case-track", data, extra_environ=_env(remote))
    token = token or re.findall(r'name="submission_token" value="([^"]+)"', page.text)[0]
    data.update(note="已补齐", submission_token=token)
    res = client.post(
        "/@@case-track/supplement",
        data,
        upload_files=[("materials", "jz.pdf", PDF)],
        extra_environ=_env(remote),
    )
    return res.html.find(id="message").text, token


def _supplied_files(root, numbers):
    from govportal.services.cases import find_case_box

    box = find_case_box(root["jyj"])
    return {n: len(box.get(n).supplement.get("files", ())) for n in numbers}


def test_sixteen_applicants_supply_at_once_and_replays_store_nothing(testapp, wsgi_app):
    make_guide(wsgi_app)
    filed = [submitted(apply(testapp, remote=f"192.0.2.{40 + i}")) for i in range(WRITERS)]
    for number, _code in filed:
        staff_step(wsgi_app, number, "jyj_editor", "request_supplement", "户口簿内页")
    results = [None] * WRITERS
    barrier = threading.Barrier(WRITERS)

    def writer(i):
        number, code = filed[i]
        client = webtest.TestApp(wsgi_app)  # one browser (session) per applicant
        barrier.wait()
        try:
            results[i] = (client, *supply(client, code, number, f"198.51.100.{i + 1}"))
        except Exception as e:  # shown by the assertion below
            results[i] = (None, repr(e), None)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert [r[1] for r in results] == [DONE] * WRITERS
    numbers = [n for n, _c in filed]
    assert read_root(wsgi_app, lambda root: _supplied_files(root, numbers)) == dict.fromkeys(
        numbers, 1
    )
    # every post again with its token (refresh, double click): nothing more stored
    for i, (client, _message, token) in enumerate(results):
        number, code = filed[i]
        message, _t = supply(client, code, number, f"198.51.100.{i + 1}", token=token)
        assert message == REPLAYED
    assert read_root(wsgi_app, lambda root: _supplied_files(root, numbers)) == dict.fromkeys(
        numbers, 1
    )
