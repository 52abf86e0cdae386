"""Colander nodes the 互动交流 workspace forms share (consultations,
interviews): a title, a plain text with its length limit, and the
check that one site-time-zone day does not come before another.

Each form keeps its own labels and message ids: pass them in.
"""

import colander
import deform.widget


def strip(value):
    """Leading and trailing blanks off a string (other values unchanged)."""
    return value.strip() if isinstance(value, str) else value


def title_node(title):
    """A required title of 2 to 200 characters."""
    return colander.SchemaNode(
        colander.String(), title=title, validator=colander.Length(2, 200), preparer=strip
    )


def text_node(title, limit, rows=None, description=None, required=False):
    """A plain text of at most ``limit`` characters (a text area of ``rows``
    lines when given, else one line); empty when not ``required``."""
    options = {"missing": ""} if not required else {}
    if rows:
        options["widget"] = deform.widget.TextAreaWidget(rows=rows)
    if description is not None:
        options["description"] = description
    return colander.SchemaNode(
        colander.String(),
        title=title,
        validator=colander.Length(max=limit),
        preparer=strip,
        **options,
    )


def days_in_order(first, last, message):
    """A form validator: the day ``last`` is not before the day ``first``
    (both optional); else ``message`` on ``last``."""

    def validator(form, value):
        start, end = value.get(first), value.get(last)
        if start and end and end < start:
            exc = colander.Invalid(form)
            exc[last] = message
            raise exc

    return validator
