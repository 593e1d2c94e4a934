"""The built site, as a reader's browser sees it.

Debian's Chromium, driven by Playwright, opens every page of the strict build
(``built_site``) from a local HTTP server, in the light and the dark scheme.
Any request to another host is blocked and recorded, so a test fails on it
rather than the network hiding it. axe-core (node_modules, pinned in
package-lock.json) is injected into each page from disk. Screenshots of the
key pages land in test-artifacts/screenshots/, which the run keeps.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

from unrolled.shapes import describe
from unrolled_site import glossary

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport
SCHEMES = ("light", "dark")
# axe impacts that fail the audit; "minor" and "moderate" are reported, not failed.
FAILING_IMPACTS = {"serious", "critical"}


# --------------------------------------------------------------------------
# A local server and a browser
# --------------------------------------------------------------------------


@dataclass
class Watch:
    """What went wrong on a page: console errors, uncaught errors, failed requests, requests elsewhere."""

    base: str
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def listen(self, page):
        page.on("console", lambda m: m.type == "error" and self.console.append(
            f"console error: {m.text} ({m.location.get('url', '')})"))
        page.on("pageerror", lambda e: self.console.append(f"uncaught error: {e}"))
        page.on("request", lambda r: self.local(r.url) or self.foreign.append(r.url))
        # ERR_ABORTED is a request the next navigation cancelled (a late favicon), not a broken one.
        page.on("requestfailed", lambda r: self.local(r.url) and "ERR_ABORTED" not in (r.failure or "")
                and self.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.local(r.url) and self.failed.append(f"{r.url}: HTTP {r.status}"))
        return page

    def page(self, context):
        return self.listen(context.new_page())

    def reset(self):
        self.console, self.foreign, self.failed = [], [], []

    def local(self, url: str) -> bool:
        return url.startswith((self.base, "data:", "blob:", "about:"))

    def problems(self) -> list[str]:
        return self.console + [f"request to another host: {u}" for u in self.foreign] + \
            [f"failed request: {f}" for f in self.failed]


def watched_context(browser, site_url, scheme="light"):
    """A fresh browser context whose foreign requests are blocked and recorded."""
    ctx = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    ctx.watch = Watch(site_url)
    return ctx


@pytest.fixture
def context(browser, site_url):
    """A fresh watched context in the light scheme."""
    ctx = watched_context(browser, site_url)
    yield ctx
    ctx.close()


def open_page(context, url):
    page = context.watch.page(context)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page


def page_urls(site: Path) -> list[str]:
    """Every built HTML page as the URL a reader uses (directory URLs end in '/')."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def first_in(urls: list[str], folder: str) -> list[str]:
    """The first page under folder (e.g. "questions/"), as a list of none or one."""
    return [u for u in urls if u.startswith(folder)][:1]


def first_page(site: Path, folder: str) -> str:
    found = first_in(page_urls(site), folder)
    assert found, f"the built site has no page under {folder}"
    return found[0]


def key_pages(urls: list[str]) -> list[str]:
    """Home, the calculator, the explainer, the glossary, the first question page and the first notebook."""
    keys = ["", "calculator/", "explain/", "glossary/", *first_in(urls, "questions/"), *first_in(urls, "notebooks/")]
    return [u for u in keys if u in urls]


# --------------------------------------------------------------------------
# One visit to every page in both schemes; the tests below read its findings
# --------------------------------------------------------------------------

# In the light scheme every axe rule runs; the dark scheme changes only colours,
# so there the colour rules run again.
AXE_RUN = """async (rules) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = rules;
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(1, 2).join(""))
  }));
}"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@dataclass
class Visit:
    url: str
    scheme: str
    problems: list[str]
    violations: list[dict]
    figures: list[tuple[str, float]]


def figure_contrast(png: bytes) -> float:
    """WCAG contrast between a figure's background (its commonest colour) and its darkest or lightest ink."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((400, 400))
    colours = image.getcolors(maxcolors=400 * 400)
    background = max(colours)[1]

    def luminance(rgb):
        def channel(c):
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lb = luminance(background)
    # The strongest ink that covers at least 0.2% of the figure (text, axes), not a stray pixel.
    total = sum(n for n, _ in colours)
    best, covered = 0.0, 0
    for n, rgb in sorted(colours, key=lambda nc: -abs(luminance(nc[1]) - lb)):
        covered += n
        lo, hi = sorted((luminance(rgb), lb))
        best = max(best, (hi + 0.05) / (lo + 0.05)) if covered >= 0.002 * total else best
        if covered >= 0.002 * total:
            break
    return best


