"""Online application forms as data: field specs, their checks, and validation.

A guide that is applied for on this site (``online_mode == "here"``) holds
its form as ``form_fields``, a tuple of *field specs*, plain dicts::

    {"name": "school_name",        # ascii identifier, unique in the form
     "label": "拟办学校名称",        # what the applicant reads
     "kind": "text",               # a FIELD_KINDS code (services.vocabulary)
     "required": True,
     "help": "与名称预先核准通知书一致",
     "choices": (),                # choice / multichoice: the options
     "max_length": 100,            # text kinds
     "extensions": (),             # file: accepted types, e.g. ("pdf", "jpg")
     "max_mb": 10}                 # file: largest file

:func:`check_specs` lists what is wrong with a form (the form builder refuses
to save it); :func:`validate` checks a posted form field by field and gives
``(values, files, errors)``; :func:`build_schema` / :func:`build_form` give
the same checks as a colander schema and a deform form.  The applicant's own
identity block is :mod:`.formapplicant`, the HTML of the fields
:mod:`.formrender`.

The parts live in :mod:`.formspecs` (defaults, :func:`check_specs`),
:mod:`.formvalues` (:func:`validate`), :mod:`.formrender`
(:func:`render_fields`) and :mod:`.formapplicant` (the applicant block);
this module gathers them and builds the colander schema and deform form.

Messages are ``_()`` translation strings; functions taking ``request``
translate them with its localizer, else they are given in the default
(Chinese) text.
"""

import colander
import deform
from substanced.form import FileUploadTempStore

from ..content.uploads import check_upload
from .formapplicant import applicant_specs, validate_applicant
from .formrender import STYLE, render_field, render_fields
from .formspecs import (
    CHOICE_KINDS,
    MAX_FIELDS,
    MAX_LENGTH_LIMIT,
    RESERVED_PREFIX,
    TEXT_KINDS,
    check_specs,
    normalise_spec,
    say,
)
from .formvalues import FieldError, checks, clean_files, clean_value, validate

__all__ = [
    "CHOICE_KINDS",
    "MAX_FIELDS",
    "MAX_LENGTH_LIMIT",
    "RESERVED_PREFIX",
    "STYLE",
    "TEXT_KINDS",
    "FieldError",
    "applicant_schema",
    "applicant_specs",
    "build_form",
    "build_schema",
    "check_specs",
    "checks",
    "clean_files",
    "clean_value",
    "normalise_spec",
    "render_field",
    "render_fields",
    "say",
    "validate",
    "validate_applicant",
]


def _validator(spec):
    def check(node, value):
        try:
            clean_value(spec, value)
        except FieldError as e:
            raise colander.Invalid(node, say(_request_of(node), e.args[0])) from None

    return check


def _request_of(node):
    return (node.bindings or {}).get("request") if hasattr(node, "bindings") else None


def _file_validator(spec):
    def check(node, value):
        if not value or not value.get("fp"):
            return
        limit = spec["max_mb"] * 1048576
        try:
            check_upload(value.get("filename") or "", value["fp"], limit, spec["extensions"])
        except ValueError as e:
            raise colander.Invalid(node, say(_request_of(node), e.args[0])) from None

    return check


def build_schema(specs):
    """A colander schema of the form: one node per field, each with the
    validator of its kind (bind it with ``request=`` for translated messages)."""
    schema = colander.SchemaNode(colander.Mapping())
    for spec in (normalise_spec(s) for s in specs):
        kind = spec["kind"]
        missing = colander.required if spec["required"] else colander.drop
        kw = {"name": spec["name"], "title": spec["label"], "description": spec["help"]}
        if kind == "multichoice":
            node = colander.SchemaNode(
                colander.Set(), validator=_validator(spec), missing=missing, **kw
            )
        elif kind == "file":
            node = colander.SchemaNode(
                deform.FileData(),
                validator=_file_validator(spec),
                missing=missing,
                **kw,
            )
        else:
            node = colander.SchemaNode(
                colander.String(), validator=_validator(spec), missing=missing, **kw
            )
        node.spec = spec
        schema.add(node)
    return schema


def build_form(specs, request, buttons=("submit",), **kw):
    """A deform form of ``specs`` bound to ``request`` (file fields keep
    their uploads across a failed validation in Substance D's temp store)."""
    schema = build_schema(specs).bind(request=request)
    store = None
    for node in schema.children:
        spec = node.spec
        kind = spec["kind"]
        if kind == "textarea":
            node.widget = deform.widget.TextAreaWidget(rows=5)
        elif kind == "choice":
            values = [(c, c) for c in spec["choices"]]
            node.widget = deform.widget.RadioChoiceWidget(values=values)
        elif kind == "multichoice":
            values = [(c, c) for c in spec["choices"]]
            node.widget = deform.widget.CheckboxChoiceWidget(values=values)
        elif kind == "date":
            node.widget = deform.widget.TextInputWidget(attributes={"type": "date"})
        elif kind == "file":
            store = store or FileUploadTempStore(request)
            node.widget = deform.widget.FileUploadWidget(store)
        else:
            attributes = {"type": "tel" if kind == "phone" else "text"}
            if spec["max_length"]:
                attributes["maxlength"] = str(spec["max_length"])
            node.widget = deform.widget.TextInputWidget(attributes=attributes)
    return deform.Form(schema, buttons=buttons, **kw)


def applicant_schema(user_types, chosen=None):
    """The applicant block (:mod:`.formapplicant`) as a colander schema."""
    return build_schema(applicant_specs(user_types, chosen))
