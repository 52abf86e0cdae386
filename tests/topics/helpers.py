"""Build special topics and department documents quickly (no HTTP)."""

import io
import struct
import zlib

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import site_session
from govportal.demo.specialtopics import build_special_topics
from tests.conftest import read_root
from tests.public.helpers import publish_documents


def department_documents(app):
    """Two published documents in each of jyj, wjj (gzdt), one in czj and rsj
    (gzdt, kind news) and one in jyj's tzgg (kind notice)."""
    paths = {}
    for dept in ("jyj", "wjj"):
        paths[dept] = publish_documents(
            app,
            f"/{dept}/gzdt/",
            [{"name": f"{dept}-{i}", "title": f"{dept}工作动态{i}"} for i in range(2)],
            editor=f"{dept}_editor",
            reviewer=f"{dept}_reviewer",
        )
    for dept in ("czj", "rsj"):
        paths[dept] = publish_documents(
            app,
            f"/{dept}/gzdt/",
            [{"name": f"{dept}-0", "title": f"{dept}营商动态", "topic": "经济管理"}],
            editor=f"{dept}_editor",
            reviewer=f"{dept}_reviewer",
        )
    paths["notice"] = publish_documents(
        app,
        "/jyj/tzgg/",
        [{"name": "notice-0", "title": "教育局通知"}],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    return paths


def demo_topics(app):
    """Department documents, then the demo's two topics."""
    paths = department_documents(app)
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        build_special_topics(root, request, root["principals"])
    return paths


def oid_of(app, path):
    return read_root(app, lambda root: get_oid(find_resource(root, path)))


def state_of(app, path):
    from govportal.workflow import get_state

    return read_root(app, lambda root: get_state(find_resource(root, path), app.registry))


def png_bytes(size=0):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    image = zlib.compress(b"\x00\x00" + b"\x00" * size)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", image) + chunk(b"IEND", b"")
    )


def add_banner(app, name, alt):
    """Give the topic ``name`` a PNG banner with ``alt`` text."""
    from govportal.topics.banner import set_banner

    with site_session(app.registry) as (zodb_root, _request):
        topic = zodb_root["app_root"][name]
        set_banner(topic, io.BytesIO(png_bytes()), "banner.png", "image/png", alt)
