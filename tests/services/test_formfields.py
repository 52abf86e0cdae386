"""Online forms as data: spec checks, field validation, the applicant block,
the HTML of the fields and the colander/deform builds (plain objects; the
form builder's HTTP tests are in test_formbuilder.py)."""

import io
import re

import colander
import pytest
from webob.multidict import MultiDict

from govportal.services import formfields as ff
from govportal.services.formrender import Markup

from .form_helpers import PDF, SPECS

RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"


class Upload:
    """What WebOb gives for a posted file (cgi.FieldStorage-like)."""

    def __init__(self, filename, data):
        self.filename = filename
        self.file = io.BytesIO(data)


def spec(kind, **kw):
    return ff.normalise_spec(dict(kw, name="f", label="字段", kind=kind))


def test_well_formed_specs_pass_and_defaults_are_filled():
    assert ff.check_specs(SPECS) == []
    text = ff.normalise_spec({"name": "a", "label": "甲"})
    assert text["kind"] == "text" and text["max_length"] == 100 and text["required"] is False
    file = ff.normalise_spec({"name": "b", "label": "乙", "kind": "file"})
    assert file["extensions"] == ("pdf", "jpg", "jpeg", "png") and file["max_mb"] == 10


def test_spec_problems_are_listed_in_chinese():
    problems = ff.check_specs(
        [
            {"name": "1abc", "label": "甲", "kind": "text"},
            {"name": "b", "label": "乙", "kind": "choice", "choices": ("一", "一")},
            {"name": "b", "label": "丙", "kind": "multichoice"},
            {"name": "submission_token", "label": "丁"},
            {"name": "e", "label": "戊", "kind": "file", "extensions": ("exe",), "max_mb": 99},
        ]
    )
    text = "\n".join(problems)
    assert "第 1 项（甲）：字段名须以小写英文字母开头" in text
    assert "第 2 项（乙）：选项不能重复" in text
    assert (
        "第 3 项（丙）：字段名重复" in text and "第 3 项（丙）：选择题须有 2 至 50 个选项" in text
    )
    assert "第 4 项（丁）" in text and "保留名称" in text
    assert "不支持的文件类型 exe" in text and "1 至 50 MB" in text
    too_many = [{"name": f"f{i}", "label": "项"} for i in range(41)]
    assert ff.check_specs(too_many) == ["表单最多 40 项。"]


@pytest.mark.parametrize(
    "kind, raw, expected",
    [
        ("id_number", " 11010519491231002x ", RESIDENT_ID),
        ("id_number", "１１０１０５１９４９１２３１００２Ｘ", RESIDENT_ID),  # full-width
        ("credit_code", CREDIT_CODE.lower(), CREDIT_CODE),
        ("phone", "138 0013 8000", "13800138000"),
        ("phone", "+86 13800138000", "13800138000"),
        ("phone", "0817-8221234", "0817-8221234"),
        ("date", "2026/1/31".replace("/1/", "/01/"), "2026-01-31"),
        ("address", "营山县朗池镇1号", "营山县朗池镇1号"),
        ("text", "  甲  ", "甲"),
    ],
)
def test_values_are_normalised(kind, raw, expected):
    assert ff.clean_value(spec(kind), raw) == expected


@pytest.mark.parametrize(
    "kind, raw, message",
    [
        ("id_number", "110105194912310021", "身份证号码有误"),  # check character
        ("id_number", "11010519491331002X", "身份证号码有误"),  # 13th month
        ("credit_code", "91350100M000100Y44", "统一社会信用代码有误"),
        ("phone", "12345", "电话号码有误"),
        ("date", "2026-02-30", "日期格式有误"),
        ("date", "1850-01-01", "日期不在合理范围内"),
        ("date", "2099-01-01", "日期不在合理范围内"),
        ("address", "营山", "请填写详细地址"),
        ("text", "字" * 101, "不能超过 100 个字"),
    ],
)
def test_bad_values_are_refused_in_chinese(kind, raw, message):
    with pytest.raises(ff.FieldError) as e:
        ff.clean_value(spec(kind), raw)
    assert message in ff.say(None, e.value.args[0])


def test_validate_a_whole_post():
    post = MultiDict(
        [
            ("school_name", "营山县阳光幼儿园"),
            ("school_type", "幼儿园"),
            ("open_on", "2026-09-01"),
            ("licence", Upload("场地.pdf", PDF)),
            ("extra", "ignored"),
        ]
    )
    values, files, errors = ff.validate(SPECS, post)
    assert errors == {}
    assert values == {
        "school_name": "营山县阳光幼儿园",
        "school_type": "幼儿园",
        "open_on": "2026-09-01",
        "licence": ["场地.pdf"],
    }
    assert files == {"licence": [("场地.pdf", PDF, "application/pdf")]}


