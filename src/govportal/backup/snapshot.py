"""What a restore drill compares: a site's state, as plain data.

:func:`snapshot` reads a site through the application's own code (the
catalog's published documents, the audit log) from connections the caller
opened — the restored copy, or the live site opened read-only — and returns
JSON-able data:

* ``counts``: objects per database (``len(storage)``) and the last
  transaction id of each;
* ``documents``: every published document by oid: its path, a SHA-256 of its
  fields, a SHA-256 of its rendered text (the sanitised body as visitors get
  it, tags stripped), the SHA-256 of each attachment's blob, and the newest
  ``_p_serial`` of the document and its attachments;
* ``audit``: every audit entry's hash by sequence number, and the purge anchor.

:func:`compare` sets a restored snapshot against the live one: what differs
is an error unless the live item changed after the recovery point (its
serial is newer), in which case it is listed as after the recovery point.
"""

import hashlib
import html
import json
import re

from pyramid.traversal import resource_path
from substanced.util import get_oid

from ..content.document import DocumentSchema
from ..content.richtext import sanitize_html
from ..public.listing import published_page

FIELDS = (*(node.name for node in DocumentSchema().children), "index_number")
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def _sha(data):
    return hashlib.sha256(data).hexdigest()


def rendered_text(body):
    """The visible text of a document's body as the public page renders it."""
    text = TAG.sub(" ", sanitize_html(body or ""))
    return SPACE.sub(" ", html.unescape(text)).strip()


def _field_value(doc, name):
    try:
        value = getattr(doc, name, None)
    except Exception as e:  # a reference property outside a tree
        value = f"<{type(e).__name__}>"
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def blob_sha(blob):
    digest = hashlib.sha256()
    with blob.open("r") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def document_state(doc):
    fields = {name: _field_value(doc, name) for name in FIELDS}
    attachments, serial = {}, doc._p_serial
    for att in doc.attachments():
        blob = getattr(att, "blob", None)
        attachments[att.__name__] = blob_sha(blob) if blob is not None else None
        serial = max(serial, att._p_serial, getattr(blob, "_p_serial", b"\0" * 8))
    return {
        "path": resource_path(doc),
        "fields": _sha(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()),
        "text": _sha(rendered_text(doc.body).encode()),
        "attachments": attachments,
        "serial": serial.hex(),
    }


def documents(root):
    """Published documents under ``root`` (needs the app's registry current)."""
    items, _total = published_page(root, limit=10**7, deep=True, types=("Document",))
    return {str(get_oid(doc)): document_state(doc) for doc in items}


def audit_entries(audit_conn):
    log_root = audit_conn.root().get("govportal_audit") if audit_conn is not None else None
    if log_root is None:
        return {"entries": {}, "anchor": 0, "head": 0}
    entries = {str(seq): entry.data.get("hash") for seq, entry in log_root.entries.items()}
    return {"entries": entries, "anchor": log_root.anchor_seq, "head": log_root.head_seq}


def snapshot(root, dbs, audit_conn):
    """The state of a site (``root``: its app root; ``dbs``: {label: DB})."""
    counts = {}
    for label, db in dbs.items():
        storage = db.storage
        counts[label] = {"objects": len(storage), "last_tid": storage.lastTransaction().hex()}
    return {"counts": counts, "documents": documents(root), "audit": audit_entries(audit_conn)}


def compare(restored, live, recovery_tids):
    """Differences between a restored and a live snapshot.

    ``recovery_tids``: {label: hex tid of the backup's recovery point}.
    Returns ``{"differences": [...], "after_recovery_point": [...],
    "counts": {...}}``; each item is ``{"what", "key", "detail"}``.
    """
    differences, after = [], []
    main_tid = recovery_tids.get("main") or ""
    live_moved = {
        label: live["counts"].get(label, {}).get("last_tid", "") > (tid or "")
        for label, tid in recovery_tids.items()
    }
    rdocs, ldocs = restored["documents"], live["documents"]
    for oid in sorted(set(rdocs) | set(ldocs)):
        mine, theirs = rdocs.get(oid), ldocs.get(oid)
        if mine == theirs:
            continue
        key = (theirs or mine)["path"]
        if theirs is None:
            newer, detail = live_moved.get("main", False), "not published on the live site"
        elif mine is None:
            newer, detail = theirs["serial"] > main_tid, "not published in the backup"
        else:
            newer = theirs["serial"] > main_tid
            detail = (
                ", ".join(
                    part for part in ("fields", "text", "attachments") if mine[part] != theirs[part]
                )
                or "serial"
            )
        (after if newer else differences).append({"what": "document", "key": key, "detail": detail})
    raudit, laudit = restored["audit"], live["audit"]
    for seq, digest in raudit["entries"].items():
        other = laudit["entries"].get(seq)
        if other == digest:
            continue
        if other is None and int(seq) <= laudit["anchor"]:
            after.append({"what": "audit", "key": seq, "detail": "purged on the live site since"})
        else:
            differences.append(
                {"what": "audit", "key": seq, "detail": "entry differs or is missing"}
            )
    for seq in laudit["entries"]:
        if seq not in raudit["entries"] and int(seq) > raudit["head"]:
            after.append(
                {"what": "audit", "key": seq, "detail": "written after the recovery point"}
            )
    counts = {}
    for label, mine in restored["counts"].items():
        theirs = live["counts"].get(label, {})
        counts[label] = {"restored": mine, "live": theirs}
        same_point = theirs.get("last_tid") == mine.get("last_tid")
        if same_point and theirs.get("objects") != mine.get("objects"):
            differences.append(
                {
                    "what": "objects",
                    "key": label,
                    "detail": f"{mine['objects']} != {theirs['objects']}",
                }
            )
    return {"differences": differences, "after_recovery_point": after, "counts": counts}
