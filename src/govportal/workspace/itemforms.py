"""The add and edit forms of the workspace's items (service guides,
consultations, interviews …): one set of steps for all of them.

- :func:`item_form`: the deform form with the site's CSRF field and either
  the one-time submission token (a new item: saved exactly once per form,
  govportal.submissions) or the stale-form serial (an existing item);
- :func:`add_item`: the add view's steps (show, validate, create once);
- :func:`edit_item`: the edit view's steps (stale-form check, the edit lock
  of govportal.locks, changed values stored once, lock released), the
  checks and the save being :func:`save_checked` (also used by edit forms
  that are not deform's: adoption reports, surveys);
- :func:`upload_attachment`: a file of the item (type sniffed, size
  limited as media do), stored once per one-time token;
- :func:`page_values`: the values every edit page shows;
- :func:`lock_state`, :func:`held_by_other`, :func:`changed`,
  :func:`tie_messages` for the pages around them;
- :func:`column_of_kind`: whether an add form belongs in a column.

Each caller keeps its own messages (message ids), templates and values.
"""

import re

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import resource_path
from substanced.event import ObjectModified

from ..content import IColumn
from ..content.uploads import DEFAULT_MAX_BYTES, check_upload
from ..content.views import new_name
from ..i18n import translate
from ..locks import current as current_lock
from ..locks import release as release_lock
from ..submissions import once, token_node
from .dashboard import no_store
from .editing import created_once
from .forms import SERIAL, fingerprint
from .queries import column_label


def hidden(name, default=""):
    """A hidden string field (empty when missing)."""
    return colander.SchemaNode(
        colander.String(),
        name=name,
        widget=deform.widget.HiddenWidget(),
        default=default,
        missing="",
    )


def column_of_kind(column, kind):
    """Whether ``column`` is a column of ``kind`` (its add forms' place)."""
    return IColumn.providedBy(column) and getattr(column, "kind", "") == kind


def item_form(request, schema, action, new_kind, save_label, formid):
    """The form of ``schema``: a new item's when ``new_kind`` (its one-time
    submission kind) is given, else an existing item's (stale-form serial)."""
    # the site's CSRF check (every POST) reads ``csrf_token``
    schema.add(hidden("csrf_token", request.session.get_csrf_token()))
    schema.add(token_node(request, new_kind) if new_kind else hidden(SERIAL))
    save = deform.Button("save", translate(request, save_label))
    return deform.Form(schema, action=action, buttons=[save], formid=formid)


def held_by_other(request, item):
    """The edit lock on ``item`` when another user holds it, else None."""
    lock = current_lock(item)
    if lock is not None and not lock.held_by(request.authenticated_userid):
        return lock
    return None


def lock_state(request, item, notice):
    """``(notice, offer)`` of an edit page: ``notice(lock)`` (a message)
    translated when another user holds the lock, and whether to offer the
    user to take it (no lock yet).  ``item`` None (a new item): nothing."""
    if item is None:
        return None, False
    lock = current_lock(item)
    if lock is None:
        return None, True
    if lock.held_by(request.authenticated_userid):
        return None, False
    return translate(request, notice(lock)), False


def page_values(request, column, item, form_html, heading, notice, status=200, errors=()):
    """The values of an edit page (``item`` None: a new one in ``column``;
    ``heading`` a message; ``notice(lock)`` as :func:`lock_state`); not
    stored by caches; the response's status is ``status``."""
    request.response.status_int = status
    no_store(request)
    lock_notice, offer = lock_state(request, item, notice)
    return {
        "heading": translate(request, heading),
        "form_html": tie_messages(form_html),
        "where": column_label(column),
        "item": item,
        "back_url": request.resource_url(item, "@@ws-item")
        if item is not None
        else request.application_url + "/@@workspace",
        "ws_errors": [translate(request, e) for e in errors],
        "lock_notice": lock_notice,
        "lock_offer": offer,
        "csrf_token": request.session.get_csrf_token(),
    }


def changed(request, item):
    """Stamp the edit and tell the subscribers (catalog, audit …)."""
    from ..services.item_pages import stamp

    stamp(request, item)
    request.registry.subscribers((ObjectModified(item), item), None)


def add_item(request, context, form, show, kind, make, prefix, flash):
    """The add view: GET shows the form (``show(form_html, status=…)``); a
    valid POST stores ``make(appstruct)`` in ``context`` (a new name with
    ``prefix``) exactly once per form and goes to the workspace."""
    from ..services.item_pages import stamp

    if request.method != "POST":
        return show(form.render())
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return show(e.render(), status=400)

    def create(submission):
        item = make(appstruct)
        stamp(request, item, created=True)
        name = new_name(context, prefix=prefix)
        context[name] = item
        return {"path": resource_path(context[name])}

    return created_once(request, kind, create, flash, request.application_url + "/@@workspace")


