"""Sixteen scheduler rounds at once (16 processes' threads): the lease lets
one crawl, every URL is checked once, findings are stored once; the alarm
is raised and mailed once; replaying the rounds changes nothing."""

import threading

from pyramid_mailer import get_mailer

from govportal.monitoring.alarms import open_alarms
from govportal.monitoring.links.jobs import links_job
from govportal.monitoring.links.settings import CrawlSettings
from govportal.monitoring.links.store import links_section
from govportal.schedule.runner import run_in_transaction

from ...concurrency.writers import WRITERS, run_all
from ...conftest import read_root
from .helpers import links_app, publish


class CountingChecker:
    def __init__(self):
        self.asked = []
        self.lock = threading.Lock()

    def check(self, url):
        with self.lock:
            self.asked.append(url)
        return ("definite", 404, "HTTP 404") if url.endswith("/gone") else ("ok", 200, "")


def _rounds(app):
    def one():
        return repr(run_in_transaction(app.registry, links_job, "links round", attempts=WRITERS))

    return run_all([one] * WRITERS)


def test_sixteen_rounds_at_once(app_settings, monkeypatch):
    checker = CountingChecker()
    monkeypatch.setattr(CrawlSettings, "checker", lambda self: checker)
    with links_app(app_settings) as app:
        publish(
            app, '<p><a href="https://example.org/gone">外</a><a href="/jyj/x/">内</a></p>', "d"
        )
        outbox = get_mailer(app.registry).outbox

        statuses = _rounds(app)
        assert set(statuses) <= {"False", "True"}, statuses
        # one process crawled: each URL asked once (the demo's own links too)
        assert "https://example.org/gone" in checker.asked
        assert len(checker.asked) == len(set(checker.asked))
        asked = list(checker.asked)

        def found(root):
            section = links_section(root)
            jyj = section.sites["/jyj"]
            return sorted(r["target"] for r in jyj.broken.values()), section.lease.holder

        assert read_root(app, found) == (["/jyj/x/", "https://example.org/gone"], None)

        statuses = _rounds(app)  # the next rounds: one applies the alarm
        assert set(statuses) <= {"False", "True"}, statuses
        assert statuses["True"] == 1
        mails = [m for m in outbox if "失效链接" in m.subject]
        alarms = read_root(app, lambda root: open_alarms(root, kind="links"))
        assert [a.site_path for a in alarms] == ["/jyj"]

        statuses = _rounds(app)  # replayed: nothing due, nothing written, nobody mailed again
        assert statuses == {"False": WRITERS}, statuses
        assert checker.asked == asked
        assert [m for m in outbox if "失效链接" in m.subject] == mails
        assert len({id(m) for m in mails}) == len(mails) and mails
        again = read_root(app, lambda root: open_alarms(root, kind="links"))
        assert [a.sightings for a in again] == [alarms[0].sightings]
