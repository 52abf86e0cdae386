"""Staff steps under concurrency (real waitress, real threads): 16 acceptors
of one case make one acceptance; 16 co-handling signers of eight cases each
sign once and every case returns to its lead exactly once; replays change
nothing."""

import pytest

from govportal.workflow.history import get_history
from tests.concurrency.helpers import poster, threaded_server
from tests.concurrency.writers import run_all, signed_in

from .staff_helpers import case_url, file_case, post_step, read_case, state_of, task_url

THREADS = 16


@pytest.fixture(autouse=True)
def patient_client(monkeypatch):
    # 16 clients on a shared 2-core machine: answers may take a while
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)


@pytest.fixture
def server_port(wsgi_app):
    with threaded_server(wsgi_app, "cases-server") as port:
        yield port


def test_sixteen_acceptors_of_one_case_accept_it_once(wsgi_app, server_port):
    number = file_case(wsgi_app)
    editor = signed_in(server_port, "zwfwj_editor")
    reviewer = signed_in(server_port, "zwfwj_reviewer")
    warm = editor.get(case_url("zwfwj", number))  # templates compiled before the rush
    assert warm.status == 200
    jobs = [
        poster(editor if i % 2 else reviewer, case_url("zwfwj", number), {"step": "accept"})
        for i in range(THREADS)
    ]
    statuses = run_all(jobs)
    assert statuses == {303: 1, 409: THREADS - 1}, statuses
    assert state_of(wsgi_app, "zwfwj", number) == "accepted"
    records = read_case(wsgi_app, "zwfwj", number, lambda c: [r.transition for r in get_history(c)])
    assert records == ["accept"]
    steps = read_case(wsgi_app, "zwfwj", number, lambda c: [s["title"] for s in c.steps])
    assert steps.count("受理") == 1


def test_sixteen_signers_of_eight_cases(wsgi_app, browser, server_port):
    lead = browser("zwfwj_editor")
    numbers = []
    for _ in range(THREADS // 2):
        number = file_case(wsgi_app)
        post_step(lead, case_url("zwfwj", number), "accept")
        post_step(lead, case_url("zwfwj", number), "send_co_handling")
        numbers.append(number)
    rsj = signed_in(server_port, "rsj_editor")
    wjj = signed_in(server_port, "wjj_editor")
    assert rsj.get(task_url("rsj", "zwfwj", numbers[0])).status == 200  # warm-up
    jobs = []
    for number in numbers:
        jobs.append(poster(rsj, task_url("rsj", "zwfwj", number), {"step": "sign"}))
        jobs.append(poster(wjj, task_url("wjj", "zwfwj", number), {"step": "sign"}))
    statuses = run_all(jobs)
    assert statuses == {303: THREADS}, statuses
    for number in numbers:
        assert state_of(wsgi_app, "zwfwj", number) == "accepted"
        transitions = read_case(
            wsgi_app, "zwfwj", number, lambda c: [r.transition for r in get_history(c)]
        )
        assert transitions == ["accept", "send_co_handling", "collect"]
        outcomes = read_case(
            wsgi_app, "zwfwj", number, lambda c: sorted(t.outcome for t in c.tasks.values())
        )
        assert outcomes == ["agree", "agree"]
    # replays: every signer again, all refused, nothing changed
    statuses = run_all(jobs)
    assert statuses == {409: THREADS}, statuses
    for number in numbers:
        signed = read_case(
            wsgi_app,
            "zwfwj",
            number,
            lambda c: [s["title"] for s in c.steps].count("协办部门会签同意"),
        )
        assert signed == 2
