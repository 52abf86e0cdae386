"""16 applicants rating 16 concluded cases at the same moment, then each
replaying its rating: every rating stored once, every bad rating opens one
rectification and one mail, a replay changes nothing.  Then 16 answers to
16 bad ratings posted at once through the staff page, and posted again:
each stored once, every replay refused (409).

Each rater is a thread with its own database connection and transaction,
retried on a conflict the way pyramid_retry retries a request.
"""

import re
import threading
from datetime import date

import transaction
import webtest
from pyramid_mailer import get_mailer
from transaction.interfaces import TransientError

from govportal.bootstrap import site_session
from govportal.services import ratings
from govportal.services.vocabulary import BAD_RATING

from ..conftest import read_root
from .supervision_support import Today, make_case, session

RATERS = 16
ATTEMPTS = 30
DAY = date(2026, 3, 10)


def level_of(n):
    return n % 5 + 1


def rate_in_thread(app, n, barrier, results, replay=False):
    barrier.wait()
    for _attempt in range(ATTEMPTS):
        try:
            with site_session(app.registry) as (zodb_root, request):
                case = zodb_root["app_root"]["jyj"].govportal_service_cases.get(f"JY-{n}")
                level = 1 if replay else level_of(n)  # a replay tries another level
                rating, new = ratings.rate(request, case, level, f"评价{n}")
                results[(n, replay)] = (rating["level"], new)
            return
        except TransientError:
            transaction.abort()
            continue
        except Exception as e:  # noqa: BLE001  (reported by the test)
            results[(n, replay)] = e
            return
    results[(n, replay)] = RuntimeError("too many conflicts")


def run_all(app, replay):
    barrier = threading.Barrier(RATERS)
    results = {}
    threads = [
        threading.Thread(target=rate_in_thread, args=(app, n, barrier, results, replay))
        for n in range(RATERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_sixteen_concurrent_raters_and_replays(wsgi_app, monkeypatch):
    Today(monkeypatch, DAY)
    with session(wsgi_app) as (root, request):
        for n in range(RATERS):
            make_case(root, request, f"JY-{n}", accepted_on=date(2026, 3, 2), concluded_on=DAY)
    outbox = get_mailer(wsgi_app.registry).outbox
    first = run_all(wsgi_app, replay=False)
    assert {key: value for key, value in first.items()} == {
        (n, False): (level_of(n), True) for n in range(RATERS)
    }
    bad = [n for n in range(RATERS) if level_of(n) <= BAD_RATING]
    mails = [m for m in outbox if "差评" in m.subject]
    assert sorted(m.subject.split()[1] for m in mails) == sorted(f"JY-{n}" for n in bad)
    replays = run_all(wsgi_app, replay=True)
    assert replays == {(n, True): (level_of(n), False) for n in range(RATERS)}
    assert len([m for m in outbox if "差评" in m.subject]) == len(bad)

    def stored(root):
        box = root["jyj"].govportal_service_cases
        return {
            n: (box.get(f"JY-{n}").rating["level"], box.get(f"JY-{n}").rectification is not None)
            for n in range(RATERS)
        }

    assert read_root(wsgi_app, stored) == {
        n: (level_of(n), level_of(n) <= BAD_RATING) for n in range(RATERS)
    }


def test_sixteen_concurrent_rectification_answers_and_replays(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, DAY)
    with session(wsgi_app) as (root, request):
        for n in range(RATERS):
            case = make_case(
                root, request, f"JY-{n}", accepted_on=date(2026, 3, 2), concluded_on=DAY
            )
            ratings.rate(request, case, 1, "")
    editor = browser("jyj_editor")
    page = editor.get("/jyj/@@rectifications", status=200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    clients = []
    for _n in range(RATERS):
        client = webtest.TestApp(wsgi_app)
        for name, value in editor.app.cookies.items():
            client.set_cookie(name, value)
        clients.append(client)
    results = {}

    def answer(n, replay, barrier):
        data = {"case": f"JY-{n}", "answer": f"整改{n}", "csrf_token": csrf}
        barrier.wait()
        res = clients[n].post("/jyj/@@rectifications", data, status="*")
        results[(n, replay)] = res.status_int

    for replay in (False, True):
        barrier = threading.Barrier(RATERS)
        threads = [
            threading.Thread(target=answer, args=(n, replay, barrier)) for n in range(RATERS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    assert [results[(n, False)] for n in range(RATERS)] == [303] * RATERS
    assert [results[(n, True)] for n in range(RATERS)] == [409] * RATERS

    def answers(root):
        box = root["jyj"].govportal_service_cases
        return [box.get(f"JY-{n}").rectification["answer"] for n in range(RATERS)]

    assert read_root(wsgi_app, answers) == [f"整改{n}" for n in range(RATERS)]
