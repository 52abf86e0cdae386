"""索引号: issued on first publication, per organ and year, never reused."""

from datetime import date

import pytest
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.disclosure import DEFAULT_PATTERN, PatternError, check_pattern
from govportal.overrides.answers import ContentRefused

from ..conftest import read_root
from ..public.helpers import publish_documents, transition_as
from .helpers import index_numbers, issued

JYJ = "008000001"  # 教育局's organ code in the demo site
WJJ = "008000002"


def publish(app, column, count, department="jyj", **fields):
    editor, reviewer = (
        ("portal_editor", "portal_reviewer")
        if department is None
        else (f"{department}_editor", f"{department}_reviewer")
    )
    specs = [dict({"title": f"文稿{i}"}, **fields) for i in range(count)]
    start = read_root(app, lambda root: len(find_resource(root, column)))
    for i, spec in enumerate(specs):
        spec["name"] = f"doc-{start + i:05d}"
    return publish_documents(app, column, specs, editor=editor, reviewer=reviewer)


# -- the pattern ------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        DEFAULT_PATTERN,
        "{organ_code}-{year}-{seq}",
        "营山{year}第{seq:06d}号",
        "{seq:05d}",
        "{{{organ_code}}}{seq}",
    ],
)
def test_good_patterns(pattern):
    assert "seq" in check_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("", "不能为空"),
        ("{organ_code}/{year}", "必须包含"),
        ("{seq}-{seq}", "必须包含且只包含一个"),
        ("{dept}/{seq}", "未知的占位符 {dept}"),
        ("{organ_code.upper}/{seq}", "未知的占位符"),
        ("{0}{seq}", "未知的占位符"),
        ("{seq!r}", "不能带转换"),
        ("{year:>8}{seq}", "不能带格式"),
        ("{seq:5d}", "补零格式"),
        ("{seq:,}", "补零格式"),
        ("{organ_code}/{year}-{seq", "花括号不匹配"),
        ("x" * 60 + "{seq}", "超过60个字符"),
    ],
)
def test_bad_patterns(pattern, message):
    with pytest.raises(PatternError, match=message.replace("{", r"\{").replace("}", r"\}")):
        check_pattern(pattern)


# -- issuing --------------------------------------------------------------------


def test_first_publication_numbers_per_organ_and_year(wsgi_app):
    jyj = publish(wsgi_app, "/jyj/gzdt/", 3)
    wjj = publish(wsgi_app, "/wjj/tzgg/", 1, department="wjj")
    older = publish(wsgi_app, "/jyj/tzgg/", 1, publish_date=date(2025, 12, 30))
    later = publish(wsgi_app, "/jyj/tzgg/", 1)  # same counter as gzdt: per organ, not column
    assert index_numbers(wsgi_app, jyj + wjj + older + later) == [
        f"{JYJ}/2026-00001",
        f"{JYJ}/2026-00002",
        f"{JYJ}/2026-00003",
        f"{WJJ}/2026-00001",
        f"{JYJ}/2025-00001",
        f"{JYJ}/2026-00004",
    ]
    # a number typed in by hand is kept, and never generated afterwards
    manual = publish(wsgi_app, "/jyj/gzdt/", 1, index_number=f"{JYJ}/2026-00005")
    after = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, manual + after) == [f"{JYJ}/2026-00005", f"{JYJ}/2026-00006"]


def test_portal_content_uses_the_portal_organ_code(wsgi_app):
    # The demo regulation (published 2019) carries the demo portal's code.
    regulation = "/zcwj/yingshan-website-regulation-2019/"
    assert index_numbers(wsgi_app, [regulation]) == ["008000000/2019-00001"]
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"].portal_organ_code = "008000000"
        zodb_root["app_root"]["jyj"].organ_code = ""  # a department without a code
    paths = publish(wsgi_app, "/tzgg/", 1, department=None)
    paths += publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, paths) == ["008000000/2026-00001", "008000000/2026-00002"]


def test_retract_and_reapprove_keeps_the_number(wsgi_app):
    (path,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, [path]) == [f"{JYJ}/2026-00001"]
    transition_as(wsgi_app, path, "jyj_reviewer", "retract", comment="需要修改")
    # while it is a draft again, an editor clears (or changes) the number
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        find_resource(zodb_root["app_root"], path).index_number = ""
    transition_as(wsgi_app, path, "jyj_editor", "submit")
    transition_as(wsgi_app, path, "jyj_reviewer", "approve")
    assert index_numbers(wsgi_app, [path]) == [f"{JYJ}/2026-00001"]
    # archive and restore keep it too, and the counter did not move
    transition_as(wsgi_app, path, "jyj_reviewer", "archive")
    transition_as(wsgi_app, path, "jyj_reviewer", "restore")
    (other,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, [path, other]) == [f"{JYJ}/2026-00001", f"{JYJ}/2026-00002"]


def test_numbers_are_never_reused_after_deletion(wsgi_app):
    paths = publish(wsgi_app, "/jyj/gzdt/", 2)
    # Published documents cannot be deleted, not even from the database
    # directly (they are records); retracted ones can, and that must not
    # free their numbers either.
    with pytest.raises(ContentRefused):
        with site_session(wsgi_app.registry) as (zodb_root, _request):
            del find_resource(zodb_root["app_root"], "/jyj/gzdt/")[paths[0].split("/")[-2]]
    for path in paths:
        transition_as(wsgi_app, path, "jyj_reviewer", "retract", comment="撤回后删除")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        column = find_resource(zodb_root["app_root"], "/jyj/gzdt/")
        for path in paths:
            del column[path.rstrip("/").rsplit("/", 1)[-1]]
    assert read_root(wsgi_app, lambda root: len(find_resource(root, "/jyj/gzdt/"))) == 0
    (new,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, [new]) == [f"{JYJ}/2026-00003"]
    assert {f"{JYJ}/2026-00001", f"{JYJ}/2026-00002"} <= set(issued(wsgi_app))


def test_a_pattern_change_never_repeats_a_number(wsgi_app):
    first = publish(wsgi_app, "/jyj/gzdt/", 2)
    # a pattern that counts per organ only, with the year as literal text,
    # would produce 008000001/2026-00001 again: issued numbers are skipped
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"].index_number_pattern = "{organ_code}/2026-{seq:05d}"
    second = publish(wsgi_app, "/jyj/gzdt/", 1)
    numbers = index_numbers(wsgi_app, first + second)
    assert numbers == [f"{JYJ}/2026-00001", f"{JYJ}/2026-00002", f"{JYJ}/2026-00003"]
    assert len(set(issued(wsgi_app))) == len(issued(wsgi_app))


def test_a_number_issued_to_another_document_is_not_kept(wsgi_app):
    (first,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    # e.g. a copy of a published document carries its number into draft
    (copy,) = publish(wsgi_app, "/jyj/gzdt/", 1, index_number=f"{JYJ}/2026-00001")
    assert index_numbers(wsgi_app, [first, copy]) == [f"{JYJ}/2026-00001", f"{JYJ}/2026-00002"]


def test_an_invalid_stored_pattern_falls_back_to_the_default(wsgi_app):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"].index_number_pattern = "{dept}/{seq}"  # set around the form
    (path,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, [path]) == [f"{JYJ}/2026-00001"]
