"""Word lists: file format, exceptions, leaders' titles, reloading, shipped lists."""

import os

import pytest

from govportal.checks.findings import BLOCKED_WORD, LEADER_TITLE, TYPO, WARNING_WORD
from govportal.checks.words import WordLists, parse_line
from govportal.settings import DEFAULTS


def write(directory, name, text, mtime=None):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))
    return path


def found(lists, text):
    return [(f.kind, f.text, f.suggestion) for f in lists.scan(text, "body")]


def test_parse_line():
    assert parse_line("  # a comment") is None
    assert parse_line("") is None
    assert parse_line("内部资料") == ("内部资料", "", ())
    assert parse_line("按排 => 安排 | 按排名 按排序  # 注释") == (
        "按排",
        "安排",
        ("按排名", "按排序"),
    )
    assert parse_line("C#语言") == ("C#语言", "", ())  # "#" inside a word is not a comment


def test_kinds_suggestions_and_exceptions(tmp_path):
    write(tmp_path, "blocked.txt", "# 禁止\n机密★\n")
    write(tmp_path, "warning.txt", "XXX\n国土资源局 => 自然资源局\n")
    write(tmp_path, "typos.txt", "按排 => 安排 | 按排名 按排序\n既使 => 即使\n")
    lists = WordLists(tmp_path)
    text = "机密★1年。请XXX按排会议，按排名先后，既使下雨。xxx 国土资源局"
    assert found(lists, text) == [
        (BLOCKED_WORD, "机密★", ""),
        (WARNING_WORD, "XXX", ""),
        (WARNING_WORD, "xxx", ""),  # Latin letters match regardless of case
        (WARNING_WORD, "国土资源局", "自然资源局"),
        (TYPO, "按排", "安排"),  # 按排名 is excused
        (TYPO, "既使", "即使"),
    ]
    finding = lists.scan("请按排会议", "body")[0]
    assert (finding.start, finding.end, finding.severity) == (1, 3, "warning")
    assert finding.message == "“按排”建议改为“安排”。"
    assert finding.context == "请【按排】会议"
    assert lists.scan("机密★", "body")[0].severity == "block"


def test_malformed_lines_are_skipped_and_reported(tmp_path):
    write(tmp_path, "typos.txt", "按排 => 安排\n没有建议的错词\n")
    lists = WordLists(tmp_path).current()
    assert len(lists.typos) == 1
    assert len(lists.errors) == 1 and "typos.txt:2" in lists.errors[0]


def test_missing_directory_means_no_words(tmp_path):
    lists = WordLists(tmp_path / "absent")
    assert lists.scan("内部资料 按排", "body") == []


def test_lists_are_reloaded_when_a_file_changes(tmp_path):
    write(tmp_path, "blocked.txt", "甲词\n", mtime=1_700_000_000_000_000_000)
    lists = WordLists(tmp_path)
    assert found(lists, "甲词乙词") == [(BLOCKED_WORD, "甲词", "")]
    write(tmp_path, "blocked.txt", "乙词\n", mtime=1_700_000_100_000_000_000)
    assert found(lists, "甲词乙词") == [(BLOCKED_WORD, "乙词", "")]
    write(tmp_path, "typos.txt", "乙词 => 丙词\n")  # a new file is picked up too
    assert (TYPO, "乙词", "丙词") in found(lists, "甲词乙词")
    (tmp_path / "blocked.txt").unlink()
    assert found(lists, "甲词乙词") == [(TYPO, "乙词", "丙词")]


def test_leaders_titles(tmp_path):
    write(
        tmp_path, "leaders.txt", "张三 => 县委书记\n李四 => 县委副书记、县长\n王五 => 常务副县长\n"
    )
    lists = WordLists(tmp_path)

    def wrong(text):
        return [(f.kind, f.text, f.suggestion) for f in lists.scan(text, "body")]

    # correct titles and their short forms pass
    assert wrong("县委书记张三、张三书记、县长李四、李四同志、副县长王五、王五常务副县长") == []
    # a wrong title before or after the name is shown with the right ones
    assert wrong("县长张三主持会议") == [(LEADER_TITLE, "县长张三", "县委书记")]
    assert wrong("李四副县长讲话") == [(LEADER_TITLE, "李四副县长", "县委副书记、县长")]
    # dropping 副 is a serious error: 王五 is 常务副县长, not 县长
    assert wrong("县长王五") == [(LEADER_TITLE, "县长王五", "常务副县长")]
    finding = lists.scan("县长张三", "body")[0]
    assert finding.message == "“县长”与张三的职务不符，应为：县委书记"


@pytest.fixture(scope="module")
def shipped():
    return WordLists(DEFAULTS["govportal.checks.words_dir"]).current()


def test_shipped_lists_load_without_errors(shipped):
    assert shipped.errors == []
    assert len(shipped.blocked) >= 10 and len(shipped.typos) >= 50 and len(shipped.warning) >= 10


@pytest.mark.parametrize(
    "text, expected",
    [
        ("请各单位按排好值班人员", [(TYPO, "按排", "安排")]),
        ("既使困难再大", [(TYPO, "既使", "即使")]),
        ("截止目前，已完成", [(TYPO, "截止目前", "截至目前")]),
        ("按排名先后顺序公布", []),
        ("秘密★1年", [(BLOCKED_WORD, "秘密★", "")]),
        ("《内部资料性出版物管理办法》", []),
        ("县国土资源局", [(WARNING_WORD, "国土资源局", "自然资源局")]),
        ("依法保护商业秘密和个人隐私", []),
        ("启动最高级别应急响应", []),
    ],
)
def test_shipped_lists(shipped, text, expected):
    assert found(shipped, text) == expected


# -- the lists in the database ---------------------------------------------------------------


def test_lists_from_texts_and_the_limits():
    from govportal.checks.words import MAX_LINES, MAX_LIST_CHARS, WordsError, check_texts

    lists = WordLists.from_texts({"blocked.txt": "甲词\n", "typos.txt": "按排 => 安排\n"})
    assert found(lists, "甲词按排") == [(BLOCKED_WORD, "甲词", ""), (TYPO, "按排", "安排")]
    assert lists.current() is lists  # no directory: nothing to re-read
    with pytest.raises(WordsError, match="常见错别字第2行"):
        check_texts({"typos.txt": "按排 => 安排\n没有建议的错词\n"})
    with pytest.raises(WordsError, match="过长"):
        check_texts({"blocked.txt": "词" * (MAX_LIST_CHARS + 1)})
    with pytest.raises(WordsError, match="行"):
        check_texts({"warning.txt": "词\n" * (MAX_LINES + 1)})
    with pytest.raises(WordsError, match="超过"):
        check_texts({"warning.txt": "词" * 501})
    assert check_texts({"blocked.txt": "甲\r\n乙"})["blocked.txt"] == "甲\n乙"


def test_the_database_lists_are_used_and_cached_by_version(wsgi_app):
    from govportal.bootstrap import site_session
    from govportal.checks.words import STORE_ATTR, get_word_lists, save_words, seed_texts

    registry = wsgi_app.registry
    with site_session(registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        store = getattr(root, STORE_ATTR)  # seeded by govportal-init
        assert store.texts == seed_texts(registry)
        first = get_word_lists(registry, root)
        assert get_word_lists(registry, root) is first  # compiled once per version
        save_words(root, {"blocked.txt": "丁词\n"})
        lists = get_word_lists(registry, root["jyj"])
        assert lists is not first and found(lists, "丁词 机密★") == [(BLOCKED_WORD, "丁词", "")]
