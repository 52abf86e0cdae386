"""Saved application forms (暂存): save a half-filled form, resume it with a code.

An applicant who cannot finish an online form at once saves it and gets a
*resume code* (the tracking-code alphabet of the disclosure applications,
20 characters in groups of four).  The form is kept as a :class:`SavedForm`
— what was typed, as posted and not yet valid, and the materials already
uploaded (ZODB blobs, type-sniffed and size-checked like every upload) — in
one root-level tree (``govportal_service_drafts``) keyed by the SHA-256 hash
of the code: the code itself is never stored, and whoever holds it may read
and change the form (it may hold personal data: pages answer a wrong code
and an expired one alike, and limit look-ups per address).

* :func:`save_once` — the view's call: saves under the posted code (the same
  form again: values replaced, materials of the fields uploaded again
  replaced, others kept) or under a new code, exactly once per one-time
  submission token (:mod:`govportal.submissions`, kind
  :data:`SUBMISSION_KIND`): a replayed POST stores nothing new and shows the
  same code (derived from the token).  Every page that saves must therefore
  carry a fresh token.
* :func:`save_draft`, :func:`load_draft`, :func:`discard_draft` — the model.
* :func:`collect` — what of a post is worth saving (raw values cut to size,
  uploads checked).
* :func:`expire_drafts` — the periodic job (``config.add_periodic_job``):
  forms not saved for ``govportal.services.draft_days`` days (default 30)
  are deleted; :func:`load_draft` never answers an expired one meanwhile.
"""

import logging
import time
from datetime import timedelta

from persistent import Persistent
from pyramid.traversal import resource_path

from ..applications.model import (
    CODE_LENGTH,
    code_hash,
    new_tracking_code,
    normalise_tracking_code,
    tracking_code_from,
)
from ..private_stores import root_tree
from ..sitetime import now_utc
from ..submissions import once
from . import formfields
from .cases import CaseFile

log = logging.getLogger(__name__)

#: The root attribute holding the saved forms (code hash -> SavedForm).
DRAFTS_ATTR = "govportal_service_drafts"
#: The kind of one-time submission token a saving form carries.
SUBMISSION_KIND = "service-draft"
DEFAULT_DAYS = 30
#: Longest raw value kept of one field (the form's checks apply on submission).
MAX_RAW = formfields.MAX_LENGTH_LIMIT
#: Seconds between two expiry scans of one process.
EXPIRY_INTERVAL = 3600


class SavedForm(Persistent):
    """One saved form: ``values`` (field name -> raw text or tuple of texts,
    the applicant block included), ``materials`` (field name -> tuple of
    :class:`~.cases.CaseFile`), the guide's path and title, when it was
    created and last saved (UTC).  Values are replaced, never mutated."""

    code_hash = ""

    def __init__(self, guide_path, guide_title):
        self.guide_path = guide_path
        self.guide_title = guide_title
        self.values = {}
        self.materials = {}
        self.created_at = self.updated_at = now_utc()

    def material_names(self):
        """Field name -> list of uploaded file names (for the form's ``kept``)."""
        return {field: [f.filename for f in files] for field, files in self.materials.items()}

    def files(self):
        """Field name -> ``[(filename, bytes, mimetype)]`` of the materials."""
        result = {}
        for field, files in self.materials.items():
            result[field] = []
            for f in files:
                with f.open() as fp:
                    result[field].append((f.filename, fp.read(), f.mimetype))
        return result


def find_drafts(context, create=False):
    return root_tree(context, DRAFTS_ATTR, create)


def ensure_drafts(root):
    """Site set-up (idempotent): the tree, before the first concurrent savers."""
    return find_drafts(root, create=True)


def draft_days(registry):
    try:
        return int(registry.settings.get("govportal.services.draft_days") or DEFAULT_DAYS)
    except ValueError:
        return DEFAULT_DAYS


def _expired(draft, registry):
    return draft.updated_at < now_utc() - timedelta(days=draft_days(registry))


def load_draft(context, code, registry=None):
    """The saved form of ``code``, or None (unknown, malformed or expired)."""
    if len(normalise_tracking_code(code)) != CODE_LENGTH:
        return None
    tree = find_drafts(context)
    draft = None if tree is None else tree.get(code_hash(code))
    if draft is not None and registry is not None and _expired(draft, registry):
        return None
    return draft


def discard_draft(context, code):
    """Delete the saved form of ``code`` (after its submission); True if there was one."""
    tree = find_drafts(context)
    digest = code_hash(code)
    if tree is None or len(normalise_tracking_code(code)) != CODE_LENGTH or digest not in tree:
        return False
    del tree[digest]
    return True


