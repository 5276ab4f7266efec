"""The region list: complete, codes as text, every kabupaten/kota under its province."""

import csv
from pathlib import Path

import yaml
from conftest import REPO

from macros.content import load_content
from macros.regions import current_aliases, render


def test_38_provinces_and_514_unique_regencies_as_text():
    raw = yaml.safe_load((REPO / "data/wilayah.yaml").read_text(encoding="utf-8"))
    provinces = {p["kode"] for p in raw["provinsi"]}
    codes = [r["kode"] for r in raw["kabupaten_kota"]]
    assert len(raw["provinsi"]) == len(provinces) == 38
    assert len(codes) == len(set(codes)) == 514
    assert all(isinstance(c, str) for c in codes + list(provinces))
    assert all(r["provinsi"] in provinces and r["kode"].startswith(r["provinsi"] + ".") for r in raw["kabupaten_kota"])
    kinds = [r["jenis"] for r in raw["kabupaten_kota"]]
    assert (kinds.count("kabupaten"), kinds.count("kota")) == (416, 98)


def test_model_keeps_codes_and_order():
    content = load_content(REPO)
    ntt = content.provinces["53"]
    assert ntt.name == "Nusa Tenggara Timur" and ntt.abbreviation == "NTT"
    assert [r.code for r in ntt.regencies][:1] == ["53.01"] and len(ntt.regencies) == 22
    assert content.regencies["53.10"].name == "Kabupaten Manggarai"
    assert content.regencies["53.71"].url == "wilayah/53/71/"
    assert "ODbL" in content.region_source["lisensi"]


def test_the_file_is_what_the_regeneration_script_writes(tmp_path: Path):
    """Regenerate from CSV shaped like idn-area-data's and compare with the committed file."""
    raw = yaml.safe_load((REPO / "data/wilayah.yaml").read_text(encoding="utf-8"))
    (tmp_path / "provinces.csv").write_text(
        "code,name\n" + "".join(f"{p['kode']},{p['nama']}\n" for p in raw["provinsi"]), encoding="utf-8"
    )
    (tmp_path / "regencies.csv").write_text(
        "code,province_code,name\n"
        + "".join(f"{r['kode']},{r['provinsi']},{r['nama']}\n" for r in raw["kabupaten_kota"]),
        encoding="utf-8",
    )
    assert render(tmp_path, current_aliases()) == (REPO / "data/wilayah.yaml").read_text(encoding="utf-8")


def test_every_region_page_can_be_made_from_what_the_check_lets_through(tree):
    """A regency named without its kind, or a province without regencies, would break its page:
    the check refuses both, at their lines."""
    text = tree.read("data/wilayah.yaml")
    tree.replace("data/wilayah.yaml", 'nama: "Kota Kupang"', 'nama: "Kupang"')
    line = tree.read("data/wilayah.yaml").splitlines().index('    nama: "Kupang"') + 1
    assert any(
        i.startswith(f"data/wilayah.yaml:{line}: kabupaten_kota[") and "tidak diawali jenisnya" in i
        for i in tree.issues()
    )
    moved = text.replace('provinsi: "65"', 'provinsi: "64"').replace('kode: "65.0', 'kode: "64.8')
    tree.write("data/wilayah.yaml", moved.replace('kode: "65.71"', 'kode: "64.99"'))  # Kalimantan Utara emptied
    issues = tree.issues()
    assert any("provinsi '65' tidak mempunyai kabupaten/kota" in i for i in issues), issues[:3]


def test_an_alias_names_one_region_only(tree):
    """A short name that is already another region's name or alias is refused at its line."""
    tree.replace("data/wilayah.yaml", 'alias: ["TTU"]', 'alias: ["TTS"]')
    lines = tree.read("data/wilayah.yaml").splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text == '    alias: ["TTS"]')  # the second one
    issues = tree.issues()
    assert [i for i in issues if i.startswith(f"data/wilayah.yaml:{line}: kabupaten_kota[")] and all(
        "sudah menjadi nama atau alias wilayah 53.02" in i for i in issues
    ), issues
    tree.replace("data/wilayah.yaml", 'alias: ["TTS"]', 'alias: ["Sumba Timur"]')
    assert any("alias 'Sumba Timur' sudah menjadi" in i for i in tree.issues())


def test_place_names_file_is_checked_against_the_region_list(tree):
    tree.replace("data/wilayah-rinci.yaml", '"53.02":', '"53.99":')
    issues = tree.issues()
    assert any(
        i.startswith("data/wilayah-rinci.yaml:") and "'53.99' tidak ada di data/wilayah.yaml" in i for i in issues
    )


def test_place_names_file_is_what_the_regeneration_script_writes(tmp_path: Path):
    """Kecamatan and desa rows shaped like idn-area-data's give back the committed file."""
    from macros.model import PLACE_SEPARATOR
    from macros.regions import render_details

    raw = yaml.safe_load((REPO / "data/wilayah-rinci.yaml").read_text(encoding="utf-8"))
    with (
        open(tmp_path / "districts.csv", "w", newline="", encoding="utf-8") as d,
        open(tmp_path / "villages.csv", "w", newline="", encoding="utf-8") as v,
    ):
        districts, villages = csv.writer(d), csv.writer(v)
        districts.writerow(["code", "regency_code", "name"])
        villages.writerow(["code", "district_code", "name"])
        for code, names in raw["kabupaten_kota"].items():
            for n, name in enumerate(names.get("kecamatan", "").split(PLACE_SEPARATOR)):
                districts.writerow([f"{code}.{n:02d}", code, name])
            for n, name in enumerate(names.get("desa", "").split(PLACE_SEPARATOR)):
                villages.writerow([f"{code}.00.{n:04d}", f"{code}.00", name])
    assert render_details(tmp_path) == (REPO / "data/wilayah-rinci.yaml").read_text(encoding="utf-8")
