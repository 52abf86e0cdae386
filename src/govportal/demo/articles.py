"""The demo's articles, kept as data in ``articles.yaml`` (see its header).

Interpretations (解读) name the policy they explain by position in their
column: ``(column, index) -> (column, index)``.
"""

from functools import cache
from pathlib import Path

import yaml

ARTICLES_FILE = Path(__file__).with_name("articles.yaml")

#: the portal's extra 解读 (zcwj #3) interprets its first policy
PORTAL_INTERPRETATIONS = {("zcwj", 3): ("zcwj", 0)}
#: each department's 解读 (gfxwj #2) interprets its first 规范性文件
DEPARTMENT_INTERPRETATIONS = {("gfxwj", 2): ("gfxwj", 0)}


@cache
def load():
    with ARTICLES_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def portal_items(column):
    data = load()
    items = data["portal"].get(column, []) + data["portal_extra"].get(column, [])
    return [tuple(item) for item in items]


def department_items(column):
    return [tuple(item) for item in load()["department"].get(column, [])]


def department_subjects(name):
    return load()["department_subjects"].get(name)


def paragraphs(kind):
    table = load()["paragraphs"]
    return table.get(kind) or table["info"]
