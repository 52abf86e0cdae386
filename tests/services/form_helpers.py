"""Helpers of the form builder and saved-form tests: a guide in a department's
办事指南 column, built without HTTP (the guide pages are another part)."""

import re

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session

from ..conftest import read_root

#: A form with one field of each kind a test needs.
SPECS = (
    {"name": "school_name", "label": "拟办学校名称", "kind": "text", "required": True},
    {
        "name": "school_type",
        "label": "学校类别",
        "kind": "choice",
        "required": True,
        "choices": ("幼儿园", "小学", "初中"),
    },
    {"name": "open_on", "label": "拟开办日期", "kind": "date"},
    {"name": "licence", "label": "场地证明", "kind": "file", "extensions": ("pdf",), "max_mb": 1},
)


def make_guide(wsgi_app, site="jyj", name="test-guide", form_fields=SPECS, **attrs):
    """A draft ServiceGuide at ``/<site>/bszn/<name>``; returns its path."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        column = find_resource(root, f"/{site}/bszn")
        attrs.setdefault("title", "民办学校办学许可")
        attrs.setdefault("online_mode", "here")
        attrs.setdefault("user_types", ("person", "legal"))
        guide = request.registry.content.create(
            "ServiceGuide", form_fields=tuple(form_fields), **attrs
        )
        column[name] = guide
    return f"/{site}/bszn/{name}/"


def form_fields(wsgi_app, path):
    return read_root(wsgi_app, lambda root: tuple(find_resource(root, path).form_fields))


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} on the page"
    return match.group(1)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
