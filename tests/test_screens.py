"""Every kind of page as readers hold it: a 360 px phone and a 1366 px laptop. Nothing wider
than the screen, no table cut off in a scroll frame, no text running out of its cell, nothing
jumping after load, and every control big enough for a thumb (WCAG 2.2, 2.5.8: 24 x 24 px)."""

from __future__ import annotations

import pytest

# One page of each kind the portal has.
PAGE_KINDS = {
    "beranda": "",
    "pedoman": "pedoman/",
    "bab pedoman": "pedoman/kriteria/",
    "standar layanan": "pedoman/standar-layanan/",
    "produk layanan": "pedoman/layanan/informasi/",
    "perubahan": "pedoman/perubahan/",
    "buku pedoman": "pedoman/cetak/",
    "direktori": "lembaga/",
    "lembaga": "lembaga/rumah-perempuan-kupang/",
    "penilaian lembaga": "lembaga/rumah-perempuan-kupang/penilaian/",
    "daftar program": "program/",
    "program": "program/kesehatan-reproduksi/",
    "wilayah": "wilayah/",
    "provinsi": "wilayah/53/",
    "daftar periksa": "wilayah/53/71/",
    "bundel provinsi": "wilayah/53/cetak/",
    "glosarium": "glosarium/",
    "tentang data": "tentang-data/",
    "kemajuan": "kemajuan/",
    "404": "404.html",
}
SCREENS = {"ponsel": (360, 740), "laptop": (1366, 768)}

# Tables that are meant to scroll inside their own frame (.lp-frame: blank rows to write on)
# are skipped; every other table must fit the column it is in.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`page ${root.scrollWidth} px wide on ${root.clientWidth}`);
  for (const table of document.querySelectorAll("article table")) {
    if (table.closest(".lp-frame") || !table.getBoundingClientRect().width) continue;
    let frame = table.parentElement;
    while (frame && getComputedStyle(frame).overflowX === "visible") frame = frame.parentElement;
    const edge = (frame || root).getBoundingClientRect().right;
    if (table.getBoundingClientRect().right > edge + 1)
      problems.push(`table "${table.rows[0].textContent.slice(0, 40)}" cut at ${Math.round(edge)} px`);
  }
  for (const el of document.querySelectorAll("article :is(td, th, p, li, dt, dd, h1, h2, h3, label)")) {
    if (el.closest(".lp-frame") || !el.getBoundingClientRect().width) continue;
    if (getComputedStyle(el).overflowX === "visible" && el.scrollWidth > el.clientWidth + 1)
      problems.push(`"${el.textContent.trim().slice(0, 40)}" runs out of its ${el.tagName}`);
  }
  return problems;
}"""

SMALL_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll("article :is(input, button, select, a.md-button), .lp-find :is(input, button)")) {
    const box = el.getBoundingClientRect();
    if (!box.width) continue;
    const label = el.closest("label");
    const outer = label ? label.getBoundingClientRect() : box;
    const width = Math.max(box.width, outer.width), height = Math.max(box.height, outer.height);
    if (width < 24 || height < 24) small.push(`${el.outerHTML.slice(0, 60)} ${Math.round(width)}x${Math.round(height)}`);
  }
  return small;
}"""

# Layout shifts as Chromium reports them, from the first paint on.
RECORD_SHIFTS = """
window.__shifts = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture(scope="module", params=list(SCREENS))
def screen(request, browser):
    width, height = SCREENS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_fits_the_screen_and_no_text_overlaps(screen, served, kind):
    screen.goto(served + PAGE_KINDS[kind])
    assert screen.evaluate(LAYOUT_PROBLEMS) == []


@pytest.mark.parametrize("width", [480, 768, 1024, 1920])
def test_directory_and_checklist_fit_between_phone_and_wide_screen(browser, served, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for url in ("lembaga/", "wilayah/53/71/", "wilayah/"):
        page.goto(served + url)
        assert page.evaluate(LAYOUT_PROBLEMS) == [], url
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_controls_are_at_least_24_px(screen, served, kind):
    screen.goto(served + PAGE_KINDS[kind])
    assert screen.evaluate(SMALL_TARGETS) == []


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_nothing_jumps_after_load_on_a_slow_phone(browser, served, kind):
    """Layout shift <= 0.05 with the CPU slowed four times, as Lighthouse's mobile run does:
    scripts arrive late, so anything they show or move shifts the page."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(RECORD_SHIFTS)
    page.goto(served + PAGE_KINDS[kind], wait_until="load")
    page.wait_for_timeout(800)
    shift = page.evaluate("window.__shifts")
    context.close()
    assert shift <= 0.05


def test_directory_rows_are_cards_on_a_phone(screen, served):
    screen.goto(served + "lembaga/")
    first = screen.locator("#daftar-lembaga tbody tr").first
    if screen.viewport_size["width"] > 700:
        assert first.evaluate("tr => getComputedStyle(tr).display") == "table-row"
        return
    # one card: the name on top, then each value under the name of its column
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    labels = first.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"Wilayah: "', '"Jenis: "', '"Bidang: "', '"Status: "', '"Verifikasi: "']


