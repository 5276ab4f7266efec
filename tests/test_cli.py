"""`lplpp check` as editors and CI run it: exit codes, one line per error, the broken fixture tree."""

import shutil
from pathlib import Path

from conftest import REPO, lplpp

BROKEN = Path(__file__).parent / "fixtures" / "rusak"


def test_clean_content_exits_0_with_a_summary():
    result = lplpp("check")
    assert result.returncode == 0, result.stdout + result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("OK: ") and "514 kabupaten/kota" in line and "38 provinsi" in line


def test_usage_errors_exit_2(tmp_path):
    assert lplpp("periksa").returncode == 2
    assert lplpp("check", "--root", str(tmp_path)).returncode == 2
    assert lplpp().returncode == 2


def test_broken_fixture_tree_names_every_file_and_line(tmp_path):
    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copytree(BROKEN, tmp_path, dirs_exist_ok=True)
    result = lplpp("check", "--root", str(tmp_path))
    assert result.returncode == 1
    expected = (BROKEN / "EXPECTED.txt").read_text(encoding="utf-8").split("\n")
    for prefix in filter(None, expected):
        assert any(line.startswith(prefix) for line in result.stdout.splitlines()), (prefix, result.stdout)
