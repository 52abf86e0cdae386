"""Snapshots of a document: its editable fields and its attachments.

A snapshot is a plain dict ``{"fields": {...}, "attachments": (...)}``:

``fields``
    every field of :class:`~govportal.content.document.DocumentSchema` at the
    time of the snapshot (read from the schema, so fields that other packages
    add to it are included without change here), name → value.
``attachments``
    one dict per attachment, in name order: ``name``, ``title``,
    ``filename``, ``mimetype``, ``size``, ``sha256``, and references to the
    ``attachment`` object and its ``blob`` (so the content can be restored
    after the attachment was removed from the document), plus the blob's
    ``serial`` (lets the next snapshot reuse the digest of an unchanged file).

Snapshots never copy file data; :func:`copy_attachment` makes a new
attachment from a recorded one when content is restored or checked out.
"""

import hashlib
import shutil
from datetime import date, datetime

from ZODB.utils import z64

from ..content.attachment import Attachment, IAttachment
from ..content.document import DocumentSchema

#: Keys of an attachment record that say whether two attachments are the same.
ATTACHMENT_KEYS = ("name", "title", "filename", "mimetype", "size", "sha256")

_CHUNK = 1 << 16


def is_form_internal(name):
    """Whether ``name`` is a node that a form adds to the schema and that
    is no field of the document: Substance D's ``Schema`` adds
    ``_csrf_token_`` ("Csrf Token"); such names start with an underscore."""
    return str(name).startswith("_")


def _field_nodes():
    return [node for node in DocumentSchema().children if not is_form_internal(node.name)]


def field_names():
    """Names of the editable document fields, in the schema's order (never a
    form-internal node such as the CSRF token)."""
    return [node.name for node in _field_nodes()]


def field_titles():
    """``{name: title}`` of the editable document fields."""
    return {node.name: node.title for node in _field_nodes()}


def document_fields(fields):
    """``fields`` (a snapshot's) without form-internal entries (revisions
    recorded before they were left out hold ``_csrf_token_``)."""
    return {k: v for k, v in fields.items() if not is_form_internal(k)}


def _frozen(value):
    """A copy of ``value`` that later edits of the document cannot change."""
    if isinstance(value, str | int | float | bool | date | datetime) or value is None:
        return value
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


def snapshot_fields(document):
    """``{name: value}`` of the document's editable fields."""
    return {name: _frozen(getattr(document, name, None)) for name in field_names()}


def _blob_serial(blob):
    try:
        blob._p_activate()
    except Exception:  # noqa: S110 - a new blob has nothing to load
        pass
    if blob._p_changed or blob._p_jar is None:
        return None  # written in this transaction: no stable serial yet
    serial = getattr(blob, "_p_serial", z64) or z64
    return None if serial == z64 else serial.hex()


def blob_digest(blob):
    """``(size, sha256 hex)`` of a blob's content."""
    digest = hashlib.sha256()
    size = 0
    with blob.open("r") as fp:
        while True:
            chunk = fp.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def attachment_record(attachment, previous=()):
    """The record of one attachment; ``previous`` records of an earlier
    snapshot let an unchanged file keep its digest without being read again."""
    blob = attachment.blob
    serial = _blob_serial(blob)
    size = sha = None
    if serial is not None:
        for old in previous:
            if old.get("blob") is blob and old.get("serial") == serial:
                size, sha = old["size"], old["sha256"]
                break
    if sha is None:
        size, sha = blob_digest(blob)
    return {
        "name": attachment.__name__,
        "title": attachment.title or "",
        "filename": attachment.filename or "",
        "mimetype": attachment.mimetype or "",
        "size": size,
        "sha256": sha,
        "attachment": attachment,
        "blob": blob,
        "serial": serial,
    }


def snapshot_attachments(document, previous=()):
    """Records of the document's attachments, in name order."""
    attachments = sorted(
        (v for v in document.values() if IAttachment.providedBy(v)), key=lambda a: a.__name__
    )
    return tuple(attachment_record(a, previous) for a in attachments)


def take_snapshot(document, previous=None):
    """The snapshot of ``document`` now (``previous``: the last one, if any)."""
    old = previous["attachments"] if previous else ()
    return {
        "fields": snapshot_fields(document),
        "attachments": snapshot_attachments(document, old),
    }


def attachment_key(record):
    return tuple(record.get(k) for k in ATTACHMENT_KEYS)


