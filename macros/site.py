"""MkDocs hooks: load the checked content once per build, generate the data pages,
and point every page's edit link at the file an editor should change."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from .content import ContentError, load_content
from .export import write_all
from . import fragments
from .pages import Generated, Renderer, esc

log = logging.getLogger("mkdocs.lplpp")

# The current build's content and renderer; replaced on every (re)build.
STATE: dict = {}
LOCAL_URL = "http://127.0.0.1:8000/"  # when mkdocs.yml has no site_url (SITE_URL unset)


def renderer() -> Renderer:
    return STATE["renderer"]


@event_priority(100)  # before mkdocs-macros calls define_env, which reads STATE
def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        content = load_content(root)
    except ContentError as err:
        for issue in err.issues:
            log.error(str(issue))
        raise Abort(f"Isi portal memuat {len(err.issues)} kesalahan (lihat di atas); build dihentikan, "
                    "tidak ada yang diterbitkan. Perbaiki, lalu jalankan `lplpp check`.")
    months = int(config.extra.get("verifikasi_ulang_bulan", 12))
    offline = config.plugins.get("material/offline")
    offline = bool(offline and offline.config.enabled)
    if offline:  # the offline plugin would add unpkg.com's copy of this shim; ours is vendored
        config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
    fragments.clear()
    STATE.update(content=content, pages={}, renderer=Renderer(content, config.site_url or LOCAL_URL,
                                                    reverify_months=months,
                                                    ships_pdfs=bool(config.extra.get("unduhan_pdf")),
                                                    directory_urls=config.use_directory_urls and not offline))
    if config.extra.get("pencarian_indonesia", True):
        use_indonesian_search(config)
    g = content.guideline
    config.extra["pedoman"] = {"versi": g.version, "tanggal": g.date, "draf": g.is_draft}
    return config


def use_indonesian_search(config) -> None:
    """Material's option check refuses `lang: id` in mkdocs.yml, but its search worker loads
    lunr/min/lunr.<lang>.min.js for each language the index names. So the index names "id",
    set here before the search plugin reads its settings, and the theme folder supplies that
    file (docs/theme/assets/javascripts/lunr/min/lunr.id.min.js): Indonesian affix stripping
    and stop words, on the index and on the query, in the browser."""
    search = config.plugins["material/search"].config
    search.lang, search.pipeline = ["id"], ["stemmer", "stopWordFilter", "trimmer"]


def generated_pages(render: Renderer) -> dict[str, Generated]:
    """src_uri -> every page made from data (URLs are a contract: see README)."""
    c = render.content
    pages = {"lembaga/index.md": render.directory_page(), "program/index.md": render.program_index(),
             "wilayah/index.md": render.regions_index()}
    pages.update({f"pedoman/layanan/{p.id}.md": render.product_page(p) for p in c.guideline.products})
    pages["pedoman/perubahan.md"] = render.changes_page()
    pages["pedoman/cetak.md"] = render.booklet_page()
    pages.update({f"lembaga/{i.id}.md": render.institution_page(i) for i in c.institutions.values()})
    pages.update({f"program/{p.id}.md": render.program_page(p) for p in c.programs.values()})
    for province in c.provinces.values():
        pages[f"wilayah/{province.code}/index.md"] = render.province_page(province)
        pages[f"wilayah/{province.code}/cetak.md"] = render.province_bundle(province)
        for regency in province.regencies:
            pages[f"wilayah/{regency.code.replace('.', '/')}.md"] = render.regency_page(regency)
    return pages


# Generated pages reached from the nav; the hundreds of others are reached by links.
IN_NAV = re.compile(r"(lembaga|program|wilayah)/index\.md|pedoman/layanan/[^/]+\.md|pedoman/perubahan\.md")

# A generated page's source file is this constant, whatever the data: no front matter that data
# could end early, nothing for mkdocs-macros' Jinja or for Markdown. Title and edit link are set
# on the page object (on_page_markdown), the body is the renderer's HTML (on_page_content).
GENERATED_SOURCE = ""


def on_files(files, config):
    STATE["pages"] = {}
    for src_uri, page in generated_pages(renderer()).items():
        if files.get_file_from_path(src_uri):
            raise Abort(f"docs/pages/{src_uri} bertabrakan dengan halaman yang dibuat dari data; hapus berkas itu.")
        inclusion = InclusionLevel.INCLUDED if IN_NAV.fullmatch(src_uri) else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=GENERATED_SOURCE, inclusion=inclusion))
        STATE["pages"][src_uri] = page
    return files


def _edit_url(config, source: str | None) -> str | None:
    if not (source and config.repo_url):
        return None
    action = "tree" if source.endswith("/") else "edit"
    return f"{config.repo_url.rstrip('/')}/{action}/main/{source}"


@event_priority(-100)  # after mkdocs-macros: it renders a title that looks like Jinja, so ours comes later
def on_page_markdown(markdown, page, config, files):
    generated = STATE["pages"].get(page.file.src_uri)
    if generated is not None:
        # Material prints page titles unescaped (<title>, header, nav): escape once, here.
        page.meta = {"title": esc(generated.title)}
        if not generated.searchable or generated.search_text is not None:
            page.meta["search"] = {"exclude": True}
        markdown = generated.html
    page.edit_url = _edit_url(config, generated.source if generated else page.meta.get("sumber")) or page.edit_url
    if dump := os.environ.get("LPLPP_DUMP_MARKDOWN"):  # `make bench`: the same pages as static Markdown
        target = Path(dump, page.file.src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in page.meta.items() if k not in ("render_macros", "sumber")}
        target.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{markdown}", encoding="utf-8")
    return "" if generated is not None else markdown


def on_page_content(html, page, config, files):
    """Generated pages: the finished HTML from the renderer is the page body. Hand-written pages:
    the macros' fragments go in where their placeholders stand, then abbreviations are explained."""
    generated = STATE["pages"].get(page.file.src_uri)
    if generated is not None:
        return generated.html
    html, filled = fragments.fill(html)
    if filled:  # headings inside fragments join the table of contents
        page.toc = get_toc(fragments.toc_tokens(html))
    return renderer().explain_abbreviations(html)


