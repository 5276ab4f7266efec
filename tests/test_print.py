"""Printing is the product: checklists as PDF from a real headless Chromium."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, build_site, lplpp, pdf_page_size_mm, pdf_pages, project_copy

from macros.content import load_content
from macros.pdf import print_pdf

CONTENT = load_content(REPO)
GUIDE = CONTENT.guideline
KUPANG = "wilayah/53/71/"


@pytest.fixture(scope="module")
def kupang_pdf(browser, served, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "kupang.pdf"
    page = browser.new_page()
    print_pdf(page, served, KUPANG, "a4", path)
    page.close()
    return path


def test_kupang_checklist_pdf_holds_what_the_dinas_needs(kupang_pdf):
    text = "\n".join(pdf_pages(kupang_pdf))
    for expected in [
        "Kota Kupang",
        "53.71",
        "Nusa Tenggara Timur",
        f"versi {GUIDE.version}",
        GUIDE.criteria[0].id,
        GUIDE.criteria[-1].id,
        GUIDE.followups[0].id,
        GUIDE.followups[-1].id,
        "Yayasan Gerbang Alam Timur",
        "Pengesahan",
        "/wilayah/53/71/",
    ]:
        assert expected in text, expected


def test_paper_shows_only_the_checklist(kupang_pdf):
    text = "\n".join(pdf_pages(kupang_pdf))
    for chrome in [
        "Beranda",
        "Glosarium",
        "Tentang data",
        "Cari",
        "Ganti ke mode",
        "Ukuran kertas",
        "Kembali ke atas",
        "Draf pedoman versi",
        "kemenpppa/portal-lplpp",  # the repository link in the header
        "Wilayah ›",
    ]:
        assert chrome not in text, chrome


def test_every_sheet_names_the_region_and_counts_pages(kupang_pdf):
    pages = pdf_pages(kupang_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "Kota Kupang · 53.71" in text
        assert f"Halaman {number} dari {len(pages)}" in text


def test_a4_is_the_default(kupang_pdf):
    assert pdf_page_size_mm(kupang_pdf) == (210, 297)


def test_f4_is_one_click_away(page, served, tmp_path):
    page.goto(served + KUPANG)
    page.get_by_label("F4 (215 × 330 mm)").check()
    path = tmp_path / "f4.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    assert pdf_page_size_mm(path) == (215, 330)
    page.reload()  # the choice is remembered on this computer
    assert page.get_by_label("F4 (215 × 330 mm)").is_checked()


def test_dark_mode_prints_black_on_white(page, served):
    page.emulate_media(color_scheme="dark")
    page.goto(served + KUPANG)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => {
        const sheet = document.querySelector('.lp-sheet');
        return [getComputedStyle(document.body).backgroundColor, getComputedStyle(sheet).color];
    }""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]


def test_boxes_print_as_empty_squares_and_rows_stay_whole(page, served):
    page.goto(served + KUPANG)
    page.emulate_media(media="print")
    box, row, head = page.evaluate("""() => {
        const b = getComputedStyle(document.querySelector('.lp-criteria input[type=radio]'));
        const r = getComputedStyle(document.querySelector('.lp-criteria tbody tr'));
        const h = getComputedStyle(document.querySelector('.lp-criteria thead'));
        return [[b.width, b.height, b.borderTopStyle, b.backgroundColor, b.borderRadius],
                r.breakInside, h.display];
    }""")
    assert box[0] == box[1] and box[2] == "solid" and box[3] == "rgb(255, 255, 255)"
    assert row == "avoid" and head == "table-header-group"


def test_province_bundle_starts_each_region_on_a_new_sheet(browser, served, tmp_path):
    path = tmp_path / "ntt.pdf"
    page = browser.new_page()
    print_pdf(page, served, "wilayah/53/cetak/", "a4", path)
    page.close()
    pages = pdf_pages(path)
    ntt = CONTENT.provinces["53"].regencies
    assert len(ntt) == 22
    first_sheets = [p for p in pages if "Daftar periksa tindak lanjut standardisasi LP-LPP" in p]
    assert len(first_sheets) == 22
    for regency, sheet in zip(ntt, first_sheets, strict=False):
        # The sheet begins with this region's margin header, and its header names it.
        assert sheet.lstrip().startswith(f"{regency.name} · {regency.code}"), sheet[:80]
        assert re.search(rf"Kabupaten/kota\s+{re.escape(regency.name)}(\n|\s{{2}})", sheet), sheet[:300]
    assert all("Halaman" in p for p in pages)


def test_region_without_institutions_suggests_putaran_on_paper(browser, served, tmp_path):
    path = tmp_path / "malaka.pdf"
    page = browser.new_page()
    print_pdf(page, served, "wilayah/53/21/", "a4", path)
    page.close()
    text = " ".join(" ".join(pdf_pages(path)).split())
    assert "Belum ada LP-LPP yang tercatat di Kabupaten Malaka" in text and "Putaran" in text


@pytest.mark.build
def test_one_edit_changes_every_checklist(tmp_path):
    root = project_copy(tmp_path / "proj")
    old = GUIDE.criteria[0].question
    new = "Apakah lembaga mempunyai dasar hukum pembentukan yang sah (teks uji satu suntingan)?"
    path = root / "guidelines/kriteria.yaml"
    text = path.read_text(encoding="utf-8")
    first_line = old.split()[0:4]
    assert " ".join(first_line) in text
    data = text.replace(_yaml_folded_block(text, GUIDE.criteria[0].id), f'    pertanyaan: "{new}"\n', 1)
    path.write_text(data, encoding="utf-8")
    _raise_version(root)  # a released version's criteria are never edited in place
    result = build_site(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for regency in CONTENT.regencies.values():
        html = (tmp_path / "out" / regency.url / "index.html").read_text(encoding="utf-8")
        assert new in html and old not in html, regency.code


def _raise_version(root) -> None:
    pedoman = root / "guidelines/pedoman.yaml"
    text = pedoman.read_text(encoding="utf-8")
    pedoman.write_text(text.replace(f'versi: "{GUIDE.version}"', 'versi: "99.0.0"', 1), encoding="utf-8")


def _yaml_folded_block(text: str, criterion_id: str) -> str:
    """The `pertanyaan:` lines of one criterion in kriteria.yaml, as written."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {criterion_id}")
    q = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("pertanyaan:"))
    end = q + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    return "".join(lines[q:end])