async def visit(page, watch: Watch, url: str, scheme: str, shoot: bool) -> Visit:
    watch.reset()
    await page.goto(watch.base + url, wait_until="load")
    await page.wait_for_load_state("networkidle")
    actual = await page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    expected = "slate" if scheme == "dark" else "default"
    problems = [] if actual == expected else [
        f"colour scheme is {actual!r}, expected {expected!r} for a reader who prefers {scheme}"]
    # Long pages skip rendering what is off screen (content-visibility in
    # extra.css); the audit, the figure checks and the screenshot cover all
    # of it, so everything is rendered first, as for printing.
    await page.add_style_tag(content="* { content-visibility: visible !important; }")
    figures = []  # on a light page a figure's white card is trivially readable; the dark scheme is the test
    for img in await page.locator(".md-content img").all() if scheme == "dark" else []:
        if await img.is_visible() and await img.evaluate("i => i.complete && i.naturalWidth > 0") \
                and (await img.bounding_box())["height"] > 40:
            await img.scroll_into_view_if_needed()
            figures.append((await img.get_attribute("src"), figure_contrast(await img.screenshot())))
    violations = await page.evaluate(AXE_RUN, None if scheme == "light" else COLOUR_RULES)
    if shoot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / f"{slug(url)}-{scheme}.png"), full_page=True)
    return Visit(url, scheme, problems + watch.problems(), violations, figures)


async def visit_all(base: str, urls: list[str], keys: set[str], tabs: int = 4) -> list[Visit]:
    """Every page in each scheme, `tabs` pages at a time (most of a visit is waiting)."""
    from playwright.async_api import async_playwright

    found = []
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in SCHEMES:
            ctx = await chromium.new_context(viewport=VIEWPORT, color_scheme=scheme)
            await ctx.add_init_script(path=str(AXE))  # axe-core from node_modules, in every page
            queue = list(urls)

            async def worker():
                watch = Watch(base)
                page = watch.listen(await ctx.new_page())
                while queue:
                    url = queue.pop(0)
                    found.append(await visit(page, watch, url, scheme, url in keys))
                await page.close()

            await asyncio.gather(*(worker() for _ in range(tabs)))
            await ctx.close()
        await chromium.close()
    return sorted(found, key=lambda v: (v.url, v.scheme))


