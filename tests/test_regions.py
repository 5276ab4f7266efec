"""The region list: complete, codes as text, every kabupaten/kota under its province."""

from pathlib import Path

import yaml
from conftest import REPO

from macros.content import load_content
from macros.regions import render


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
    assert render(tmp_path) == (REPO / "data/wilayah.yaml").read_text(encoding="utf-8")


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
