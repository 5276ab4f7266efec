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
        "portal-lplpp",
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
        const b = getComputedStyle(document.querySelector('.lp-criteria input[type=checkbox]'));
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
        assert re.search(rf"Kabupaten/kota\s+{re.escape(regency.name)}\n", sheet), sheet[:300]
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