def test_checklist_answers_sit_beside_their_names_on_a_phone(screen, served):
    screen.goto(served + "wilayah/53/71/")
    row = screen.locator(".lp-criteria tbody tr:not(.lp-aspect-row)").first
    boxes = row.locator("input")
    assert boxes.count() == 3
    tops = [round(boxes.nth(i).bounding_box()["y"]) for i in range(3)]
    if screen.viewport_size["width"] < 700:
        assert len(set(tops)) == 1  # Ya, Sebagian, Belum on one line under the question
        words = row.locator(".lp-box label")
        assert words.all_inner_texts() == ["Ya", "Sebagian", "Belum"]
        words.nth(2).scroll_into_view_if_needed()
        word = words.nth(2).bounding_box()  # the word is part of the target
        screen.mouse.click(word["x"] + word["width"] - 8, word["y"] + word["height"] / 2)
        assert boxes.nth(2).is_checked()


def test_one_answer_per_criterion_and_per_kabupaten(page, served):
    page.goto(served + "wilayah/53/cetak/")
    # the first institution's block of the first two checklists
    first, second = (page.locator(".lp-sheet").nth(n).locator("form.lp-block").first for n in (0, 1))
    first.get_by_role("radio", name="LEG-01 ya").check()
    second.get_by_role("radio", name="LEG-01 belum").check()
    first.get_by_role("radio", name="LEG-01 sebagian").check()
    assert not first.get_by_role("radio", name="LEG-01 ya").is_checked()  # one answer
    assert second.get_by_role("radio", name="LEG-01 belum").is_checked()  # the other district keeps its own


# ------------------------------------------------------------------ find my kabupaten/kota


@pytest.mark.parametrize("start", ["", "wilayah/"])
@pytest.mark.parametrize("typed", ["53.71", "5371", "kota kupang", "Kota Kupang (53.71)"])
def test_find_my_kabupaten_goes_straight_to_its_checklist(page, served, start, typed):
    page.goto(served + start)
    page.get_by_label("Langsung ke kabupaten/kota Anda").fill(typed)
    page.get_by_role("button", name="Buka").click()
    page.wait_for_url("**/wilayah/53/71/")
    assert page.locator("h1").inner_text().startswith("Kota Kupang")


def test_find_lists_every_match_and_says_when_nothing_fits(page, served):
    page.route("**/search/search_index.json", lambda route: route.abort())  # works without the index
    page.goto(served)
    box = page.get_by_label("Langsung ke kabupaten/kota Anda")
    box.fill("kupang")
    page.get_by_role("button", name="Buka").click()
    found = page.locator(".lp-find-result a").all_inner_texts()
    assert found == ["Kabupaten Kupang (53.01)", "Kota Kupang (53.71)"]
    box.fill("zzz")
    page.get_by_role("button", name="Buka").click()
    page.get_by_text("Tidak ada kabupaten/kota").wait_for()  # after the place-name file said no


def test_missing_page_speaks_indonesian_and_offers_ways_on(page, served):
    response = page.goto(served + "404.html")
    assert response.ok
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert "Not found" not in page.content()
    links = page.locator("article a").all_inner_texts()
    assert "Kembali ke beranda" in links and "Daftar periksa kabupaten/kota Anda" in links
    page.get_by_role("link", name="Kembali ke beranda").click()
    assert page.locator("h1").inner_text().startswith("Portal Pedoman LP-LPP")


def test_no_english_landmark_names(site):
    for url in ("", "wilayah/53/71/", "404.html"):
        names = {tag.get("aria-label") for tag in site.soup(url).find_all(attrs={"aria-label": True})}
        assert not names & {"Header", "Footer", "Tabs", "Navigation", "Search", "Clear"}, (url, names)


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_id_on_a_page_is_unique(site, kind):
    """Duplicate IDs send a # link (or a PDF's contents) to the wrong place."""
    ids = [tag["id"] for tag in site.soup(PAGE_KINDS[kind]).find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_a_town_name_finds_its_kabupaten(page, served):
    """Soe is the town people name for Kabupaten Timor Tengah Selatan: the box looks it up in
    the search's place-name file, fetched only then."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(served)
    assert not [u for u in fetched if "wilayah-alias" in u]
    page.get_by_label("Langsung ke kabupaten/kota Anda").fill("Soe")
    page.get_by_role("button", name="Buka").click()
    first = page.locator(".lp-find-result a").first
    first.wait_for()
    assert first.inner_text().startswith("Kabupaten Timor Tengah Selatan (53.02)")
    assert "kecamatan Kota Soe" in first.inner_text()
    first.click()
    page.wait_for_url("**/wilayah/53/02/")