@pytest.fixture(scope="session")
def visits(browser, site_url, built_site) -> list[Visit]:
    """Every page once in each scheme: what went wrong, what axe found, how figures read."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make node_modules` (npm ci from package-lock.json)", pytrace=False)
    urls = page_urls(built_site)
    result: dict = {}

    def run():  # a thread of its own: the async API needs an event loop the sync one is not using
        try:
            result["visits"] = asyncio.run(visit_all(site_url, urls, set(key_pages(urls))))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name="page-visits")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["visits"]


def test_every_page_is_visited(visits, built_site):
    urls = page_urls(built_site)
    assert {v.url for v in visits} == set(urls) and len(urls) >= 4
    assert {"", "calculator/", "glossary/"} <= set(urls)


def test_every_page_loads_without_console_errors_or_requests_elsewhere(visits):
    bad = [f"{v.url or '/'} ({v.scheme}): {p}" for v in visits for p in v.problems]
    assert not bad, "pages with problems:\n" + "\n".join(bad)


def test_axe_finds_no_serious_or_critical_violation(visits):
    bad = []
    for v in visits:
        for violation in v.violations:
            if violation["impact"] in FAILING_IMPACTS:
                bad.append(f"{v.url or '/'} ({v.scheme}): [{violation['impact']}] {violation['id']}: {violation['help']}\n    "
                           + "\n    ".join(violation["nodes"]))
    assert not bad, "accessibility violations:\n" + "\n".join(bad)


def test_figures_stay_readable_in_dark_mode(visits):
    seen = [(v, src, contrast) for v in visits for src, contrast in v.figures]
    bad = [f"{v.url or '/'} ({v.scheme}): {src} has contrast {contrast:.1f}:1 (needs 4.5:1)"
           for v, src, contrast in seen if contrast < 4.5]
    assert not bad, "figures that are hard to read:\n" + "\n".join(bad)
    assert seen, "no figure was checked in the dark scheme"


def test_key_pages_are_screenshot(visits, built_site):
    for url in key_pages(page_urls(built_site)):
        for scheme in SCHEMES:
            shot = SCREENSHOTS / f"{slug(url)}-{scheme}.png"
            assert shot.is_file() and shot.stat().st_size > 10_000, shot


# --------------------------------------------------------------------------
# Site features
# --------------------------------------------------------------------------


def test_search_finds_units(context, site_url):
    page = open_page(context, site_url)
    page.locator(".md-search__input").focus()
    # The index loads in a worker; a query typed before it is ready is dropped.
    page.wait_for_function("!/initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=30_000)
    page.locator(".md-search__input").press_sequentially("units", delay=20)  # typed, as a reader does
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert results.count() >= 1
    assert re.search(r"\bunits?\b", results.first.inner_text(), re.I), results.first.inner_text()
    assert context.watch.problems() == []


def test_hovering_a_glossary_term_shows_its_definition(context, site_url):
    terms = glossary.load(ROOT / "data" / "glossary.yml")
    definitions = {s.lower(): glossary.plain(t.definition) for t in terms for s in (t.term, *t.also)}
    page = open_page(context, site_url)
    abbr = page.locator("article abbr").first
    term = abbr.inner_text().strip().lower()
    assert term in definitions, f"hovered {term!r}, which is not in data/glossary.yml"
    title = abbr.get_attribute("title")
    tooltip = page.locator(".md-tooltip2--active")
    assert tooltip.count() == 0
    abbr.hover()
    tooltip.first.wait_for(state="visible", timeout=5_000)
    shown = " ".join(tooltip.first.inner_text().split())
    assert shown == " ".join(definitions[term].split())
    # Just below the term and across it; described by the tooltip, with no browser tooltip on top.
    term_box, tip_box = abbr.bounding_box(), tooltip.locator(".md-tooltip2__inner").bounding_box()
    assert 0 <= tip_box["y"] - (term_box["y"] + term_box["height"]) <= 16, (term_box, tip_box)
    assert tip_box["x"] < term_box["x"] + term_box["width"] and term_box["x"] < tip_box["x"] + tip_box["width"]
    assert abbr.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert abbr.get_attribute("title") is None
    page.mouse.move(0, 0)
    tooltip.first.wait_for(state="hidden", timeout=5_000)
    page.wait_for_function("document.querySelector('.md-tooltip2') === null")
    assert abbr.get_attribute("title") == title and abbr.get_attribute("aria-describedby") is None
    assert context.watch.problems() == []


def test_a_keyboard_focus_shows_a_buttons_tooltip_and_escape_hides_it(context, site_url, built_site):
    page = open_page(context, site_url + first_page(built_site, "questions/"))
    page.wait_for_function(THEME_STARTED)
    page.locator("article div.language-python.highlight:visible code").first.focus()
    page.keyboard.press("Shift+Tab")  # back to the block's copy button, as a keyboard reader gets there
    button = page.locator("button.md-code__button:focus")
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == "Copy to clipboard"
    assert button.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=5_000)
    assert button.get_attribute("title") == "Copy to clipboard"
    assert context.watch.problems() == []


def test_a_header_tooltip_stays_under_its_button_on_a_scrolled_page(browser, site_url, built_site):
    """The header stays put while the page scrolls; its tooltips are placed in the page, so they must follow."""
    ctx = watched_context(browser, site_url)
    try:
        page = open_page(ctx, site_url + first_page(built_site, "questions/"))
        page.mouse.wheel(0, 3000)
        page.wait_for_function("window.scrollY > 1000")
        toggle = page.locator("label[for='__palette_1']")  # its title goes while the tooltip shows
        toggle.hover()
        tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert tooltip.inner_text().strip() == "Switch to dark mode"
        settled = "e => Promise.all(e.closest('.md-tooltip2').getAnimations().map(a => a.finished))"
        tooltip.evaluate(settled)  # the theme slides a tooltip in
        button, tip = toggle.bounding_box(), tooltip.bounding_box()
        assert 0 <= tip["y"] - (button["y"] + button["height"]) <= 16, (button, tip)
        before = page.evaluate("window.scrollY")
        page.mouse.wheel(0, 500)
        page.wait_for_function(f"window.scrollY > {before}")
        tooltip.evaluate(settled)
        assert abs(tooltip.bounding_box()["y"] - tip["y"]) < 1, (tip, tooltip.bounding_box())
        assert ctx.watch.problems() == []
    finally:
        ctx.close()


def test_no_titled_element_gets_listeners_of_its_own_at_start_up(browser, site_url, built_site):
    """The theme's content.tooltips set up a tooltip per titled element as a page started.

    That was 61 on a question page, about a third of the script time of its
    load. assets/javascripts/tooltips.js listens on the document instead.
    """
    ctx = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto(site_url + first_page(built_site, "questions/"), wait_until="load")
        page.wait_for_function(THEME_STARTED)
        cdp = ctx.new_cdp_session(page)
        kinds = {"term": "article abbr[title]", "heading link": "article a.headerlink[title]",
                 "copy button": "article button.md-code__button[title]", "header button": "label[for='__palette_1']"}
        listeners = {}
        for kind, selector in kinds.items():
            found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"})
            assert found["result"].get("subtype") == "node", f"no {kind} ({selector}) on the page"
            events = cdp.send("DOMDebugger.getEventListeners", {"objectId": found["result"]["objectId"]})["listeners"]
            listeners[kind] = sorted(e["type"] for e in events)
        assert all(types == [] for types in listeners.values()), listeners
    finally:
        ctx.close()


def test_dark_mode_toggle_switches_and_sticks(context, site_url):
    page = open_page(context, site_url)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(scheme) == "default"
    light = page.evaluate(background)
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function(f"{scheme} === 'slate'")
    dark = page.evaluate(background)
    assert light != dark
    # The choice is remembered on the next page.
    page.goto(site_url + "calculator/")
    assert page.evaluate(scheme) == "slate"
    page.locator("label[title='Switch to light mode']").click()
    page.wait_for_function(f"{scheme} === 'default'")
    assert context.watch.problems() == []


# --------------------------------------------------------------------------
# Page speed: no load-time change that restyles every element
# --------------------------------------------------------------------------

# Before any script of the page runs, record every change to <html>'s classes
# and focus-visible attribute (with the value before), and every change to the
# colour scheme (body's data-md-color-* attributes, the color-scheme <meta>)
# with whether the page's content had been parsed when it happened.
THEME_STARTED = "document.querySelector('.md-search-result__meta') !== null"  # the theme's script has mounted
RECORD_ROOT_CHANGES = """
window.__rootChanges = [];
window.__schemeChanges = [];
new MutationObserver(records => {  // <html> does not exist yet: watch the document
  for (const r of records) {
    const t = r.target;
    if (t === document.documentElement && r.type === "attributes" && ["class", "data-js-focus-visible"].includes(r.attributeName))
      window.__rootChanges.push({name: r.attributeName, old: r.oldValue});
    else if ((t === document.body && r.type === "attributes" && r.attributeName.startsWith("data-md-color-"))
             || (t.nodeName === "META" && t.name === "color-scheme")
             || [...r.addedNodes].some(n => n.nodeName === "META" && n.name === "color-scheme"))
      window.__schemeChanges.push({what: r.attributeName || "inserted", content: !!document.querySelector(".md-content")});
  }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true});
