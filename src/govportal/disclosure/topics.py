"""主题分类: the topic taxonomy of the disclosure catalogue, kept as data.

The taxonomy lives in a YAML file (setting ``govportal.topics_file``, by
default ``etc/topics.yaml``) with two lists: the portal's topics
(regulation 第十三条) and the departments' topics (第十四条)::

    portal:
      title: 门户网站主题分类（第十三条）
      topics:
        - name: 概况信息
          description: 本地概况概览、投资指南及相关信息
    department:
      title: 部门网站主题分类（第十四条）
      topics: [...]

A document's 主题分类 is chosen from the list of its site — the department
it is in, or the portal — (:func:`topic_widget`, :func:`topic_validator`);
a value outside the list is refused, except the value the document already
holds, so items classified before the taxonomy (or before a topic was
renamed) keep showing and keep their value until an editor reclassifies them.

Administrators edit the file (or the 主题分类 tab, :mod:`.topicviews`);
every process notices a changed file on its next use and reloads it
(:class:`TaxonomyFile`).  A file that cannot be used stops the application
at start-up with a message naming the file; a change that breaks a running
site's file is logged and the last good taxonomy stays in use.
"""

import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import colander
import deform.widget
import yaml
from pyramid.exceptions import ConfigurationError
from pyramid.threadlocal import get_current_registry

from ..content.containers import find_department
from ..content.document import IDocument
from ..i18n import _

log = logging.getLogger(__name__)

#: The two lists of a taxonomy: key -> what it is for.
KINDS = {"portal": "门户网站", "department": "部门网站"}

#: The longest topic name (the document field's limit).
MAX_NAME = 60
#: The largest taxonomy file accepted (bytes).
MAX_FILE_SIZE = 256 * 1024

REGISTRY_ATTR = "govportal_topics"
SETTING = "govportal.topics_file"


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message is Chinese."""


@dataclass(frozen=True)
class Topic:
    name: str
    description: str = ""


@dataclass(frozen=True)
class Taxonomy:
    """The two topic lists: ``lists[kind]`` is a tuple of :class:`Topic`."""

    lists: dict
    titles: dict

    def topics(self, kind):
        """The topics of ``kind`` (``portal`` or ``department``), in order."""
        return self.lists[kind]

    def names(self, kind):
        return [t.name for t in self.lists[kind]]

    def all_names(self):
        """Every topic name: the portal's first, then the departments' new ones."""
        seen = []
        for kind in KINDS:
            for name in self.names(kind):
                if name not in seen:
                    seen.append(name)
        return seen


def parse_taxonomy(text, source="主题分类文件"):
    """Build a :class:`Taxonomy` from YAML ``text`` or raise :class:`TaxonomyError`."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else ""
        raise TaxonomyError(f"{source}{where}不是有效的 YAML。") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}应包含 portal 和 department 两部分。")
    unknown = sorted(str(k) for k in data if k not in KINDS)
    if unknown:
        raise TaxonomyError(f"{source}含有未知的部分：{'、'.join(unknown)}。")
    lists, titles = {}, {}
    for kind, label in KINDS.items():
        section = data.get(kind)
        if not isinstance(section, dict) or not isinstance(section.get("topics"), list):
            raise TaxonomyError(f"{source}缺少 {kind}.topics（{label}的主题分类列表）。")
        topics = []
        for i, item in enumerate(section["topics"], 1):
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict):
                raise TaxonomyError(f"{source} {kind} 的第{i}项格式不正确。")
            name = item.get("name")
            description = item.get("description") or ""
            if not isinstance(name, str) or not name.strip():
                raise TaxonomyError(f"{source} {kind} 的第{i}项缺少名称。")
            name = name.strip()
            if len(name) > MAX_NAME or "\n" in name:
                raise TaxonomyError(f"{source} {kind} 的“{name[:20]}”名称过长或含换行。")
            if not isinstance(description, str):
                raise TaxonomyError(f"{source} {kind} 的“{name}”说明应为文字。")
            if any(t.name == name for t in topics):
                raise TaxonomyError(f"{source} {kind} 中“{name}”重复。")
            topics.append(Topic(name, description.strip()))
        if not topics:
            raise TaxonomyError(f"{source} {kind} 的主题分类列表不能为空。")
        lists[kind] = tuple(topics)
        title = section.get("title")
        titles[kind] = title.strip() if isinstance(title, str) and title.strip() else label
    return Taxonomy(lists, titles)