@pytest.mark.browser
def test_pdf_command_names_files_by_code_and_shows_progress(site, tmp_path):
    result = lplpp("pdf", "--wilayah", "53.71", "--kertas", "f4", "--site", site.out, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1/1 selesai" in result.stderr
    assert pdf_page_size_mm(tmp_path / "53.71-kota-kupang-f4.pdf") == (215, 330)


def test_pdf_command_refuses_unknown_regions():
    result = lplpp("pdf", "--wilayah", "53.72")
    assert result.returncode == 2 and "53.72" in result.stderr and "53.7" in result.stderr


# ------------------------------------------------------------------ sheets as they come out of the printer

WORDS_OF_MARGINS = 12  # region header, address and "Halaman n dari m" on every sheet


def _print(browser, served, url, paper, path, dark=False, background=True):
    context = browser.new_context(color_scheme="dark" if dark else "light")
    page = context.new_page()
    page.goto(f"{served}{url}?kertas={paper}", wait_until="load")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=background)
    context.close()
    return pdf_pages(path)


@pytest.mark.parametrize("url,a4_sheets", [(KUPANG, 9), ("wilayah/53/21/", 4)])
def test_f4_takes_fewer_sheets_and_no_sheet_is_nearly_empty(browser, served, tmp_path, url, a4_sheets):
    """Kupang (two institutions, three self-assessment blocks) is long enough for F4's extra 33 mm
    to save a sheet; a checklist without institutions fits four sheets on either paper."""
    a4 = _print(browser, served, url, "a4", tmp_path / "a4.pdf")
    f4 = _print(browser, served, url, "f4", tmp_path / "f4.pdf")
    assert len(a4) <= a4_sheets
    assert len(f4) < len(a4) if len(a4) > 4 else len(f4) <= len(a4)
    for sheets in (a4, f4):
        words = [len(sheet.split()) - WORDS_OF_MARGINS for sheet in sheets]
        # nothing like a sheet with only the sign-off, the QR code or one row
        assert min(words) >= 60, words
        assert "Pengesahan" in sheets[-1] and "Nama:" in sheets[-1]


