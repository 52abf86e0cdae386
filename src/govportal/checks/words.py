"""Word lists that administrators edit (checklist G2), and scanning text with them.

The directory named by ``govportal.checks.words_dir`` holds plain UTF-8
files; a ``#`` at the start of a line or after a space starts a comment:

``blocked.txt``
    words that stop approval (e.g. classification markings), one a line;
``warning.txt``
    words shown to the reviewer, optionally ``词语 => 建议``;
``typos.txt``
    common typos, ``错词 => 正确写法`` (shown as warnings with the correction);
``leaders.txt``
    leaders' names and titles, ``姓名 => 职务、职务``: a title written
    right before or after the name that is not one of the person's is shown.

Any line may end with ``| 例外 例外 …``: longer phrases that contain the
word and are correct (``按排 => 安排 | 按排名 按排序``).  Latin letters match
regardless of case.  A malformed line is skipped and reported in
:attr:`WordLists.errors`; files are re-read when their modification time or
size changes, so edits take effect without a restart.
"""

import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..settings import DEFAULTS
from .findings import BLOCKED_WORD, LEADER_TITLE, TYPO, WARNING_WORD, Finding, context_of, render

log = logging.getLogger(__name__)

WORDS_DIR_SETTING = "govportal.checks.words_dir"
BLOCKED_FILE = "blocked.txt"
WARNING_FILE = "warning.txt"
TYPOS_FILE = "typos.txt"
LEADERS_FILE = "leaders.txt"
FILES = (BLOCKED_FILE, WARNING_FILE, TYPOS_FILE, LEADERS_FILE)

_COMMENT = re.compile(r"(?:^|\s)#.*$")
_TITLE_SEPARATORS = re.compile(r"[、,，;；/]+")

#: Titles recognised next to a leader's name besides those in leaders.txt,
#: so that "副县长张三" is read as 副县长 and not as 县长.
COMMON_TITLES = (
    "书记 副书记 县委书记 县委副书记 县委常委 县长 副县长 常务副县长 代县长 "
    "县人大常委会主任 县人大常委会副主任 县政协主席 县政协副主席 主任 副主任 "
    "主席 副主席 局长 副局长 部长 副部长 镇长 副镇长 乡长 副乡长 "
    "市长 副市长 市委书记 市委副书记 省长 副省长 省委书记 省委副书记 "
    "秘书长 副秘书长 调研员 院长 副院长 检察长 副检察长"
).split()


@dataclass(frozen=True)
class Entry:
    """One line of a word list."""

    word: str
    suggestion: str = ""
    exceptions: tuple = ()


def parse_line(line):
    """``(word, suggestion, exceptions)`` of one line, or None for a blank line."""
    line = _COMMENT.sub("", line).strip()
    if not line:
        return None
    exceptions = ()
    if "|" in line:
        line, rest = line.split("|", 1)
        exceptions = tuple(rest.split())
        line = line.strip()
    suggestion = ""
    if "=>" in line:
        line, suggestion = (part.strip() for part in line.split("=>", 1))
    return line, suggestion, exceptions


def parse_file(path, need_suggestion=False):
    """``(entries, errors)`` of one word-list file."""
    entries, errors = [], []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return entries, errors
    except (OSError, UnicodeDecodeError) as e:
        return entries, [f"{path}: {e}"]
    for number, line in enumerate(text.splitlines(), start=1):
        parsed = parse_line(line)
        if parsed is None:
            continue
        word, suggestion, exceptions = parsed
        if not word or (need_suggestion and not suggestion):
            errors.append(f"{path}:{number}: 格式应为“词语 => 建议”：{line.strip()}")
            continue
        entries.append(Entry(word, suggestion, exceptions))
    return entries, errors


class WordList:
    """The entries of one file, with a regular expression matching them all."""

    def __init__(self, entries=()):
        self.entries = {}
        for entry in entries:
            self.entries.setdefault(entry.word.lower(), entry)
        words = sorted(self.entries, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
        )

    def __len__(self):
        return len(self.entries)

    def __contains__(self, word):
        return word.lower() in self.entries

    def matches(self, text):
        """``(entry, start, end)`` for every occurrence not excused by an exception."""
        if self.pattern is None or not text:
            return
        folded = text.lower()
        for m in self.pattern.finditer(text):
            entry = self.entries[m.group().lower()]
            if not _excused(folded, m.start(), entry):
                yield entry, m.start(), m.end()


def _excused(folded, start, entry):
    word = entry.word.lower()
    for phrase in entry.exceptions:
        phrase = phrase.lower()
        at = phrase.find(word)
        while at >= 0:
            begin = start - at
            if begin >= 0 and folded.startswith(phrase, begin):
                return True
            at = phrase.find(word, at + 1)
    return False


