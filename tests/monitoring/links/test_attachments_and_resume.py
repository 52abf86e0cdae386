"""Attachments (their files must open, links to them too), and a run that
stops at its time bound and resumes where it stopped."""

import io
import os
import time

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import site_session
from govportal.content import Attachment
from govportal.monitoring.links.crawl import Crawler, public_item_ids
from govportal.monitoring.links.store import links_section, site_links

from ...conftest import read_root
from .helpers import links_app, publish

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(app, path, name="file.pdf"):
    with site_session(app.registry) as (zroot, _request):
        doc = find_resource(zroot["app_root"], path)
        doc[name] = Attachment(io.BytesIO(PDF), filename=name, title="附件")
        return get_oid(doc[name])


def _blob_file(app, path):
    def read(root):
        return find_resource(root, path).blob.committed()

    return read_root(app, read)


def _broken(app, site="/jyj"):
    return read_root(
        app, lambda root: sorted(r["target"] for r in site_links(root, site).broken.values())
    )


def test_attachment_whose_file_is_gone(app_settings):
    with links_app(app_settings) as app:
        holder = publish(app, "<p>附件见下</p>", "holder")
        oid = _attach(app, holder)
        publish(
            app,
            f'<p><a href="/@@ref/{oid}">引用附件</a> <a href="{holder}/file.pdf">路径</a></p>',
            "linker",
        )
        Crawler(app.registry).run(force=True)
        assert _broken(app) == []

        os.remove(_blob_file(app, f"{holder}/file.pdf"))
        Crawler(app.registry).run(force=True)
        # the holder's own attachment and both links to it
        assert _broken(app) == [f"/@@ref/{oid}", f"{holder}/file.pdf", f"{holder}/file.pdf"]
        reasons = read_root(
            app, lambda root: {r["reason"] for r in site_links(root, "/jyj").broken.values()}
        )
        assert reasons == {"附件文件缺失或无法打开"}


class SlowChecker:
    """Answers every URL good after ``delay`` seconds; counts what it was asked."""

    def __init__(self, delay):
        self.delay = delay
        self.asked = []

    def check(self, url):
        self.asked.append(url)
        time.sleep(self.delay)
        return "ok", 200, ""


def test_run_stops_at_its_time_bound_and_resumes(app_settings):
    with links_app(app_settings) as app:
        for i in range(3):
            publish(app, f'<p><a href="https://example.org/{i}">外部{i}</a></p>', f"ext{i}")
        total = read_root(app, lambda root: len(public_item_ids(root, app.registry)))
        checker = SlowChecker(0.3)

        slices = []
        while not (slices and slices[-1].finished):
            crawler = Crawler(app.registry, checker=checker, max_seconds=0.5, batch=1)
            slices.append(crawler.run())  # not forced: due (never ran), then under way
            if not slices[-1].finished:
                lease = read_root(app, lambda root: links_section(root).lease.holder)
                assert lease is None  # given back at the time bound
                assert read_root(app, lambda root: links_section(root).run.cursor) is not None
            assert len(slices) < 20
        assert len(slices) >= 2
        ours = sorted(url for url in checker.asked if "example.org" in url)
        assert ours == [f"https://example.org/{i}" for i in range(3)]
        assert len(checker.asked) == len(set(checker.asked))  # each asked once in the run
        assert slices[-1].pages == total  # every public item read once over all slices
        assert read_root(app, lambda root: links_section(root).run) is None
