"""The guideline as a printed booklet, and program templates as planning worksheets."""

from __future__ import annotations

import pytest
from conftest import REPO, Site, build_site, pdf_page_size_mm, pdf_pages, project_copy

from macros.content import load_content
from macros.pdf import print_pdf

CONTENT = load_content(REPO)
GUIDE = CONTENT.guideline
CHAPTERS = [
    "Pendahuluan",
    "Standar layanan",
    "Kriteria kelembagaan",
    "Tahapan standardisasi",
    "Tindak lanjut pasca-Bimtek",
    "Glosarium",
]


@pytest.fixture(scope="module")
def booklet(browser, served, tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("pdf") / "pedoman.pdf"
    page = browser.new_page()
    print_pdf(page, served, "pedoman/cetak/", "a4", path)
    page.close()
    assert pdf_page_size_mm(path) == (210, 297)
    return pdf_pages(path)


def test_booklet_holds_every_chapter_in_order_each_on_a_new_sheet(booklet):
    starts = []
    for number, title in enumerate(CHAPTERS, 1):
        heading = f"{number}. {title}"
        sheets = [i for i, text in enumerate(booklet) if heading in text]
        assert sheets, heading
        # the chapter heading is the first thing under the sheet's margin header
        lines = [line.strip() for line in booklet[sheets[-1]].splitlines() if line.strip()]
        assert lines[1] == heading, lines[:3]  # right under the sheet's margin header
        starts.append(sheets[-1])
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_booklet_holds_every_criterion_and_step_id_in_order(booklet):
    text = "\n".join(booklet)
    chapter = text.index("3. Kriteria kelembagaan", text.index("Daftar isi") + 200)
    positions = [text.index(c.id, chapter) for c in GUIDE.criteria]
    assert positions == sorted(positions)
    assert all(s.id in text for s in GUIDE.followups)


def test_version_on_first_and_last_sheet_and_no_site_navigation(booklet):
    stamp = f"versi {GUIDE.version}"
    assert stamp in booklet[0] and stamp in booklet[-1]
    assert all(stamp in sheet for sheet in booklet)
    assert GUIDE.title.split("(")[0].strip()[:40] in " ".join(booklet[0].split())
    text = "\n".join(booklet)
    for chrome in [
        "Beranda",
        "Tentang data",
        "Ganti ke mode",
        "Ukuran kertas",
        "Kembali ke atas",
        "kemenpppa/portal-lplpp",
    ]:
        assert chrome not in text, chrome
    assert f"Halaman {len(booklet)} dari {len(booklet)}" in booklet[-1]


@pytest.mark.parametrize("program_id", list(CONTENT.programs))
def test_program_worksheet_fits_two_a4_sheets_with_blank_planning_fields(browser, served, tmp_path, program_id):
    path = tmp_path / f"{program_id}.pdf"
    page = browser.new_page()
    print_pdf(page, served, f"program/{program_id}/", "a4", path)
    page.close()
    sheets = pdf_pages(path)
    assert 1 <= len(sheets) <= 2
    text = " ".join(" ".join(sheets).split())
    assert CONTENT.programs[program_id].name[:30] in text
    for field in [
        "Lokasi",
        "Periode pelaksanaan",
        "Mitra",
        "Sumber anggaran",
        "Sasaran penerima manfaat",
        "Penanggung jawab",
    ]:
        assert field in text, field
    assert "Lembaga yang menjalankan" not in text and "Beranda" not in text


def test_guideline_pages_link_to_the_booklet(site: Site):
    for url in ("", "pedoman/"):
        hrefs = [a["href"] for a in site.article(url).find_all("a", href=True)]
        assert any(h.rstrip("/").endswith("cetak") for h in hrefs), url


@pytest.mark.browser
@pytest.mark.build
def test_build_option_ships_the_pdfs(tmp_path):
    root = project_copy(tmp_path / "proj")
    # one small province, so the test prints 2 x (booklet, worksheets, bundle, 6 checklists)
    result = build_site(root, tmp_path / "site", LPLPP_PDF="31")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    shipped = tmp_path / "site" / "unduh"
    assert (shipped / f"pedoman-{GUIDE.version}.pdf").stat().st_size > 10_000
    assert (shipped / f"pedoman-{GUIDE.version}-f4.pdf").is_file()
    assert {p.name for p in shipped.glob("program-*[!4].pdf")} == {f"program-{p}.pdf" for p in CONTENT.programs}
    jakarta = CONTENT.provinces["31"]
    expected = {f"{r.code}-" for r in jakarta.regencies} | {"31-"}
    assert {p.name.split("-")[0] + "-" for p in shipped.glob("31*.pdf")} == expected
    # every page that has a PDF links both papers, and every link leads to a file
    for url in (
        "pedoman/cetak/",
        "wilayah/31/",
        "wilayah/31/cetak/",
        jakarta.regencies[0].url,
        "program/" + next(iter(CONTENT.programs)) + "/",
    ):
        links = [a["href"] for a in site.article(url).select(".lp-downloads a")]
        assert len(links) == 2, url
        for href in links:
            assert (site.path(url).parent / href).resolve().is_file(), (url, href)
    # provinces not shipped offer no link that would lead nowhere
    assert not site.article("wilayah/53/71/").select(".lp-downloads")


def test_printed_addresses_are_the_published_one(site: Site):
    from macros.pages import bare_address, published_address

    address = published_address(REPO)
    assert "127.0.0.1" not in address and "localhost" not in address
    sheet = site.article("wilayah/53/71/").select_one(".lp-sheet-qr").get_text(" ", strip=True)
    # paper carries the address without its https:// (printed addresses are typed by hand)
    assert bare_address(address + "wilayah/53/71/") in sheet.replace(" ", "")


@pytest.mark.build
@pytest.mark.parametrize("packaging", [{"LPLPP_OFFLINE": "true"}, {"LPLPP_CETAK": "1"}, {"LPLPP_PDF": "31"}])
def test_copies_that_travel_refuse_a_local_address(tmp_path, packaging):
    root = project_copy(tmp_path / "proj")
    result = build_site(root, tmp_path / "site", ALAMAT_PUBLIK="http://127.0.0.1:8000/", **packaging)
    assert result.returncode != 0
    message = result.stdout + result.stderr  # mkdocs prints an Abort on stdout
    assert "alamat_publik" in message and "127.0.0.1" in message
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("http://127.0.0.1:8000/", True),
        ("http://localhost./", True),
        ("http://0.0.0.0/", True),
        ("http://[::ffff:127.0.0.1]/", True),
        ("http://2130706433/", True),
        ("http://[::1]/", True),
        ("https://kemenpppa.github.io/portal-lplpp/", False),
    ],
)
def test_local_addresses_are_recognised(address, local):
    from macros.pages import local_address

    assert local_address(address) is local


@pytest.mark.build
@pytest.mark.parametrize("address", ["javascript:alert(1)//", "/portal/", "https://contoh.go.id/tanpa-garis-miring"])
def test_a_published_address_that_is_not_a_web_address_stops_every_build(tmp_path, address):
    root = project_copy(tmp_path / "proj")
    result = build_site(root, tmp_path / "site", ALAMAT_PUBLIK=address)
    assert result.returncode != 0 and "alamat_publik" in result.stdout + result.stderr
