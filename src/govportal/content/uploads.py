"""Upload checks: the file's bytes must match its declared type, and its size a limit.

An executable renamed ``.pdf`` is refused because its first bytes are not a
PDF's.  The accepted types are the office and image formats a government
site publishes.
"""

import zipfile

import colander

from ..i18n import _

#: extension -> (mimetype, sniffer name)
ACCEPTED = {
    "pdf": ("application/pdf", "pdf"),
    "doc": ("application/msword", "ole"),
    "xls": ("application/vnd.ms-excel", "ole"),
    "ppt": ("application/vnd.ms-powerpoint", "ole"),
    "wps": ("application/vnd.ms-works", "ole"),
    "et": ("application/vnd.ms-excel", "ole"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml"),
    "ofd": ("application/ofd", "zip"),
    "zip": ("application/zip", "zip"),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "gif": ("image/gif", "gif"),
    "txt": ("text/plain", "text"),
    "csv": ("text/csv", "text"),
}

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
IMAGE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif"})


def _sniff(kind, head, fp):
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "ole":
        return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if kind in ("zip", "ooxml"):
        if not head.startswith(b"PK\x03\x04"):
            return False
        fp.seek(0)
        try:
            with zipfile.ZipFile(fp) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return False
        return kind == "zip" or "[Content_Types].xml" in names
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if kind == "text":
        fp.seek(0)
        data = fp.read(65536)
        if b"\x00" in data:
            return False
        for encoding in ("utf-8", "gb18030"):
            try:
                data.decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
        return False
    return False


def size_of(fp):
    fp.seek(0, 2)
    size = fp.tell()
    fp.seek(0)
    return size


def check_upload(filename, fp, max_bytes=DEFAULT_MAX_BYTES, extensions=None):
    """Return the mimetype of a valid upload, else raise ``ValueError(message)``.

    ``extensions`` narrows the accepted types (e.g. :data:`IMAGE_EXTENSIONS`).
    """
    accepted = set(ACCEPTED) if extensions is None else set(extensions) & set(ACCEPTED)
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in accepted:
        raise ValueError(
            _(
                "upload-type",
                default="不支持该文件类型（${ext}）。可上传：${allowed}。",
                mapping={"ext": ext or "无扩展名", "allowed": "、".join(sorted(accepted))},
            )
        )
    size = size_of(fp)
    if size == 0:
        raise ValueError(_("upload-empty", default="文件为空。"))
    if size > max_bytes:
        raise ValueError(
            _(
                "upload-size",
                default="文件过大（${size} MB），单个文件不能超过 ${limit} MB。",
                mapping={"size": f"{size / 1048576:.1f}", "limit": max_bytes // 1048576},
            )
        )
    mimetype, kind = ACCEPTED[ext]
    head = fp.read(16)
    ok = _sniff(kind, head, fp)
    fp.seek(0)
    if not ok:
        raise ValueError(
            _(
                "upload-disguised",
                default="文件内容与扩展名“.${ext}”不符，已拒绝上传。",
                mapping={"ext": ext},
            )
        )
    return mimetype


def make_upload_validator(extensions=None):
    """A colander validator for a deform FileData value."""

    def validator(node, value):
        if value in (None, colander.null) or not value.get("fp"):
            return
        request = node.bindings["request"] if node.bindings else None
        limit = DEFAULT_MAX_BYTES
        if request is not None:
            limit = int(request.registry.settings.get("govportal.max_upload_bytes", limit))
        try:
            check_upload(value.get("filename") or "", value["fp"], limit, extensions)
        except ValueError as e:
            raise colander.Invalid(node, e.args[0]) from None

    return validator


upload_validator = make_upload_validator()
image_validator = make_upload_validator(IMAGE_EXTENSIONS)
