"""What every step of a case shares: asking the engine, refusing, files, today.

A step first asks the workflow engine whether it may run (403/409 before any
input error), then checks its input, then transitions and only then writes
its data, so a refused step changes nothing.  Problems raise
:class:`~govportal.workflow.errors.TransitionRefused` with Chinese messages
and an HTTP status.
"""

from datetime import date

from ..formdates import iso_date
from ..i18n import _, translate
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from . import clock
from .cases import CaseFile

#: Longest result text, reason or note.
MAX_TEXT = 5000
#: Most materials in one supplement or result.
MAX_FILES = 20


def today():
    return clock.today()


def workflow_of(item, registry):
    return get_workflow(item, registry)


def state_of(item, registry):
    return workflow_of(item, registry).state_of(item)


def refuse(message, status=400):
    raise TransitionRefused([message], status=status)


def check(item, request, name, comment=""):
    """Refuse early (403/409) what the engine would refuse anyway."""
    status, messages = workflow_of(item, request.registry).problems(item, request, name, comment)
    if messages and status != 400:
        raise TransitionRefused(messages, status=status)


def may(item, request, name, comment=""):
    """Whether the engine would run ``name`` on ``item`` now."""
    status, _messages = workflow_of(item, request.registry).problems(item, request, name, comment)
    return status == 200


def run(item, request, name, comment=""):
    return workflow_of(item, request.registry).transition(item, request, name, comment=comment)


def step_title(item, request, name):
    """The public title of a step: the transition's title in the workflow file."""
    return workflow_of(item, request.registry).transition_title(name)


def t(request, message):
    return translate(request, message)


def clean_text(value, title, request, required=True, limit=MAX_TEXT):
    """``value`` stripped; refused (400) when empty (if required) or too long."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        refuse(
            _(
                "services-text-required",
                default="请填写“${field}”。",
                mapping={"field": title},
            )
        )
    if len(text) > limit:
        refuse(
            _(
                "services-text-long",
                default="“${field}”不能超过${limit}字。",
                mapping={"field": title, "limit": limit},
            )
        )
    return text


def parse_date(value, title):
    """A date or a ``YYYY-MM-DD`` string as a date (None when empty)."""
    if isinstance(value, date) or value is None:
        return value
    return iso_date(
        value,
        lambda: refuse(
            _(
                "services-bad-date",
                default="“${field}”不是有效日期，请按“2026-10-08”的格式填写。",
                mapping={"field": title},
            )
        ),
    )


def file_triples(files):
    """``[(field, filename, data, mimetype)]`` of ``files``: a mapping field
    -> ``[(filename, bytes, mimetype)]`` (formfields.validate) or of
    :class:`CaseFile` objects (a saved form's materials), or a plain list of
    triples (field ``""``).  Files are expected checked already
    (type sniffed, size limited)."""
    found = []
    if not files:
        return found
    items = files.items() if hasattr(files, "items") else [("", files)]
    for field, entries in items:
        if isinstance(entries, CaseFile):
            entries = [entries]
        for entry in entries or ():
            if isinstance(entry, CaseFile):
                with entry.open() as f:
                    found.append((field or entry.field, entry.filename, f.read(), entry.mimetype))
            else:
                try:
                    filename, data, mimetype = entry
                except (TypeError, ValueError):
                    filename = data = None
                if not isinstance(filename, str) or not isinstance(data, bytes):
                    refuse(_("services-bad-file", default="上传的材料无法读取，请重新上传。"))
                found.append((field, filename, data, mimetype))
    if len(found) > MAX_FILES * 5:
        refuse(_("services-too-many-files", default="上传的材料过多。"))
    return found


def store_files(case, triples, prefix, title=""):
    """Store ``triples`` (from :func:`file_triples`) as materials of ``case``
    under new names ``{prefix}-{n}``; returns ``{field: [names]}``."""
    names = {}
    n = len(case.materials)
    for field, filename, data, mimetype in triples:
        n += 1
        name = f"{prefix}-{n}"
        while name in case.materials:
            n += 1
            name = f"{prefix}-{n}"
        case.materials[name] = CaseFile(
            filename, mimetype, data, field=field or prefix, title=title or filename
        )
        names.setdefault(field or prefix, []).append(name)
    return names


def applicant_materials(request, case, step, files, note, empty, prefix):
    """The applicant's ``step`` bringing materials (补齐, 补正): ``files`` and/or
    a ``note`` (neither: refused with ``empty``); runs the step and stores the
    files under ``{prefix}-{n}``.  Returns the cleaned note and the new names."""
    check(case, request, step)
    note = clean_text(
        note, t(request, _("services-note-title", default="说明")), request, required=False
    )
    triples = file_triples(files)
    if not triples and not note:
        refuse(empty)
    run(case, request, step, note)
    names = store_files(case, triples, prefix)
    return note, tuple(n for v in names.values() for n in v)
