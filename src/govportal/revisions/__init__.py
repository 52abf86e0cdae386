"""Revisions and working copies of documents.

Revisions
---------
Every save of a document keeps a revision (who, when, what): the editable
fields of :class:`~govportal.content.document.DocumentSchema` (whatever
fields it has) and the attachments (name, title, file name, mimetype, size,
SHA-256 and a reference to the file, so it can be restored).  Substance D's
``ObjectModified`` (property sheets: the SDI and forms built on them) and
attachments being added or removed record one; creating a document records
revision 1; a save that changed nothing records none.

- :func:`record_revision(document, request, note) <.store.record_revision>`
  → the new :class:`~.store.Revision` or None (nothing changed).  The
  workspace calls it after a form save with a note of its own; an
  ``ObjectModified`` fired afterwards then records nothing more.
- :func:`get_revisions(document) <.store.get_revisions>` (oldest first),
  :func:`get_revision(document, number) <.store.get_revision>`,
  :func:`latest_revision(document) <.store.latest_revision>`;
  ``Revision.as_dict()`` for lists and JSON.
- :func:`restore_revision(document, number, request)
  <.restore.restore_revision>` → :class:`~.restore.RestoreResult`: a document
  the user may edit gets the content as a new revision; a published one gets
  it in its working copy.

Working copies
--------------
Editing a published document never changes the live page.

- :func:`checkout(document, request) <.workingcopy.checkout>` → the
  document's :class:`~.workingcopy.WorkingCopy` (created, or the existing
  one), a child named ``working-copy``; needs the ``checkout`` permission,
  which document.yaml grants the department's editors on published items.
- :func:`get_working_copy(document) <.workingcopy.get_working_copy>`,
  :func:`live_document(working_copy) <.workingcopy.live_document>`,
  :class:`~.workingcopy.IWorkingCopy` (content type ``WorkingCopy``).
- The copy's workflow is ``workflows/workingcopy.yaml``: ``submit``,
  ``reject`` (comment required), ``approve`` (four eyes) and ``discard``,
  run like any transition (``get_workflow(wc, registry).transition(...)``
  or ``POST <wc>/@@transition``; pass ``came_from``: after approval or
  discarding the copy's URL is gone).  Approval writes the copy over the
  live document (发布日期 and 索引号 stay), records a revision and a history
  record there, reindexes it and removes the copy; discarding removes it.
  The live document's history also records who checked out and who
  discarded (actions titled in :data:`~.workingcopy.HISTORY_ACTIONS`).
- Listings that should show working copies (待我审核) ask the catalogs for
  content type ``WorkingCopy`` as well as ``Document``: a copy in review has
  the state ``review`` of its own workflow.  Public listings ask for
  ``Document`` only, and no working-copy state is public.
- A transition of a document that changed its fields (发布日期 filled in on
  publication) records a revision named after the transition.

Retention
---------
Every revision of a published record is kept; the revisions that still hold
personal data which a reviewer approved masked are purged on approval, and
drafts may be capped (settings ``govportal.revisions.purge_masked`` and
``govportal.revisions.draft_limit``; see :mod:`.retention`).  Media changes
are folded into the next revision (:mod:`.subscribers`).

Comparisons
-----------
- :func:`compare_working_copy(wc, request) <.diff.compare_working_copy>` and
  :func:`compare_revisions(document, old, new, request)
  <.diff.compare_revisions>` → :class:`~.diff.Comparison` (field by field;
  the body sentence by sentence with inline ``<ins>``/``<del>``).
- Render one with the macro ``comparison`` of ``templates/diff.pt``:
  ``diff_macros()['comparison']`` with ``comparison`` defined.

Minimal views (:mod:`.views`): ``@@working-copy-checkout``,
``@@revision-list``, ``@@revision-compare``, ``@@revision-restore``.
"""

from ..workflow.events import IContentTransitioned
from .diff import compare_revisions, compare_snapshots, compare_working_copy  # noqa: F401
from .errors import RevisionRefused  # noqa: F401
from .restore import RestoreResult, restore_revision  # noqa: F401
from .retention import HISTORY_ACTIONS as RETENTION_ACTIONS
from .retention import purge_after_approval
from .store import (  # noqa: F401
    Revision,
    get_revision,
    get_revisions,
    latest_revision,
    record_revision,
)
from .workingcopy import (  # noqa: F401
    HISTORY_ACTIONS,
    WORKING_COPY_NAME,
    IWorkingCopy,
    WorkingCopy,
    checkout,
    get_working_copy,
    live_document,
    record_on_transition,
    working_copy_ended,
)

#: Configuration order of the transition subscribers: after every subscriber
#: added the ordinary way (order 0), so that the revision holds what they set
#: (发布日期) and notifications and catalogs see a working copy in place
#: before the merge removes it.
_AFTER_SUBSCRIBERS = 1000


def _register_last(registry):
    registry.registerHandler(record_on_transition, (IContentTransitioned,))
    # before the merge: a working copy is still inside its live document
    registry.registerHandler(purge_after_approval, (IContentTransitioned,))
    registry.registerHandler(working_copy_ended, (IContentTransitioned,))
    # Titles of the history records written on live documents.  What the
    # add_history_action directive does; it is defined by the workflow
    # package, which is included after this one (bindings need our type).
    actions = getattr(registry, "govportal_history_actions", None)
    if actions is not None:
        actions.update(HISTORY_ACTIONS)
        actions.update(RETENTION_ACTIONS)


def includeme(config):
    config.include(".subscribers")
    config.scan(".workingcopy")
    config.scan(".views")
    config.action(
        ("govportal.revisions", "working-copy-ended"),
        _register_last,
        args=(config.registry,),
        order=_AFTER_SUBSCRIBERS,
    )