"""


@pytest.mark.parametrize("kind", ["home", "question", "notebook"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_loading_a_page_restyles_nothing_the_build_can_spare(browser, site_url, built_site, kind, scheme):
    """overrides/main.html and overrides/partials/ remove the whole-page restyles the theme caused on load.

    The head script sets <html>'s classes once; the theme's own changes must
    then be no-ops, or a theme update has made the script stale. The colour
    scheme (body attributes, color-scheme <meta>, which Chromium restyles
    every element for) is set before the content is parsed, never after.
    """
    url = "" if kind == "home" else first_page(built_site, {"question": "questions/", "notebook": "notebooks/"}[kind])
    ctx = watched_context(browser, site_url, scheme)
    try:
        ctx.add_init_script(RECORD_ROOT_CHANGES)
        page = open_page(ctx, site_url + url)
        page.wait_for_function(THEME_STARTED)
        changes = page.evaluate("window.__rootChanges")
        for i, change in enumerate(changes):  # the value after a change: the next change's old value, or the last
            later = [c["old"] for c in changes[i + 1:] if c["name"] == change["name"]]
            change["now"] = later[0] if later else page.evaluate(f"document.documentElement.getAttribute('{change['name']}')")
        tokens = lambda value: set((value or "").split())  # noqa: E731
        real = [c for c in changes if (tokens(c["old"]) != tokens(c["now"]) if c["name"] == "class" else c["old"] is None)]
        assert [c["name"] for c in real] == ["class", "data-js-focus-visible"], changes
        assert tokens(real[0]["old"]) == {"no-js"} and tokens(real[0]["now"]) == {"js", "js-focus-visible"}, changes
        assert tokens(page.evaluate("document.documentElement.className")) == {"js", "js-focus-visible"}
        assert len(changes) > 2, "the theme's script no longer sets <html>'s classes: is the head script still needed?"
        scheme_changes = page.evaluate("window.__schemeChanges")
        assert scheme_changes and not [c for c in scheme_changes if c["content"]], scheme_changes
        expected = {"light": ("default", "light"), "dark": ("slate", "dark")}[scheme]
        assert page.evaluate("[document.body.getAttribute('data-md-color-scheme'),"
                             " document.querySelector('meta[name=color-scheme]').content]") == list(expected)
        assert page.locator("meta[name=color-scheme]").count() == 1
        assert re.fullmatch(r"#[0-9a-f]{6}", page.evaluate("document.querySelector('meta[name=theme-color]').content"))
        assert ctx.watch.problems() == []
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_name_in_code_looks_like_the_code_around_it(browser, site_url, built_site, scheme):
    """The hook unwraps Pygments' name tokens (unrolled_site/internals.py), which is right only while
    the theme colours a name as the code around it, in both schemes."""
    url = first_page(built_site, "questions/")
    ctx = watched_context(browser, site_url, scheme)
    try:
        page = open_page(ctx, site_url + url)
        found = page.evaluate("""() => {
          const code = document.querySelector("article div.language-python.highlight code");
          const name = Object.assign(document.createElement("span"), {className: "n", textContent: "x"});
          code.append(name);
          return {code: getComputedStyle(code).color, name: getComputedStyle(name).color,
                  wrapped: document.querySelectorAll("article div.highlight code .n").length - 1};
        }""")
        assert found["name"] == found["code"] and found["wrapped"] == 0, found
        assert ctx.watch.problems() == []
    finally:
        ctx.close()


def load_work(browser, url: str) -> dict:
    """Load a page under a Chromium trace; what its style and layout passes touched.

    ``start_up`` counts the objects laid out (and elements restyled) inside the
    theme's DOMContentLoaded handler; ``styled`` the elements styled during
    the whole load; ``elements`` the page's elements. The page is opened as
    Lighthouse's mobile profile opens it, at a phone's width.
    """
    ctx = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = ctx.new_page()
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
        page.goto(url, wait_until="load")
        page.wait_for_function(THEME_STARTED)
        page.wait_for_timeout(500)
        events = json.loads(browser.stop_tracing())["traceEvents"]
        elements = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        ctx.close()
    main = {(e["pid"], e["tid"]) for e in events if e.get("name") == "ParseHTML"}
    spans = [e for e in events if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X"]
    ready = [e for e in spans if e["name"] == "EventDispatch" and e["args"]["data"].get("type") == "DOMContentLoaded"]
    assert ready, "the trace has no DOMContentLoaded"
    inside = lambda e: any(r["ts"] <= e["ts"] < r["ts"] + r["dur"] for r in ready)  # noqa: E731
    styled = lambda e: e["args"].get("elementCount") or 0  # noqa: E731
    laid = lambda e: (e["args"].get("beginData") or {}).get("dirtyObjects") or 0  # noqa: E731
    return {
        "start_up": sum(styled(e) for e in spans if e["name"] == "UpdateLayoutTree" and inside(e))
        + sum(laid(e) for e in spans if e["name"] == "Layout" and inside(e)),
        "styled": sum(styled(e) for e in spans if e["name"] == "UpdateLayoutTree"),
        "elements": elements,
    }


def test_the_theme_starts_without_rendering_hidden_code(browser, site_url, built_site):
    """A question page's code sits mostly in closed <details>; the theme measures every block at start-up.

    Reading a block's size inside a closed <details> made Chromium style and
    lay out that whole <details> again, block after block, and inserting each
    copy button did the same for its block. extra.css renders nothing of a
    closed <details>, and the hook writes the copy buttons into the HTML.
    """
    url = first_page(built_site, "questions/")
    work = load_work(browser, site_url + url)
    assert work["start_up"] < 0.1 * work["elements"], work


def test_a_notebook_styles_only_the_cells_near_the_screen(browser, site_url, built_site):
    """extra.css lets a notebook's off-screen code cells wait until they are scrolled to."""
    url = first_page(built_site, "notebooks/")
    work = load_work(browser, site_url + url)
    assert work["styled"] < 0.8 * work["elements"], work