def on_page_context(context, page, config, nav):
    """Pages that are mostly printable form go into the search index by their summary only.
    Material renders result titles and text as HTML: both are escaped plain text."""
    generated = STATE["pages"].get(page.file.src_uri)
    if generated is not None and generated.search_text is not None:
        search = config.plugins.get("material/search")
        search.search_index.entries.append({"location": page.url, "title": esc(generated.title),
                                            "text": esc(generated.search_text)})
    return context


# Textual patches to Material's script bundle (mkdocs-material 9.8.2 is pinned), by name. Each
# must match exactly once, or the build stops (`patch_bundle`): a Material release that
# re-minifies would otherwise undo them in silence. tests/test_bundle.py checks the pinned bundle.
BUNDLE_PATCHES = {
    # Browsers without ResizeObserver (older Android phones) fetched a polyfill from
    # unpkg.com: serve our vendored copy, so no request leaves the site.
    "resize-observer-polyfill-vendored": (
        '"https://unpkg.com/resize-observer-polyfill"',
        'new URL("assets/vendor/resize-observer-polyfill/ResizeObserver.global.js",__md_scope).href'),
    # Search loads on first use, as Material already does from file://: the 40 KB index
    # is fetched when the reader opens search, not on every page view over a slow link...
    "search-setup-on-first-use": ('L($(location.protocol!=="file:"),Je("search"))', 'L($(!1),Je("search"))'),
    "search-index-on-first-use": ('zi=document.forms.namedItem("search")?ks():tt',
                                  'zi=document.forms.namedItem("search")?H(()=>ks()):tt'),
    # (highlighting search terms on a page needs the index only when arriving from a result)
    "highlight-only-from-a-result": (
        'V("search.highlight")?Ai(e,{index$:zi,location$:Kt}):y',
        'V("search.highlight")&&new URL(location.href).searchParams.has("h")?Ai(e,{index$:zi,location$:Kt}):y'),
    # ...and the search worker script (12 KB) starts with the first message it is sent.
    "search-worker-on-first-message": (
        "function Mn(e,t=new Worker(e))",
        "function Mn(e,t=new(class extends EventTarget{constructor(u){super();this.u=u}"
        "postMessage(d){if(!this.w){this.w=new Worker(this.u);this.w.addEventListener('message',"
        "x=>this.dispatchEvent(new MessageEvent('message',{data:x.data})))}this.w.postMessage(d)}})(e))"),
}


class PatchError(Exception):
    pass


def apply_patches(bundle: str) -> str:
    """The bundle with every patch applied; PatchError names a patch that does not match exactly once."""
    for name, (original, patched) in BUNDLE_PATCHES.items():
        found = bundle.count(original)
        if found != 1:
            raise PatchError(f"tambalan '{name}' untuk bundel skrip Material ditemukan {found} kali, bukan tepat 1 kali "
                             "(versi mkdocs-material berubah?). Perbarui BUNDLE_PATCHES di macros/site.py untuk "
                             "versi ini, atau kembalikan versi yang disematkan di pyproject.toml.")
        bundle = bundle.replace(original, patched)
    return bundle


def patch_bundle(assets: Path) -> None:
    bundles = sorted((assets / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise Abort(f"bundel skrip Material tidak ditemukan tepat satu di {assets / 'javascripts'} ({len(bundles)}).")
    try:
        bundles[0].write_text(apply_patches(bundles[0].read_text(encoding="utf-8")), encoding="utf-8")
    except PatchError as err:
        raise Abort(str(err)) from None


def drop_source_maps(assets: Path) -> None:
    """Source maps serve only the theme's developers, and are 1 MB."""
    for path in [*assets.rglob("*.js"), *assets.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        if (stripped := SOURCE_MAP.sub("", text)) != text:
            path.write_text(stripped, encoding="utf-8")
    for source_map in assets.rglob("*.map"):
        source_map.unlink()


def on_post_page(output, page, config):
    """Drop the theme's indentation: 10% of every page on disk (gzip hid it on the wire anyway).
    A newline stays where the spaces were, so inline text never runs together."""
    if "<pre" in output or "<textarea" in output:
        return output
    return re.sub(r"\n[ \t]+", "\n", output)


def on_post_build(config):
    site = Path(config.site_dir)
    # Open data next to the pages that describe it (/tentang-data/).
    write_all(STATE["content"], site / "data", config.site_url or LOCAL_URL)
    if config.extra.get("unduhan_pdf"):  # LPLPP_PDF=1: a static host then serves the PDFs, no Chromium needed
        print_downloads(site)
    patch_bundle(site / "assets")
    drop_source_maps(site / "assets")


def print_downloads(site: Path) -> None:
    from .pdf import jobs_for, print_jobs

    print_jobs(site, jobs_for(STATE["content"], [], False, "a4", booklet=True, programs=True), "a4", site / "unduh")


SOURCE_MAP = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