@pytest.mark.parametrize("url", ["lembaga/yao/", "tentang-data/", "wilayah/"])
def test_no_sheet_comes_out_blank(browser, served, tmp_path, url):
    """A page shorter than a sheet printed a second sheet with only its page number on it."""
    for paper in ("a4", "f4"):
        sheets = _print(browser, served, url, paper, tmp_path / f"{paper}.pdf")
        assert all(len(re.sub(r"Halaman \d+ dari \d+", "", sheet).split()) > 5 for sheet in sheets), (paper, sheets)


def test_an_aspect_heading_never_ends_a_sheet(browser, served, tmp_path):
    aspects = [f"{a.id} · {a.name}" for a in GUIDE.aspects]
    for paper in ("a4", "f4"):
        for sheet in _print(browser, served, KUPANG, paper, tmp_path / f"{paper}.pdf")[:-1]:
            body = [line.strip() for line in sheet.splitlines() if line.strip()][:-1]  # without "Halaman"
            assert not any(body[-1].startswith(name[:25]) for name in aspects), body[-3:]


def _darkest_and_corner(pdf, tmp_path):
    """Grey levels (0 black .. 255 white) of the first sheet's top margin, where the region
    header is printed: the darkest pixel, and the top-left corner of the paper."""
    import subprocess

    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-gray", str(pdf), str(tmp_path / "s")], check=True)
    image = next(tmp_path.glob("s*.pgm")).read_bytes()
    magic, width, height, _ = image.split(maxsplit=4)[:4]
    assert magic == b"P5"
    width, height = int(width), int(height)
    pixels = image[-width * height :]
    margin = pixels[: width * height * 12 // 297]  # the top 12 mm of the sheet
    return min(margin), pixels[0]


@pytest.mark.parametrize("background", [True, False], ids=["dengan-latar", "tanpa-latar"])
def test_dark_mode_prints_a_black_header_on_white_paper(browser, served, tmp_path, background):
    path = tmp_path / "gelap.pdf"
    _print(browser, served, KUPANG, "a4", path, dark=True, background=background)
    darkest, corner = _darkest_and_corner(path, tmp_path)
    assert corner == 255  # white margins, not black ones
    assert darkest < 80  # the region's name in black, not light grey


def test_booklet_contents_carry_the_sheet_of_each_chapter(browser, served, tmp_path):
    page = browser.new_page()
    print_pdf(page, served, "pedoman/cetak/", "a4", tmp_path / "pedoman.pdf")  # as `lplpp pdf --pedoman`
    page.close()
    sheets = pdf_pages(tmp_path / "pedoman.pdf")
    contents = next(s for s in sheets if "Daftar isi" in s)
    for title in ["Pendahuluan", "Standar layanan", "Kriteria kelembagaan", "Glosarium"]:
        listed = re.search(rf"{re.escape(title)}\s+(\d+)\s*$", contents, re.M)
        assert listed, title
        # the chapter heading is on the sheet the contents name
        chapter = sheets[int(listed[1]) - 1]
        assert re.search(rf"^\s*\d\. {re.escape(title)}\s*$", chapter, re.M), (title, chapter[:200])
