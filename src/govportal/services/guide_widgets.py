"""Widgets and choices of the service-guide form (:mod:`.guide_schema`)
that depend on where the guide is: the site group's departments for
牵头部门/协办部门, the guide's attachments for a material's 表格下载/示例样表;
and :class:`BlankRowsWidget`, a sequence that needs no script.
"""

import colander
import deform.widget

from ..content import IDepartment
from ..i18n import _
from .sites import site_key, site_title

TEMPLATES = "govportal.services:templates/deform/"


class CheckboxGroupWidget(deform.widget.CheckboxChoiceWidget):
    """Checkboxes in a fieldset whose legend is the field's title (a group
    has a name for assistive technology; deform labels no group)."""

    template = TEMPLATES + "checkbox_group.pt"
    category = "structural"
    inline = True


class BlankRowsWidget(deform.widget.SequenceWidget):
    """A sequence shown with ``blank`` empty rows after the filled ones,
    rendered without deform's inline scripts (the staff pages' CSP allows
    none): to add more rows, save and edit again."""

    template = TEMPLATES + "sequence.pt"
    item_template = TEMPLATES + "sequence_item.pt"
    # the template names the group (legend) and shows ``help`` before the rows
    category = "structural"
    blank = 3
    help = ""

    def serialize(self, field, cstruct, **kw):
        if not getattr(field, "sequence_fields", None):
            filled = [] if cstruct in (colander.null, None) else list(cstruct)
            cstruct = filled + [colander.null] * self.blank
        return super().serialize(field, cstruct, **kw)


# -- choices that depend on where the guide is -----------------------------------


def _site_of(context):
    node = context
    while node is not None and getattr(node, "__parent__", None) is not None:
        if IDepartment.providedBy(node):
            return node
        node = node.__parent__
    return node


def _departments(context):
    root = _site_of(context)
    while root is not None and getattr(root, "__parent__", None) is not None:
        root = root.__parent__
    if root is None or not hasattr(root, "items"):
        return []
    return [(name, d) for name, d in root.items() if IDepartment.providedBy(d)]


def _attachment_choices(context):
    from ..content.attachment import IAttachment

    found = []
    if context is not None and hasattr(context, "values"):
        found = [
            (a.__name__, a.title or a.filename)
            for a in context.values()
            if IAttachment.providedBy(a)
        ]
    return [("", _("guide-no-file", default="无"))] + found


@colander.deferred
def attachment_widget(node, kw):
    return deform.widget.SelectWidget(values=_attachment_choices(kw.get("context")))


@colander.deferred
def attachment_validator(node, kw):
    return colander.OneOf([name for name, _t in _attachment_choices(kw.get("context"))])


def lead_choices(context):
    """``[(site key, title)]``: the guide's own site first ("" for itself),
    then every other department."""
    own = _site_of(context)
    own_key = site_key(own) if own is not None else ""
    own_title = site_title(own) if own is not None and own.__parent__ is not None else "门户网站"
    choices = [("", _("guide-own-site", default="本单位（${site}）", mapping={"site": own_title}))]
    choices += [
        (name, d.short_title or d.title) for name, d in _departments(context) if name != own_key
    ]
    return choices


@colander.deferred
def lead_widget(node, kw):
    return deform.widget.SelectWidget(values=lead_choices(kw.get("context")))


@colander.deferred
def lead_validator(node, kw):
    return colander.OneOf([key for key, _t in lead_choices(kw.get("context"))])


def co_choices(context):
    return [(name, d.short_title or d.title) for name, d in _departments(context)]


@colander.deferred
def co_widget(node, kw):
    return CheckboxGroupWidget(values=co_choices(kw.get("context")))


@colander.deferred
def co_validator(node, kw):
    return colander.ContainsOnly([key for key, _t in co_choices(kw.get("context"))])


def lead_key(context, lead_department):
    """The site key of the lead: ``lead_department`` or the guide's own site."""
    if lead_department:
        return lead_department
    own = _site_of(context)
    return site_key(own) if own is not None else ""
