"""A survey's results from its counters (:func:`question_results`), the text
answers for staff (:func:`text_answers`) and every answer as rows for the
XLSX export (:func:`answer_rows`)."""

from ... import sitetime
from .model import ANSWERED, SUM, answer_count, find_box
from .questions import CHOICE_KINDS, normalise


def _percent(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


def question_results(survey):
    """One dict per question: ``question``, ``answered`` (how many answered
    it), ``rows`` ``[(label, count, percent)]`` (choice and scale; percent
    of those who answered the question, so a multiple choice may sum over
    100), ``average`` (scale)."""
    box = find_box(survey)
    total = answer_count(survey)
    results = []
    for q in (normalise(q) for q in survey.questions):
        qid = q["id"]

        def count(key, qid=qid):
            return box.count(f"{qid}\0{key}") if box is not None else 0

        answered = count(ANSWERED)
        rows, average = [], None
        if q["kind"] in CHOICE_KINDS:
            rows = [
                (option, count(i), _percent(count(i), answered))
                for i, option in enumerate(q["options"])
            ]
        elif q["kind"] == "scale":
            for value in range(q["scale_min"], q["scale_max"] + 1):
                label = str(value)
                if value == q["scale_min"] and q["min_label"]:
                    label = f"{value}（{q['min_label']}）"
                elif value == q["scale_max"] and q["max_label"]:
                    label = f"{value}（{q['max_label']}）"
                rows.append((label, count(value), _percent(count(value), answered)))
            average = round(count(SUM) / answered, 2) if answered else None
        results.append(
            {
                "question": q,
                "answered": answered,
                "skipped": max(total - answered, 0),
                "rows": rows,
                "average": average,
            }
        )
    return results


def _answers(survey):
    box = find_box(survey)
    if box is None:
        return []
    return sorted(box.values(), key=lambda a: a.submitted_at)


def text_answers(survey, question_id, limit=None):
    """The texts given to one question, oldest first (staff only)."""
    texts = [a.values[question_id] for a in _answers(survey) if a.values.get(question_id)]
    return texts[:limit] if limit else texts


def cell(question, value):
    """One answer to ``question`` as the export writes it."""
    if value is None:
        return ""
    if question["kind"] == "single":
        return question["options"][value] if value < len(question["options"]) else ""
    if question["kind"] == "multiple":
        return "；".join(question["options"][i] for i in value if i < len(question["options"]))
    return value


def answer_rows(survey, registry=None):
    """``(headers, rows)``: one row per answer (序号, 提交时间, each question)."""
    questions = [normalise(q) for q in survey.questions]
    headers = ["序号", "提交时间"] + [f"{n}. {q['title']}" for n, q in enumerate(questions, 1)]
    rows = []
    for number, answer in enumerate(_answers(survey), 1):
        when = sitetime.local(answer.submitted_at, registry).strftime("%Y-%m-%d %H:%M")
        rows.append([number, when] + [cell(q, answer.values.get(q["id"])) for q in questions])
    return headers, rows
