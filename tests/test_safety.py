"""Hostile data renders as text: no element is created, no template is evaluated,
no link leaves for a scheme other than http(s), mailto or tel."""

from __future__ import annotations

import pytest
import yaml
from conftest import Site, build_site, project_copy

from macros.pages import allowed_url

SCRIPT = '<script>alert("lembaga")</script>'
JINJA = "{{ 7 * 7 }} {% if true %}JINJA{% endif %} {# komentar #}"
MARKDOWN = "[klik](javascript:alert(1)) *tebal* <img src=x onerror=alert(1)>"

HOSTILE = {
    "id": "jahat",
    "nama": f"Yayasan {SCRIPT} {JINJA}",
    "singkatan": "<b>J</b>",
    "jenis": "yayasan",
    "wilayah": "53.71",
    "alamat": "Jl. {{ config.site_name }} No. 1",
    "keterangan": f"{MARKDOWN}\n\n{JINJA}",
    "bidang": ["ekonomi"],
    "produk_layanan": ["informasi"],
    "program": ["ekonomi-pendampingan"],
    "standardisasi": {"status": "kandidat"},
    "sumber": [{"keterangan": f"Sumber {SCRIPT}", "url": "https://example.org/?a=1&b=2"}],
    "verifikasi": {"status": "belum-diverifikasi", "tanggal": "2026-01-01", "catatan": JINJA},
    "kontak": {"situs": "https://example.org/", "email": "info@example.org", "telepon": "0380 123456"},
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    root = project_copy(tmp_path_factory.mktemp("proj"))
    (root / "data/lembaga/jahat.yaml").write_text(yaml.safe_dump(HOSTILE, allow_unicode=True), encoding="utf-8")
    out = root / "site"
    result = build_site(root, out)
    assert result.returncode == 0, result.stderr
    return Site(out)


PAGES = ["lembaga/jahat/", "lembaga/", "wilayah/53/71/", "wilayah/53/", "program/ekonomi-pendampingan/"]


@pytest.mark.parametrize("url", PAGES)
def test_script_in_data_is_text_not_an_element(hostile_site: Site, url):
    article = hostile_site.article(url)
    assert not article.find_all("script") and not article.find_all("img") and not article.find_all("b")
    assert SCRIPT in article.get_text()


@pytest.mark.parametrize("url", PAGES)
def test_no_injected_element_anywhere_on_the_page(hostile_site: Site, url):
    soup = hostile_site.soup(url)
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert not soup.find_all("img", attrs={"onerror": True})
    assert not [tag for tag in soup.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]


def test_titles_show_the_name_exactly(hostile_site: Site):
    soup = hostile_site.soup("lembaga/jahat/")
    name = f"{HOSTILE['nama']} ({HOSTILE['singkatan']})"
    assert soup.title.get_text().startswith(name)
    assert hostile_site.article("lembaga/jahat/").h1.get_text().startswith(name)


@pytest.mark.parametrize("url", PAGES)
def test_templates_in_data_are_shown_literally(hostile_site: Site, url):
    text = hostile_site.article(url).get_text()
    assert "{{ 7 * 7 }}" in text and "49" not in text.replace("2049", "")
    assert "{% if true %}JINJA{% endif %}" in text


def test_markdown_in_data_is_not_interpreted(hostile_site: Site):
    article = hostile_site.article("lembaga/jahat/")
    text = article.get_text()
    assert "[klik](javascript:alert(1))" in text and "*tebal*" in text
    assert not article.find_all("em", string="tebal")
    assert "{{ config.site_name }}" in text


def test_links_from_data_use_safe_schemes_only(hostile_site: Site):
    for url in PAGES:
        for a in hostile_site.article(url).find_all("a", href=True):
            href = a["href"].strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), (url, href)
    hrefs = {a["href"] for a in hostile_site.article("lembaga/jahat/").find_all("a", href=True)}
    assert {"https://example.org/", "mailto:info@example.org", "tel:0380123456"} <= hrefs
    assert "https://example.org/?a=1&b=2" in hrefs  # escaped in HTML, intact once parsed


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://kemenpppa.go.id/", True),
        ("http://a.b/", True),
        ("mailto:a@b.c", True),
        ("tel:+62380", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("//evil.example/", False),
        ("relative/path", False),
    ],
)
def test_only_web_mail_and_phone_links_leave_the_site(url, expected):
    assert (allowed_url(url) is not None) is expected
