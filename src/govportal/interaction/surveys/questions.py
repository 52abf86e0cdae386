"""Questions as data: normalising and checking what the builder saves
(:func:`check_questions`), what may change once answers exist
(:func:`structure`), and reading one person's answers from a POST
(:func:`parse_answers`).  Messages are Chinese (``_()``)."""

import re

from ...i18n import _

KINDS = (
    ("single", _("survey-kind-single", default="单选题")),
    ("multiple", _("survey-kind-multiple", default="多选题")),
    ("scale", _("survey-kind-scale", default="量表题（打分）")),
    ("text", _("survey-kind-text", default="填空题（文字）")),
)
KIND_NAMES = tuple(k for k, _t in KINDS)
CHOICE_KINDS = ("single", "multiple")
ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,29}$")
MAX_QUESTIONS = 50
MAX_OPTIONS = 30
MAX_TITLE = 200
MAX_OPTION = 100
DEFAULT_TEXT_LENGTH = 500
MAX_TEXT_LENGTH = 2000


def _int(value, default):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def normalise(question):
    """A question dict with every key, plain values, stripped texts."""
    q = dict(question or {})
    kind = q.get("kind") if q.get("kind") in KIND_NAMES else "single"
    result = {
        "id": str(q.get("id") or "").strip(),
        "kind": kind,
        "title": str(q.get("title") or "").strip(),
        "help": str(q.get("help") or "").strip(),
        "required": bool(q.get("required")),
        "options": (),
        "scale_min": 1,
        "scale_max": 5,
        "min_label": "",
        "max_label": "",
        "max_length": DEFAULT_TEXT_LENGTH,
    }
    if kind in CHOICE_KINDS:
        result["options"] = tuple(str(o).strip() for o in q.get("options") or () if str(o).strip())
    elif kind == "scale":
        result["scale_min"] = _int(q.get("scale_min"), 1)
        result["scale_max"] = _int(q.get("scale_max"), 5)
        result["min_label"] = str(q.get("min_label") or "").strip()
        result["max_label"] = str(q.get("max_label") or "").strip()
    else:
        result["max_length"] = _int(q.get("max_length"), DEFAULT_TEXT_LENGTH)
    return result


def _problem(number, message, **mapping):
    return _(
        "survey-question-problem",
        default="第 ${number} 题：${message}",
        mapping={"number": number, "message": message, **mapping},
    )


def check_question(number, q, translate):
    """Problems of one normalised question (translated strings)."""
    problems = []

    def add(msg):
        problems.append(translate(_problem(number, translate(msg))))

    if not ID_RE.match(q["id"]):
        add(
            _(
                "survey-bad-id",
                default="题目编号须以小写字母开头，只含小写字母、数字、- 或 _，不超过 30 个字符",
            )
        )
    if not q["title"]:
        add(_("survey-no-title", default="请填写题目"))
    elif len(q["title"]) > MAX_TITLE:
        add(_("survey-long-title", default="题目不能超过 200 个字"))
    if q["kind"] in CHOICE_KINDS:
        options = q["options"]
        if len(options) < 2:
            add(_("survey-few-options", default="选择题至少需要两个选项"))
        if len(options) > MAX_OPTIONS:
            add(_("survey-many-options", default="选项不能超过 30 个"))
        if len(set(options)) != len(options):
            add(_("survey-same-options", default="选项不能重复"))
        if any(len(o) > MAX_OPTION for o in options):
            add(_("survey-long-option", default="每个选项不能超过 100 个字"))
    elif q["kind"] == "scale":
        if not (0 <= q["scale_min"] <= 1 and q["scale_min"] < q["scale_max"] <= 10):
            add(
                _(
                    "survey-bad-scale",
                    default="量表最低分须为 0 或 1，最高分须大于最低分且不超过 10",
                )
            )
    elif not (1 <= q["max_length"] <= MAX_TEXT_LENGTH):
        add(_("survey-bad-length", default="填空题的字数上限须在 1 至 2000 之间"))
    return problems


def check_questions(questions, translate):
    """Every problem of the questionnaire (empty when it may be saved)."""
    questions = [normalise(q) for q in questions]
    problems = []
    if not questions:
        problems.append(translate(_("survey-no-questions", default="调查至少需要一道题目。")))
    if len(questions) > MAX_QUESTIONS:
        problems.append(translate(_("survey-many-questions", default="题目不能超过 50 道。")))
    seen = set()
    for number, q in enumerate(questions, 1):
        problems += check_question(number, q, translate)
        if q["id"] in seen:
            msg = translate(_("survey-same-id", default="题目编号与前面的题目重复"))
            problems.append(translate(_problem(number, msg)))
        seen.add(q["id"])
    return problems


def structure(questions):
    """What answers depend on: order, ids, kinds, number of options, scale
    range.  Once a survey has answers only wording may change, so this
    must stay equal (:func:`.builder.apply_post`)."""
    rows = []
    for q in (normalise(q) for q in questions):
        rows.append(
            (
                q["id"],
                q["kind"],
                len(q["options"]),
                q["scale_min"] if q["kind"] == "scale" else None,
                q["scale_max"] if q["kind"] == "scale" else None,
            )
        )
    return tuple(rows)


def field_name(question):
    return f"q-{question['id']}"


def _choice(raw, options):
    index = _int(raw, -1)
    return index if 0 <= index < len(options) else None


def parse_answers(questions, post):
    """``(values, errors)`` of one person's answers: values by question id
    (None when not answered), errors by question id (message ids)."""
    values, errors = {}, {}
    for q in (normalise(q) for q in questions):
        qid, name = q["id"], field_name(q)
        value, error = None, None
        if q["kind"] == "single":
            raw = post.get(name, "")
            if raw not in ("", None):
                value = _choice(raw, q["options"])
                if value is None:
                    error = _("survey-bad-choice", default="所选选项不存在，请重新选择。")
            elif q["required"]:
                error = _("survey-choose-one", default="请选择一项。")
        elif q["kind"] == "multiple":
            raws = [r for r in post.getall(name) if isinstance(r, str) and r != ""]
            chosen = [_choice(r, q["options"]) for r in raws]
            if any(c is None for c in chosen):
                error = _("survey-bad-choice", default="所选选项不存在，请重新选择。")
            elif chosen:
                value = tuple(sorted(set(chosen)))
            elif q["required"]:
                error = _("survey-choose-some", default="请至少选择一项。")
        elif q["kind"] == "scale":
            raw = post.get(name, "")
            if raw not in ("", None):
                value = _int(raw, None)
                if value is None or not (q["scale_min"] <= value <= q["scale_max"]):
                    value = None
                    error = _(
                        "survey-bad-scale-value",
                        default="请在 ${low} 至 ${high} 之间选择一个分值。",
                        mapping={"low": q["scale_min"], "high": q["scale_max"]},
                    )
            elif q["required"]:
                error = _("survey-choose-score", default="请选择一个分值。")
        else:
            raw = post.get(name, "")
            text = raw.replace("\r\n", "\n").strip() if isinstance(raw, str) else ""
            if len(text) > q["max_length"]:
                error = _(
                    "survey-text-long",
                    default="请不要超过 ${limit} 个字（现有 ${count} 个字）。",
                    mapping={"limit": q["max_length"], "count": len(text)},
                )
            elif text:
                value = text
            elif q["required"]:
                error = _("survey-text-required", default="请填写此题。")
        if error is not None:
            errors[qid] = error
        values[qid] = value
    return values, errors