def _store_files(draft, files):
    materials = dict(draft.materials)
    for field, triples in (files or {}).items():
        if triples:
            materials[field] = tuple(
                CaseFile(filename, mimetype, data, field=field)
                for filename, data, mimetype in triples
            )
    draft.materials = materials


def save_draft(request, guide, values, files=None, code=None, new_code=None):
    """Save the form of ``guide``; returns the resume code.

    ``code``: the code the form was resumed with — that saved form is
    updated (when it exists, is not expired and belongs to ``guide``);
    otherwise a new one is stored under ``new_code`` (or a random code).
    ``values`` replace the saved ones; ``files`` (field name ->
    ``[(filename, bytes, mimetype)]``, already checked) replace the
    materials of their fields.
    """
    path = resource_path(guide)
    draft = load_draft(guide, code, request.registry) if code else None
    if draft is None or draft.guide_path != path:
        tree = find_drafts(guide, create=True)
        code = new_code or new_tracking_code()
        digest = code_hash(code)
        if digest in tree:  # not expected with 100 bits: draw a random one
            code = new_tracking_code()
            digest = code_hash(code)
        draft = SavedForm(path, getattr(guide, "title", ""))
        draft.code_hash = digest
        tree[digest] = draft
    draft.values = dict(values)
    draft.guide_title = getattr(guide, "title", "") or draft.guide_title
    draft.updated_at = now_utc()
    _store_files(draft, files)
    return _grouped(code)


def _grouped(code):
    raw = normalise_tracking_code(code)
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def save_once(request, guide, values, files=None, code=None):
    """Save as :func:`save_draft`, once per submission token; returns
    ``(code, replayed)`` — a replay stores nothing and answers the same code."""

    def new_code(submission):
        if submission is None:
            return None
        return tracking_code_from(submission.derive("service-draft-code"))

    def create(submission):
        saved = save_draft(request, guide, values, files, code, new_code(submission))
        return {"path": resource_path(guide), "updated": saved == _grouped(code or "")}

    outcome = once(request, SUBMISSION_KIND, create)
    if outcome.result.get("updated"):
        return _grouped(code), outcome.replayed
    return _grouped(new_code(outcome.submission)), outcome.replayed


def collect(specs, post, request=None, prefixes=("applicant_",)):
    """What of a post to save: ``(values, files, errors)``.

    ``values`` holds the raw text of every field of ``specs`` and of every
    posted field whose name starts with one of ``prefixes`` (the applicant
    block), each cut to :data:`MAX_RAW` characters (a saved form need not be
    valid); ``files`` the uploads of file fields, checked (type, size) as on
    submission; ``errors`` the file fields whose uploads were refused.
    """
    values, files, errors = {}, {}, {}
    for spec in (formfields.normalise_spec(s) for s in specs):
        name = spec["name"]
        if spec["kind"] == "file":
            uploads = [u for u in post.getall(name) if not isinstance(u, str)]
            try:
                files[name] = formfields.clean_files(dict(spec, required=False), uploads)
            except formfields.FieldError as e:
                errors[name] = formfields.say(request, e.args[0])
        elif spec["kind"] == "multichoice":
            values[name] = tuple(v[:MAX_RAW] for v in post.getall(name) if isinstance(v, str))
        else:
            raw = post.get(name, "")
            values[name] = raw[:MAX_RAW] if isinstance(raw, str) else ""
    for name, raw in post.items():
        if name.startswith(prefixes) and isinstance(raw, str):
            values[name] = raw[:MAX_RAW]
    return values, {k: v for k, v in files.items() if v}, errors


def expire_drafts(root, request, batch=500):
    """Delete up to ``batch`` saved forms not saved for the configured days;
    returns how many (a periodic job: commits when it deleted some)."""
    tree = find_drafts(root)
    if tree is None:
        return 0
    old = []
    for digest, draft in tree.items():
        if _expired(draft, request.registry):
            old.append(digest)
            if len(old) >= batch:
                break
    for digest in old:
        del tree[digest]
    if old:
        log.info("%d saved application forms expired", len(old))
    return len(old)


def periodic_expiry(root, request):
    """The scheduler's job: :func:`expire_drafts` at most once an hour per process."""
    state = request.registry.__dict__.setdefault("govportal_draft_expiry", {"last": 0.0})
    if time.monotonic() - state["last"] < EXPIRY_INTERVAL and state["last"]:
        return 0
    state["last"] = time.monotonic()
    return expire_drafts(root, request)


def includeme(config):
    config.add_periodic_job("govportal saved application forms expiry", periodic_expiry)
