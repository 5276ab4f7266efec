"""The directory: filtered in the browser, trusted (sources, staleness, confidential
locations), and reusable as open data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from conftest import REPO, Site, build_site, lplpp, project_copy

from macros.content import load_content
from macros.export import DIRECTORY_COLUMNS, FILES, REGION_COLUMNS, directory_records, from_csv, region_records
from macros.pages import published_address

CONTENT = load_content(REPO)


def visible_names(page) -> list[str]:
    return page.eval_on_selector_all(
        "#daftar-lembaga tbody tr td:first-child", "cells => cells.map(c => c.textContent.trim())"
    )


def test_filter_by_province_and_field(page, served):
    expected = sorted(
        i.name
        for i in CONTENT.institutions.values()
        if any(code.startswith("53") for code in i.region_codes) and "ekonomi" in i.fields
    )
    assert expected  # the real data has NTT institutions in ekonomi
    page.goto(served + "lembaga/")
    page.get_by_label("Provinsi").select_option("53")
    page.get_by_label("Bidang").select_option("ekonomi")
    assert sorted(visible_names(page)) == expected
    assert page.locator(".lp-count strong").inner_text() == str(len(expected))
    assert "provinsi=53" in page.url and "bidang=ekonomi" in page.url
    page.reload()  # the URL carries the filter
    assert sorted(visible_names(page)) == expected
    assert page.get_by_label("Provinsi").input_value() == "53"


def test_text_search_on_name_and_acronym(page, served):
    page.goto(served + "lembaga/")
    page.get_by_label("Cari nama atau singkatan").fill("yagat")
    assert visible_names(page) == ["Yayasan Gerbang Alam Timur"]
    page.get_by_role("button", name="Hapus saringan").click()
    page.wait_for_function(
        f"document.querySelectorAll('#daftar-lembaga tbody tr').length === {len(CONTENT.institutions)}"
    )
    assert len(visible_names(page)) == len(CONTENT.institutions)


def test_regency_choices_follow_the_province(page, served):
    page.goto(served + "lembaga/?provinsi=53")
    offered = page.eval_on_selector_all('select[name="kabupaten"] option:not([hidden])', "o => o.map(x => x.value)")
    assert offered[0] == "" and all(code.startswith("53.") for code in offered[1:])


def test_show_all_button_appears_only_when_rows_are_held_back(page, served):
    page.goto(served + "lembaga/")
    assert len(CONTENT.institutions) <= 100  # all rows fit on the first screenful
    assert not page.get_by_role("button", name="Tampilkan semua").is_visible()


def test_another_province_drops_the_chosen_kabupaten(page, served):
    kupang = [i.name for i in CONTENT.institutions.values() if "53.71" in i.region_codes]
    page.goto(served + "lembaga/?kabupaten=53.71")
    assert sorted(visible_names(page)) == sorted(kupang)
    other = next(i for i in CONTENT.institutions.values() if not i.province_code.startswith("53"))
    page.get_by_label("Provinsi").select_option(other.province_code)
    assert page.get_by_label("Kabupaten/kota").input_value() == ""
    assert "kabupaten=" not in page.url
    assert other.name in visible_names(page)


def test_no_match_is_said_in_words(page, served):
    page.goto(served + "lembaga/")
    page.get_by_label("Cari nama atau singkatan").fill("zzzz tidak ada")
    assert visible_names(page) == []
    assert "tidak ada yang cocok" in page.locator(".lp-count").inner_text()
    page.get_by_label("Cari nama atau singkatan").fill("")
    assert "tidak ada yang cocok" not in page.locator(".lp-count").inner_text()


def test_without_javascript_the_full_list_shows(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "lembaga/?provinsi=53&bidang=ekonomi")
    assert len(visible_names(page)) == len(CONTENT.institutions)
    assert not page.locator(".lp-filter").is_visible()
    context.close()


# ------------------------------------------------------------------ open data


def test_csv_and_json_round_trip_with_codes_as_text(tmp_path):
    root = project_copy(tmp_path / "proj")
    (root / "data/lembaga/uji-manggarai.yaml").write_text(
        yaml.safe_dump(
            {
                "id": "uji-manggarai",
                "nama": 'Perkumpulan Uji, "Manggarai"; baris\nkedua',
                "jenis": "perkumpulan",
                "wilayah": "53.10",
                "keterangan": "Uji ekspor.",
                "bidang": ["ekonomi"],
                "produk_layanan": ["pelatihan"],
                "standardisasi": {"status": "terstandar", "tahun": 2025},
                "sumber": [{"keterangan": "Uji"}],
                "verifikasi": {"status": "sebagian", "tanggal": "2026-01-02"},
                "kontak": {"telepon": "0385 21000"},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "ekspor"
    result = lplpp("export", "--root", root, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    model = load_content(root)
    expected = directory_records(model, published_address(root))  # mkdocs.yml extra.alamat_publik
    assert from_csv((out / "lembaga.csv").read_text(encoding="utf-8"), DIRECTORY_COLUMNS) == expected
    assert json.loads((out / "lembaga.json").read_text(encoding="utf-8"))["lembaga"] == expected
    row = next(r for r in expected if r["id"] == "uji-manggarai")
    assert (
        row["kode_kabupaten_kota"] == "53.10" and row["telepon"] == "0385 21000" and row["tahun_standardisasi"] == 2025
    )
    regions = from_csv((out / "wilayah.csv").read_text(encoding="utf-8"), REGION_COLUMNS)
    assert regions == region_records(model) and len(regions) == 38 + 514
    assert all(isinstance(r["kode"], str) for r in regions) and {"53.10", "53.71"} <= {r["kode"] for r in regions}
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    assert fields == [c.name for c in DIRECTORY_COLUMNS] and package["licenses"][0]["name"] == "ODbL-1.0"


def test_tentang_data_links_and_describes_every_export(site: Site):
    article = site.article("tentang-data/")
    hrefs = {a["href"] for a in article.find_all("a", href=True)}
    for name in FILES:  # every open-data file and spreadsheet template, linked and there
        assert f"../data/{name}" in hrefs and (site.out / "data" / name).is_file(), name
    codes = {c.get_text() for c in article.find_all("code")}
    assert {c.name for c in DIRECTORY_COLUMNS + REGION_COLUMNS} <= codes


# ------------------------------------------------------------------ trust

SECRET_ADDRESS = "Jalan Mawar Tersembunyi Nomor 77"
SECRET_POINT = (-10.1234567, 123.7654321)


@pytest.fixture(scope="module")
def trust_site(tmp_path_factory) -> Site:
    root = project_copy(tmp_path_factory.mktemp("proj"))
    base = {
        "jenis": "perkumpulan",
        "keterangan": "Uji.",
        "bidang": ["hukum"],
        "produk_layanan": ["konsultasi"],
        "standardisasi": {"status": "belum"},
        "sumber": [{"keterangan": "Uji"}],
    }
    records = {
        "rumah-aman-uji": {
            **base,
            "nama": "Rumah Aman Uji",
            "wilayah": "53.71",
            "lokasi_rahasia": True,
            "verifikasi": {"status": "terverifikasi", "tanggal": dt.date.today().isoformat()},
        },
        "lama-uji": {
            **base,
            "nama": "Lembaga Lama Uji",
            "wilayah": "53.05",
            "verifikasi": {"status": "terverifikasi", "tanggal": "2024-01-15"},
        },
    }
    for ident, record in records.items():
        (root / f"data/lembaga/{ident}.yaml").write_text(
            yaml.safe_dump({"id": ident, **record}, allow_unicode=True), encoding="utf-8"
        )
    out = root / "site"
    result = build_site(root, out)
    assert result.returncode == 0, result.stderr
    assert lplpp("export", "--root", root, "--out", out / "cli-ekspor").returncode == 0
    return Site(out)


def test_confidential_location_is_never_stored(tree):
    """The edit buttons lead to the YAML on GitHub and Git keeps it forever: a protected
    address must not enter the repository at all, so the check (and the build) refuse it."""
    record = yaml.safe_load((REPO / "data/lembaga/yao.yaml").read_text(encoding="utf-8"))
    record.update(
        lokasi_rahasia=True, alamat=SECRET_ADDRESS, koordinat={"lintang": SECRET_POINT[0], "bujur": SECRET_POINT[1]}
    )
    tree.write("data/lembaga/yao.yaml", yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    lines = tree.read("data/lembaga/yao.yaml").splitlines()
    issues = tree.issues()
    for key in ("alamat", "koordinat"):
        line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:"))
        assert [
            i for i in issues if i.startswith(f"data/lembaga/yao.yaml:{line}: {key}: lokasinya dirahasiakan")
        ], issues
    assert len(issues) == 2


def test_confidential_location_page_says_so(trust_site: Site):
    text = trust_site.article("lembaga/rumah-aman-uji/").get_text(" ", strip=True)
    assert "dirahasiakan" in text and "Rumah Aman Uji" in text


def test_stale_records_are_marked_and_listed_on_their_province_page(trust_site: Site):
    text = trust_site.article("lembaga/lama-uji/").get_text(" ", strip=True)
    assert "perlu verifikasi ulang" in text
    province = trust_site.article("wilayah/53/")
    section = province.find(id="verifikasi-ulang")
    listed = section.find_next("table").get_text(" ", strip=True)
    assert "Lembaga Lama Uji" in listed and "15 Januari 2024" in listed and "Rumah Aman Uji" not in listed
    assert "perlu verifikasi ulang" not in trust_site.article("lembaga/rumah-aman-uji/").get_text()


@pytest.mark.parametrize(
    "checked,today,stale",
    [
        ("2025-11-28", "2026-11-28", False),
        ("2025-11-27", "2026-11-28", True),
        ("2025-12-31", "2026-11-28", False),
        ("2024-01-15", "2026-11-28", True),
    ],
)
def test_reverification_after_twelve_months(checked, today, stale):
    inst = next(iter(CONTENT.institutions.values()))
    inst = type(inst)(**{**inst.__dict__, "verified_on": dt.date.fromisoformat(checked)})
    assert inst.needs_reverification(dt.date.fromisoformat(today), 12) is stale
