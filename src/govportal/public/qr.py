"""QR codes (扫一扫在手机打开当前页), rendered as inline SVG with segno."""

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_svg(url):
    """An SVG QR code for ``url`` (no XML declaration, for inline use)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=3,
        border=2,
        title="扫一扫在手机打开当前页",
    )
    return out.getvalue().decode("utf-8")