def test_the_scheme_follows_the_system_until_the_reader_chooses(context, site_url):
    page = open_page(context, site_url)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"{scheme} === 'slate'")
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    page.emulate_media(color_scheme="light")
    page.wait_for_function(f"{scheme} === 'default'")
    # A choice is instant (no transition while it applies), remembered, and then wins over the system.
    switching = page.evaluate("""() => new Promise(done => {
      new MutationObserver((_, observer) => { observer.disconnect(); done(document.body.hasAttribute('data-md-color-switching')); })
        .observe(document.body, {attributes: true, attributeFilter: ['data-md-color-scheme']});
      document.querySelector("label[title='Switch to dark mode']").click();
    })""")
    assert switching is True
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    page.emulate_media(color_scheme="light")
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == "slate"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    # The keyboard: Enter on the focused toggle switches back.
    page.locator("#__palette_1").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"{scheme} === 'default'")
    assert context.watch.problems() == []


def test_code_has_a_copy_button_and_output_has_none(context, site_url, built_site):
    url = first_page(built_site, "questions/")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = open_page(context, site_url + url)
    page.wait_for_function(THEME_STARTED)
    counts = page.evaluate("""() => [".language-python", ".language-text"].map(kind => {
      const blocks = [...document.querySelectorAll(`article div${kind}.highlight`)];
      const buttons = blocks.map(b => b.querySelectorAll("button[title='Copy to clipboard']").length);
      return [blocks.length, buttons.filter(n => n === 1).length, buttons.filter(n => n > 1).length];
    })""")
    (python, python_copy, python_twice), (output, output_copy, _) = counts
    assert python >= 1 and python_copy == python and python_twice == 0, counts
    assert output >= 1 and output_copy == 0, counts
    # The button is in the HTML (unrolled_site/internals.py); the theme's handler copies its block.
    block = page.locator("article div.language-python.highlight:visible").first
    block.hover()
    block.locator("button.md-code__button").click()
    page.locator(".md-dialog", has_text="Copied").wait_for(state="visible", timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator("code").inner_text().rstrip() and "\n" in copied, copied[:200]
    assert context.watch.problems() == []


def test_without_javascript_no_copy_button_is_shown(browser, site_url, built_site):
    """The buttons are in the HTML, but only the theme's script can copy: extra.css hides them without it."""
    url = first_page(built_site, "questions/")
    ctx = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_url + url, wait_until="load")
        assert page.evaluate("document.documentElement.className") == "no-js"
        assert page.locator("article .md-code__nav").count() > 0
        assert page.locator("article .md-code__nav:visible").count() == 0
    finally:
        ctx.close()


