"""Property sheets edited in 管理: the settings pages that replace an SDI
property sheet use the sheet itself — its schema (cloned for the form) and
its storage (``get``, ``set``, ``after_set``) — so validation and storage
stay in one place.

:func:`sheet_changes` compares a validated form with what the sheet shows;
:func:`save_sheet` writes only the changed fields and records each as
``settings.change``.  An unchanged save (a replayed POST) writes and records
nothing.
"""

from ..security.events import record_action

#: The longest value the audit record keeps of a changed setting.
AUDIT_VALUE_CHARS = 200


def sheet_fields(sheet):
    """The names of the settings of ``sheet`` (not deform's CSRF field)."""
    return [n.name for n in sheet.schema.children if n.name != "_csrf_token_"]


def sheet_changes(sheet, appstruct):
    """``{name: (old, new)}`` of the values of ``appstruct`` that differ
    from what ``sheet`` shows now."""
    current = sheet.get()
    return {
        name: (current.get(name), appstruct[name])
        for name in sheet_fields(sheet)
        if name in appstruct and current.get(name) != appstruct[name]
    }


def save_sheet(request, sheet, changes, target_prefix="", **details):
    """Store ``changes`` through the sheet (``set`` of the changed fields
    only, then ``after_set``: ``ObjectModified``) and record each change as
    ``settings.change`` (target ``target_prefix + name``)."""
    if not changes:
        return
    unchanged = [n for n in sheet_fields(sheet) if n not in changes]
    sheet.set({name: new for name, (_old, new) in changes.items()}, omit=unchanged)
    sheet.after_set(True)
    for name, (old, new) in changes.items():
        record_action(
            request,
            "settings.change",
            target=target_prefix + name,
            details=dict(
                details, old=str(old)[:AUDIT_VALUE_CHARS], new=str(new)[:AUDIT_VALUE_CHARS]
            ),
        )
