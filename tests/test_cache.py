"""Build results kept between builds (macros/cache.py) are the ones a cold build makes."""

from __future__ import annotations

from conftest import REPO

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
