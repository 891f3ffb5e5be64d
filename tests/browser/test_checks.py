import pytest

from tests.browser.checks import PageChecker

pytestmark = pytest.mark.browser

# A Persian page with every fault the checks look for, and user content they must leave alone.
FAULTY_PAGE = """<!DOCTYPE html>
<html lang="fa" dir="ltr"><head><title>آزمایش</title></head>
<body><main>
  <h1>آزمایش</h1>
  <p id="untranslated">Save the date</p>
  <p>نام: <bdi>Layla Ahmadi</bdi>، منطقه: Asia/Tehran، <span lang="en">English</span></p>
  <div id="wide" style="width: 2000px">۱۲۳</div>
  <input type="text" id="unlabelled">
</main></body></html>"""


def test_page_checker_reports_each_fault_it_exists_for(browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(FAULTY_PAGE)
    checker = PageChecker(language="fa", screenshot_dir=tmp_path)

    checker.check(page, "faulty")
    context.close()

    problems = checker.problems
    assert any("<html lang dir> is ('fa', 'ltr'), expected ('fa', 'rtl')" in p for p in problems)
    assert any('English text: #untranslated: "Save the date"' in p for p in problems)
    assert not any("Layla" in p or "Tehran" in p or '"English"' in p for p in problems)
    for width in (375, 1280):
        assert any(f"at {width}px: overflow: #wide spans" in p for p in problems)
        assert any(f"at {width}px: axe critical label" in p for p in problems)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "01-faulty-fa-1280.png",
        "01-faulty-fa-375.png",
    ]
    with pytest.raises(AssertionError, match="problem"):
        checker.assert_clean()


# Served with the site's kind of policy: an inline style sheet and an inline script are blocked.
BLOCKED_PAGE = """<!DOCTYPE html>
<html lang="en" dir="ltr"><head><title>Blocked</title><style>h1 { color: red; }</style></head>
<body><main><h1>Blocked</h1><script>document.title = "Ran";</script></main></body></html>"""


def test_page_checker_reports_what_the_content_security_policy_blocked(browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.route(
        "http://blocked.test/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'"},
            body=BLOCKED_PAGE,
        ),
    )
    page.goto("http://blocked.test/")
    checker = PageChecker(language="en", screenshot_dir=tmp_path)

    checker.check(page, "blocked")
    checker.check(page, "blocked-again")  # each violation is reported once
    context.close()

    # The checker's own style sheet and axe-core are not blocked: only the page's two.
    assert len(checker.problems) == 2, checker.problems
    assert "inline style violates the following Content Security Policy" in checker.problems[0]
    assert "inline script violates the following Content Security Policy" in checker.problems[1]
    assert all(p.startswith("[en] blocked (http://blocked.test/): ") for p in checker.problems)
