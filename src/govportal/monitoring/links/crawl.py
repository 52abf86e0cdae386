"""One run of the broken-link crawler, in short transactions of its own.

:meth:`Crawler.run`:

1. takes the lease (one process crawls at a time) and, when no run is under
   way, starts one: the object ids of every public item (each content type
   whose workflow has public states, found through the catalog) become its
   to-do list;
2. reads the next batch of items in a short *read* transaction: their
   links, internal ones checked there and then (:mod:`.internal`), each
   item's attachments (their files must open);
3. checks the batch's external links over HTTP with no transaction open
   (:mod:`.external`; one check per URL per run);
4. writes the batch's findings and the cursor in a short transaction, and
   renews the lease;
5. when every item is read, checks each *suspect* URL once more, then
   replaces each site's findings (keeping when a link was first seen),
   notes what the alarms must say (:mod:`.jobs`) and sets the next run.

A run stops after ``links_max_minutes`` (after the item under way) and
resumes where it stopped when it next runs.
"""

import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import islice

import transaction
from pyramid.threadlocal import manager
from pyramid.traversal import resource_path
from ZODB.POSException import ConflictError

from ...sitetime import now_utc
from .extract import EXTERNAL
from .internal import DEFINITE, OK, SUSPECT, anonymous_request
from .reading import public_item_ids, read_item
from .settings import crawl_settings
from .store import RunState, SiteLinks, links_section

BATCH = 25
ATTEMPTS = 4


@dataclass
class Report:
    """What one call of :meth:`Crawler.run` did."""

    ran: bool = False
    finished: bool = False
    why_not: str = ""
    pages: int = 0
    links: int = 0
    counts: dict = field(default_factory=dict)  # site path -> (broken, suspect)
    run_id: str = ""


