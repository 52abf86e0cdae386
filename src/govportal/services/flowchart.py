"""A 权力运行流程图 drawn from data: the steps of a power item (``{"title",
"description", "role"}``) as an inline SVG and its text alternative.

The drawing is one column of boxes joined by arrows (each box: the step's
number and title, the role that performs it underneath).  It is decorative
for assistive technology in one precise way: the ``<svg>`` carries
``role="img"`` and a ``<title>``/``<desc>`` naming the process and pointing
to the ordered list that follows it, which holds every step in full (title,
role, description).  The list is the text alternative and works without
images, at any width and in 长者版; the SVG scales to its container
(``viewBox``, ``width="100%"``), so it fits 320 px.

Everything drawn is escaped; ids are prefixed so two charts on one page do
not share them.
"""

from html import escape as _escape


class Html(str):
    """Text already escaped (Chameleon inserts it as it is)."""

    def __html__(self):
        return self


def escape(value):
    return _escape(str(value), quote=True)


#: geometry in SVG user units
WIDTH = 320
BOX_W = 280
BOX_H = 56
GAP = 30
MARGIN = 10
#: a title longer than this is cut in the drawing (the list has it whole)
MAX_CHARS = 16


def _clip(text, limit=MAX_CHARS):
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_height(count):
    """Height of the drawing of ``count`` steps."""
    if count <= 0:
        return 0
    return 2 * MARGIN + count * BOX_H + (count - 1) * GAP


def flow_svg(steps, name="flow", label="办理流程图"):
    """The inline SVG (:class:`Html`) of ``steps``; empty when none.

    ``name`` prefixes the ids (``{name}-title``, ``{name}-desc``,
    ``{name}-arrow``) and names the list the description points to
    (``{name}-steps``)."""
    steps = [dict(s) for s in steps or ()]
    if not steps:
        return Html("")
    ident = escape(name)
    height = chart_height(len(steps))
    x = (WIDTH - BOX_W) // 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH * 1.5:.0f}px" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false">',
        f'<title id="{ident}-title">{escape(label)}</title>',
        f'<desc id="{ident}-desc">共{len(steps)}个步骤：'
        + escape("→".join(_clip(s.get("title"), 40) for s in steps))
        + "。各步骤的说明见图下的文字列表。</desc>",
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
    ]
    for index, step in enumerate(steps):
        top = MARGIN + index * (BOX_H + GAP)
        cx = WIDTH // 2
        title = escape(f"{index + 1}. {_clip(step.get('title'))}")
        parts.append(
            f'<g class="flow-step"><rect x="{x}" y="{top}" width="{BOX_W}" height="{BOX_H}" '
            'rx="6" fill="#f3f7fb" stroke="#1f5f99" stroke-width="1.5"/>'
            f'<text x="{cx}" y="{top + 24}" text-anchor="middle" font-size="16" '
            f'fill="#111">{title}</text>'
        )
        role = _clip(step.get("role"), 20)
        if role:
            parts.append(
                f'<text x="{cx}" y="{top + 45}" text-anchor="middle" font-size="13" '
                f'fill="#333">{escape(role)}</text>'
            )
        parts.append("</g>")
        if index < len(steps) - 1:
            y1, y2 = top + BOX_H, top + BOX_H + GAP - 2
            parts.append(
                f'<line x1="{cx}" y1="{y1}" x2="{cx}" y2="{y2}" stroke="#333" '
                f'stroke-width="1.5" marker-end="url(#{ident}-arrow)"/>'
            )
    parts.append("</svg>")
    return Html("".join(parts))


def flow_list(steps, name="flow"):
    """The text alternative: an ordered list of every step, in full."""
    steps = [dict(s) for s in steps or ()]
    if not steps:
        return Html("")
    items = []
    for step in steps:
        item = f"<li><strong>{escape(step.get('title') or '')}</strong>"
        if step.get("role"):
            item += f"（{escape(step['role'])}）"
        if step.get("description"):
            item += f"：{escape(step['description'])}"
        items.append(item + "</li>")
    return Html(f'<ol class="flow-steps" id="{escape(name)}-steps">' + "".join(items) + "</ol>")


def flowchart(steps, name="flow", label="办理流程图"):
    """The figure: the SVG and, after it, the ordered list (its text alternative)."""
    if not steps:
        return Html("")
    return Html(
        f'<figure class="flowchart-figure" aria-label="{escape(label)}">'
        + flow_svg(steps, name, label)
        + flow_list(steps, name)
        + "</figure>"
    )
