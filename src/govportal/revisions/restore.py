"""Restoring an old revision of a document.

:func:`restore_revision` never changes a live page directly: a document the
user may edit (a draft for its editors, an item in review for its
reviewers, a working copy being changed) receives the revision's content as
a new revision; a published document gets it in its working copy (created
if needed), which then goes through review like any other change.
"""

from dataclasses import dataclass

from ..i18n import _
from .errors import RevisionRefused
from .snapshot import LostAttachments, apply_attachments, apply_fields, check_attachments
from .store import get_revision, note_text, record_revision, suspended
from .workingcopy import KEPT_ON_LIVE, IWorkingCopy, checkout, get_working_copy, notify_modified


@dataclass
class RestoreResult:
    """What a restore did: ``target`` is the document that received the
    content (the document itself or its working copy), ``revision`` the new
    revision recorded there (None if it already held that content)."""

    target: object
    revision: object
    restored_from: int
    working_copy: bool


def _lost_message(error):
    return _(
        "restore-lost-attachments",
        default="该版本的附件“${names}”已被替换，无法恢复。",
        mapping={"names": "、".join(r["filename"] or r["name"] for r in error.records)},
    )


def restore_revision(document, number, request):
    """Restore revision ``number`` of ``document``; returns a :class:`RestoreResult`.

    Raises :class:`~govportal.revisions.errors.RevisionRefused` (404: no
    such revision; 403: no right to change the document; 409: the working
    copy is in review, or a recorded attachment file no longer exists) —
    in every refusal nothing is changed.
    """
    revision = get_revision(document, number)
    if revision is None:
        raise RevisionRefused([_("restore-no-revision", default="该文稿没有此版本。")], status=404)
    note = note_text(
        request,
        _(
            "revision-note-restored",
            default="恢复第 ${number} 版",
            mapping={"number": revision.number},
        ),
    )
    if request.has_permission("edit", document):
        target, exclude, is_copy = document, (), IWorkingCopy.providedBy(document)
    elif request.has_permission("checkout", document) or get_working_copy(document) is not None:
        existing = get_working_copy(document)
        if existing is not None and not request.has_permission("edit", existing):
            raise RevisionRefused(
                [
                    _(
                        "restore-wc-in-review",
                        default="该文稿的工作副本正在审核中，暂不能恢复旧版本。",
                    )
                ],
                status=409,
            )
        target, exclude, is_copy = existing, KEPT_ON_LIVE, True
    else:
        raise RevisionRefused(
            [_("restore-forbidden", default="您没有权限恢复该文稿的版本。")], status=403
        )
    try:
        # Checked before anything changes (a working copy is created below).
        check_attachments(target if target is not None else document, revision.attachments)
        if target is None:
            target = checkout(document, request)
        with suspended(target):
            apply_fields(target, revision.fields, exclude=exclude)
            apply_attachments(target, revision.attachments)
    except LostAttachments as e:
        raise RevisionRefused([_lost_message(e)], status=409) from None
    new = record_revision(target, request, note, restored_from=revision.number)
    notify_modified(target, request.registry)
    return RestoreResult(
        target=target, revision=new, restored_from=revision.number, working_copy=is_copy
    )
