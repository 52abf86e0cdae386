"""The special topics' pages are well-formed HTML: every element closed in
order (void elements aside), no duplicate id, one h1 (a cheap structural
check; axe-core checks the rest in test_axe.py)."""

from html.parser import HTMLParser
from urllib.parse import urlencode

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
#: elements whose end tag HTML lets the parser imply
IMPLIED = {"p", "li", "option", "tr", "td", "th", "thead", "tbody"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.problems, self.h1 = [], set(), [], 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"duplicate id {value}")
                self.ids.add(value)
        self.h1 += tag == "h1"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in IMPLIED:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()


def problems(html):
    checker = Checker()
    checker.feed(html)
    checker.close()
    found = list(checker.problems)
    if [t for t in checker.stack if t not in IMPLIED]:
        found.append(f"unclosed {checker.stack}")
    if checker.h1 != 1:
        found.append(f"{checker.h1} h1")
    if not html.lstrip().lower().startswith("<!doctype html>"):
        found.append("no doctype")
    return found


def test_public_and_staff_pages_are_well_formed(topics_site, browser, testapp):
    editor = browser("portal_editor")
    pages = {
        path: testapp.get(path).text
        for path in ("/", "/@@zhuanti", "/yhyshj/", "/yhyshj/zccs/", "/fxjz2025/")
    }
    for path in (
        "/@@special-topics-admin",
        "/yhyshj/@@topic-manage",
        "/yhyshj/zccs/@@topic-column?" + urlencode({"words": "工作", "department": "jyj"}),
        "/yhyshj/bmdt/@@topic-column",
    ):
        pages[path] = editor.get(path).text
    found = {path: problems(html) for path, html in pages.items()}
    assert {path: p for path, p in found.items() if p} == {}