class Crawler:
    def __init__(self, registry, checker=None, max_seconds=None, batch=BATCH, owner=None):
        self.registry = registry
        self.settings = crawl_settings(registry)
        self.checker = checker if checker is not None else self.settings.checker()
        self.max_seconds = self.settings.max_seconds if max_seconds is None else max_seconds
        self.batch = batch
        self.owner = owner or uuid.uuid4().hex
        self.db = registry._zodb_databases[""]
        self.deadline = None
        self.lost = False  # the lease went to another process

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _transaction(self, write):
        tm = transaction.TransactionManager()
        conn = self.db.open(transaction_manager=tm)
        tm.begin()
        try:
            root = conn.root()["app_root"]
            anon = anonymous_request(self.registry, root)
            manager.push({"registry": self.registry, "request": anon})
            try:
                yield root, anon
            finally:
                manager.pop()
            if write:
                tm.get().note(f"govportal links {self.owner[:8]}")
                tm.commit()
            else:
                tm.abort()
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()

    def _write(self, step):
        """``step(root, anon)`` in a write transaction, retried on conflicts."""
        for attempt in range(ATTEMPTS):
            try:
                with self._transaction(write=True) as (root, anon):
                    return step(root, anon)
            except ConflictError:
                if attempt == ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _out_of_time(self):
        return time.monotonic() >= self.deadline

    # -- the run --------------------------------------------------------------

    def run(self, force=False):
        self.deadline = time.monotonic() + self.max_seconds
        report = Report()
        try:
            taken = self._write(lambda root, anon: self._take(root, anon, force))
        except ConflictError:
            taken = "busy"
        if taken != "taken":
            report.why_not = taken
            return report
        report.ran = True
        try:
            more = True
            while more:  # at least one batch per slice: every slice gets on
                more = self._batch() and not self._out_of_time()
            if not (self.lost or self._out_of_time()) and self._recheck():
                self._write(lambda root, anon: self._finish(root, report))
        finally:
            if not report.finished:
                self._write(lambda root, anon: self._release(root, report))
        return report

    def _take(self, root, anon, force):
        section = links_section(root)
        now = now_utc()
        if section.lease.held_by_other(self.owner, now):
            return "busy"
        if section.run is None and not force and section.next_run and now < section.next_run:
            return "not due"
        section.lease.hold(self.owner, now, self.max_seconds + 300)
        if section.run is None:
            state = section.run = RunState(uuid.uuid4().hex, now_utc())
            for oid in public_item_ids(root, self.registry):
                state.todo[oid] = None
        return "taken"

    def _release(self, root, report):
        section = links_section(root)
        section.lease.release(self.owner)
        if section.run is not None:
            report.pages, report.links = section.run.pages, section.run.links
            report.run_id = section.run.run_id

    # -- batches --------------------------------------------------------------

    def _batch(self):
        """Read, check and record the next batch; False when none is left."""
        with self._transaction(write=False) as (root, anon):
            state = links_section(root).run
            if state is None:  # finished by another process after our lease ran out
                self.lost = True
                return False
            if state.cursor is None:
                todo = state.todo.keys()
            else:
                todo = state.todo.keys(min=state.cursor, excludemin=True)
            oids = list(islice(todo, self.batch))
            if not oids:
                return False
            items = [read_item(root, anon, oid, self.settings.external) for oid in oids]
            urls = {r["target"] for f in items for r in f or () if r["verdict"] is None}
            known = {url: state.checked[url] for url in urls if url in state.checked}
        done, checked = [], {}
        for oid, findings in zip(oids, items, strict=True):
            for record in findings or ():
                if record["kind"] == EXTERNAL and record["verdict"] is None:
                    url = record["target"]
                    if url not in known and url not in checked:
                        checked[url] = self.checker.check(url)
                    verdict = known.get(url) or checked[url]
                    record["verdict"], record["status"], record["reason"] = verdict
            done.append((oid, findings))
            if self._out_of_time():
                break
        recorded = self._write(lambda root, anon: self._record(root, done, checked))
        self.lost = not recorded
        return recorded

    def _record(self, root, done, checked):
        section = links_section(root)
        state = section.run
        if state is None or section.lease.holder != self.owner:
            return False
        for url, verdict in checked.items():
            state.checked[url] = verdict
        for oid, findings in done:
            state.cursor = oid
            if findings is None:
                continue
            state.pages += 1
            state.links += len(findings)
            bad = tuple(r for r in findings if r["verdict"] != OK)
            if bad:
                state.found[oid] = bad
        section.lease.hold(self.owner, now_utc(), self.max_seconds + 300)
        return True

    # -- the end of a run ---------------------------------------------------

    def _recheck(self):
        """Check each suspect external URL once more; True when all are done."""
        with self._transaction(write=False) as (root, anon):
            state = links_section(root).run
            urls = sorted(
                {
                    r["target"]
                    for r in state.findings()
                    if r["kind"] == EXTERNAL and r["verdict"] == SUSPECT
                }
                - set(state.rechecked.keys())
            )
        answers = {}
        for url in urls:
            if self._out_of_time():
                break
            answers[url] = self.checker.check(url)

        def keep(root, anon):
            state = links_section(root).run
            for url, verdict in answers.items():
                state.rechecked[url] = verdict

        if answers:
            self._write(keep)
        return len(answers) == len(urls)

    def _finish(self, root, report):
        section = links_section(root)
        state = section.run
        if state is None or section.lease.holder != self.owner:
            return
        by_site = {}
        for record in state.findings():
            if record["kind"] == EXTERNAL and record["target"] in state.rechecked:
                verdict, status, reason = state.rechecked[record["target"]]
                if verdict == OK:
                    continue
                record = dict(record, verdict=verdict, status=status, reason=reason)
            by_site.setdefault(record["site"], []).append(record)
        now = now_utc()
        counts = {}
        for site_path in set(section.sites.keys()) | set(by_site) | set(_site_paths(root)):
            old = section.sites.get(site_path)
            new = SiteLinks(site_path)
            for record in by_site.get(site_path, ()):
                key = (record["page"], record["target"])
                before = old and (old.broken.get(key) or old.suspect.get(key))
                record = dict(record, first_seen=before["first_seen"] if before else now)
                (new.broken if record["verdict"] == DEFINITE else new.suspect)[key] = record
            new.index_editors()
            new.checked = now
            section.sites[site_path] = new
            counts[site_path] = (len(new.broken), len(new.suspect))
        section.pending.clear()
        section.pending.update({"run_id": state.run_id, "counts": counts, "applied": None})
        report.pages, report.links = state.pages, state.links
        report.counts, report.run_id, report.finished = counts, state.run_id, True
        section.run = None
        section.last_finished = now
        section.next_run = now + timedelta(hours=self.settings.every_hours)
        section.lease.release(self.owner)


def _site_paths(root):
    from ...content import site_group

    return [resource_path(site) or "/" for site in site_group(root)]
