"""Temporary upload files never outlive a refused request.

Substance D's ``FileUploadTempStore`` writes every uploaded file of a deform
form to ``substanced.uploads_tempdir`` and names it in the session
(``substanced.tempstore``), so that a form shown again after a validation
error keeps the file.  Views clear the store after a successful save; every
other path — a refused file type, a validation error, a CSRF failure, an
exception — used to leave the file behind.  Here:

- for every ``multipart/form-data`` POST, the entries already in the session
  are noted when the request starts; when the answer is a refusal (4xx/5xx)
  or an exception, the entries this request added are dropped from the
  session and their files removed (a response callback, registered before
  the view runs, so it runs before the session writes its cookie); a
  finished callback removes the files again if no answer was made at all.
  After a refused form the file must be chosen again — a file that was
  refused is never kept.
- a periodic job (:func:`sweep_job`, on the scheduler thread) removes files
  older than ``govportal.hardening.upload_max_age`` seconds (default one
  hour): uploads of forms that were never sent again.
"""

import logging
import os
import time

from pyramid.events import NewRequest

log = logging.getLogger(__name__)

TEMPSTORE_KEY = "substanced.tempstore"
#: How often (seconds) the periodic sweep actually walks the directory.
SWEEP_EVERY = 300


def _randids(session):
    store = session.get(TEMPSTORE_KEY) or {}
    return {v.get("randid") for v in store.values() if isinstance(v, dict) and v.get("randid")}


def _remove(tempdir, randids):
    removed = 0
    for randid in randids:
        if not randid or os.sep in randid or randid.startswith("."):
            continue
        try:
            os.remove(os.path.join(tempdir, randid))
            removed += 1
        except FileNotFoundError:
            pass
        except OSError:
            log.warning("could not remove the temporary upload %s", randid, exc_info=True)
    return removed


def _is_upload(request):
    return request.method == "POST" and (request.content_type or "").startswith(
        "multipart/form-data"
    )


def on_new_request(event):
    """Note this request's starting tempstore entries; clean up on refusal."""
    request = event.request
    if not _is_upload(request):
        return
    tempdir = request.registry.settings.get("substanced.uploads_tempdir")
    if not tempdir:
        return
    try:
        before = _randids(request.session)
    except Exception:  # no session: Substance D cannot store uploads either
        return
    state = {"done": False}

    def added():
        try:
            return _randids(request.session) - before
        except Exception:
            return set()

    def on_response(request, response):
        if request.exception is None and response.status_int < 400:
            return
        new = added()
        if new:
            store = dict(request.session.get(TEMPSTORE_KEY) or {})
            for name, value in list(store.items()):
                if isinstance(value, dict) and value.get("randid") in new:
                    del store[name]
            if store:
                request.session[TEMPSTORE_KEY] = store
            else:
                request.session.pop(TEMPSTORE_KEY, None)
            _remove(tempdir, new)
        state["done"] = True

    def on_finished(request):
        if state["done"]:
            return
        if request.exception is not None or getattr(request, "response", None) is None:
            _remove(tempdir, added())
        elif request.response.status_int >= 400:
            _remove(tempdir, added())

    request.add_response_callback(on_response)
    request.add_finished_callback(on_finished)


def sweep(tempdir, max_age, now=None):
    """Remove files in ``tempdir`` older than ``max_age`` seconds; the count."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(tempdir))
    except FileNotFoundError:
        return 0
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > max_age:
                os.remove(entry.path)
                removed += 1
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("could not remove %s", entry.path, exc_info=True)
    if removed:
        log.info("removed %d stale temporary upload(s) from %s", removed, tempdir)
    return removed


def make_sweep_job(settings):
    """The periodic job: sweep at most every :data:`SWEEP_EVERY` seconds;
    it writes nothing to the database (returns False)."""
    tempdir = settings.get("substanced.uploads_tempdir")
    max_age = float(settings.get("govportal.hardening.upload_max_age") or 3600)
    last = [0.0]

    def sweep_job(root, request):
        now = time.time()
        if tempdir and now - last[0] >= SWEEP_EVERY:
            last[0] = now
            sweep(tempdir, max_age, now)
        return False

    return sweep_job


def includeme(config):
    config.add_subscriber(on_new_request, NewRequest)
