"""The update rules file: the shipped one loads; a bad one stops start-up with a clear message."""

import copy

import pytest
import yaml
from pyramid.exceptions import ConfigurationError

import govportal
from govportal.monitoring.freshness import rules
from govportal.settings import SOURCE_ROOT

SHIPPED = SOURCE_ROOT / "etc" / "update-rules.yaml"


def shipped_data():
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


class Col:
    def __init__(self, name, title, kind):
        self.__name__, self.title, self.kind = name, title, kind


def test_shipped_rules():
    loaded = rules.load(SHIPPED)
    assert (loaded.home_warn, loaded.home_veto) == (10, 14)
    assert loaded.rule_for(Col("gzdt", "工作动态", "news")).days == 14
    assert loaded.rule_for(Col("tzgg", "通知公告", "notice")).days == 180
    assert loaded.rule_for(Col("zcwj", "政策文件", "policy")).deduct
    assert loaded.rule_for(Col("rsxx", "人事信息", "disclosure")).days == 365
    assert loaded.rule_for(Col("x", "办事统计", "service")).days == 90
    assert loaded.rule_for(Col("hdjl", "互动交流", "interaction")).exempt
    assert loaded.rule_for(Col("ysqgk", "依申请公开", "disclosure")).exempt
    assert loaded.veto_group_kinds == ("news", "notice", "policy")


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d["kinds"]["news"].pop("days"), "kinds.news"),
        (lambda d: d["kinds"].pop("policy"), "缺少栏目类型 policy"),
        (lambda d: d["kinds"].update(weird={"days": 3}), "未知的栏目类型 weird"),
        (lambda d: d["home"].update(warn_days="ten"), "home.warn_days"),
        (lambda d: d["home"].update(warn_days=20), "warn_days 不应大于 veto_days"),
        (lambda d: d["overrides"].append({"days": 3}), "name 或 title_contains"),
        (lambda d: d["columns"]["veto_group"].update(kinds=["nope"]), "veto_group.kinds"),
        (lambda d: d["messages"].update(typo=1), "未知的键 typo"),
        (lambda d: d.pop("home"), "缺少 home"),
    ],
)
def test_bad_rules_are_refused(change, where):
    data = copy.deepcopy(shipped_data())
    change(data)
    with pytest.raises(ConfigurationError) as caught:
        rules.parse(data, "update-rules.yaml")
    assert where in str(caught.value)
    assert "update-rules.yaml" in str(caught.value)


@pytest.mark.parametrize(
    "content, message",
    [("kinds: [news\n", "不是有效的 YAML"), (None, "无法读取栏目更新规则文件")],
)
def test_start_up_refuses_a_bad_file(app_settings, tmp_path, content, message):
    bad = tmp_path / "rules.yaml"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    settings = dict(app_settings, **{rules.SETTING: str(bad)})
    with pytest.raises(ConfigurationError, match=message):
        govportal.main({}, **settings)
