"""16 site administrators give the same host name to the five departments
at once, each form posted twice (the replay): no 5xx, and exactly one
department ends up with it (the root's record of host names makes the
writes conflict; the retry's validator then sees the name taken)."""

import collections

from tests.concurrency.helpers import quiet_server, threaded_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients
from tests.conftest import read_root
from tests.storage.helpers import Client

pytestmark = quiet_server

DEPARTMENTS = ("jyj", "wjj", "rsj", "czj", "zwfwj")
SAME = "same.yingshan.gov.cn"


def test_sixteen_administrators_give_one_host_name_at_once(wsgi_app, browser, monkeypatch):
    admin = browser("admin")
    forms = {}
    for name in DEPARTMENTS:
        form = admin.get(f"/{name}/@@admin-settings").forms["settings"]
        form["domain"] = SAME
        forms[name] = dict(form.submit_fields("save"))
    cookies = dict(admin.app.cookies.items())
    with threaded_server(wsgi_app, "sitehosts") as port:
        patient_clients(port, monkeypatch)

        def send(i, _prepared):
            name = DEPARTMENTS[i % len(DEPARTMENTS)]
            client = Client(port, dict(cookies))
            for attempt in range(2):
                answer = client.post(f"/{name}/@@admin-settings", forms[name])
                yield attempt, (name, answer.status)

        answers = at_once(WRITERS, send)
    statuses = collections.Counter(status for _n, status in answers[0] + answers[1])
    assert set(statuses) <= {303, 400}, statuses
    owners = read_root(
        wsgi_app, lambda r: [n for n in DEPARTMENTS if getattr(r[n], "domain", "") == SAME]
    )
    assert len(owners) == 1, owners
    winner = owners[0]
    # the winner's replays save again (its own name); every other department is refused
    assert all(s == 303 for n, s in answers[0] + answers[1] if n == winner)
    assert all(s == 400 for n, s in answers[0] + answers[1] if n != winner)
    assert read_root(wsgi_app, lambda r: r._govportal_site_domains) == {SAME: winner}
