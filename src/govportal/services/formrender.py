"""HTML of an online application form's fields (specs of :mod:`.formfields`).

:func:`render_fields` gives the fields, without the ``<form>`` element, as
markup a Chameleon template inserts with ``${structure: ...}`` (or plain
``${...}``: the result is :class:`Markup`, with ``__html__``).  Every control has a
``<label>``; choices are a ``<fieldset>`` with a ``<legend>``; the help text
and the error message are tied to the control by ``aria-describedby`` and a
field with an error is ``aria-invalid``.  Everything a guide or an applicant
typed is escaped.  :data:`STYLE` holds the rules that keep the fields usable
at 320 px and in 长者版 (larger text): the page includes it in its head.
"""

from html import escape as _escape

from .formspecs import normalise_spec


class Markup(str):
    """Text that is already HTML (Chameleon inserts it as is: ``__html__``);
    :meth:`format` escapes every argument that is not itself Markup."""

    def __html__(self):
        return str(self)

    def format(self, *args):
        return Markup(str.format(self, *(escape(a) for a in args)))

    def join(self, items):
        return Markup(str.join(self, (escape(i) for i in items)))


def escape(value):
    if isinstance(value, Markup):
        return value
    return Markup(_escape(str(value), quote=True))


#: CSS for the fields (scoped to ``.service-fields``).
STYLE = Markup(
    ".service-fields .field{margin:.8em 0}"
    ".service-fields label,.service-fields legend{display:block;font-weight:bold}"
    ".service-fields fieldset{border:1px solid #ccc;margin:.8em 0;padding:.4em .8em}"
    ".service-fields fieldset label{display:inline-block;font-weight:normal;margin-right:1em}"
    ".service-fields input[type=text],.service-fields input[type=tel],"
    ".service-fields input[type=date],.service-fields input[type=email],"
    ".service-fields textarea,.service-fields select"
    "{box-sizing:border-box;width:100%;max-width:36em;font-size:1em}"
    ".service-fields input[type=file]{max-width:100%}"
    ".service-fields .field-help{color:#555;margin:.2em 0}"
    ".service-fields .field-error{color:#a00;display:block}"
    ".service-fields .req{color:#a00}"
)

_INPUT_TYPES = {"phone": "tel", "date": "date"}
_AUTOCOMPLETE = {
    "phone": "tel",
    "id_number": "off",
    "credit_code": "off",
    "address": "street-address",
}


def _attrs(**attrs):
    """`` key="value"`` pairs (escaped), skipping None and False."""
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(f' {key}="{escape(value)}"' if value is not True else f" {key}")
    return Markup("".join(parts))


def _ids(prefix, spec, error):
    name = spec["name"]
    described = []
    if spec["help"] or spec["kind"] == "file":
        described.append(f"{prefix}help-{name}")
    if error:
        described.append(f"{prefix}err-{name}")
    return " ".join(described) or None


def _label_text(spec, group=False):
    """The label: a star for the eye; a group (no aria-required there) also
    says 必填 to screen readers (``.visually-hidden`` of the site's CSS)."""
    if not spec["required"]:
        return Markup("{}").format(spec["label"])
    req = Markup('<span class="req" aria-hidden="true"> *</span>')
    if group:
        req = Markup('{}<span class="visually-hidden">（必填）</span>').format(req)
    return Markup("{}{}").format(spec["label"], req)


def _help(prefix, spec):
    name = spec["name"]
    text = spec["help"]
    if spec["kind"] == "file":
        limit = f"可上传 {'、'.join(spec['extensions'])} 格式，每个文件不超过 {spec['max_mb']} MB"
        text = f"{text}（{limit}）" if text else limit + "。"
    if not text:
        return ""
    return Markup('<p class="field-help" id="{}">{}</p>').format(f"{prefix}help-{name}", text)


def _error(prefix, spec, error):
    if not error:
        return ""
    return Markup('<span class="field-error" id="{}">{}</span>').format(
        f"{prefix}err-{spec['name']}", error
    )


def _control(prefix, spec, value, error):
    name, kind = spec["name"], spec["kind"]
    common = dict(
        id=f"{prefix}{name}",
        name=name,
        aria_describedby=_ids(prefix, spec, error),
        aria_invalid="true" if error else None,
        aria_required="true" if spec["required"] else None,
    )
    if kind == "textarea":
        return Markup('<textarea{} rows="5">{}</textarea>').format(
            _attrs(**common, maxlength=spec["max_length"]), value or ""
        )
    if kind == "file":
        accept = ",".join("." + e for e in spec["extensions"])
        kept = ""
        if value:
            kept = Markup('<p class="field-kept">已上传：{}</p>').format("、".join(value))
        return Markup("<input{}>{}").format(
            _attrs(type="file", multiple=True, accept=accept, **common), kept
        )
    return Markup("<input{}>").format(
        _attrs(
            type=_INPUT_TYPES.get(kind, "text"),
            value=value or "",
            maxlength=spec["max_length"] or None,
            autocomplete=_AUTOCOMPLETE.get(kind),
            inputmode="numeric" if kind == "phone" else None,
            **common,
        )
    )


def _choices(prefix, spec, value, error):
    name = spec["name"]
    multiple = spec["kind"] == "multichoice"
    picked = set(value or ()) if multiple else {value}
    items = []
    for i, choice in enumerate(spec["choices"]):
        items.append(
            Markup("<label><input{}> {}</label>").format(
                _attrs(
                    type="checkbox" if multiple else "radio",
                    id=f"{prefix}{name}-{i}",
                    name=name,
                    value=choice,
                    checked=choice in picked,
                ),
                choice,
            )
        )
    return Markup(
        '<fieldset class="field field-{}" id="{}w-{}"{}><legend>{}</legend>{}{}{}</fieldset>'
    ).format(
        spec["kind"],
        prefix,
        name,
        _attrs(aria_describedby=_ids(prefix, spec, error)),
        _label_text(spec, group=True),
        _help(prefix, spec),
        Markup("").join(items),
        _error(prefix, spec, error),
    )


def render_field(spec, value=None, error=None, prefix="f-"):
    """One field's markup."""
    spec = normalise_spec(spec)
    if spec["kind"] in ("choice", "multichoice"):
        return _choices(prefix, spec, value, error)
    return Markup(
        '<div class="field field-{}" id="{}w-{}"><label for="{}">{}</label>{}{}{}</div>'
    ).format(
        spec["kind"],
        prefix,
        spec["name"],
        f"{prefix}{spec['name']}",
        _label_text(spec),
        _help(prefix, spec),
        _control(prefix, spec, value, error),
        _error(prefix, spec, error),
    )


def render_fields(specs, values=None, errors=None, prefix="f-"):
    """The markup of every field of ``specs``, filled with ``values`` (field
    name -> value, as :func:`.formfields.validate` gives them) and showing
    ``errors`` (field name -> message) next to their fields; ``prefix``
    keeps element ids apart when a page shows two forms (preview)."""
    values = values or {}
    errors = errors or {}
    inner = Markup("").join(
        render_field(s, values.get(s.get("name")), errors.get(s.get("name")), prefix) for s in specs
    )
    return Markup('<div class="service-fields">{}</div>').format(inner)
