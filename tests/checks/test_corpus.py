"""The personal-data checks measured: no false alarm on realistic text, every
positive found however it is typed, wherever it is written.

Negatives: the regulation (the demo's copy and the shared original), a
corpus written for this test (``data/negative.txt``, ``data/negative.html``:
news, notices with amounts, 文号, office landlines, dates, statistics
tables, anonymised parties, officials' names) and every title, body and
attachment of the demo site.  Positives: numbers in full-width forms, in
groups, with every kind of space or dash, in attributes, under table labels,
labelled names and addresses, in every part of DOCX, XLSX and PDF files, in
legacy Excel files and in zips.

Run ``.venv/bin/python -m pytest -q -s tests/checks/test_corpus.py`` to see
the figures (false alarms per character read, recall per kind).
"""

from pathlib import Path

import pytest

from govportal.checks.findings import ADDRESS, BANK_CARD, ID_NUMBER, MOBILE, NAME
from govportal.checks.markup import body_personal_data, mask_personal_data
from govportal.checks.personal import find_personal_data, mask_text
from govportal.checks.run import attachment_personal_data
from govportal.search.extract import extract_text_inline
from govportal.settings import SOURCE_ROOT

from . import files

DATA = Path(__file__).with_name("data")
REGULATIONS = [
    Path(SOURCE_ROOT) / "src/govportal/demo/regulation.txt",
    Path("/work/shared/regulation/yingshan-gov-website-regulation-2019.txt"),
]

ID = "510123198506121237"
ID_X = "11010519491231002X"
CARD = "6222020200001234562"


