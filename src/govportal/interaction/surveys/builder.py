"""What the survey builder's POSTs do to ``survey.questions`` (no view code).

Each POST changes the tuple as a whole (actions ``save``, ``remove``,
``up``, ``down``) and carries the version of the questions it was made from
(:func:`version_of`): a change made meanwhile by someone else is refused
(409), not overwritten.  The result is checked with
:func:`.questions.check_questions` (400 and the messages, nothing saved).
Once the survey has answers it is locked: only wording may change (titles,
help, option texts, scale labels) — adding, removing, moving questions or
options, or changing a kind or scale range would corrupt the results
(409).  On success the counters of new questions are created
(:func:`.model.ensure_counters`).
"""

import hashlib
import json

from ...i18n import _
from .model import answer_count, ensure_counters
from .questions import check_questions, normalise, structure

ACTIONS = ("save", "remove", "up", "down")
GONE = _("survey-builder-gone", default="要修改的题目已不存在，请刷新页面。")
STALE = _(
    "survey-builder-stale",
    default="题目已被他人修改，本次操作未保存。请查看最新内容后重新操作。",
)
LOCKED = _(
    "survey-builder-locked",
    default="本调查已收到答卷，只能修改文字（题目、说明、选项文字），"
    "不能增删、移动题目或选项，也不能改变题型和分值范围。",
)


class Refused(Exception):
    def __init__(self, status, messages, values=None):
        super().__init__(messages)
        self.status, self.messages, self.values = status, list(messages), values


def version_of(questions):
    text = json.dumps([normalise(q) for q in questions], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def lines(text):
    return tuple(
        line.strip() for line in (text or "").replace("\r", "").split("\n") if line.strip()
    )


def question_from_post(post):
    return normalise(
        {
            "id": post.get("id", ""),
            "kind": post.get("kind", "single"),
            "title": post.get("title", ""),
            "help": post.get("help", ""),
            "required": bool(post.get("required")),
            "options": lines(post.get("options", "")),
            "scale_min": post.get("scale_min", ""),
            "scale_max": post.get("scale_max", ""),
            "min_label": post.get("min_label", ""),
            "max_label": post.get("max_label", ""),
            "max_length": post.get("max_length", ""),
        }
    )


def editor_values(question):
    """The editor form's inputs filled from ``question``."""
    q = normalise(question)
    return dict(q, options="\n".join(q["options"]))


def blank_question(questions):
    ids = {normalise(q)["id"] for q in questions}
    number = len(questions) + 1
    while f"q{number}" in ids:
        number += 1
    return normalise({"id": f"q{number}", "kind": "single", "required": True})


def changed(questions, post, action):
    """The questions after ``action``; ``(questions, edited)``."""
    questions = [normalise(q) for q in questions]
    ids = [q["id"] for q in questions]
    target = post.get("original", "") or post.get("question", "")
    if action == "save":
        question = question_from_post(post)
        if target:
            if target not in ids:
                raise Refused(409, [GONE])
            questions[ids.index(target)] = question
        else:
            questions.append(question)
        return questions, question
    if target not in ids:
        raise Refused(409, [GONE])
    i = ids.index(target)
    if action == "remove":
        del questions[i]
    elif action == "up" and i > 0:
        questions[i - 1], questions[i] = questions[i], questions[i - 1]
    elif action == "down" and i < len(questions) - 1:
        questions[i + 1], questions[i] = questions[i], questions[i + 1]
    return questions, None


def apply_post(survey, post, translate):
    """Run the posted action; returns the new questions (already stored)."""
    action = post.get("action", "")
    if action not in ACTIONS:
        raise Refused(400, [_("survey-builder-action", default="不存在此操作。")])
    if post.get("version", "") != version_of(survey.questions):
        raise Refused(409, [STALE])
    questions, edited = changed(survey.questions, post, action)
    values = editor_values(edited) if edited else None
    if answer_count(survey) and structure(questions) != structure(survey.questions):
        raise Refused(409, [LOCKED], values)
    problems = check_questions(questions, translate)
    if problems:
        raise Refused(400, problems, values)
    survey.questions = tuple(questions)
    ensure_counters(survey)
    return survey.questions
