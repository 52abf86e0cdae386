"""Rich text sanitising (nh3): what an editor types can never carry script.

Links and images to site content are stored by reference
(``/@@ref/<object id>``, see :mod:`govportal.media.references`): under
``/@@ref/`` exactly that form is allowed, and anything else there is dropped.
"""

import re

import colander
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "*": {"class"},
}


#: the reference form (kept in step with govportal.media.references.REF_FORM;
#: the content model imports no feature)
REFERENCE_FORM = re.compile(r"^/@@ref/(-?\d{1,20})(#[A-Za-z0-9_\-.:]{0,100})?$")
URL_ATTRIBUTES = frozenset({"href", "src"})


def _attribute_filter(tag, attribute, value):
    if attribute in URL_ATTRIBUTES and value.lstrip().lower().startswith("/@@ref"):
        return value if REFERENCE_FORM.match(value) else None
    return value


def sanitize_html(value):
    """Return ``value`` with every tag, attribute and URL scheme not allowed removed."""
    if value in (None, colander.null):
        return value
    return nh3.clean(
        str(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
