"""``python -m govportal.scripts.messages POT PO``: refresh the zh_CN catalog.

The source strings carry their Chinese text as the default (``_('id',
default='中文')``) or as the message id itself; this writes the zh_CN catalog
from the template (``pot-create`` output), keeping translations already
edited in the catalog and filling new entries from their defaults.
"""

import re
import sys

from babel.messages.pofile import read_po, write_po

DEFAULT_PREFIX = "Default: "
SYMBOLIC_ID = re.compile(r"[a-z][a-z0-9_.-]*")


def default_of(message):
    """The Chinese text of ``message``: its extracted default, else its id
    when the id is the text itself.  A symbolic id (``notify-body``) whose
    default the extractor could not read (built at run time, or spanning
    lines) gets no translation, so the default in the code is used."""
    for comment in message.auto_comments:
        if comment.startswith(DEFAULT_PREFIX):
            return comment[len(DEFAULT_PREFIX) :]
    if SYMBOLIC_ID.fullmatch(message.id):
        return ""
    return message.id


def refresh(pot_path, po_path):
    with open(pot_path, "rb") as f:
        template = read_po(f)
    try:
        with open(po_path, "rb") as f:
            existing = read_po(f, locale="zh_CN")
    except FileNotFoundError:
        existing = None
    template.locale = "zh_CN"
    template.domain = "govportal"
    for message in template:
        if not message.id:
            continue
        old = existing.get(message.id) if existing is not None else None
        default = default_of(message)
        keep = old is not None and old.string and old.string != message.id
        # a translation that is a cut-off default (the template once wrapped
        # long defaults over several comment lines) gives way to the whole one
        if keep and default != old.string and default.startswith(old.string):
            keep = False
        message.string = old.string if keep else default
    template.header_comment = "# Simplified Chinese messages of govportal."
    template.fuzzy = False
    template.project = "govportal"
    with open(po_path, "wb") as f:
        write_po(f, template, width=100)
    return len(template)


def install_colander_catalog(locale_dir):
    """Colander ships Simplified Chinese as ``zh_Hans``, which a ``zh_CN``
    request never loads; copy its compiled catalog in as ``zh_CN``."""
    import shutil
    from pathlib import Path

    import colander

    source = Path(colander.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "colander.mo"
    target = Path(locale_dir) / "zh_CN" / "LC_MESSAGES" / "colander.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--colander":
        print(install_colander_catalog(argv[1]))
        return 0
    count = refresh(argv[0], argv[1])
    print(f"{count} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
