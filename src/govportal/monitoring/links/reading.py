"""Reading the public items: which they are, and the links each holds.

:func:`public_item_ids` finds, through the catalog, every item in a public
state of its workflow (each content type bound to a workflow, containers
aside: no state is named here).  :func:`read_item` turns one item into its
findings: each link of its rich text with the verdict of the in-process
check for internal ones (None for external ones, still to be asked over
HTTP), and each of its attachments (their files must open).
"""

from pyramid.traversal import resource_path
from substanced.util import find_catalog, find_objectmap

from ...catalog import CATALOG_NAME
from ...content import IAttachment, find_department
from ...media.references import parse_reference
from ...sitetime import now_utc
from ...siteurl import public_url
from ...workflow import facts
from .extract import INTERNAL, item_links, site_hosts
from .internal import DEFINITE, NO_FILE, OK, blob_opens, check_internal

#: content types that hold items rather than being one
CONTAINER_TYPES = frozenset({"Root", "Department", "Column"})


def public_item_ids(root, registry):
    """Object ids of every item in a public state of its workflow."""
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    found = set()
    for content_type in getattr(registry, "govportal_workflow_bindings", {}):
        if content_type in CONTAINER_TYPES:
            continue
        states = facts.public_states(registry, content_type)
        if states:
            query = system["content_type"].eq(content_type) & gov["state"].any(states)
            found.update(query.execute().ids)
    return sorted(found)


def editor_of(item, objectmap):
    """(user id, login name) of the item's last editor (else its creator)."""
    userid = getattr(item, "last_editor", None) or getattr(item, "creator", None)
    try:
        user = objectmap.object_for(int(userid)) if userid is not None else None
    except (TypeError, ValueError):
        user = None
    return (int(userid) if user is not None else None), (user.__name__ if user else "")


def read_item(root, anon, oid, external=True):
    """The findings of one item (every link, verdict None when external
    and still to check), or None when it is gone or not public."""
    objectmap = find_objectmap(root)
    item = objectmap.object_for(oid)
    if item is None or not anon.has_permission("view", item):
        return None
    site = find_department(item) or root
    editor_id, editor = editor_of(item, objectmap)
    base = {
        "site": resource_path(site) or "/",
        "page": resource_path(item),
        "title": getattr(item, "title", "") or item.__name__,
        "editor_id": editor_id,
        "editor": editor,
        "checked": now_utc(),
    }
    hosts = site_hosts(anon.registry, root)
    findings = []
    # links read against the item's full path under the portal's URL (a
    # department with its own host name serves the same paths below it)
    page_url = public_url(anon.registry, root) + resource_path(item).rstrip("/") + "/"
    for link in item_links(item, page_url, hosts):
        record = dict(base, url=link.url, target=link.target, kind=link.kind, shown=link.url)
        if link.kind == INTERNAL:
            record["verdict"], record["status"], record["reason"] = check_internal(
                root, anon, link.target
            )
            ref = parse_reference(link.target)
            target = objectmap.object_for(ref[0]) if ref else None
            if target is not None:
                record["shown"] = resource_path(target)
        elif not external:
            continue
        else:
            record["verdict"] = None
        findings.append(record)
    # the types with files say which (``attachments()``): a consultation's
    # thousands of comments are not walked
    attachments = getattr(item, "attachments", None)
    for attachment in attachments() if callable(attachments) else ():
        if IAttachment.providedBy(attachment):
            path = resource_path(attachment)
            ok = blob_opens(attachment)
            findings.append(
                dict(base, url=path, target=path, kind=INTERNAL, shown=path)
                | {"verdict": OK if ok else DEFINITE, "status": 200 if ok else 404}
                | {"reason": "" if ok else NO_FILE}
            )
    return findings
