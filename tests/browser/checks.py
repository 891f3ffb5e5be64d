"""What every page visited in the browser must pass, at 375 and 1280 px: language and direction,
no horizontal overflow, no English left on Arabic and Persian pages, and no serious or critical
axe-core finding. Problems are collected, not raised one by one, so that one run lists everything
to fix. Every console message about the Content-Security-Policy fails the check too, from
whichever page the journey opened since the last check: Chromium reports each script, style or
image the policy blocked there.

axe-core's colour-contrast rule skips most Arabic-script text: it takes the joined letters for an
icon font's ligatures (axe-core PR #3867). The colours are the same in every language, so the
English pages are the ones that prove the contrast.
"""

import re
from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WIDTHS = (375, 1280)
HEIGHT = 900
RIGHT_TO_LEFT = {"ar", "fa"}

# A CSS path short enough to read in a report and precise enough to find the element.
CSS_PATH_JS = """
function cssPath(element) {
  const parts = [];
  for (let node = element; node && node.nodeType === 1 && node !== document.body;
       node = node.parentElement) {
    if (node.id) { parts.unshift('#' + CSS.escape(node.id)); break; }
    let part = node.localName;
    const classes = [...node.classList].slice(0, 2);
    if (classes.length) part += '.' + classes.map((c) => CSS.escape(c)).join('.');
    const parent = node.parentElement;
    if (parent) {
      const same = [...parent.children].filter((child) => child.localName === node.localName);
      if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
    }
    parts.unshift(part);
  }
  return parts.join(' > ') || 'body';
}
function isShown(element) {
  return element.checkVisibility({
    checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true,
  });
}
"""

OVERFLOW_JS = (
    "() => {"
    + CSS_PATH_JS
    + """
  const width = window.innerWidth;
  const problems = [];
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) {
    problems.push(`the page is ${scrollWidth}px wide in a ${width}px window`);
  }
  // Content inside a box that scrolls or clips sideways (a .table-responsive) does not widen
  // the page, as long as that box itself fits. An absolutely positioned element escapes the
  // box unless the box, or something inside it, is positioned (CSS containing blocks).
  function clippedInside(element) {
    let position = getComputedStyle(element).position;
    let escaping = position === 'absolute' || position === 'fixed';
    for (let node = element.parentElement; node && node !== document.body;
         node = node.parentElement) {
      if (position === 'fixed') return false;
      const style = getComputedStyle(node);
      if (escaping && style.position !== 'static') escaping = false;
      if (!escaping && style.overflowX !== 'visible') {
        const box = node.getBoundingClientRect();
        return box.right <= width + 1 && box.left >= -1;
      }
      if (style.position === 'absolute' || style.position === 'fixed') {
        position = style.position;
        escaping = true;
      }
    }
    return false;
  }
  const sticking = new Set();
  for (const element of document.body.querySelectorAll('*')) {
    if (!isShown(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right <= width + 1 && box.left >= -1) continue;
    if (clippedInside(element)) continue;
    // Report the outermost element only: its children stick out because it does.
    if (element.parentElement && sticking.has(element.parentElement)) {
      sticking.add(element);
      continue;
    }
    sticking.add(element);
    problems.push(`${cssPath(element)} spans ${Math.round(box.left)}..${Math.round(box.right)}px`
      + ` in a ${width}px window`);
  }
  return problems.slice(0, 15);
}"""
)

# Text a member reads or hears. Skipped: what is isolated as another language or as user content
# (<bdi>, dir="auto", an element with its own lang such as the language switcher's "English",
# data-user-content), code, and form fields, whose values are the member's; addresses, emails and
# time zone names ("Asia/Tehran") are cut out of the text first.
UNTRANSLATED_JS = (
    "() => {"
    + CSS_PATH_JS
    + """
  const ISOLATED = 'bdi, [dir="auto"], [data-user-content], code, pre, kbd, samp, script, template';
  const NOT_TEXT = 'style, noscript, textarea, select, input, svg';
  // Two English words of three letters or more ("Door list", "Add to my calendar"), or a label
  // that is one English word on its own ("Subscribe").
  const WORD = /[A-Za-z]{3,}/g;
  const LABEL = /^[\\s(]*[A-Za-z]{4,}[\\s.:)…]*$/;
  const NOT_WORDS = [
    /\\b(?:https?:\\/\\/|www\\.)\\S+/g,
    /[^\\s@]+@[^\\s@]+\\.[^\\s@]+/g,
    /\\b[A-Z][A-Za-z_-]*(?:\\/[A-Za-z0-9_+-]+)+/g,
  ];
  function english(text) {
    let rest = text || '';
    for (const pattern of NOT_WORDS) rest = rest.replace(pattern, ' ');
    const words = rest.match(WORD) || [];
    const untranslated = words.length >= 2 || LABEL.test(rest);
    return untranslated ? text.trim().replace(/\\s+/g, ' ').slice(0, 120) : null;
  }
  function inOwnLanguage(element) {
    const marked = element.closest('[lang]');
    return marked !== null && marked !== document.documentElement;
  }
  const found = [];
  const title = english(document.title);
  if (title) found.push(`<title>: "${title}"`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest(ISOLATED + ',' + NOT_TEXT) || inOwnLanguage(element)) continue;
    if (!isShown(element)) continue;
    const text = english(node.nodeValue);
    if (text) found.push(`${cssPath(element)}: "${text}"`);
  }
  // Names and hints: aria-label, placeholder, title, alt, and the <title> of an SVG image.
  const NAMED = '[aria-label], [placeholder], [title], [alt], svg title';
  for (const element of document.body.querySelectorAll(NAMED)) {
    const shown = element.closest('svg') || element;
    if (shown.closest(ISOLATED) || inOwnLanguage(shown) || !isShown(shown)) continue;
    const values = element.localName === 'title'
      ? [['', element.textContent]]
      : ['aria-label', 'placeholder', 'title', 'alt']
          .filter((name) => element.hasAttribute(name))
          .map((name) => [` [${name}]`, element.getAttribute(name)]);
    for (const [where, value] of values) {
      const text = english(value);
      if (text) found.push(`${cssPath(element)}${where}: "${text}"`);
    }
  }
  return [...new Set(found)];
}"""
)

