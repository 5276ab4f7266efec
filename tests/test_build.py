"""The portal as built HTML: every page at its URL, data where readers look for it,
edit links to the YAML, and no request to another host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, Site, build_site, project_copy

from macros.content import load_content

CONTENT = load_content(REPO)


def test_every_page_exists_at_its_contract_url(site: Site):
    urls = [
        "",
        "pedoman/",
        "pedoman/standar-layanan/",
        "pedoman/kriteria/",
        "pedoman/tahapan/",
        "pedoman/tindak-lanjut/",
        "lembaga/",
        "program/",
        "wilayah/",
        "glosarium/",
        "tentang-data/",
    ]
    urls += [f"pedoman/layanan/{p.id}/" for p in CONTENT.guideline.products]
    urls += [f"lembaga/{i}/" for i in CONTENT.institutions]
    urls += [f"program/{p}/" for p in CONTENT.programs]
    urls += [f"wilayah/{p}/" for p in CONTENT.provinces]
    urls += [r.url for r in CONTENT.regencies.values()]
    missing = [u for u in urls if not site.exists(u)]
    assert not missing
    assert len([u for u in urls if u.startswith("wilayah/") and u.count("/") == 3]) == 514


def test_regency_page_names_the_region(site: Site):
    article = site.article("wilayah/53/71/")
    assert article.h1.get_text(strip=True).startswith("Kota Kupang")
    text = article.get_text(" ", strip=True)
    assert "53.71" in text and "Nusa Tenggara Timur" in text


def test_region_without_institutions_suggests_a_putaran(site: Site):
    text = site.article("wilayah/53/21/").get_text(" ", strip=True)
    assert "Kabupaten Malaka" in text and "Belum ada LP-LPP" in text and "Putaran" in text


def test_every_criterion_is_on_the_guideline_page_with_an_anchor(site: Site):
    article = site.article("pedoman/kriteria/")
    for criterion in CONTENT.guideline.criteria:
        section = article.find(id=criterion.id.lower())
        assert section is not None, criterion.id
        assert criterion.id in section.get_text() and criterion.question in section.get_text()


def test_service_standard_has_the_14_components(site: Site):
    for product in CONTENT.guideline.products:
        rows = site.article(f"pedoman/layanan/{product.id}/").select(".lp-standard tbody tr")
        assert len(rows) == 14
        assert [r.find_all("td")[1].get_text(strip=True) for r in rows] == [
            c.name for c in CONTENT.guideline.components
        ]


def test_followup_steps_have_anchors(site: Site):
    article = site.article("pedoman/tindak-lanjut/")
    assert all(article.find(id=s.id.lower()) for s in CONTENT.guideline.followups)


def test_each_institution_is_on_its_regency_and_province_pages(site: Site):
    for inst in CONTENT.institutions.values():
        link = f"lembaga/{inst.id}/"
        pages = [f"wilayah/{inst.province_code}/"]
        if len(inst.region_code) == 5:
            pages.append("wilayah/" + inst.region_code.replace(".", "/") + "/")
        for page in pages:
            hrefs = [a["href"] for a in site.article(page).find_all("a")]
            assert any(h.endswith(link) for h in hrefs) or f"{inst.name}" in site.article(page).get_text(), (
                inst.id,
                page,
            )
        assert inst.name in site.article("lembaga/").get_text()


def test_province_page_counts_institutions(site: Site):
    table = site.article("wilayah/53/").find("table")
    rows = {r.find_all("td")[0].get_text(strip=True): r for r in table.select("tbody tr")}
    assert len(rows) == 22
    assert rows["53.71"].find_all("td")[2].get_text(strip=True) == str(len(CONTENT.institutions_in("53.71")))


def test_institution_page_shows_source_and_verification(site: Site):
    text = site.article("lembaga/yagat/").get_text(" ", strip=True)
    assert "Sumber" in text and "Belum diverifikasi" in text and "Terakhir diperiksa" in text


@pytest.mark.parametrize(
    "url,source",
    [
        ("lembaga/yagat/", "edit/main/data/lembaga/yagat.yaml"),
        ("program/ekonomi-pendampingan/", "edit/main/data/program/ekonomi-pendampingan.yaml"),
        ("pedoman/kriteria/", "edit/main/guidelines/kriteria.yaml"),
        ("pedoman/layanan/konsultasi/", "edit/main/guidelines/standar-layanan.yaml"),
        ("glosarium/", "edit/main/guidelines/glosarium.yaml"),
        ("tentang-data/", "edit/main/docs/pages/tentang-data.md"),
    ],
)
def test_edit_links_open_the_file_to_change(site: Site, url, source):
    edit = site.soup(url).select_one('a[rel="edit"]')
    assert edit is not None and edit["href"].endswith(source)


def test_every_page_carries_the_draft_notice_with_version(site: Site):
    version = CONTENT.guideline.version
    for url in ["", "pedoman/kriteria/", "wilayah/53/71/", "lembaga/yagat/"]:
        banner = site.soup(url).select_one('[data-md-component="announce"]').get_text(" ", strip=True)
        assert f"Draf pedoman versi {version}" in banner


def test_abbreviations_are_explained(site: Site):
    abbr = site.article("lembaga/yagat/").find("abbr", string="KemenPPPA")
    assert abbr is not None and "Kementerian" in abbr["title"]
    assert site.article("").find("abbr", string="LP-LPP") is not None


# -------------------------------------------------------------- search


def test_search_index_has_guideline_institutions_programs_and_region_names(site: Site):
    import json

    docs = json.loads((site.out / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    assert "lembaga/yagat/" in locations and "program/ekonomi-pendampingan/" in locations
    assert all(f"pedoman/kriteria/#{c.id.lower()}-judul" in locations for c in CONTENT.guideline.criteria)
    kupang = [d for d in docs if d["location"] == "wilayah/53/71/"]
    assert kupang and "Kota Kupang" in kupang[0]["title"] and "53.71" in kupang[0]["text"]
    # the repeated body of region pages stays out of the index
    assert not any(d["location"].startswith("wilayah/53/71/#") for d in docs)


# -------------------------------------------------------------- privacy

FETCHING = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc=["']([^"']+)|"""
    r"""<link\b[^>]*\bhref=["']([^"']+)|url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)""",
    re.I,
)
JS_URL = re.compile(r"""https?://[\w.-]+[^\s"'`)]*""")
# Absolute URLs inside Material's scripts, and why none of them is fetched by this site.
JS_URLS_NEVER_FETCHED = {
    "https://api.github.com/": "repository facts, only for [data-md-component=source], which our theme removes",
    "https://unpkg.com/mermaid": "only for Mermaid diagrams, which the site has none of",
    "https://clipboardjs.com/": "licence comment",
    "http://lunrjs.com": "licence comment",
    "http://tartarus.org/": "licence comment",
    "https://bit.ly/": "source comment",
}


