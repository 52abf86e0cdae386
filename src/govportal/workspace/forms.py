"""The document form of the workspace: :class:`DocumentSchema` with
workspace widgets, an attachment upload and a stale-form serial.

The fields are those of :class:`govportal.content.document.DocumentSchema`
(cloned, never redefined), so a field added there — the scheduling dates,
say — appears in the workspace form too.  Only widgets change: dates use the
browser's date input, the body uses deform's TinyMCE in Chinese with local
files only.

The *serial* is a fingerprint of what the form was built from (every field
value, the workflow state and the number of workflow steps; not the
attachments, which uploads change while the form is open).  A save whose
serial no longer matches the item — someone else saved or moved it on in
the meantime — is refused and changes nothing.
"""

import hashlib
from datetime import datetime

import colander
import deform
import deform.widget
from substanced.file import FileNode

from ..content.document import DocumentSchema
from ..content.uploads import upload_validator
from ..i18n import _
from ..media.references import images_without_alt
from ..submissions import FIELD as SUBMISSION_FIELD
from ..workflow import get_state
from ..workflow.history import DISPLAY_TZ, get_history

SERIAL = "serial"
ATTACHMENT = "upload"
#: nodes that are not document fields
NOT_FIELDS = frozenset({SERIAL, ATTACHMENT, "_csrf_token_", SUBMISSION_FIELD})

#: deform's rich-text template without its inline script (strict CSP): the
#: options go in a data attribute that static/editor.js reads.
RICHTEXT_TEMPLATE = "govportal.workspace:templates/deform/richtext.pt"

TINYMCE_OPTIONS = {
    "language": "zh-Hans",
    "menubar": False,
    "branding": False,
    "promotion": False,
    # No status bar, no "blocks" drop-down and no "h2" buttons: their markup
    # fails axe-core (ARIA attributes on the element path, labels unlike the
    # visible text).  ``wsh2``/``wsh3`` are labelled buttons of editor.js.
    "statusbar": False,
    "plugins": "lists link image table",
    "toolbar": (
        "undo redo | wsh2 wsh3 | bold italic underline | bullist numlist | "
        "alignleft aligncenter alignright | link image table | removeformat"
    ),
    "relative_urls": False,
    "convert_urls": False,
    "height": 420,
    "image_title": True,
}


def field_names(schema):
    return [n.name for n in schema.children if n.name not in NOT_FIELDS]


def fingerprint(document, registry, names):
    """The serial of ``document``: changes whenever a field, its workflow
    state or its history changes."""
    parts = [repr(getattr(document, name, None)) for name in names]
    parts.append(repr(get_state(document, registry)))
    parts.append(str(len(get_history(document))))
    # Not the number of children: the editor's own uploads (images from
    # TinyMCE, the media list) change no field of the form and must not
    # make the open form stale.
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


class LocalDateTimeWidget(deform.widget.TextInputWidget):
    """The browser's ``datetime-local`` input, showing China Standard Time.

    deform's date-time widget needs scripts (Modernizr, pickadate) and leaves
    its two inputs unlabelled; the browser's own input needs neither.  The
    value typed carries no zone: the schema's ``DateTime(default_tzinfo=...)``
    gives it the site's.
    """

    def __init__(self, **kw):
        kw.setdefault("attributes", {"type": "datetime-local"})
        super().__init__(**kw)

    def serialize(self, field, cstruct, **kw):
        if cstruct not in (colander.null, None, ""):
            try:
                value = datetime.fromisoformat(cstruct)
            except ValueError:
                pass  # a value typed wrongly is shown again as typed
            else:
                if value.tzinfo is not None:
                    value = value.astimezone(DISPLAY_TZ)
                cstruct = value.strftime("%Y-%m-%dT%H:%M")
        return super().serialize(field, cstruct, **kw)


def images_need_alt(node, value):
    """Every image of the body needs its alternative text (图片描述), read
    by screen readers and shown when the image cannot load."""
    request = (node.bindings or {}).get("request")
    if request is not None and "preview" in request.POST:
        return  # a preview shows the draft as it is; saving asks for the text
    missing = images_without_alt(value)
    if missing:
        raise colander.Invalid(
            node,
            _(
                "ws-image-alt",
                default="正文中有 ${count} 张图片没有填写图片描述（替代文本）。"
                "请选中图片，点击工具栏的“插入/编辑图片”，填写“图片描述”后再保存。",
                mapping={"count": len(missing)},
            ),
        )


def document_schema(request, context=None, image_list=None, upload_url=None):
    """The workspace's document schema, bound to ``request`` and ``context``
    (the document, or the column a new one goes into)."""
    schema = DocumentSchema().clone()
    for node in schema.children:
        if isinstance(node.typ, colander.DateTime):
            node.widget = LocalDateTimeWidget()
        elif isinstance(node.typ, colander.Date):
            node.widget = deform.widget.TextInputWidget(attributes={"type": "date"})
    options = dict(TINYMCE_OPTIONS)
    if image_list:
        options["image_list"] = image_list
    if upload_url:
        options["images_upload_url"] = upload_url
    schema["body"].widget = deform.widget.RichTextWidget(
        delayed_load=False, options=options, template=RICHTEXT_TEMPLATE
    )
    schema["body"].validator = colander.All(schema["body"].validator, images_need_alt)
    schema.add(
        FileNode(
            name=ATTACHMENT,
            title=_("ws-attachment", default="上传附件（可选）"),
            description=_(
                "ws-attachment-help",
                default="PDF、Word、Excel、WPS、OFD、图片等，单个文件不超过 50 MB。",
            ),
            validator=upload_validator,
            missing=colander.null,
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(), name=SERIAL, widget=deform.widget.HiddenWidget(), missing=""
        )
    )
    return schema.bind(
        request=request, context=context, _csrf_token_=request.session.get_csrf_token()
    )


#: buttons whose answer opens in a new tab (the preview: the form stays as typed)
NEW_TAB_BUTTONS = frozenset({"preview"})


def make_form(request, schema, action, buttons):
    """A deform form posting to ``action`` with Chinese ``buttons`` [(name, title)]."""
    return deform.Form(
        schema,
        action=action,
        buttons=[
            deform.Button(
                name,
                title,
                attributes={"formtarget": "_blank"} if name in NEW_TAB_BUTTONS else {},
            )
            for name, title in buttons
        ],
        formid="ws-document",
    )