def refuse(request, show, status, message, html):
    """Nothing of this request is stored; the page with ``message``."""
    request.tm.doom()
    return show(html, status=status, errors=[message])


def edit_item(request, item, form, *, values, stored, fields, show, stale, locked, saved):
    """The edit view: GET shows ``values(item, registry)``; a valid POST is
    refused (409) when the item changed since the form was opened
    (``stale``) or (423) while another user holds the lock
    (``locked(lock)``), else the changed values of ``stored(appstruct)`` are
    set, the lock released, ``saved`` flashed and the item page shown."""
    registry = request.registry
    if request.method != "POST":
        return show(form.render(values(item, registry)))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return show(e.render(), status=400)

    def refused(status, message):
        return show(form.render(appstruct), status=status, errors=[message])

    return save_checked(
        request,
        item,
        appstruct.get(SERIAL),
        fields,
        stored(appstruct),
        refused=refused,
        stale=stale,
        locked=locked,
        saved=saved,
    )


def save_checked(request, item, serial, fields, values, *, refused, stale, locked, saved):
    """The checked save of every edit form (whatever renders it): the
    posted stale-form ``serial`` must still be ``item``'s fingerprint of
    ``fields`` (else ``refused(409, stale)``) and no other user may hold the
    edit lock (else ``refused(423, locked(lock))``); both refusals doom the
    transaction.  Otherwise the changed ``values`` are set, the edit stamped,
    the user's own lock released, ``saved`` flashed and the item page shown."""
    if serial != fingerprint(item, request.registry, fields):
        request.tm.doom()
        return refused(409, stale)
    lock = held_by_other(request, item)
    if lock is not None:
        request.tm.doom()
        return refused(423, locked(lock))
    for name, value in values.items():
        if getattr(item, name, None) != value:
            setattr(item, name, value)
    changed(request, item)
    if current_lock(item) is not None:
        release_lock(item, request)
    request.session.flash(translate(request, saved))
    return HTTPSeeOther(request.resource_url(item, "@@ws-item"))


def upload_attachment(request, item, kind, refused, none_message, added):
    """Store the POST's ``upload`` (``title`` optional) as an attachment of
    ``item`` exactly once per one-time token of ``kind``, flash ``added``
    and go back to the edit form; ``refused(status, message)`` when no file
    came or its type or size is refused."""
    upload = request.POST.get("upload")
    fp = getattr(upload, "file", None)
    filename = getattr(upload, "filename", "") or ""
    if fp is None:
        return refused(400, none_message)
    limit = int(request.registry.settings.get("govportal.max_upload_bytes", DEFAULT_MAX_BYTES))
    try:
        check_upload(filename, fp, limit)
    except ValueError as e:
        return refused(400, e.args[0])

    def create(submission):
        title = (request.POST.get("title") or "").strip()[:200]
        stem = filename.rsplit(".", 1)[0] if "." in filename else filename
        name = f"{new_name(item)}.{filename.rsplit('.', 1)[-1].lower()}"
        item[name] = request.registry.content.create(
            "Attachment", stream=fp, filename=filename, title=title or stem
        )
        changed(request, item)
        return {"name": name}

    # a double click or a retried request stores the file once
    if not once(request, kind, create).replayed:
        request.session.flash(translate(request, added))
    return HTTPSeeOther(request.resource_url(item, "@@ws-edit"))


_DESCRIBED = re.compile(r'\bid="(error|help)-([A-Za-z0-9_]+)"')


def tie_messages(html):
    """deform's templates print a field's error and help text beside it
    without telling assistive technology: tie them to the control (or to
    each box of a group of checkboxes) with ``aria-describedby``, and mark
    a control in error ``aria-invalid``."""
    described = {}
    for kind, oid in _DESCRIBED.findall(html):
        described.setdefault(oid, []).append(f"{kind}-{oid}")
    for oid, ids in described.items():
        extra = f' aria-describedby="{" ".join(ids)}"'
        if any(i.startswith("error-") for i in ids):
            extra += ' aria-invalid="true"'
        pattern = re.compile(rf'(<(?:input|select|textarea)\b[^>]*\bid="{oid}(?:-\d+)?")')
        html = pattern.sub(lambda m, extra=extra: m.group(1) + extra, html)
    return html
