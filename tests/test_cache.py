"""Build results kept between builds (macros/cache.py) are the ones a cold build makes."""

from __future__ import annotations

import re

import jinja2
import pytest
from conftest import REPO, build_site, project_copy

from macros import cache, search
from macros.content import load_content


def test_remembered_makes_once_per_inputs_and_survives_a_broken_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def make(value):
        calls.append(value)
        return {"v": value}

    assert cache.remembered("t", ["a"], lambda: make(1)) == {"v": 1}
    assert cache.remembered("t", ["a"], lambda: make(2)) == {"v": 1}  # same inputs: not made again
    assert cache.remembered("t", ["b"], lambda: make(3)) == {"v": 3}  # other inputs: made anew
    (tmp_path / "lplpp" / "t.json").write_text('{"inputs": ', encoding="utf-8")
    assert cache.remembered("t", ["b"], lambda: make(4)) == {"v": 4}
    assert calls == [1, 3, 4]


def test_place_name_files_and_stems_are_the_same_cold_and_warm(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    content = load_content(REPO)
    entries = [{"title": "Pemberdayaan perempuan", "text": "pendampingan dan pelatihan kelompok"}]
    made = []
    for run in ("cold", "warm"):
        search.write_place_aliases(tmp_path / run, content)
        made.append(search.search_data(entries, content))
    cold, warm = (sorted((p.name, p.read_bytes()) for p in (tmp_path / r).rglob("*.json")) for r in ("cold", "warm"))
    assert len(cold) > 2000 and cold == warm
    assert made[0] == made[1] and made[0]["stems"]["daya"] == "pemberdayaan"


def test_a_changed_rule_makes_the_result_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code = tmp_path / "rule.py"
    code.write_text("A = 1\n", encoding="utf-8")
    assert cache.remembered("r", ["x"], lambda: 1, code) == 1
    assert cache.remembered("r", ["x"], lambda: 2, code) == 1
    code.write_text("A = 2\n", encoding="utf-8")
    assert cache.remembered("r", ["x"], lambda: 3, code) == 3


def test_builds_that_alternate_keep_their_results(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = []
    for inputs in (["site"], ["variant"], ["site"], ["variant"]):
        cache.remembered("alt", inputs, lambda i=inputs: made.append(i) or i)
    assert made == [["site"], ["variant"]]


SHARDS = re.compile(r"[a-z]\.txt")


def test_kept_files_are_linked_into_the_site_and_made_once(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made = []

    def make():
        made.append(1)
        return {"a.txt": b"satu", "b.txt": b"dua"}

    for site in ("one", "two"):
        cache.put_files(tmp_path / site / "x", "t", ["in"], make, SHARDS, None)
    assert made == [1]
    for site in ("one", "two"):
        assert (tmp_path / site / "x" / "a.txt").read_bytes() == b"satu"
    assert (tmp_path / "two" / "x" / "b.txt").stat().st_nlink == 3  # the kept copy and two sites


def test_a_planted_file_in_the_cache_never_becomes_a_path(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache.put_files(tmp_path / "site", "t", ["in"], lambda: {"a.txt": b"1"}, SHARDS, None)
    kept = next((tmp_path / "cache" / "lplpp" / "t").iterdir())
    (kept / "..%2fevil.txt").write_bytes(b"x")
    with pytest.raises(ValueError, match="evil"):
        cache.put_files(tmp_path / "site2", "t", ["in"], lambda: {}, SHARDS, None)


def test_without_a_writable_cache_the_files_are_written(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    home.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    cache.put_files(tmp_path / "site", "t", ["in"], lambda: {"a.txt": b"1"}, SHARDS, None)
    assert (tmp_path / "site" / "a.txt").read_bytes() == b"1"
    assert cache.compiled_templates(jinja2.Environment()) is None


@pytest.mark.build
def test_a_build_from_the_cache_is_the_build_without_it(tmp_path, monkeypatch):
    """Everything kept between builds (QR codes, stems, place names, compiled templates) gives
    byte for byte the site a build with an empty cache gives (but the data packages' creation
    time, to the second)."""
    sites = []
    for run, home in (("cold", tmp_path / "empty-cache"), ("warm", None)):
        env = {"XDG_CACHE_HOME": str(home)} if home else {}
        result = build_site(REPO, tmp_path / run, **env)
        assert result.returncode == 0, result.stderr
        files = {p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*") if p.is_file()}
        for name in [n for n in files if n.name == "datapackage.json"]:
            files[name] = re.sub(rb'"created": ?"[^"]+"', b"", files[name])
        sites.append(files)
    cold, warm = sites
    assert sorted(cold) == sorted(warm)
    assert [name for name in cold if cold[name] != warm[name]] == []


def test_the_inputs_digest_follows_content_docs_links_code_and_settings(tmp_path):
    root = project_copy(tmp_path / "proj")
    first = cache.inputs_digest(root, "opsi", "2026-11-28")
    assert first == cache.inputs_digest(root, "opsi", "2026-11-28")
    assert first != cache.inputs_digest(root, "opsi", "2026-11-29")  # "needs re-verification" moves with the day
    record = root / "data/lembaga/yagat.yaml"
    original = record.read_bytes()
    record.write_bytes(original.replace(b"nama:", b"nama:  ", 1))
    assert cache.inputs_digest(root, "opsi", "2026-11-28") != first
    record.write_bytes(original)
    assert cache.inputs_digest(root, "opsi", "2026-11-28") == first
    (root / "docs/pages/tautan.md").symlink_to("/etc/passwd")  # the content check refuses it
    second = cache.inputs_digest(root, "opsi", "2026-11-28")
    assert second != first
    (root / "hook.py").write_text("# changes what pages are made\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hook.py\n"), encoding="utf-8")
    third = cache.inputs_digest(root, "opsi", "2026-11-28")
    (root / "hook.py").write_text("# changes them otherwise\n", encoding="utf-8")
    assert len({second, third, cache.inputs_digest(root, "opsi", "2026-11-28")}) == 3


def test_kept_makes_once_per_digest_and_never_keeps_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.kept("k", "d1", lambda: {"a": 1}) == {"a": 1}
    assert cache.kept("k", "d1", lambda: {"a": 2}) == {"a": 1}
    assert cache.kept("k", None, lambda: {"a": 3}) == {"a": 3}  # no digest: always made
    with pytest.raises(ZeroDivisionError):
        cache.kept("k", "d2", lambda: 1 / 0)
    assert cache.kept("k", "d2", lambda: "made") == "made"
    (tmp_path / "lplpp/k/d1.pickle").write_bytes(b"\x80\x05broken")
    assert cache.kept("k", "d1", lambda: "again") == "again"


@pytest.mark.build
def test_an_edit_after_a_build_from_the_cache_shows(tmp_path):
    """The second build of a copy finds its content and pages kept; an edit must still show, and a
    symlink under docs/ must still stop the build."""
    root = project_copy(tmp_path / "proj")
    assert build_site(root, tmp_path / "one").returncode == 0
    record = root / "data/lembaga/yagat.yaml"
    text = record.read_text(encoding="utf-8")
    name = re.search(r"^nama: (.+)$", text, re.M).group(1).strip("\"'")
    record.write_text(text.replace(name, "Lembaga Suntingan Uji", 1), encoding="utf-8")
    assert build_site(root, tmp_path / "two").returncode == 0
    page = (tmp_path / "two/lembaga/yagat/index.html").read_text(encoding="utf-8")
    assert "Lembaga Suntingan Uji" in page
    (root / "docs/pages/tautan.md").symlink_to(root / "docs/pages/index.md")
    refused = build_site(root, tmp_path / "three")
    assert refused.returncode != 0 and "docs/pages/tautan.md" in refused.stderr


def test_bytes_moved_from_one_file_to_the_next_change_the_digest(tmp_path):
    """An attack on a digest of concatenated files: the same bytes, split differently."""
    root = project_copy(tmp_path / "proj")
    first = cache.inputs_digest(root, "opsi")
    moved = root / "data/lembaga/hapsari.yaml"
    template = root / "data/lembaga/_contoh.yaml"
    template.write_bytes(template.read_bytes() + b'\n["data/lembaga/hapsari.yaml", false]\n' + moved.read_bytes())
    moved.unlink()
    assert cache.inputs_digest(root, "opsi") != first


def test_a_rebuild_over_a_site_never_writes_into_the_kept_files(tmp_path, monkeypatch):
    """`mkdocs build --dirty`: the site still holds links to the files kept for other inputs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = tmp_path / "site" / "x"
    cache.put_files(site, "t", ["lama"], lambda: {"a.txt": b"lama"}, SHARDS, None)
    cache.put_files(site, "t", ["baru"], lambda: {"a.txt": b"baru"}, SHARDS, None)
    kept = sorted((p / "a.txt").read_bytes() for p in (tmp_path / "cache" / "lplpp" / "t").iterdir())
    assert kept == [b"baru", b"lama"] and (site / "a.txt").read_bytes() == b"baru"


@pytest.mark.build
@pytest.mark.parametrize(
    "planted", ["data/lembaga.csv", "assets/wilayah-alias/aan.json", "data/hsds/organizations.csv"]
)
def test_a_file_in_docs_cannot_replace_what_the_build_writes(tmp_path, planted):
    root = project_copy(tmp_path / "proj")
    target = root / "docs/pages" / planted
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("RACUN", encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert result.returncode != 0 and f"docs/pages/{planted} menimpa" in result.stdout + result.stderr
