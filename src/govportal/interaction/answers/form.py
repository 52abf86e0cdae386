"""The knowledge-base entry form's fields: reading, checking and cleaning
what an editor posted.  Errors are Chinese messages keyed by field."""

import html
import re

from ...content.richtext import sanitize_html
from ...i18n import _, translate
from ...search.extract import html_to_text
from .model import MAX_KEYWORDS, MAX_LINKS, MAX_WORDINGS, resolve_link

FIELDS = ("title", "wordings", "answer", "keywords", "links", "pinned")
MAX_TITLE = 120
MAX_LINE = 120
MAX_ANSWER = 20_000
_SPLIT_KEYWORDS = re.compile(r"[,，、;；\s]+")
_TAG = re.compile(r"<[a-zA-Z/!]")


def _lines(text, limit):
    seen = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line and line not in seen:
            seen.append(line)
    return seen[: limit + 1]


def answer_html(text):
    """Sanitised rich text; plain text becomes paragraphs."""
    text = (text or "").strip()
    if text and not _TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
        text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return sanitize_html(text) if text else ""


def posted(post):
    """The form's raw values (what the form shows back on an error)."""
    return {
        "title": post.get("title", ""),
        "wordings": post.get("wordings", ""),
        "answer": post.get("answer", ""),
        "keywords": post.get("keywords", ""),
        "links": post.get("links", ""),
        "pinned": bool(post.get("pinned")),
    }


def current(entry):
    """The form's values for an existing entry."""
    return {
        "title": entry.title,
        "wordings": "\n".join(entry.wordings or ()),
        "answer": entry.answer or "",
        "keywords": "、".join(entry.keywords or ()),
        "links": "\n".join(str(n) for n in entry.links or ()),
        "pinned": bool(entry.pinned),
    }


def validate(request, context, raw):
    """``(values, errors)``: values as stored, or errors by field."""
    t = lambda msg: translate(request, msg)  # noqa: E731
    errors = {}
    title = " ".join((raw["title"] or "").split())
    if len(title) < 4:
        errors["title"] = t(_("answers-title-short", default="请填写问题（至少4个字）。"))
    elif len(title) > MAX_TITLE:
        errors["title"] = t(_("answers-title-long", default="问题最多120个字。"))
    wordings = [w for w in _lines(raw["wordings"], MAX_WORDINGS) if w != title]
    if len(wordings) > MAX_WORDINGS or any(len(w) > MAX_LINE for w in wordings):
        errors["wordings"] = t(
            _("answers-wordings-long", default="其他问法最多20条，每条最多120个字。")
        )
    answer = answer_html(raw["answer"])
    if len(html_to_text(answer)) < 10:
        errors["answer"] = t(_("answers-answer-short", default="请填写答案（至少10个字）。"))
    elif len(answer) > MAX_ANSWER:
        errors["answer"] = t(_("answers-answer-long", default="答案过长，请精简或改为链接。"))
    keywords = list(dict.fromkeys(k for k in _SPLIT_KEYWORDS.split(raw["keywords"] or "") if k))
    if len(keywords) > MAX_KEYWORDS or any(len(k) > 20 for k in keywords):
        errors["keywords"] = t(
            _("answers-keywords-long", default="关键词最多20个，每个最多20个字。")
        )
    links = _lines(raw["links"], MAX_LINKS)
    unknown = [n for n in links if resolve_link(context, n) is None]
    if len(links) > MAX_LINKS:
        errors["links"] = t(_("answers-links-many", default="相关链接最多10条。"))
    elif unknown:
        errors["links"] = t(
            _(
                "answers-links-unknown",
                default="找不到以下办事指南或文件（请填写站内路径，如 /rsj/bszn/shbzk）：${names}",
                mapping={"names": "、".join(unknown)},
            )
        )
    values = {
        "title": title,
        "wordings": tuple(wordings),
        "answer": answer,
        "keywords": tuple(keywords),
        "links": tuple(links),
        "pinned": bool(raw["pinned"]),
    }
    return (None if errors else values), errors