# --------------------------------------------------------------------------
# The calculator
# --------------------------------------------------------------------------

FIELDS = {"batch": "#calc-batch", "steps": "#calc-steps", "features": "#calc-features",
          "units": "#calc-units", "layers": "#calc-layers", "proj_size": "#calc-proj-size"}
FLAGS = {"bidirectional": "#calc-bidirectional", "return_sequences": "#calc-return-sequences",
         "return_state": "#calc-return-state", "reset_after": "#calc-reset-after",
         "stateful": "#calc-stateful", "masked": "#calc-masked"}


def shown_total(page) -> str:
    return page.locator("#calc-params").inner_text().strip()


def as_number(text: str) -> int:
    assert re.fullmatch(r"\d{1,3}(,\d{3})*", text), f"#calc-params shows {text!r}"
    return int(text.replace(",", ""))


def set_form(page, cell=None, framework=None, **values):
    if cell:
        page.select_option("#calc-cell", cell)
    if framework:
        page.select_option("#calc-framework", framework)
    for key, value in values.items():
        if key in FLAGS:
            page.locator(FLAGS[key]).set_checked(value)
        else:
            page.fill(FIELDS[key], str(value))


def assert_shows(page, framework, cell, **cfg):
    d = describe(framework, cell, **cfg)
    assert page.locator("#calc-error").is_hidden()
    assert as_number(shown_total(page)) == d.params
    weights = page.locator("#calc-weights tr")
    assert weights.count() == len(d.weights)
    for row, w in zip(weights.all(), d.weights):
        cells = [c.inner_text().strip() for c in row.locator("th, td").all()]
        assert cells[0] == w.name and cells[1] == "(" + ", ".join(map(str, w.shape)) + ("," if len(w.shape) == 1 else "") + ")"
    outputs = [[c.inner_text().strip() for c in r.locator("th, td").all()][:2] for r in page.locator("#calc-outputs tr").all()]
    assert outputs == [[o.name, "(" + ", ".join(map(str, o.shape)) + ")"] for o in d.outputs]
    per_layer = [as_number(r.locator("td").inner_text().strip()) for r in page.locator("#calc-per-layer tr").all()]
    assert per_layer == d.params_per_layer