def full_width(text):
    """``text`` with its ASCII digits and letters in their full-width forms."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


FW_ID = full_width(ID)
FW_ID_X = full_width(ID_X)
FW_MOBILE = full_width("13812345678")
FW_CARD = full_width(CARD)

#: ``(text, [(kind, matched text)])``: plain-text positives.
TEXT_POSITIVES = [
    (f"身份证号：{FW_ID}。", [(ID_NUMBER, FW_ID)]),
    (f"ＩＤ：{FW_ID_X}", [(ID_NUMBER, FW_ID_X)]),
    ("号码11010519491231002ｘ", [(ID_NUMBER, "11010519491231002ｘ")]),
    (f"手机：{FW_MOBILE}", [(MOBILE, FW_MOBILE)]),
    (f"卡号{FW_CARD}", [(BANK_CARD, FW_CARD)]),
    ("身份证 510123 19850612 1237 已核验", [(ID_NUMBER, "510123 19850612 1237")]),
    ("身份证510123-19850612-1237", [(ID_NUMBER, "510123-19850612-1237")]),
    ("证号 5101 2319 8506 1212 37", [(ID_NUMBER, "5101 2319 8506 1212 37")]),
    ("证号 1101 0519 4912 3100 2X", [(ID_NUMBER, "1101 0519 4912 3100 2X")]),
    (
        "证号５１０１２３\u300019850612\u30001237",
        [(ID_NUMBER, "５１０１２３\u300019850612\u30001237")],
    ),
    (
        "卡号6222\xa00202\xa00000\xa01234\xa0562",
        [(BANK_CARD, "6222\xa00202\xa00000\xa01234\xa0562")],
    ),
    (
        "卡号6222\u30000202\u30000000\u30001234\u3000562",
        [(BANK_CARD, "6222\u30000202\u30000000\u30001234\u3000562")],
    ),
    (
        "卡号6222\u20090202\u20090000\u20091234\u2009562",
        [(BANK_CARD, "6222\u20090202\u20090000\u20091234\u2009562")],
    ),
    (
        "卡号6222\u202f0202\u202f0000\u202f1234\u202f562",
        [(BANK_CARD, "6222\u202f0202\u202f0000\u202f1234\u202f562")],
    ),
    ("卡号4111－1111－1111－1111", [(BANK_CARD, "4111－1111－1111－1111")]),
    ("手机138\xa01234\xa05678", [(MOBILE, "138\xa01234\xa05678")]),
    ("手机138\u30001234\u30005678", [(MOBILE, "138\u30001234\u30005678")]),
    ("手机138\u200b1234\u200b5678", [(MOBILE, "138\u200b1234\u200b5678")]),
    ("手机１３８－１２３４－５６７８", [(MOBILE, "１３８－１２３４－５６７８")]),
    ("手机138—1234—5678", [(MOBILE, "138—1234—5678")]),
    ("电话＋８６１３８１２３４５６７８", [(MOBILE, "１３８１２３４５６７８")]),
    ("电话+86 138 1234 5678", [(MOBILE, "138 1234 5678")]),
    ("身份证510123198506121237，退款13912345678元", [(ID_NUMBER, ID)]),
    ("姓名：张三，性别：男", [(NAME, "张三")]),
    ("姓名：张三丰性别：男", [(NAME, "张三丰")]),
    ("联系人：李四", [(NAME, "李四")]),
    ("联系人：李四，手机：13812345678", [(NAME, "李四"), (MOBILE, "13812345678")]),
    ("申请人：王小明", [(NAME, "王小明")]),
    (
        "当事人：欧阳娜娜，住址：营山县朗池镇新华村3组12号",
        [(NAME, "欧阳娜娜"), (ADDRESS, "营山县朗池镇新华村3组12号")],
    ),
    (
        "家庭住址：四川省南充市营山县城南镇红星社区5栋2单元301室",
        [(ADDRESS, "四川省南充市营山县城南镇红星社区5栋2单元301室")],
    ),
    ("住址：营山县双河镇石梯村六组", [(ADDRESS, "营山县双河镇石梯村六组")]),
    (
        "当事人：周某某，男，住所：营山县骆市镇光明村2组",
        [(ADDRESS, "营山县骆市镇光明村2组")],
    ),
    (
        "当事人：刘强，住所：营山县骆市镇光明村2组",
        [(NAME, "刘强"), (ADDRESS, "营山县骆市镇光明村2组")],
    ),
    (
        "姓名：赵六 地址：四川省营山县朗池镇新华路88号",
        [(NAME, "赵六"), (ADDRESS, "四川省营山县朗池镇新华路88号")],
    ),
    ("申请人：孙七，身份证号：510123198506121237", [(NAME, "孙七"), (ID_NUMBER, ID)]),
]

#: ``(html, [(kind, matched text)])``: rich-text positives.
HTML_POSITIVES = [
    ('<p><a href="tel:13812345678">联系我们</a></p>', [(MOBILE, "13812345678")]),
    ('<p><a href="tel:+86-138-1234-5678">拨打</a></p>', [(MOBILE, "138-1234-5678")]),
    ('<p><a href="mailto:zhang13812345678@163.com">邮件</a></p>', [(MOBILE, "13812345678")]),
    ('<p><a href="sms:13912345678">短信</a></p>', [(MOBILE, "13912345678")]),
    (f'<p><img src="a.png" alt="身份证{ID}"></p>', [(ID_NUMBER, ID)]),
    (f'<p><img src="a.png" title="卡号 {CARD}"></p>', [(BANK_CARD, CARD)]),
    ('<p><a href="/x" title="手机13912345678">查看</a></p>', [(MOBILE, "13912345678")]),
    (f"<p>身份证<b>{FW_ID[:6]}</b>{FW_ID[6:]}</p>", [(ID_NUMBER, FW_ID)]),
    ("<p>手机&nbsp;138&nbsp;1234&nbsp;5678</p>", [(MOBILE, "138\xa01234\xa05678")]),
    (
        "<table><tr><th>序号</th><th>姓名</th><th>家庭住址</th></tr>"
        "<tr><td>1</td><td>张三</td><td>营山县朗池镇新华村3组12号</td></tr>"
        "<tr><td>2</td><td> 李小四 </td><td>营山县城南镇</td></tr></table>",
        [(NAME, "张三"), (ADDRESS, "营山县朗池镇新华村3组12号"), (NAME, "李小四")],
    ),
    (
        "<table><tr><td>申请人姓名</td><td>联系电话</td></tr>"
        "<tr><td>王五</td><td>139 1234 5678</td></tr></table>",
        [(NAME, "王五"), (MOBILE, "139 1234 5678")],
    ),
]


def _attachment_positives():
    # a table nested in a table, a column under its header (姓名)
    nested = [["序号", "姓名", "电话"], ["1", "李四", "139 1234 5678"], ["2", "", ""]]
    docx = files.make_docx(
        ["关于发放补助的公示"],
        header=f"页眉 {ID}",
        footer="页脚 １３８１２３４５６７８",
        nested=nested,
        text_box=f"文本框 {CARD}",
        footnote=f"脚注 {ID_X}",
        comment="批注 13712345678",
    )
    xlsx = files.make_xlsx(
        {
            "说明": [["资助名单"]],
            "第二页": [
                ["序号", "申请人姓名", "身份证", "家庭住址"],
                [1, "王小五", "510123 19850612 1237", None],
                [2, None, None, "营山县朗池镇新华村3组12号"],
            ],
        },
        comment="批注13812345678",
        header="制表人电话 13912345678",
    )
    pdf = files.make_pdf([["第一页"], [f"第二页 {ID}"]], annotation="注释 13812345678")
    inner = files.make_zip([("a.txt", f"身份证{ID}".encode())])
    zipped = files.make_zip(
        [
            ("名单/说明.txt", "电话１３８１２３４５６７８".encode()),
            ("名单/表.docx", files.make_docx([f"卡号 {CARD}"])),
            ("内层.zip", inner),
            ("照片.png", b"\x89PNG"),
        ]
    )
    doc = files.make_doc(
        f"关于补助的公示\r姓名：张三\x07身份证号\x07{FW_ID}\x07\r页脚：联系电话 138 1234 5678\r"
    )
    return [
        ("名单.docx", docx, [ID_NUMBER, MOBILE, NAME, MOBILE, BANK_CARD, MOBILE, ID_NUMBER]),
        ("名单.xlsx", xlsx, [ID_NUMBER, MOBILE, MOBILE, NAME, ADDRESS]),
        ("名单.pdf", pdf, [ID_NUMBER, MOBILE]),
        ("名单.zip", zipped, [MOBILE, BANK_CARD, ID_NUMBER]),
        ("名单.xls", files.xls_bytes(), [NAME, ID_NUMBER, MOBILE, BANK_CARD]),
        ("名单.et", files.xls_bytes(), [NAME, ID_NUMBER, MOBILE, BANK_CARD]),
        ("名单.doc", doc, [NAME, ID_NUMBER, MOBILE]),
        ("名单.wps", doc, [NAME, ID_NUMBER, MOBILE]),
    ]


def spans(text):
    return [(kind, text[start:end]) for kind, start, end in find_personal_data(text)]


# -- positives ----------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", TEXT_POSITIVES)
def test_text_positive_found_and_masked(text, expected):
    assert spans(text) == expected
    masked, count = mask_text(text)
    assert count == len(expected)
    assert find_personal_data(masked) == []
    assert len(masked) == len(text)
    # characters outside the masked digits are the original's
    for original, new in zip(text, masked, strict=True):
        assert new in (original, "*")


@pytest.mark.parametrize("markup, expected", HTML_POSITIVES)
def test_html_positive_found_and_masked(markup, expected):
    text, found = body_personal_data(markup)
    assert [(kind, text[s:e]) for kind, s, e in found] == expected
    masked, count = mask_personal_data(markup)
    assert count == len(expected)
    assert body_personal_data(masked)[1] == []
    assert mask_personal_data(masked) == (masked, 0)


def test_masks_in_attributes_and_tables():
    markup = (
        '<p><a href="tel:13812345678" title="手机 13812345678">电话</a>'
        f'<img src="a.png" alt="身份证{FW_ID}"></p>'
        "<table><tr><th>姓名</th><th>住址</th></tr>"
        "<tr><td>欧阳娜娜</td><td>营山县朗池镇新华村3组12号</td></tr></table>"
    )
    masked, count = mask_personal_data(markup)
    assert count == 5
    assert '<a href="tel:138****5678" title="手机 138****5678">' in masked
    assert 'alt="身份证５１０１２３********１２３７"' in masked
    assert "<td>欧阳**</td><td>营山县朗池镇********</td>" in masked


@pytest.mark.parametrize("index", range(8))
def test_attachment_positive_found(index):
    filename, data, expected = _attachment_positives()[index]
    text = extract_text_inline(filename, data, raise_errors=True)
    assert sorted(kind for kind, _s, _e in attachment_personal_data(text)) == sorted(expected)


# -- the measurement --------------------------------------------------------------------


def _negatives():
    texts = {}
    for path in REGULATIONS:
        if path.exists() and path.read_text(encoding="utf-8") not in texts.values():
            texts[str(path.name)] = path.read_text(encoding="utf-8")
    # the pages' own words: every template's text and readable attributes
    texts["templates"] = "\n".join(
        body_personal_data(path.read_text(encoding="utf-8"))[0]
        for path in sorted((Path(SOURCE_ROOT) / "src/govportal").rglob("*.pt"))
    )
    texts["negative.txt"] = "\n".join(
        line
        for line in (DATA / "negative.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    texts["demo sources"] = _demo_source_texts()
    texts["negative.html"] = body_personal_data(
        (DATA / "negative.html").read_text(encoding="utf-8")
    )[0]
    return texts


#: Demo modules holding what citizens sent (comments, interview questions):
#: their phone numbers are real findings on purpose, masked before anything
#: shows (tests/interaction), not false alarms.
CITIZENS_WORDS = {"interaction_consultations.py", "interaction_interviews.py"}


def _demo_source_texts():
    """Every string the demo content is made of: the string constants of
    ``src/govportal/demo/*.py`` and the leaves of its YAML files."""
    import ast

    import yaml

    demo = Path(SOURCE_ROOT) / "src/govportal/demo"
    strings = []

    def leaves(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                leaves(item)
        elif isinstance(value, list):
            for item in value:
                leaves(item)

    for path in sorted(demo.glob("*.py")):
        if path.name in CITIZENS_WORDS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings.extend(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        )
    for path in sorted(demo.glob("*.yaml")):
        leaves(yaml.safe_load(path.read_text(encoding="utf-8")))
    return "\n".join(strings)


def _false_findings(name, text, html=None):
    found = body_personal_data(html)[1] if html is not None else find_personal_data(text)
    return [(name, kind, text[max(0, s - 8) : e + 4]) for kind, s, e in found]


def test_no_false_alarm_on_the_regulation_and_the_written_corpus():
    false = []
    chars = 0
    html = (DATA / "negative.html").read_text(encoding="utf-8")
    for name, text in _negatives().items():
        chars += len(text)
        print(f"\n  {name}: {len(text)} characters")
        false.extend(_false_findings(name, text, html if name == "negative.html" else None))
    print(f"\nnegatives (regulation + written corpus): {chars} characters, {len(false)} findings")
    assert false == []


def test_no_false_alarm_on_the_demo_site(wsgi_app):
    from govportal.bootstrap import site_session
    from govportal.checks.attachments import attachments_of, text_of_attachment

    false = []
    counts = {"items": 0, "attachments": 0, "chars": 0}

    def walk(resource):
        values = getattr(resource, "values", None)
        if not callable(values):
            return
        for child in list(values()):
            body = getattr(child, "body", None)
            if isinstance(body, str):
                counts["items"] += 1
                title = getattr(child, "title", "") or ""
                counts["chars"] += len(title) + len(body)
                false.extend(_false_findings(child.__name__, title))
                text, found = body_personal_data(body)
                false.extend((child.__name__, k, text[s:e]) for k, s, e in found)
                for attachment in attachments_of(child):
                    counts["attachments"] += 1
                    attached = text_of_attachment(attachment)
                    counts["chars"] += len(attached)
                    false.extend(_false_findings(attachment.__name__, attached))
            walk(child)

    with site_session(wsgi_app.registry, commit=False) as (zodb_root, _request):
        walk(zodb_root["app_root"])
    print(
        f"\ndemo site: {counts['items']} items, {counts['attachments']} attachments, "
        f"{counts['chars']} characters, {len(false)} findings"
    )
    assert counts["items"] > 0
    assert false == []


def test_recall_is_complete():
    expected = found = 0
    by_kind = {}
    for text, wanted in TEXT_POSITIVES:
        got = spans(text)
        for item in wanted:
            expected += 1
            hit = item in got
            found += hit
            total, hits = by_kind.get(item[0], (0, 0))
            by_kind[item[0]] = (total + 1, hits + hit)
    for markup, wanted in HTML_POSITIVES:
        text, got = body_personal_data(markup)
        got = [(k, text[s:e]) for k, s, e in got]
        for item in wanted:
            expected += 1
            hit = item in got
            found += hit
            total, hits = by_kind.get(item[0], (0, 0))
            by_kind[item[0]] = (total + 1, hits + hit)
    for filename, data, wanted in _attachment_positives():
        text = extract_text_inline(filename, data)
        got = [k for k, _s, _e in attachment_personal_data(text)]
        for kind in set(wanted):
            n = wanted.count(kind)
            hits = min(n, got.count(kind))
            expected += n
            found += hits
            total, before = by_kind.get(kind, (0, 0))
            by_kind[kind] = (total + n, before + hits)
    figures = ", ".join(f"{kind} {hits}/{total}" for kind, (total, hits) in by_kind.items())
    print(f"\npositives: {found}/{expected} found ({figures})")
    assert found == expected


@pytest.mark.parametrize(
    "filename, data",
    [
        ("演示.ppt", files.make_ole({"PowerPoint Document": b"\0" * 16})),
        ("演示.dps", files.make_ole({"PowerPoint Document": b"\0" * 16})),
        ("旧表.doc", files.make_ole({"Workbook": b"\0" * 16})),  # no Word stream
        ("包.zip", files.make_zip([("说明.txt", b"ok"), ("演示.ppt", b"\xd0\xcf")])),
        ("包.zip", files.make_zip([("a.zip", files.make_zip([("b.zip", b"PK")]))])),
    ],
)
def test_what_cannot_be_read_cannot_be_checked(filename, data):
    from govportal.hardening.sandbox import FORMAT
    from govportal.search.extract import attachment_extraction

    class Stored:
        def __init__(self):
            self.filename = filename
            self.blob = self

        def open(self, mode):
            import io

            return io.BytesIO(data)

    result = attachment_extraction(Stored())
    assert not result.ok and result.reason == FORMAT
