"""What a reader on a weak connection gets, checked in a real Chromium: nothing leaves
the site, no serious accessibility violation, keyboard-only use, light pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO

PAGES = ["", "pedoman/kriteria/", "wilayah/53/71/", "lembaga/yagat/", "lembaga/"]
AXE = (REPO / "tests/tools/node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")


def test_every_request_goes_to_the_local_server(browser, served):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for url in PAGES:
        page.goto(served + url, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type("pengaduan")
    page.wait_for_selector(".md-search-result__item")
    context.close()
    local = urlsplit(served).netloc
    assert len(requests) > 10
    assert [u for u in requests if urlsplit(u).netloc != local and not u.startswith("data:")] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, served, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for url in PAGES:
        page.goto(served + url)
        page.add_script_tag(content=AXE)
        violations = page.evaluate("""async () => (await axe.run(document, {
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
        if violations:
            found[url] = violations
    context.close()
    assert found == {}


def test_checklist_boxes_are_named_form_controls(page, served):
    page.goto(served + "wilayah/53/71/")
    block = page.get_by_role("form", name="Penilaian mandiri Rumah Perempuan Kupang")
    boxes = block.get_by_role("radio", name="LEG-01 sebagian")
    assert boxes.count() == 1
    boxes.check()
    assert boxes.is_checked()
    assert page.get_by_role("radio", name="TL-01 selesai").count() == 1


def test_keyboard_alone_reaches_search_and_opens_a_result(page, served):
    page.goto(served + "pedoman/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name === 'query'"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("pengaduan")
    page.wait_for_selector(".md-search-result__item")
    start = page.url
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != start)
    assert "pengaduan" in page.content().lower()


@pytest.mark.parametrize("url,query", [("pedoman/kriteria/", "pengaduan"), ("wilayah/53/71/", "Soe")])
def test_first_visit_is_light_and_search_loads_on_first_use(browser, served, url, query):
    """The stem table and, for a town name, its file of place names count in the budget."""
    context = browser.new_context()
    page = context.new_page()
    from macros.pdf import record_transfers

    sizes = record_transfers(page)
    page.goto(served + url, wait_until="networkidle")
    before = sum(sizes.values()) / 1024
    assert not [p for p in sizes if "search_index" in p or "/workers/" in p], sizes  # not loaded yet
    assert before < 80, sizes
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
    total = sum(sizes.values()) / 1024
    assert any("search_index" in p for p in sizes) and total < 200, sizes
    assert any("/wilayah-alias/" in p for p in sizes) == (query == "Soe"), sizes  # fetched only when needed
    context.close()
    print(f"\n{url}: {before:.0f} KB first visit, {total:.0f} KB after the first search")


def test_main_text_shows_within_4_seconds_on_slow_3g(browser, served):
    import time

    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8},
    )
    started = time.perf_counter()
    page.goto(served + "pedoman/kriteria/", wait_until="commit")
    page.wait_for_selector("article .lp-criterion", state="visible")
    elapsed = time.perf_counter() - started
    context.close()
    print(f"\nslow 3G (400 kbit/s, 400 ms): main text of the criteria page visible after {elapsed:.1f} s")
    assert elapsed < 4


# ------------------------------------------------------------------ offline copy


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    from conftest import build_site

    out = tmp_path_factory.mktemp("offline") / "site-offline"
    result = build_site(REPO, out, LPLPP_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return out


def test_offline_copy_works_from_files_with_the_network_cut(browser, offline_site, tmp_path):
    context = browser.new_context(offline=True)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_site / "index.html").as_uri())
    # the home page's "find my kabupaten/kota" box, from file:// with no network
    page.get_by_label("Langsung ke kabupaten/kota Anda").fill("53.71")
    page.get_by_role("button", name="Buka").click()
    page.wait_for_url("**/wilayah/53/71.html")
    page.goto((offline_site / "index.html").as_uri())
    # navigation: home -> regions -> province -> kabupaten/kota, by links as a reader would
    page.get_by_role("link", name="Cetak daftar periksa kabupaten/kota").click()
    page.get_by_role("link", name="Nusa Tenggara Timur").click()
    page.get_by_role("link", name="Kota Kupang", exact=True).first.click()
    assert page.locator("h1").inner_text().startswith("Kota Kupang")
    # printing
    pdf = tmp_path / "kupang.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    from conftest import pdf_pages

    assert "53.71" in "\n".join(pdf_pages(pdf))
    # search
    page.keyboard.press("/")
    page.keyboard.type("pengaduan")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # directory filter
    page.goto((offline_site / "lembaga" / "index.html").as_uri())
    page.get_by_label("Bidang").select_option("ekonomi")
    shown = page.eval_on_selector_all(
        "#daftar-lembaga tbody tr td[data-label=Bidang]", "c => c.map(x => x.textContent)"
    )
    assert shown and all("Ekonomi" in cell for cell in shown)
    assert page.locator(".lp-count strong").inner_text() == str(len(shown))
    context.close()
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
