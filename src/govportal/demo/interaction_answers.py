"""Demo data of 互动交流: the 智能问答 knowledge base.

Entries come from ``interaction_answers.yaml``; each is created by its
site's editor in the site's knowledge column (``hdjl/zswd``), submitted and
approved by the site's reviewer through the participation workflow (four
eyes), as real use does.  The minimal demo (the test suite's template)
builds only the entries marked ``small``.
"""

import functools
from pathlib import Path

import yaml
from substanced.util import get_oid

from ..interaction.answers import COLUMN_TITLE
from ..interaction.answers.form import answer_html
from ..interaction.answers.model import COLUMN_NAME, TYPE, resolve_link
from .interaction import HUB, column
from .services import publish

DATA_FILE = Path(__file__).with_name("interaction_answers.yaml")


@functools.cache
def _data():
    with DATA_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def knowledge_column(site, registry):
    """The site's ``hdjl/zswd`` column (created with ``hdjl`` if missing)."""
    hub = column(site, registry, HUB, "互动交流")
    return column(hub, registry, COLUMN_NAME, COLUMN_TITLE, position=40)


def _people(principals, site_name):
    users = principals["users"]
    prefix = site_name or "portal"
    return users.get(f"{prefix}_editor"), users.get(f"{prefix}_reviewer")


def build(root, request, principals, full):
    """Create the demo's knowledge-base entries if absent (idempotent)."""
    registry = request.registry
    for site_name, specs in (_data().get("entries") or {}).items():
        site = root if not site_name else root.get(site_name)
        editor, reviewer = _people(principals, site_name)
        if site is None or editor is None or reviewer is None:
            continue
        folder = knowledge_column(site, registry)
        for spec in specs:
            if not (full or spec.get("small")) or spec["name"] in folder:
                continue
            entry = registry.content.create(
                TYPE,
                title=spec["title"],
                wordings=tuple(spec.get("wordings") or ()),
                answer=answer_html(spec["answer"]),
                keywords=tuple(spec.get("keywords") or ()),
                pinned=bool(spec.get("pinned")),
                last_editor=get_oid(editor),
            )
            folder[spec["name"]] = entry
            entry.links = tuple(
                link for link in spec.get("links") or () if resolve_link(entry, link) is not None
            )
            publish(request, entry, editor, reviewer)