@pytest.fixture
def calculator(context, site_url):
    page = open_page(context, site_url + "calculator/")
    yield page
    assert context.watch.problems() == []


def test_calculator_opens_on_the_askers_model(calculator):
    assert_shows(calculator, "keras", "lstm", units=100, features=1, steps=2, batch=32)
    assert as_number(shown_total(calculator)) == 40_800


def test_calculator_reacts_to_input_and_keeps_it_in_the_link(calculator, site_url):
    page = calculator
    set_form(page, cell="gru", framework="pytorch", units=64, features=8, steps=10, batch=4, layers=2,
             bidirectional=True)
    cfg = dict(units=64, features=8, steps=10, batch=4, layers=2, bidirectional=True)
    assert_shows(page, "pytorch", "gru", **cfg)
    page.locator("label[for='calc-tab-pytorch']").click()
    code = page.locator("#calc-code-pytorch")
    assert code.is_visible()
    assert "nn.GRU(input_size=8, hidden_size=64, num_layers=2, batch_first=True, bidirectional=True)" in code.inner_text()
    assert f"{describe('pytorch', 'gru', **cfg).params:,} parameters" in code.inner_text()
    query = urlsplit(page.url).query
    assert "units=64" in query and "cell=gru" in query and "framework=pytorch" in query
    # The link alone rebuilds the same state in a fresh page.
    again = open_page(page.context, page.url)
    assert again.locator("#calc-units").input_value() == "64"
    assert again.locator("#calc-bidirectional").is_checked()
    assert_shows(again, "pytorch", "gru", **cfg)
    # Keras with every option.
    set_form(page, cell="lstm", framework="keras", layers=3, return_sequences=True, return_state=True)
    assert_shows(page, "keras", "lstm", **{**cfg, "layers": 3}, return_sequences=True, return_state=True)
    assert "layers.Bidirectional(layers.LSTM(64, return_sequences=True, return_state=True))" in \
        page.locator("#calc-code-keras").text_content()


ASKER = dict(units=100, features=1, steps=2, batch=32, layers=1, proj_size=0)
BAD_INPUT = [
    ("units", "", "units"), ("units", "0", "units"), ("batch", "-3", "batch"),
    ("features", "1.5", "features"), ("steps", "10000000", "steps"), ("units", "25000000", "units"),
    ("layers", "abc", "layers"), ("proj_size", "-1", "proj_size"), ("layers", "0", "layers"),
]


