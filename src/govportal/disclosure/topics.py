"""主题分类: the topic taxonomy of the disclosure catalogue, kept as data.

The taxonomy has two lists: the portal's topics (regulation 第十三条) and
the departments' topics (第十四条).  It lives in the database, in a
:class:`TopicsStore` on the portal root (attribute :data:`STORE_ATTR`), so
that every process behind one site (ZEO, RelStorage) sees the same lists;
administrators edit it at ``/@@admin-topics`` (:mod:`govportal.admin.topics`).

The YAML file named by ``govportal.topics_file`` (by default
``etc/topics.yaml``) only *seeds* it: ``govportal-init`` copies it into a
database that has none (:func:`seed_topics`), and until then readers use the
file (read only; nothing ever writes it)::

    portal:
      title: 门户网站主题分类（第十三条）
      topics:
        - name: 概况信息
          description: 本地概况概览、投资指南及相关信息
    department:
      title: 部门网站主题分类（第十四条）
      topics: [...]

Readers stay fast: the parsed taxonomy is cached per process and keyed by
the store's version counter (one attribute read of an object the ZODB
connection keeps in memory, no parsing, no database load per call).

A document's 主题分类 is chosen from the list of its site — the department
it is in, or the portal — (:func:`topic_widget`, :func:`topic_validator`);
a value outside the list is refused, except the value the document already
holds, so items classified before the taxonomy (or before a topic was
renamed) keep showing and keep their value until an editor reclassifies them.
A seed file that cannot be used stops the application at start-up with a
message naming the file.
"""

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import colander
import deform.widget
import yaml
from persistent import Persistent
from pyramid.exceptions import ConfigurationError
from pyramid.threadlocal import get_current_registry

from ..content.containers import find_department
from ..content.document import IDocument
from ..i18n import _
from ..siteobjects import current_site_object

log = logging.getLogger(__name__)

#: The two lists of a taxonomy: key -> what it is for.
KINDS = {"portal": "门户网站", "department": "部门网站"}

#: The longest topic name (the document field's limit).
MAX_NAME = 60
#: The largest taxonomy file accepted (bytes).
MAX_FILE_SIZE = 256 * 1024

REGISTRY_ATTR = "govportal_topics"
#: The attribute of the portal root holding the :class:`TopicsStore`.
STORE_ATTR = "govportal_topics_store"
#: The registry attribute caching ``(store key, Taxonomy)``.
CACHE_ATTR = "govportal_topics_cache"
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
    return build_taxonomy(data, source)


def build_taxonomy(data, source="主题分类"):
    """Build a :class:`Taxonomy` from ``{"portal": {"title", "topics"},
    "department": {...}}`` (topics: names or ``{"name", "description"}``) or
    raise :class:`TaxonomyError`: no empty list, no empty, overlong or
    duplicate name."""
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
        where = f"{source}（{label}）"
        topics = []
        for i, item in enumerate(section["topics"], 1):
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict):
                raise TaxonomyError(f"{where}的第{i}项格式不正确。")
            name = item.get("name")
            description = item.get("description") or ""
            if not isinstance(name, str) or not name.strip():
                raise TaxonomyError(f"{where}的第{i}项缺少名称。")
            name = name.strip()
            if len(name) > MAX_NAME or "\n" in name:
                raise TaxonomyError(f"{where}的“{name[:20]}”名称过长或含换行。")
            if not isinstance(description, str):
                raise TaxonomyError(f"{where}的“{name}”说明应为文字。")
            if any(t.name == name for t in topics):
                raise TaxonomyError(f"{where}中“{name}”重复。")
            topics.append(Topic(name, description.strip()))
        if not topics:
            raise TaxonomyError(f"{where}的主题分类列表不能为空。")
        lists[kind] = tuple(topics)
        title = section.get("title")
        titles[kind] = title.strip() if isinstance(title, str) and title.strip() else label
    return Taxonomy(lists, titles)


