"""Field specs of online application forms: their defaults and their checks.

See :mod:`.formfields` for what a spec holds.  :func:`check_specs` lists
what is wrong with a whole form (the form builder saves nothing then).
"""

import re

from ..content.uploads import ACCEPTED
from ..i18n import _
from ..i18n import translate as _translate
from .vocabulary import FIELD_KINDS

#: Most fields one form may hold, choices one field may offer, files one
#: file field may take.
MAX_FIELDS = 40
MAX_CHOICES = 50
MAX_FILES = 10
#: Bounds of ``max_length`` (text kinds) and ``max_mb`` (file fields).
MAX_LENGTH_LIMIT = 5000
MAX_MB_LIMIT = 50
#: ``max_length`` when a spec gives none, per kind.
DEFAULT_LENGTHS = {"text": 100, "textarea": 2000, "address": 200}
DEFAULT_MB = 10
DEFAULT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")
#: Shortest address accepted (a county, a town and a street or village).
MIN_ADDRESS = 5
#: Dates accepted: from this year to this many years from today.
FIRST_YEAR = 1900
YEARS_AHEAD = 30

KIND_CODES = tuple(code for code, _title in FIELD_KINDS)
CHOICE_KINDS = frozenset({"choice", "multichoice"})
TEXT_KINDS = frozenset({"text", "textarea", "address"})
NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
#: Names the page itself uses (tokens, the applicant block, buttons).
RESERVED = frozenset({"csrf_token", "submission_token", "action", "code", "save", "submit"})
RESERVED_PREFIX = "applicant_"


def say(request, message):
    """``message`` as text: translated for ``request``, else its default."""
    if request is not None:
        return _translate(request, message)
    if hasattr(message, "interpolate"):
        return message.interpolate()
    return str(message)


def normalise_spec(raw):
    """A complete spec from ``raw`` (missing keys filled, types coerced)."""
    spec = {
        "name": str(raw.get("name") or "").strip(),
        "label": str(raw.get("label") or "").strip(),
        "kind": str(raw.get("kind") or "text").strip(),
        "required": bool(raw.get("required")),
        "help": str(raw.get("help") or "").strip(),
        "choices": tuple(str(c).strip() for c in (raw.get("choices") or ()) if str(c).strip()),
        "max_length": _int(raw.get("max_length")),
        "extensions": tuple(
            str(e).strip().lower().lstrip(".") for e in (raw.get("extensions") or ()) if str(e)
        ),
        "max_mb": _int(raw.get("max_mb")),
    }
    if spec["kind"] in TEXT_KINDS and not spec["max_length"]:
        spec["max_length"] = DEFAULT_LENGTHS[spec["kind"]]
    if spec["kind"] == "file":
        spec["extensions"] = spec["extensions"] or DEFAULT_EXTENSIONS
        spec["max_mb"] = spec["max_mb"] or DEFAULT_MB
    return spec


def _int(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1


def check_specs(specs, request=None):
    """What is wrong with the form ``specs``, as a list of messages (empty: fine)."""
    problems = []
    specs = [normalise_spec(s) for s in specs]
    if len(specs) > MAX_FIELDS:
        problems.append(
            _("formfields-too-many", default="表单最多 ${n} 项。", mapping={"n": MAX_FIELDS})
        )
    seen = set()
    for i, spec in enumerate(specs, 1):
        label = spec["label"] or spec["name"] or str(i)
        where = {"n": i, "label": label}
        name = spec["name"]
        if not NAME.match(name) or name in RESERVED or name.startswith(RESERVED_PREFIX):
            problems.append(
                _(
                    "formfields-bad-name",
                    default="第 ${n} 项（${label}）：字段名须以小写英文字母开头，"
                    "只含小写字母、数字和下划线（不超过 32 个字符），且不能是保留名称。",
                    mapping=where,
                )
            )
        elif name in seen:
            problems.append(
                _(
                    "formfields-dup-name",
                    default="第 ${n} 项（${label}）：字段名重复。",
                    mapping=where,
                )
            )
        seen.add(name)
        if not spec["label"] or len(spec["label"]) > 60:
            problems.append(
                _(
                    "formfields-bad-label",
                    default="第 ${n} 项：请填写标题（不超过 60 个字）。",
                    mapping=where,
                )
            )
        if len(spec["help"]) > 300:
            problems.append(
                _(
                    "formfields-long-help",
                    default="第 ${n} 项（${label}）：说明不超过 300 个字。",
                    mapping=where,
                )
            )
        if spec["kind"] not in KIND_CODES:
            problems.append(
                _(
                    "formfields-bad-kind",
                    default="第 ${n} 项（${label}）：未知的字段类型。",
                    mapping=where,
                )
            )
            continue
        problems.extend(_kind_problems(spec, where))
    return [say(request, p) for p in problems]


def _kind_problems(spec, where):
    kind = spec["kind"]
    if kind in CHOICE_KINDS:
        choices = spec["choices"]
        if len(choices) < 2 or len(choices) > MAX_CHOICES:
            yield _(
                "formfields-choices",
                default="第 ${n} 项（${label}）：选择题须有 2 至 ${max} 个选项。",
                mapping=dict(where, max=MAX_CHOICES),
            )
        elif len(set(choices)) != len(choices) or any(len(c) > 100 for c in choices):
            yield _(
                "formfields-choices-dup",
                default="第 ${n} 项（${label}）：选项不能重复，每项不超过 100 个字。",
                mapping=where,
            )
    if kind in TEXT_KINDS and not 1 <= spec["max_length"] <= MAX_LENGTH_LIMIT:
        yield _(
            "formfields-max-length",
            default="第 ${n} 项（${label}）：最多字数须在 1 至 ${max} 之间。",
            mapping=dict(where, max=MAX_LENGTH_LIMIT),
        )
    if kind == "file":
        unknown = [e for e in spec["extensions"] if e not in ACCEPTED]
        if unknown:
            yield _(
                "formfields-extensions",
                default="第 ${n} 项（${label}）：不支持的文件类型 ${ext}。",
                mapping=dict(where, ext="、".join(unknown)),
            )
        if not 1 <= spec["max_mb"] <= MAX_MB_LIMIT:
            yield _(
                "formfields-max-mb",
                default="第 ${n} 项（${label}）：文件大小上限须在 1 至 ${max} MB 之间。",
                mapping=dict(where, max=MAX_MB_LIMIT),
            )
