"""The "Explain a model" page in a reader's browser.

Debian's Chromium opens the built page (the server, the browser and the
watch on requests come from tests/test_browser.py), pastes what Keras 3 and
PyTorch print for every fixture, and reads the explanation off the page: each
``.explain-layer`` must carry the package's name, count, units and width, and
``#explain-total`` its total. Bad input must show one message and no table,
nothing pasted may leave the page or be stored, and axe must pass on the
explained page in both colour schemes.
"""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401 - context is a fixture; browser and site_url come from conftest
    AXE, AXE_RUN, COLOUR_RULES, FAILING_IMPACTS, SCHEMES, SCREENSHOTS, context, open_page, watched_context)

import explain_fixtures as F
from unrolled.explain import FORMATS, explain

pytestmark = pytest.mark.browser

PAGE = "explain/"


def paste(page, text):
    page.fill("#explain-input", text)
    page.click("#explain-run")


def shown(page) -> dict:
    """What the page says: each layer's data attributes, and the total."""
    layers = page.eval_on_selector_all(".explain-layer", """nodes => nodes.map(n => ({
        name: n.dataset.name,
        params: n.dataset.params === undefined ? null : Number(n.dataset.params),
        units: n.dataset.units === undefined ? null : Number(n.dataset.units),
        features: n.dataset.features === undefined ? null : Number(n.dataset.features)}))""")
    total = page.locator("#explain-total")
    return {"layers": layers,
            "total": int(total.get_attribute("data-params")) if total.count() else None}


def expected_on_page(result) -> dict:
    recurrent = ("rnn", "lstm", "gru", "recurrent")
    return {"layers": [{"name": g["name"], "params": g["params"],
                        "units": g["units"] if g["kind"] in recurrent else None,
                        "features": g["features"] if g["kind"] in recurrent else None}
                       for g in result["layers"]],
            "total": result["total"]}


@pytest.fixture
def explainer(context, site_url):
    page = open_page(context, site_url + PAGE)
    yield page
    assert context.watch.problems() == []


def test_the_page_opens_on_the_askers_model_explained(explainer):
    page = explainer
    first = page.locator(".explain-layer").first
    assert first.get_attribute("data-name") == "lstm"
    assert (first.get_attribute("data-params"), first.get_attribute("data-units"),
            first.get_attribute("data-features")) == ("40800", "100", "1")
    assert "4 × 100 × (1 + 100 + 1) = 40,800" in first.inner_text()
    total = page.locator("#explain-total")
    assert total.get_attribute("data-params") == total.get_attribute("data-printed") == "40901"
    assert shown(page) == expected_on_page(explain(page.input_value("#explain-input")))


@pytest.mark.framework
def test_every_fixture_reads_on_the_page_as_in_the_package(explainer):
    pytest.importorskip("keras")
    pytest.importorskip("torch")
    page = explainer
    for name, text in F.all_texts().items():
        paste(page, text)
        assert page.locator("#explain-error").is_hidden(), name
        assert shown(page) == expected_on_page(explain(text)), name


def test_the_tutorials_gru_says_what_it_solved_and_what_decided(explainer):
    page = explainer
    paste(page, F.keras2_text("keras2_underscores.txt"))
    gru = page.locator(".explain-layer[data-name='gru']")
    text = gru.inner_text()
    assert "solved from the count" in text and "previous layer's width, 128, picks this reading" in text
    assert "reset_after=False" in text and "reset_after=True" in text  # both readings, one chosen
    assert gru.get_attribute("data-features") == "128"
    # The terms link to the glossary.
    assert gru.locator("a[href$='glossary/#unit']").count() == 1
    assert gru.locator("a[href$='glossary/#cell']").count() == 1


@pytest.mark.parametrize("text", ["", "hello there", "Layer (type)  Output Shape  Param #\n"])
def test_text_with_no_model_shows_one_message_and_no_table(explainer, text):
    page = explainer
    paste(page, text)
    error = page.locator("#explain-error")
    assert error.is_visible()
    assert all(f in error.inner_text() for f in FORMATS)
    assert page.locator(".explain-layer").count() == 0 and page.locator("#explain-total").count() == 0
    # A model again: the message goes and the explanation comes back.
    paste(page, F.keras2_text("keras2_cudnn.txt"))
    assert error.is_hidden() and page.locator(".explain-layer").count() == 3


def test_unreadable_rows_are_listed_and_the_rest_explained(explainer):
    page = explainer
    text = F.keras2_text("keras2_blank_lines.txt").replace(" dense (Dense) ", " dense [Dense] ")
    paste(page, text)
    assert page.locator("#explain-error").is_hidden()
    assert [n for n in page.eval_on_selector_all(".explain-layer", "ns => ns.map(n => n.dataset.name)")] == \
        ["lstm", "bidirectional", "dense_1"]
    assert "dense [Dense]" in page.locator("#explain-skipped").inner_text()


def test_nothing_pasted_leaves_the_page_or_is_stored(explainer):
    page = explainer
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    marker = "secret_layer_name"
    paste(page, F.keras2_text("keras2_cudnn.txt").replace("cu_dnngru ", marker[:10] + " "))
    page.wait_for_timeout(300)
    assert requests == []
    stored = page.evaluate("""() => [localStorage, sessionStorage].flatMap(s =>
        Object.keys(s).map(k => k + '=' + s.getItem(k))).join('\\n') + document.cookie""")
    assert marker[:10] not in stored and "CuDNN" not in stored


@pytest.mark.parametrize("scheme", SCHEMES)
def test_an_explained_page_passes_axe_in_both_schemes(browser, site_url, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make node_modules`", pytrace=False)
    ctx = watched_context(browser, site_url, scheme)
    ctx.add_init_script(path=str(AXE))
    try:
        page = open_page(ctx, site_url + PAGE)
        paste(page, F.keras2_text("keras2_underscores.txt"))
        violations = page.evaluate(AXE_RUN, None if scheme == "light" else COLOUR_RULES)
        failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
        assert failing == [], failing
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"explain-keras2-{scheme}.png"), full_page=True)
        paste(page, "not a model")
        assert page.locator("#explain-error").is_visible()
        violations = page.evaluate(AXE_RUN, None if scheme == "light" else COLOUR_RULES)
        assert [v for v in violations if v["impact"] in FAILING_IMPACTS] == []
        assert ctx.watch.problems() == []
    finally:
        ctx.close()


def test_layer_headings_follow_the_page_heading_order(explainer):
    """No heading level is skipped (h1 then h3 fails Lighthouse's heading-order audit)."""
    levels = explainer.eval_on_selector_all(
        "article h1, article h2, article h3, article h4, article h5, article h6",
        "nodes => nodes.map(n => Number(n.tagName[1]))")
    skipped = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert levels and not skipped, f"heading levels {levels}: a level is skipped at {skipped}"
