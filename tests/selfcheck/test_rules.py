"""``etc/selfcheck.yaml`` is read at start-up; a bad file names the key at fault."""

import copy

import pytest
import yaml
from pyramid.exceptions import ConfigurationError

from govportal.selfcheck import items
from govportal.selfcheck.evidence import FAIL
from govportal.selfcheck.rules import DEFAULT_FILE, load, parse

from .helpers import item, results


def _data():
    return yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


def test_shipped_file_loads():
    rules = load(DEFAULT_FILE)
    assert rules.pass_score == 60
    assert set(rules.veto) == {"B1", "B2", "B3", "B4", "B5", "B6"}
    assert rules.deductions["B8"].cost(3) == 5  # capped
    assert rules.deductions["B15"].cost(4) == 4
    assert rules.deductions["B14"].cost(9) == 16
    assert [title for title, _a in rules.key_elements][:2] == ["事项名称", "设定依据"]


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d["veto"].pop("B3"), "veto"),
        (lambda d: d["deductions"]["B8"].update(points=-1), "deductions.B8.points"),
        (lambda d: d["deductions"]["B8"].update(title=""), "deductions.B8.title"),
        (lambda d: d["deductions"].update(B99={"title": "x", "points": 1, "cap": 0}), "deductions"),
        (lambda d: d["columns"]["B8"].update(kinds=["nosuch"]), "columns.B8.kinds"),
        (lambda d: d.update(guide_key_elements={}), "guide_key_elements"),
        (lambda d: d.pop("pass_score"), "文件"),
    ],
)
def test_bad_file_is_refused(change, where):
    data = copy.deepcopy(_data())
    change(data)
    with pytest.raises(ConfigurationError, match=f"（{where}）"):
        parse(data, "selfcheck.yaml")


def test_unreachable_letter_box_is_a_veto(wsgi_app, monkeypatch):
    monkeypatch.setattr(items, "check_internal", lambda root, anon, target: ("definite", 404, "x"))
    b5 = item(results(wsgi_app)["/jyj"], "B5")
    assert b5.status == FAIL and "在线咨询渠道（领导信箱）无法访问：404" in b5.evidence[0].text
    assert b5.evidence[0].url.endswith("/jyj/@@write")