AXE_JS = """async () => {
  const results = await axe.run(document, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 6).map((node) => ({
        target: node.target.join(' '),
        summary: (node.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240),
      })),
      count: violation.nodes.length,
    }));
}"""

STILL_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
# A constructed style sheet, not a <style> element, which the site's policy would block.
ADD_STYLE_SHEET_JS = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
SETTLE_JS = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


class PageChecker:
    """Checks each page a journey opens and saves its screenshots; `assert_clean()` at the end
    fails with everything that was found."""

    def __init__(self, *, language: str, screenshot_dir: Path):
        self.language = language
        self.screenshot_dir = screenshot_dir
        self.problems: list[str] = []
        self.steps = 0
        self._policy_messages_seen: set[tuple[str, str]] = set()

    def check(self, page: Page, name: str) -> None:
        language = self.language
        self.steps += 1
        step = f"{self.steps:02d}-{name}"
        where = f"[{language}] {name} ({page.url})"
        page.wait_for_load_state("load")
        # A colour caught halfway through a transition would make axe's contrast figures vary.
        page.evaluate(ADD_STYLE_SHEET_JS, STILL_CSS)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        self._language_and_direction(page, language, where)
        for width in WIDTHS:
            at = f"{where} at {width}px"
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.evaluate(SETTLE_JS)
            self.problems.extend(f"{at}: overflow: {found}" for found in page.evaluate(OVERFLOW_JS))
            if language in RIGHT_TO_LEFT:
                for text in page.evaluate(UNTRANSLATED_JS):
                    problem = f"{where}: English text: {text}"
                    if problem not in self.problems:
                        self.problems.append(problem)
            self._axe(page, at)
            page.screenshot(
                path=self.screenshot_dir / f"{step}-{language}-{width}.png", full_page=True
            )
        self._content_security_policy(page, where)

    def _language_and_direction(self, page: Page, language: str, where: str) -> None:
        html = page.locator("html")
        expected_dir = "rtl" if language in RIGHT_TO_LEFT else "ltr"
        found = (html.get_attribute("lang"), html.get_attribute("dir"))
        if found != (language, expected_dir):
            self.problems.append(
                f"{where}: <html lang dir> is {found}, expected {(language, expected_dir)}"
            )

    def _content_security_policy(self, page: Page, where: str) -> None:
        for message in page.console_messages(filter="all"):
            location = message.location.get("url", "")
            if "Content Security Policy" not in message.text:
                continue
            if (location, message.text) not in self._policy_messages_seen:
                self._policy_messages_seen.add((location, message.text))
                self.problems.append(f"{where}: {location}: {message.text}")

    def _axe(self, page: Page, where: str) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Run by the browser's debugging protocol, which the policy does not govern; a
            # <script> element added to the page would be blocked.
            page.evaluate(AXE.read_text())
        for violation in page.evaluate(AXE_JS):
            nodes = "; ".join(
                f"{node['target']} ({node['summary']})" for node in violation["nodes"]
            )
            self.problems.append(
                f"{where}: axe {violation['impact']} {violation['id']} "
                f"({violation['help']}), {violation['count']} element(s): {nodes}"
            )

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join([f"{len(self.problems)} problem(s):", *self.problems])


def path_of(url: str) -> str:
    """The path and query of an absolute URL, e.g. a link read from an email."""
    return re.sub(r"^https?://[^/]+", "", url)


class QuickChecker(PageChecker):
    """PageChecker's calls, for a journey walked a second time (without script): language,
    direction and overflow at the window's own width only. The first walk ran axe and took the
    screenshots, and a page without script has the same layout."""

    def __init__(self, *, language: str):
        super().__init__(language=language, screenshot_dir=Path())

    def check(self, page: Page, name: str) -> None:
        self.steps += 1
        width = page.viewport_size["width"]
        where = f"[{self.language}] {name} ({page.url}) at {width}px"
        page.wait_for_load_state("load")
        self._language_and_direction(page, self.language, where)
        self.problems.extend(f"{where}: overflow: {found}" for found in page.evaluate(OVERFLOW_JS))
