"""Rich-text bodies: their text, masking and highlighting in text nodes only."""

import html as htmllib
import re

from govportal.checks.findings import BODY, ID_NUMBER, TYPO, Finding
from govportal.checks.markup import body_text, external_links, highlight, mask_personal_data
from govportal.checks.run import personal_findings

ID = "510123198506121237"


def test_body_text_joins_inline_markup_and_separates_blocks():
    text = body_text("<p>身份证<b>510123</b>198506121237</p><p>13812345678</p>")
    assert ID in text
    assert "1237\n" in text and "\n13812345678" in text
    # numbers in two paragraphs are not glued together
    assert body_text("<p>5101231985</p><p>06121237</p>").count("\n") >= 2


def test_body_text_decodes_entities_and_skips_scripts():
    assert body_text("A&amp;B&nbsp;C<script>13812345678</script>") == "A&B\xa0C"


def test_mask_changes_text_and_readable_attributes_not_web_links():
    body = (
        f'<p class="n" title="{ID}"><a href="http://example.gov.cn/?id={ID}">'
        f"申请人身份证号{ID}</a>，手机<b>138</b>12345678，"
        "电话&nbsp;139&nbsp;1234&nbsp;5678</p>"
    )
    masked, count = mask_personal_data(body)
    assert count == 4
    # a title attribute reaches the visitor (a tooltip): masked; a web link's
    # address is not read
    assert 'title="510123********1237"' in masked and f"?id={ID}" in masked
    # text is masked in the G7 format, even across the <b> tag
    assert "申请人身份证号510123********1237</a>" in masked
    assert "手机<b>138</b>****5678" in masked
    assert "电话&nbsp;139&nbsp;****&nbsp;5678" in masked
    assert mask_personal_data(masked) == (masked, 0)


def test_mask_keeps_untouched_markup_byte_for_byte():
    body = '<p>无个人信息 &amp; <img src="a.png" alt="x > y"></p>'
    assert mask_personal_data(body) == (body, 0)
    body2 = body + f"<p>{ID}</p>"
    masked, count = mask_personal_data(body2)
    assert count == 1 and masked.startswith(body)


def test_mask_escapes_what_it_writes_back():
    masked, count = mask_personal_data(f"<p>&lt;script&gt;{ID}</p>")
    assert count == 1
    assert masked == "<p>&lt;script&gt;510123********1237</p>"


def test_highlight_wraps_text_nodes_and_escapes():
    body = f'<p title="{ID}">号码<i>510</i>123198506121237与按排</p>'
    text = body_text(body)
    findings = personal_findings(text, BODY)
    start = text.index("按排")
    findings.append(
        Finding(
            kind=TYPO,
            text="按排",
            start=start,
            end=start + 2,
            suggestion="安排",
            message='“按排”建议改为"安排"<b>',
        )
    )
    out = highlight(body, findings)
    assert f'<p title="{ID}">' in out  # the attribute is not marked
    marks = re.findall(r'<mark class="check-([a-z-]+)" title="([^"]*)">(.*?)</mark>', out)
    assert [(kind, text) for kind, _title, text in marks] == [
        (ID_NUMBER, "510"),
        (ID_NUMBER, "123198506121237"),
        (TYPO, "按排"),
    ]
    # the tooltip is escaped: the message's quotes and tag cannot break out
    assert "&quot;安排&quot;&lt;b&gt;" in marks[2][1]
    assert "<b>" not in out
    # removing the marks gives back the body
    assert re.sub(r"</?mark[^>]*>", "", out) == body


def test_highlight_relocates_findings_of_an_older_report():
    finding = Finding(kind=ID_NUMBER, text=ID, start=0, end=18, masked="x")
    out = highlight(f"<p>前言，{ID}；再次{ID}</p>", [finding])
    assert out.count('<mark class="check-id-number"') == 2


def test_highlight_without_findings_changes_nothing():
    body = "<p>a &amp; b</p>"
    assert highlight(body, []) == body
    assert highlight("", []) == ""


def test_external_links():
    body = (
        '<p><a href="https://www.baidu.com/s?a=1&amp;b=2">百度<i>搜索</i></a>'
        '<a href="http://www.sc.gov.cn/x">四川省</a>'
        '<a href="/jyj/gzdt/">本站</a><a href="mailto:a@b.com">邮件</a>'
        '<a href="https://GOV.CN">中国政府网</a><a href="http://example.com.evil/">外站</a></p>'
    )
    links = external_links(body)
    assert [(f.text, f.suggestion, f.context) for f in links] == [
        ("https://www.baidu.com/s?a=1&b=2", "www.baidu.com", "百度搜索"),
        ("http://example.com.evil/", "example.com.evil", "外站"),
    ]
    assert all(f.severity == "info" for f in links)
    assert "www.baidu.com" in links[0].message
    out = highlight(body, links)
    assert out.count('class="check-external-link"') == 3  # 百度, 搜索, 外站
    assert "四川省</a>" in out


def test_html_escape_roundtrip_of_masked_text_is_plain():
    masked, _count = mask_personal_data(f"<p>{ID}</p>")
    assert htmllib.unescape(masked) == masked