def same_content(a, b):
    """Whether two snapshots hold the same fields and attachments."""
    if a is None or b is None:
        return False
    if document_fields(a["fields"]) != document_fields(b["fields"]):
        return False
    return [attachment_key(r) for r in a["attachments"]] == [
        attachment_key(r) for r in b["attachments"]
    ]


# -- applying snapshots -----------------------------------------------------------


def apply_fields(document, fields, exclude=()):
    """Set the document's editable fields from ``fields`` (a snapshot's).

    Only fields of the current schema are set (a field removed from the
    schema since the snapshot is ignored); ``exclude`` names fields to keep.
    Returns the names of the fields that changed.
    """
    changed = []
    for name in field_names():
        if name in exclude or name not in fields:
            continue
        value = fields[name]
        if isinstance(value, tuple):
            value = list(value)
        if getattr(document, name, None) != value:
            setattr(document, name, value)
            changed.append(name)
    return changed


def copy_attachment(record_or_attachment):
    """A new :class:`Attachment` with the data of a record or an attachment.

    The bytes are copied into a new blob (blobs are never shared, so that
    replacing one file cannot change another); the copy keeps the title,
    file name and checked mimetype.
    """
    if IAttachment.providedBy(record_or_attachment):
        source = record_or_attachment
        blob, title, filename, mimetype = (
            source.blob,
            source.title,
            source.filename,
            source.mimetype,
        )
    else:
        record = record_or_attachment
        blob, title, filename, mimetype = (
            record["blob"],
            record["title"],
            record["filename"],
            record["mimetype"],
        )
    copy = Attachment.__new__(Attachment)
    # Bypass the upload checks of __init__: the data passed them when it was
    # uploaded, and a restore must not fail because a limit changed since.
    super(Attachment, copy).__init__(stream=None, mimetype=mimetype, title=title)
    copy.filename = filename
    with blob.open("r") as src, copy.blob.open("w") as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
    return copy


def record_is_intact(record):
    """Whether the recorded blob still holds the recorded bytes (a file
    replaced in place through the SDI overwrites its blob)."""
    blob = record.get("blob")
    if blob is None:
        return False
    try:
        _size, sha = blob_digest(blob)
    except Exception:
        return False
    return sha == record["sha256"]


class LostAttachments(Exception):
    """Recorded attachments whose file was overwritten in place since."""

    def __init__(self, records):
        super().__init__(", ".join(r["filename"] or r["name"] for r in records))
        self.records = list(records)


def _plan_attachments(document, records):
    wanted = {r["name"]: r for r in records}
    current = {v.__name__: v for v in document.values() if IAttachment.providedBy(v)}
    keep = {name for name, att in current.items() if name in wanted and _matches(att, wanted[name])}
    missing = [r for name, r in sorted(wanted.items()) if name not in keep]
    lost = [r for r in missing if not record_is_intact(r)]
    return wanted, current, keep, missing, lost


def check_attachments(document, records):
    """Raise :class:`LostAttachments` if ``records`` cannot all be restored
    onto ``document`` (changes nothing)."""
    lost = _plan_attachments(document, records)[4]
    if lost:
        raise LostAttachments(lost)


def apply_attachments(document, records):
    """Make the document's attachments those of ``records``.

    An attachment already there with the same name and content is kept (its
    title is updated); the others are removed, and the recorded ones that
    are missing are added as copies under their recorded names.  Raises
    :class:`LostAttachments` before changing anything if a recorded file was
    overwritten in place since.  Returns ``(added, removed)`` names.
    """
    wanted, current, keep, missing, lost = _plan_attachments(document, records)
    if lost:
        raise LostAttachments(lost)
    for name in keep:
        if (current[name].title or "") != wanted[name]["title"]:
            current[name].title = wanted[name]["title"]
    removed = sorted(set(current) - keep)
    for name in removed:
        document.remove(name)
    for record in missing:
        document[record["name"]] = copy_attachment(record)
    return [r["name"] for r in missing], removed


def _matches(attachment, record):
    if attachment.blob is record.get("blob") and _blob_serial(attachment.blob) is not None:
        if _blob_serial(attachment.blob) == record.get("serial"):
            return (attachment.filename or "") == record["filename"]
    size, sha = blob_digest(attachment.blob)
    return (
        sha == record["sha256"]
        and size == record["size"]
        and (attachment.filename or "") == record["filename"]
    )