def test_validate_reports_each_field():
    post = MultiDict(
        [("school_type", "大学"), ("open_on", "明天"), ("licence", Upload("a.pdf", b"MZ\x90"))]
    )
    values, files, errors = ff.validate(SPECS, post)
    assert errors["school_name"] == "此项必填。"
    assert errors["school_type"] == "请从列出的选项中选择。"
    assert "日期格式有误" in errors["open_on"]
    assert "文件内容与扩展名“.pdf”不符" in errors["licence"]  # sniffed, not trusted
    _v, _f, errors = ff.validate(SPECS, MultiDict([("licence", Upload("a.jpg", PDF))]))
    assert "不支持该文件类型（jpg）" in errors["licence"]  # only the field's types
    big = Upload("big.pdf", PDF + b"0" * (1024 * 1024))
    _v, _f, errors = ff.validate(SPECS, MultiDict([("licence", big)]))
    assert "单个文件不能超过 1 MB" in errors["licence"]


def test_required_files_may_be_kept_from_a_saved_form():
    specs = [dict(SPECS[3], required=True)]
    _v, _f, errors = ff.validate(specs, MultiDict())
    assert errors == {"licence": "请上传此项材料。"}
    values, files, errors = ff.validate(specs, MultiDict(), kept={"licence": ["旧.pdf"]})
    assert errors == {} and values == {"licence": ["旧.pdf"]} and files == {}


def test_multichoice_keeps_the_order_of_choices():
    s = spec("multichoice", choices=("甲", "乙", "丙"), required=True)
    assert ff.clean_value(s, ["丙", "甲"]) == ("甲", "丙")
    with pytest.raises(ff.FieldError):
        ff.clean_value(s, [])
    with pytest.raises(ff.FieldError):
        ff.clean_value(s, ["丁"])


def test_applicant_block_follows_the_guides_user_types():
    person = MultiDict(
        applicant_type="个人",
        applicant_name="张三",
        applicant_id_number=RESIDENT_ID.lower(),
        applicant_phone="13800138000",
    )
    applicant, errors = ff.validate_applicant(person, ("person", "legal"))
    assert errors == {}
    assert applicant == {
        "type": "person",
        "name": "张三",
        "id_number": RESIDENT_ID,
        "phone": "13800138000",
        "email": "",
    }
    legal = MultiDict(
        applicant_org="营山县某某公司",
        applicant_credit_code=CREDIT_CODE,
        applicant_contact="李四",
        applicant_phone="13900139000",
        applicant_email="li@example.com",
    )
    applicant, errors = ff.validate_applicant(legal, ("legal",))
    assert errors == {} and applicant["type"] == "legal"
    assert applicant["credit_code"] == CREDIT_CODE and applicant["contact"] == "李四"
    # a two-type guide must be told which; a landline cannot receive messages
    _a, errors = ff.validate_applicant(MultiDict(applicant_phone="0817-8221234"), ())
    assert errors["applicant_type"] == "请选择申请人类型。"
    _a, errors = ff.validate_applicant(
        MultiDict(applicant_phone="0817-8221234", applicant_email="x@"), ("person",)
    )
    assert set(errors) == {
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
    }
    assert "11 位手机号码" in errors["applicant_phone"]
    names = [s["name"] for s in ff.applicant_specs(("person",))]
    assert names == ["applicant_name", "applicant_id_number", "applicant_phone", "applicant_email"]


def test_rendered_fields_are_labelled_described_and_escaped():
    specs = list(SPECS) + [
        {"name": "evil", "label": "<b>标题</b>", "kind": "text", "help": "说明<script>"}
    ]
    html = ff.render_fields(
        specs, {"school_name": '"><script>', "school_type": "小学"}, {"school_name": "此项必填。"}
    )
    assert isinstance(html, Markup) and html.__html__() == str(html)
    assert "<script>" not in html and "&lt;b&gt;标题&lt;/b&gt;" in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
    # every control has a label; the error and help are tied to the control
    for ident in re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{ident}"' in html or re.search(rf'<label><input[^>]*id="{ident}"', html), (
            ident
        )
    assert re.search(r'id="f-school_name"[^>]*aria-describedby="f-err-school_name"', html) or (
        'aria-describedby="f-err-school_name"' in html and 'aria-invalid="true"' in html
    )
    assert '<span class="field-error" id="f-err-school_name">此项必填。</span>' in html
    assert "<legend>学校类别" in html and 'value="小学" checked' in html
    assert 'aria-describedby="f-help-licence"' in html and "每个文件不超过 1 MB" in html


def test_colander_schema_and_deform_form(wsgi_app):
    from pyramid.testing import DummyRequest

    schema = ff.build_schema(SPECS)
    assert [n.name for n in schema.children] == [s["name"] for s in SPECS]
    good = schema.deserialize({"school_name": "甲", "school_type": "小学", "open_on": "2026-09-01"})
    assert good["school_type"] == "小学" and "licence" not in good
    with pytest.raises(colander.Invalid) as e:
        schema.deserialize({"school_name": "", "school_type": "大学", "open_on": "1800-01-01"})
    errors = e.value.asdict()
    assert (
        errors["school_type"] == "请从列出的选项中选择。"
        and "日期不在合理范围内" in errors["open_on"]
    )
    request = DummyRequest()
    request.registry = wsgi_app.registry
    form = ff.build_form(SPECS, request)
    html = form.render()
    assert 'type="date"' in html and 'name="school_name"' in html and 'type="file"' in html
    person = ff.applicant_schema(("person",))
    assert "applicant_id_number" in [n.name for n in person.children]
