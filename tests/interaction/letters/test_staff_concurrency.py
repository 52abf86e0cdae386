"""Staff steps under concurrency (real waitress, real threads): 16 editors
accept 16 letters at once, each accepted once; 16 accepts of one letter make
one acceptance (the others are refused with 409, nothing written twice)."""

import pytest

from govportal.workflow.history import get_history
from tests.concurrency.helpers import quiet_server, threaded_server
from tests.concurrency.writers import run_all, signed_in

from .staff_helpers import TOKEN, admin_url, read_letter, state, write_letter

THREADS = 16


@pytest.fixture(autouse=True)
def patient_client(monkeypatch):
    # 16 clients on a shared 2-core machine: answers may take a while
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)


@pytest.fixture
def server_port(wsgi_app):
    with threaded_server(wsgi_app, "letters-server") as port:
        yield port


def accept_job(client, number):
    """Read the letter's page (its one-time token), then a job posting accept."""
    page = client.get(admin_url("jyj", number))
    assert page.status == 200, page
    token = TOKEN.search(page.text).group(1)
    fields = {"step": "accept", "csrf_token": client.token, "submission_token": token}

    def job():
        return client.post(admin_url("jyj", number), fields).status

    return job


@quiet_server
def test_sixteen_letters_accepted_at_once(wsgi_app, server_port):
    numbers = [write_letter(wsgi_app, "jyj", subject=f"来信{i}") for i in range(THREADS)]
    editors = [signed_in(server_port, "jyj_editor"), signed_in(server_port, "jyj_reviewer")]
    jobs = [accept_job(editors[i % 2], number) for i, number in enumerate(numbers)]
    statuses = run_all(jobs)
    assert statuses == {303: THREADS}, statuses
    for number in numbers:
        assert state(wsgi_app, "jyj", number) == "handling"
        history = read_letter(wsgi_app, "jyj", number, lambda lt: len(get_history(lt)))
        steps = read_letter(wsgi_app, "jyj", number, lambda lt: len(lt.steps))
        assert (history, steps) == (1, 2)


@quiet_server
def test_sixteen_accepts_of_one_letter_accept_it_once(wsgi_app, server_port):
    number = write_letter(wsgi_app, "jyj")
    editors = [signed_in(server_port, "jyj_editor"), signed_in(server_port, "jyj_reviewer")]
    jobs = [accept_job(editors[i % 2], number) for i in range(THREADS)]
    statuses = run_all(jobs)
    assert statuses == {303: 1, 409: THREADS - 1}, statuses
    assert read_letter(wsgi_app, "jyj", number, lambda lt: len(get_history(lt))) == 1
    assert read_letter(wsgi_app, "jyj", number, lambda lt: len(lt.steps)) == 2
