from govportal.content.richtext import sanitize_html


def test_script_and_event_handlers_are_removed():
    html = '<p onclick="steal()">正文<script>alert(1)</script></p><img src=x onerror=alert(1)>'
    clean = sanitize_html(html)
    assert "<script" not in clean and "alert(1)" not in clean.replace("alt", "")
    assert "onclick" not in clean and "onerror" not in clean
    assert "<p>正文</p>" in clean


def test_javascript_urls_are_removed_and_links_kept():
    clean = sanitize_html(
        '<a href="javascript:alert(1)">x</a><a href="https://www.gov.cn/">国务院</a>'
    )
    assert "javascript" not in clean
    assert 'href="https://www.gov.cn/"' in clean and "noopener" in clean


def test_tables_and_headings_survive():
    html = '<h2>第一章</h2><table><tr><td colspan="2">单元格</td></tr></table>'
    clean = sanitize_html(html)
    assert "<h2>第一章</h2>" in clean and 'colspan="2"' in clean
