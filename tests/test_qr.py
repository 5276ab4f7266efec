"""QR codes are encoded once and remembered outside the repository; a bad cache is ignored."""

from __future__ import annotations

import json

from macros import qr


def test_codes_are_kept_between_builds_and_labels_escaped(tmp_path):
    cache = tmp_path / "lplpp/qr.json"
    first = qr.QrCodes(cache)
    svg = first.svg("https://contoh.go.id/wilayah/53/71/", 'Kode QR "<x>"')
    assert svg.startswith('<svg role="img" aria-label="Kode QR &quot;&lt;x&gt;&quot;"') and "<path" in svg
    first.save()
    second = qr.QrCodes(cache)
    assert second._svgs == first._svgs and not second._new  # read back, nothing encoded again
    assert second.svg("https://contoh.go.id/wilayah/53/71/", "a") == svg.replace("Kode QR &quot;&lt;x&gt;&quot;", "a")


def test_a_cache_from_another_encoder_or_a_broken_file_is_ignored(tmp_path):
    cache = tmp_path / "qr.json"
    cache.write_text(json.dumps({"version": "segno 0.0", "svg": {"u": "<script>"}}), encoding="utf-8")
    assert qr.QrCodes(cache)._svgs == {}
    cache.write_text("{not json", encoding="utf-8")
    codes = qr.QrCodes(cache)
    assert "<script>" not in codes.svg("u", "x")


def test_the_cache_lives_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert qr.default_cache_file() == tmp_path / "lplpp/qr.json"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert ".cache" in qr.default_cache_file().parts