@pytest.mark.parametrize("key,text,argument", BAD_INPUT, ids=[f"{k}={t!r}" for k, t, _ in BAD_INPUT])
def test_calculator_shows_a_message_and_no_number_for_bad_input(calculator, key, text, argument):
    page = calculator
    before = shown_total(page)
    set_form(page, **{key: text})
    error = page.locator("#calc-error")
    assert error.is_visible()
    assert f"{argument}:" in error.inner_text()
    assert not re.search(r"\d", shown_total(page)), f"#calc-params still shows {shown_total(page)!r}"
    assert not re.search(r"\d", page.locator("#calc-summary").inner_text()), "the summary still describes the last layer"
    assert "NaN" not in page.locator("article").inner_text()
    assert page.locator("#calc-results").is_hidden()
    assert page.locator(FIELDS[key]).get_attribute("aria-invalid") == "true"
    # Correcting the field brings the right number back, and the error goes.
    set_form(page, **{key: ASKER[key]})
    assert shown_total(page) == before and error.is_hidden()


UNSUPPORTED = [
    (dict(framework="keras", cell="lstm", proj_size=10), "proj_size"),
    (dict(framework="pytorch", cell="gru", proj_size=10), "proj_size"),
    (dict(framework="pytorch", cell="lstm", proj_size=100), "proj_size"),
    (dict(framework="pytorch", cell="gru", reset_after=False), "reset_after"),
    (dict(framework="keras", cell="rnn", reset_after=False), "reset_after"),
]


@pytest.mark.parametrize("settings,argument", UNSUPPORTED, ids=[a + "-" + s["framework"] + "-" + s["cell"] for s, a in UNSUPPORTED])
def test_calculator_refuses_combinations_a_framework_lacks(calculator, settings, argument):
    page = calculator
    set_form(page, **settings)
    assert page.locator("#calc-error").is_visible()
    assert f"{argument}:" in page.locator("#calc-error").inner_text()
    assert not re.search(r"\d", shown_total(page))


def test_calculator_shows_merge_mode_carried_state_and_mask(calculator):
    from unrolled.calculator import describe as describe_returns

    page = calculator
    set_form(page, framework="keras", cell="lstm", units=32, features=13, steps=99, batch=8,
             bidirectional=True, return_sequences=True, return_state=True, stateful=True, masked=True)
    page.select_option("#calc-merge-mode", "sum")
    d = describe_returns("keras", "lstm", units=32, features=13, steps=99, batch=8, bidirectional=True,
                         return_sequences=True, return_state=True, merge_mode="sum", stateful=True,
                         masked=True)
    assert page.locator("#calc-error").is_hidden()
    rows = [[c.inner_text().strip() for c in r.locator("th, td").all()]
            for r in page.locator("#calc-outputs tr").all()]
    assert [r[:2] for r in rows] == [[t.name, "(" + ", ".join(map(str, t.shape)) + ")"]
                                     for t in d.outputs + d.carried + d.mask]
    assert "merged by sum" in rows[0][2] and rows[len(d.outputs)][2].startswith("carried")
    # Keras fails on a stateful Bidirectional's states, and the Keras tab says so
    assert "Keras cannot return the states" in page.locator("#calc-code-keras").text_content()
    set_form(page, stateful=False)
    assert "merge_mode=\"sum\"" in page.locator("#calc-code-keras").text_content()
    # PyTorch has no merge mode: the page says which argument, and shows no number
    page.select_option("#calc-framework", "pytorch")
    assert "merge_mode:" in page.locator("#calc-error").inner_text()
    assert not re.search(r"\d", shown_total(page))
    page.select_option("#calc-merge-mode", "concat")
    assert page.locator("#calc-error").is_hidden()
    assert "pack_padded_sequence" in page.locator("#calc-code-pytorch").text_content()


def test_a_link_with_bad_values_opens_on_the_message(context, site_url):
    page = open_page(context, site_url + "calculator/?framework=keras&cell=lstm&proj_size=5&units=2.5")
    text = page.locator("#calc-error").inner_text()
    assert page.locator("#calc-error").is_visible() and "units:" in text
    assert not re.search(r"\d", shown_total(page))
    page.locator("#calc-form button[type=reset]").click()
    assert_shows(page, "keras", "lstm", units=100, features=1, steps=2, batch=32)
    assert context.watch.problems() == []