def test_no_third_party_requests_in_built_files(site: Site):
    # Scripts the pages load (Material ships lunr files for other languages that nothing loads).
    loaded_scripts = {
        site.out / "assets" / src.split("assets/", 1)[1]
        for src in re.findall(r'<script src="([^"]+)"', site.path("").read_text(encoding="utf-8"))
        if "assets/" in src
    }
    loaded_scripts |= set((site.out / "assets/javascripts/workers").glob("search.*.js"))
    assert any(p.name.startswith("bundle.") for p in loaded_scripts)
    offenders = []
    for path in site.out.rglob("*"):
        if path.suffix not in (".html", ".css") and path not in loaded_scripts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = str(path.relative_to(site.out))
        for match in FETCHING.finditer(text):
            url = next(g for g in match.groups() if g)
            tag = match.group(0)
            if "<link" in tag.lower() and re.search(r"rel=[\"']?(canonical|alternate|next|prev|edit)", tag, re.I):
                continue  # navigational links, never fetched
            if urlsplit(url).netloc and not url.startswith(("http://127.0.0.1", "http://localhost")):
                offenders.append((where, url))
        if path.suffix == ".js":
            offenders += [
                (where, url)
                for url in JS_URL.findall(text)
                if not any(url.startswith(known) for known in JS_URLS_NEVER_FETCHED)
            ]
        if path.suffix == ".html":
            assert 'class="mermaid"' not in text, where
            assert 'data-md-component="source"' not in text, where
    assert not offenders, offenders[:10]


@pytest.mark.build
def test_build_is_strict_and_fails_on_broken_data_with_the_check_message(tmp_path):
    root = project_copy(tmp_path / "proj")
    rel = "data/lembaga/yagat.yaml"
    (root / rel).write_text(
        (root / rel).read_text(encoding="utf-8").replace('wilayah: "53.71"', "wilayah: 53.10"), encoding="utf-8"
    )
    result = build_site(root, tmp_path / "out")
    assert result.returncode != 0
    line = next(n for n, t in enumerate((root / rel).read_text().splitlines(), 1) if t.startswith("wilayah:"))
    assert f"{rel}:{line}: wilayah:" in result.stderr and '"53.10"' in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.build
def test_open_data_written_alongside_the_pages_stops_the_build_when_it_fails(tmp_path):
    """The exports are written by a forked process while the pages render (macros.site.start_exports):
    its failure still stops the build, with its traceback."""
    root = project_copy(tmp_path / "proj")
    (root / "boom.py").write_text(
        "from macros import site\n"
        "def refuse(*args):\n    raise OSError('disk penuh (uji)')\n"
        "site.write_all = refuse\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - boom.py\n"), encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert result.returncode != 0
    assert "disk penuh (uji)" in result.stderr  # the traceback, from the process that wrote
    assert "Data terbuka (site/data/) gagal ditulis" in result.stdout  # mkdocs prints why it stopped


def test_pages_carry_no_template_indentation(site: Site):
    """The theme's indentation is dropped where its templates are read (macros.site.Unindented):
    10% of every page. Page text keeps its line breaks, so no two words run together."""
    for url in ("", "wilayah/53/71/", "lembaga/", "pedoman/kriteria/"):
        html = site.path(url).read_text(encoding="utf-8")
        outside_forms = re.sub(r"<(pre|textarea)\b.*?</\1>", "", html, flags=re.S)
        assert not re.search(r"\n[ \t]+<", outside_forms), url
    assert "Draf pedoman versi" in site.soup("").get_text(" ")


def test_theme_templates_have_no_text_whose_spaces_matter():
    """What Unindented relies on: no <pre> or <textarea> in Material's templates or ours."""
    import material

    folders = [Path(material.__file__).parent / "templates", REPO / "docs" / "theme"]
    templates = [t for folder in folders for t in folder.rglob("*.html")]
    assert len(templates) > 40
    assert [t for t in templates if re.search(r"<(pre|textarea)\b", t.read_text(encoding="utf-8"))] == []