class TaxonomyFile:
    """The seed taxonomy of one file (read only), reloaded when the file changes.

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


def taxonomy_file(registry=None):
    """The :class:`TaxonomyFile` of the seed file."""
    registry = registry or get_current_registry()
    return getattr(registry, REGISTRY_ATTR)


class TopicsStore(Persistent):
    """The taxonomy as the database keeps it (on the portal root).

    Attributes are replaced, never changed in place, so that each save is
    one write of this object; :attr:`version` grows by one on every save and
    keys the readers' cache.
    """

    version = 0
    changed_at = None
    changed_by = None

    def __init__(self, taxonomy):
        self.lists = {}
        self.titles = {}
        self.set(taxonomy)

    def set(self, taxonomy, changed_by=None, changed_at=None):
        """Replace the lists with those of ``taxonomy``."""
        self.lists = {
            kind: tuple((t.name, t.description) for t in taxonomy.topics(kind)) for kind in KINDS
        }
        self.titles = dict(taxonomy.titles)
        self.version += 1
        self.changed_by = changed_by
        self.changed_at = changed_at

    def taxonomy(self):
        """The stored lists as a :class:`Taxonomy`."""
        lists = {kind: tuple(Topic(n, d) for n, d in self.lists.get(kind, ())) for kind in KINDS}
        titles = {kind: self.titles.get(kind) or label for kind, label in KINDS.items()}
        return Taxonomy(lists, titles)


def topics_store(context=None):
    """The :class:`TopicsStore` of ``context``'s site (or of the current
    request's root), or None when the database holds none yet."""
    return current_site_object(STORE_ATTR, context)


def seed_topics(root, registry):
    """Copy the seed file into ``root`` unless the database already holds a
    taxonomy (govportal-init); returns the store."""
    store = getattr(root, STORE_ATTR, None)
    if store is None:
        store = TopicsStore(taxonomy_file(registry).current())
        setattr(root, STORE_ATTR, store)
    return store


def save_taxonomy(root, taxonomy, changed_by=None, changed_at=None):
    """Store ``taxonomy`` in ``root`` (created on first save)."""
    store = getattr(root, STORE_ATTR, None)
    if store is None:
        store = TopicsStore(taxonomy)
        store.changed_by, store.changed_at = changed_by, changed_at
        setattr(root, STORE_ATTR, store)
    else:
        store.set(taxonomy, changed_by, changed_at)
    return store


def get_taxonomy(registry=None, context=None):
    """The current :class:`Taxonomy`: the database's (cached by version), or
    the seed file's while the database holds none."""
    registry = registry or get_current_registry()
    store = topics_store(context)
    if store is None:
        return taxonomy_file(registry).current()
    key = (getattr(store, "_p_oid", None) or id(store), store.version)
    cached = getattr(registry, CACHE_ATTR, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    taxonomy = store.taxonomy()
    setattr(registry, CACHE_ATTR, (key, taxonomy))
    return taxonomy


def site_kind(context):
    """``department`` for content in a department sub-site, else ``portal``."""
    return "department" if find_department(context) is not None else "portal"


def topics_for(context, registry=None):
    """The topics a document in ``context`` (itself, or the folder it is added to) may use."""
    return get_taxonomy(registry, context).topics(site_kind(context))


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
    return f"按{get_taxonomy(context=kw.get('context')).titles[kind]}选择。"


def catalogue_topics(context, counts, registry=None):
    """The 主题分类 facet of the 信息公开目录 of ``context`` in taxonomy order.

    ``counts`` is ``[(topic, count)]`` of the published documents found.
    The topics of the taxonomy come first, in its order (the portal's list
    on the portal's catalogue, which also covers the departments, then the
    departments' list), each with its count (0 if none); other values held
    by older documents follow, most used first.
    """
    taxonomy = get_taxonomy(registry, context)
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
