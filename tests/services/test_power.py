"""权力清单: the flow chart (valid SVG with a text alternative), staff add and
edit, publication refused while an element is missing, the public page and
the list by type."""

import re
import xml.etree.ElementTree as ET  # noqa: S405  (our own markup)
from datetime import date

from govportal.services.flowchart import chart_height, flow_list, flow_svg, flowchart
from govportal.services.power import IPowerItem

from ..conftest import read_root
from .supervision_support import Today, make_case, session

SVG = "{http://www.w3.org/2000/svg}"
STEPS = (
    {"title": "受理", "description": "窗口接收申请材料", "role": "窗口受理人员"},
    {"title": "审查 <b>&", "description": "承办股室审查材料", "role": "承办股室"},
    {"title": "决定", "description": "", "role": ""},
)
GUIDE = "/jyj/bszn/jszgrd"  # a published guide of the small demo


def test_flow_chart_is_valid_svg_with_a_text_alternative():
    svg = flow_svg(STEPS, name="pf", label="运行流程图")
    tree = ET.fromstring(svg)  # noqa: S314  (well-formed XML, escaped text)
    assert tree.tag == SVG + "svg" and tree.get("role") == "img"
    assert tree.get("aria-labelledby") == "pf-title pf-desc"
    assert tree.find(SVG + "title").get("id") == "pf-title"
    desc = tree.find(SVG + "desc")
    assert desc.get("id") == "pf-desc" and "共3个步骤" in desc.text
    assert "受理→审查 <b>&→决定" in desc.text
    assert len(tree.findall(f"{SVG}g/{SVG}rect")) == 3
    assert len(tree.findall(f"{SVG}line")) == 2  # arrows between the boxes
    texts = [t.text for t in tree.iter(SVG + "text")]
    assert "2. 审查 <b>&" in texts and "承办股室" in texts
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert tree.get("viewBox") == f"0 0 320 {chart_height(3)}"
    assert tree.get("width") == "100%"  # scales to its container (320 px)
    alternative = ET.fromstring(flow_list(STEPS, name="pf"))  # noqa: S314
    assert alternative.tag == "ol" and alternative.get("id") == "pf-steps"
    items = ["".join(li.itertext()) for li in alternative]
    assert items == [
        "受理（窗口受理人员）：窗口接收申请材料",
        "审查 <b>&（承办股室）：承办股室审查材料",
        "决定",
    ]
    figure = ET.fromstring(flowchart(STEPS, name="pf"))  # noqa: S314
    assert [child.tag for child in figure] == [SVG + "svg", "ol"]
    assert flowchart(()) == "" and flow_svg(()) == ""


def add_form(client, column="/jyj/qlqd"):
    page = client.get(f"{column}/@@add-power", status=200)
    token = re.search(r'name="submission_token" value="([^"]+)"', page.text).group(1)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return page, csrf, token


def complete_fields(**overrides):
    fields = {
        "title": "民办学校设立审批",
        "power_type": "licence",
        "item_code": "",
        "basis": "《中华人民共和国民办教育促进法》第十二条",
        "unit": "营山县教育局（政策法规股）",
        "accountability": "对符合条件的申请不予受理的；",
        "step_rows": "3",
        "flow-0-title": "受理",
        "flow-0-role": "窗口受理人员",
        "flow-0-description": "接收申请材料",
        "flow-1-title": "决定",
        "flow-1-role": "局主要负责人",
        "flow-1-description": "作出准予或不予许可的决定",
        "guide_names": GUIDE,
    }
    fields.update(overrides)
    return fields


def items_in(app, column="qlqd", site="jyj"):
    def names(root):
        return sorted(n for n, v in root[site][column].items() if IPowerItem.providedBy(v))

    return read_root(app, names)