class TaxonomyFile:
    """The taxonomy of one file, reloaded when the file changes.

    :meth:`current` compares the file's inode, size and modification time
    with those of the last load (one ``stat`` per call) and reloads on a
    difference.  A reload that fails is logged and the previous taxonomy is
    kept; the error is available as :attr:`error` for the management page.
    """

    def __init__(self, path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self.error = None
        self._taxonomy, self._stamp = self._load()

    def _stat(self):
        st = self.path.stat()
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _load(self):
        try:
            stamp = self._stat()
            if stamp[1] > MAX_FILE_SIZE:
                raise TaxonomyError(f"{self.path} 过大。")
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise TaxonomyError(f"无法读取主题分类文件 {self.path}：{e}") from None
        return parse_taxonomy(text, source=str(self.path)), stamp

    def current(self):
        """The taxonomy, reloaded first if the file changed."""
        try:
            stamp = self._stat()
        except OSError:
            stamp = None
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    try:
                        self._taxonomy, self._stamp = self._load()
                        self.error = None
                        log.info("reloaded the topic taxonomy from %s", self.path)
                    except TaxonomyError as e:
                        self.error = str(e)
                        self._stamp = stamp  # log once per change
                        log.error("%s; keeping the previous taxonomy", e)
        return self._taxonomy

    def text(self):
        """The file's text (for the editing form)."""
        return self.path.read_text(encoding="utf-8")

    def write(self, text):
        """Check ``text`` and replace the file with it atomically; returns the
        new :class:`Taxonomy`.  Raises :class:`TaxonomyError` (nothing is
        written) for a text that cannot be used or a file that cannot be written."""
        taxonomy = parse_taxonomy(text)
        if len(text.encode("utf-8")) > MAX_FILE_SIZE:
            raise TaxonomyError("主题分类文件过大。")
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".topics-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                if self.path.exists():  # keep the file's mode (mkstemp makes it private)
                    os.chmod(tmp, self.path.stat().st_mode & 0o777)
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        except OSError as e:
            raise TaxonomyError(f"无法写入 {self.path}：{e.strerror or e}") from None
        with self._lock:
            self._taxonomy, self._stamp = taxonomy, self._stat()
            self.error = None
        return taxonomy


def taxonomy_file(registry=None):
    """The site's :class:`TaxonomyFile`."""
    registry = registry or get_current_registry()
    return getattr(registry, REGISTRY_ATTR)


def get_taxonomy(registry=None):
    """The current :class:`Taxonomy` (reloaded if its file changed)."""
    return taxonomy_file(registry).current()


def site_kind(context):
    """``department`` for content in a department sub-site, else ``portal``."""
    return "department" if find_department(context) is not None else "portal"


def topics_for(context, registry=None):
    """The topics a document in ``context`` (itself, or the folder it is added to) may use."""
    return get_taxonomy(registry).topics(site_kind(context))


def _current_topic(context):
    if context is not None and IDocument.providedBy(context):
        return (getattr(context, "topic", "") or "").strip()
    return ""


def topic_choices(context, registry=None):
    """Select values for a document's 主题分类 in ``context``."""
    values = [("", _("— 请选择 —"))]
    names = []
    for topic in topics_for(context, registry):
        names.append(topic.name)
        values.append((topic.name, topic.name))
    current = _current_topic(context)
    if current and current not in names:
        # option labels are shown untranslated: a plain Chinese text
        values.append((current, f"{current}（原有分类，已不在主题分类表中）"))
    return values


def topic_widget(node, kw):
    """Deferred widget of DocumentSchema.topic: the site's topics."""
    return deform.widget.SelectWidget(values=topic_choices(kw.get("context")))


def topic_validator(node, kw):
    """Deferred validator of DocumentSchema.topic: refuses values outside the
    site's list, except the value the document already holds."""
    context = kw.get("context")

    def validate(node, value):
        if not value:
            return
        allowed = {t.name for t in topics_for(context)}
        if value in allowed or value == _current_topic(context):
            return
        raise colander.Invalid(
            node,
            _(
                "“${value}”不在${kind}的主题分类中，请从列表中选择。",
                mapping={"value": value[:60], "kind": KINDS[site_kind(context)]},
            ),
        )

    return validate


def topic_description(node, kw):
    """Deferred description of DocumentSchema.topic."""
    kind = site_kind(kw.get("context"))
    # deform shows descriptions untranslated: a plain Chinese text
    return f"按{get_taxonomy().titles[kind]}选择。"


def catalogue_topics(context, counts, registry=None):
    """The 主题分类 facet of the 信息公开目录 of ``context`` in taxonomy order.

    ``counts`` is ``[(topic, count)]`` of the published documents found.
    The topics of the taxonomy come first, in its order (the portal's list
    on the portal's catalogue, which also covers the departments, then the
    departments' list), each with its count (0 if none); other values held
    by older documents follow, most used first.
    """
    taxonomy = get_taxonomy(registry)
    if find_department(context) is not None:
        names = taxonomy.names("department")
    else:
        names = taxonomy.all_names()
    found = dict(counts)
    ordered = [(name, found.pop(name, 0)) for name in names]
    rest = sorted(found.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return ordered + rest


def includeme(config):
    path = config.registry.settings.get(SETTING)
    if not path:
        raise ConfigurationError(f"{SETTING} is not set")
    try:
        setattr(config.registry, REGISTRY_ATTR, TaxonomyFile(path))
    except TaxonomyError as e:
        raise ConfigurationError(str(e)) from None
