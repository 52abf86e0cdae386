"""A special topic's banner image: PNG, JPEG or WebP recognised by its
bytes (never by its name), within a size limit
(``govportal.topics.max_banner_mb``, default 1 MB, below the request
body limit), kept in a blob
(``topic.banner``, a Substance D File) and served at ``<topic>/@@banner``."""

from substanced.file import File

from ..content.uploads import size_of
from ..i18n import _

MB = 1024 * 1024
DEFAULT_MB = 1
#: room for the form's other fields and the multipart framing
FORM_MARGIN = 64 * 1024


def banner_limit(registry):
    """The largest banner (bytes): the setting, kept below the request body
    limit (``govportal.max_body_mb``, enforced by :mod:`govportal.hardening`
    before anything reads the body), so a banner within it is never cut off
    by a bare 413."""
    settings = registry.settings
    wanted = int(float(settings.get("govportal.topics.max_banner_mb") or DEFAULT_MB) * MB)
    body = int(float(settings.get("govportal.max_body_mb") or 2) * MB)
    return max(min(wanted, body - FORM_MARGIN), 0)


def sniff_image(head):
    """The mimetype of an image's first bytes (PNG, JPEG, WebP), else None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_banner(fp, limit):
    """The mimetype of a valid banner in ``fp``, else raise ValueError(message)."""
    size = size_of(fp)
    if size == 0:
        raise ValueError(_("topic-banner-empty", default="请选择要上传的横幅图片。"))
    if size > limit:
        raise ValueError(
            _(
                "topic-banner-size",
                default="横幅图片过大（${size} MB），不能超过 ${limit} MB。",
                mapping={"size": f"{size / MB:.1f}", "limit": f"{limit / MB:g}"},
            )
        )
    head = fp.read(16)
    fp.seek(0)
    mimetype = sniff_image(head)
    if mimetype is None:
        raise ValueError(
            _("topic-banner-type", default="横幅只能是 PNG、JPEG 或 WebP 图片（按文件内容识别）。")
        )
    return mimetype


def same_banner(topic, fp, alt):
    """True when ``topic`` already shows these bytes with this ``alt`` text."""
    banner = topic.banner
    if banner is None or topic.banner_alt != alt:
        return False
    fp.seek(0)
    try:
        with banner.blob.open("r") as current:
            return current.read() == fp.read()
    finally:
        fp.seek(0)


def set_banner(topic, fp, filename, mimetype, alt):
    topic.banner = File(fp, mimetype=mimetype, title=filename or "banner")
    topic.banner_alt = alt