def transition(client, path, name, status=303, comment=""):
    page = client.get(f"{path}/@@ws-item", status=200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    data = {"transition": name, "csrf_token": csrf, "comment": comment}
    return client.post(f"{path}/@@ws-transition", data, status=status)


def test_editor_adds_a_draft_once_and_errors_are_tied_to_fields(wsgi_app, browser):
    editor = browser("jyj_editor")
    dashboard = editor.get("/@@workspace", status=200)
    assert 'id="ws-new-power-column"' in dashboard.text and 'value="/jyj/qlqd/"' in dashboard.text
    picked = editor.get("/@@ws-new-power?column=/jyj/qlqd/", status=303)
    assert picked.location.endswith("/jyj/qlqd/@@add-power")
    editor.get("/@@ws-new-power?column=/nowhere", status=400)
    page, csrf, token = add_form(editor)
    for ident in (
        "pw-title",
        "pw-type",
        "pw-basis",
        "pw-unit",
        "pw-accountability",
        "pw-flow-0-title",
    ):
        assert f'for="{ident}"' in page.text and f'id="{ident}"' in page.text
    # no title: 400, the message next to the field, nothing stored
    res = editor.post(
        "/jyj/qlqd/@@add-power",
        {"csrf_token": csrf, "submission_token": token, "title": "", "step_rows": "3"},
        status=400,
    )
    assert 'id="pw-title-error"' in res.text and 'aria-describedby="pw-title-error"' in res.text
    # a step without a name is refused next to it
    res = editor.post(
        "/jyj/qlqd/@@add-power",
        {
            "csrf_token": csrf,
            "submission_token": token,
            "title": "X",
            "step_rows": "3",
            "flow-0-role": "承办股室",
        },
        status=400,
    )
    assert 'id="pw-flow-0-title-error"' in res.text
    assert items_in(wsgi_app) == []
    # forged: no CSRF token
    editor.post("/jyj/qlqd/@@add-power", {"submission_token": token, "title": "X"}, status=400)
    # a draft may be incomplete; the replay shows the first draft
    data = {
        "csrf_token": csrf,
        "submission_token": token,
        "title": "民办学校设立审批",
        "step_rows": "3",
    }
    first = editor.post("/jyj/qlqd/@@add-power", data, status=303)
    again = editor.post("/jyj/qlqd/@@add-power", data, status=303)
    assert first.location == again.location and first.location.endswith("/@@edit-power")
    assert len(items_in(wsgi_app)) == 1
    edit = editor.get(first.location, status=200)
    assert "发布前还须填写" in edit.text and "设定依据" in edit.text
    # listed in 我的稿件, with its workspace page
    assert "民办学校设立审批" in editor.get("/@@workspace").text
    item = editor.get(first.location.replace("@@edit-power", "@@ws-item"), status=200)
    assert "发布前尚需填写的要素" in item.text and 'value="submit"' in item.text
    # another department's editor and the public cannot edit or add here
    browser("wjj_editor").get(first.location, status=403)
    browser("wjj_editor").get("/jyj/qlqd/@@add-power", status=403)


def test_missing_element_blocks_publication_then_published(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, date(2026, 3, 10))
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    _page, csrf, token = add_form(editor)
    data = {
        "csrf_token": csrf,
        "submission_token": token,
        "title": "民办学校设立审批",
        "step_rows": "3",
    }
    location = editor.post("/jyj/qlqd/@@add-power", data, status=303).location
    path = location.replace("http://localhost", "").replace("/@@edit-power", "")
    transition(editor, path, "submit")
    assert "民办学校设立审批" in reviewer.get("/@@workspace").text  # 待我审核
    refused = transition(reviewer, path, "approve", status="*")
    assert refused.status_int == 400  # a guard refused: shown on the item page
    errors = refused.text[refused.text.index('class="ws-errors"') :]
    errors = errors[: errors.index("</div>")]
    assert "事项类型、设定依据、责任单位、运行流程、追责情形" in errors
    assert "事项编码" not in errors  # optional
    transition(reviewer, path, "reject", comment="要素不全")
    # the editor completes it (the form carries the serial it was opened with)
    form = editor.get(location).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    serial = re.search(r'name="serial" value="([^"]+)"', form).group(1)
    editor.post(location, dict(complete_fields(), csrf_token=csrf, serial=serial), status=303)
    # the same form posted again is stale: refused, nothing overwritten
    stale = editor.post(
        location, dict(complete_fields(title="旧表单"), csrf_token=csrf, serial=serial), status=409
    )
    assert "已被他人修改" in stale.text
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    # a concluded case of the linked guide, on time
    with session(wsgi_app) as (root, request):
        make_case(
            root,
            request,
            "JY-1",
            accepted_on=date(2026, 3, 2),
            concluded_on=date(2026, 3, 6),
            guide_path=GUIDE,
        )
    public = browser().get(path, status=200)
    assert "<h1>民办学校设立审批</h1>" in public.text
    assert "行政许可" in public.text and "营山县教育局（政策法规股）" in public.text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img"' in public.text
    assert 'id="power-flow-steps"' in public.text and "作出准予或不予许可的决定" in public.text
    guides = public.text[public.text.index('id="power-guides"') :]
    assert "jszgrd" in guides, guides[:1500]
    assert "<td>1</td><td>1</td>" in guides
    listing = browser().get("/jyj/@@power-list", status=200)
    assert 'id="type-licence"' in listing.text and "民办学校设立审批" in listing.text
    assert "共 1 项" in listing.text
    # drafts are not listed
    assert "共 0 项" in browser().get("/wjj/@@power-list", status=200).text


def test_draft_is_not_public(wsgi_app, browser):
    editor = browser("jyj_editor")
    _page, csrf, token = add_form(editor)
    data = {"csrf_token": csrf, "submission_token": token, "title": "草稿事项", "step_rows": "0"}
    location = editor.post("/jyj/qlqd/@@add-power", data, status=303).location
    path = location.replace("http://localhost", "").replace("/@@edit-power", "")
    assert browser().get(path, status="*").status_int in (403, 404)
    assert "草稿事项" not in browser().get("/jyj/@@power-list").text


def test_property_sheet_round_trip(wsgi_app):
    from govportal.services.power import PowerSheet

    with session(wsgi_app) as (root, request):
        item = request.registry.content.create("PowerItem", title="旧")
        root["jyj"]["qlqd"]["sheet-item"] = item
        sheet = PowerSheet(item, request)
        sheet.set(
            {
                "title": " 新标题 ",
                "power_type": "licence",
                "item_code": "",
                "basis": "依据",
                "unit": "单位",
                "accountability": "情形",
                "flow": [{"title": "受理", "description": "", "role": ""}, {"title": " "}],
                "guide_names": [GUIDE, GUIDE],
            }
        )
        assert item.title == "新标题" and item.flow == (
            {"title": "受理", "description": "", "role": ""},
        )
        assert item.guide_names == (GUIDE,)
        values = sheet.get()
        assert values["flow"] == [{"title": "受理", "description": "", "role": ""}]
        assert sheet.schema.deserialize(sheet.schema.serialize(values))["title"] == "新标题"
