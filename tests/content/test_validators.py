import colander
import pytest

from govportal.content.validators import gov_domain, site_code, url_name

NODE = colander.SchemaNode(colander.String(), name="f")


@pytest.mark.parametrize("value", ["www.yingshan.gov.cn", "jyj.yingshan.gov.cn"])
def test_gov_domains_pass(value):
    gov_domain(NODE, value)


@pytest.mark.parametrize(
    "value",
    ["www.yingshan.gov.com", "yingshan.com", "gov.cn", "evil.gov.cn.example.com", "a b.gov.cn"],
)
def test_other_domains_fail(value):
    with pytest.raises(colander.Invalid):
        gov_domain(NODE, value)


def test_site_code_and_url_name():
    site_code(NODE, "5113220001")
    for bad in ("123", "51132200011", "51132200a1"):
        with pytest.raises(colander.Invalid):
            site_code(NODE, bad)
    url_name(NODE, "jyj")
    for bad in ("教育局", "JYJ", "-a", "a/b", ""):
        with pytest.raises(colander.Invalid):
            url_name(NODE, bad)