class Leaders:
    """Leaders' names with their correct titles (``leaders.txt``)."""

    def __init__(self, entries=()):
        self.titles = {}
        for entry in entries:
            titles = tuple(t for t in _TITLE_SEPARATORS.split(entry.suggestion) if t.strip())
            self.titles[entry.word] = tuple(t.strip() for t in titles)
        vocabulary = set(COMMON_TITLES)
        for titles in self.titles.values():
            vocabulary.update(titles)
        self.vocabulary = sorted(vocabulary, key=len, reverse=True)
        names = sorted(self.titles, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def __len__(self):
        return len(self.titles)

    @staticmethod
    def title_fits(written, correct):
        """A title as written fits a correct one if equal or a short form of
        it (县委书记 → 书记), never dropping a 副 (副县长 is not 县长)."""
        if written == correct:
            return True
        return correct.endswith(written) and not correct[: -len(written)].endswith("副")

    def mismatches(self, text):
        """``(name, written_title, start, end)`` of titles that do not fit."""
        if self.pattern is None or not text:
            return
        for m in self.pattern.finditer(text):
            name = m.group()
            before = next((t for t in self.vocabulary if text.endswith(t, 0, m.start())), None)
            after = next((t for t in self.vocabulary if text.startswith(t, m.end())), None)
            for written, start, end in (
                (before, m.start() - len(before or ""), m.end()),
                (after, m.start(), m.end() + len(after or "")),
            ):
                if written and not any(self.title_fits(written, c) for c in self.titles[name]):
                    yield name, written, start, end


class WordLists:
    """The word lists of one directory, re-read when a file changes."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._stamps = None
        self.blocked = WordList()
        self.warning = WordList()
        self.typos = WordList()
        self.leaders = Leaders()
        self.errors = []

    def _stamp(self):
        stamps = []
        for name in FILES:
            try:
                st = os.stat(self.directory / name)
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def current(self):
        """Reload any file that changed since the last call; return ``self``."""
        stamps = self._stamp()
        if stamps != self._stamps:
            with self._lock:
                if stamps != self._stamps:
                    self._load()
                    self._stamps = stamps
        return self

    def _load(self):
        errors = []
        lists = {}
        for name in FILES:
            entries, file_errors = parse_file(
                self.directory / name, need_suggestion=name in (TYPOS_FILE, LEADERS_FILE)
            )
            lists[name] = entries
            errors.extend(file_errors)
        for error in errors:
            log.warning("word list: %s", error)
        self.blocked = WordList(lists[BLOCKED_FILE])
        self.warning = WordList(lists[WARNING_FILE])
        self.typos = WordList(lists[TYPOS_FILE])
        self.leaders = Leaders(lists[LEADERS_FILE])
        self.errors = errors
        log.info(
            "word lists loaded from %s: %d blocked, %d warning, %d typos, %d leaders",
            self.directory,
            len(self.blocked),
            len(self.warning),
            len(self.typos),
            len(self.leaders),
        )

    def scan(self, text, where, where_title="", request=None, context=context_of):
        """Findings of every list in ``text`` (the text of ``where``); their
        messages are rendered for ``request`` (see :func:`.findings.render`)."""
        self.current()
        findings = []
        for kind, wordlist in (
            (BLOCKED_WORD, self.blocked),
            (WARNING_WORD, self.warning),
            (TYPO, self.typos),
        ):
            for entry, start, end in wordlist.matches(text):
                findings.append(
                    Finding(
                        kind=kind,
                        text=text[start:end],
                        start=start,
                        end=end,
                        where=where,
                        where_title=where_title,
                        suggestion=entry.suggestion,
                        context=context(text, start, end),
                        message=render(_message(kind, text[start:end], entry.suggestion), request),
                    )
                )
        for name, written, start, end in self.leaders.mismatches(text):
            correct = "、".join(self.leaders.titles[name])
            findings.append(
                Finding(
                    kind=LEADER_TITLE,
                    text=text[start:end],
                    start=start,
                    end=end,
                    where=where,
                    where_title=where_title,
                    suggestion=correct,
                    context=context(text, start, end),
                    message=render(
                        _(
                            "checks-leader-title",
                            default="“${written}”与${name}的职务不符，应为：${correct}",
                            mapping={"written": written, "name": name, "correct": correct},
                        ),
                        request,
                    ),
                )
            )
        return findings


def _message(kind, word, suggestion):
    if kind == BLOCKED_WORD:
        return _(
            "checks-blocked-word",
            default="“${word}”是禁止发布的词语，须删除后才能发布。",
            mapping={"word": word},
        )
    if suggestion:
        return _(
            "checks-suggestion",
            default="“${word}”建议改为“${suggestion}”。",
            mapping={"word": word, "suggestion": suggestion},
        )
    return _("checks-warning-word", default="“${word}”请审核员留意。", mapping={"word": word})


def get_word_lists(registry):
    """The :class:`WordLists` of the application (reloaded when files change),
    from the directory of the ``govportal.checks.words_dir`` setting."""
    lists = getattr(registry, "govportal_word_lists", None)
    if lists is None:
        settings = getattr(registry, "settings", None) or {}
        directory = settings.get("govportal.checks.words_dir") or DEFAULTS[WORDS_DIR_SETTING]
        lists = WordLists(directory)
        registry.govportal_word_lists = lists
    return lists.current()
