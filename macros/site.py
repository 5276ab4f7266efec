"""MkDocs hooks: load the checked content once per build, generate the data pages,
and point every page's edit link at the file an editor should change."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import multiprocessing
import multiprocessing.process
import os
import pickle
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import BaseLoader
from markupsafe import Markup
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import cache as build_cache
from . import fragments, labels
from .content import ContentError, load_content
from .export import write_all
from .model import Content
from .pages import FORM_VARIANTS, LOCAL_URL, Generated, Renderer, esc, local_address, web_address
from .qr import QrCodes, default_cache_file
from .search import append_to_lunr_file, search_data, write_place_aliases

log = logging.getLogger("mkdocs.lplpp")


@dataclass(frozen=True)
class Settings:
    """What the build takes from mkdocs.yml (with its !ENV values), read once in on_config."""

    root: Path
    site_url: str  # the published address (extra.alamat_publik), printed on checklists
    repo_url: str | None
    reverify_months: int  # directory records older than this are flagged
    ships_pdfs: bool  # LPLPP_PDF=true: print every printable page into site/unduh/ (A4 and F4)
    pdf_provinces: frozenset[str] | None  # LPLPP_PDF="53 11": only these provinces' checklists (a quick preview)
    indonesian_search: bool  # LPLPP_PENCARIAN_ID=false: Material's default search, to compare
    offline: bool  # LPLPP_OFFLINE=true: pages as .html files, search from file://
    dump_markdown: Path | None  # `make bench`: also write the pages as static Markdown here
    for_paper: bool  # LPLPP_CETAK=1 (`lplpp pdf`): pages are printed for people to keep

    @classmethod
    def of(cls, config) -> Settings:
        offline = config.plugins.get("material/offline")
        dump = os.environ.get("LPLPP_DUMP_MARKDOWN")
        return cls(
            root=Path(config.config_file_path).parent,
            site_url=str(config.extra.get("alamat_publik") or LOCAL_URL),
            repo_url=config.repo_url,
            reverify_months=int(config.extra.get("verifikasi_ulang_bulan", 12)),
            ships_pdfs=bool(config.extra.get("unduhan_pdf")),
            pdf_provinces=_provinces(config.extra.get("unduhan_pdf")),
            indonesian_search=bool(config.extra.get("pencarian_indonesia", True)),
            offline=bool(offline and offline.config.enabled),
            dump_markdown=Path(dump) if dump else None,
            for_paper=os.environ.get("LPLPP_CETAK") == "1",
        )


def _provinces(setting) -> frozenset[str] | None:
    """LPLPP_PDF=true ships every province's PDFs; a list of province codes ships only those."""
    codes = str(setting).replace(",", " ").split()
    return None if not setting or codes in (["true"], ["True"], ["1"]) else frozenset(codes)


@dataclass
class Build:
    """One build: its settings, the checked content, the renderer and the pages made from data."""

    settings: Settings
    content: Content
    renderer: Renderer
    # What the content and the generated pages are made from (build_cache.inputs_digest): a build
    # of the same data reuses both. None: made anew (thousands of files).
    inputs: str | None
    pages: dict[str, Generated] = field(default_factory=dict)  # src_uri -> page
    # Files written while the pages render (creating 2,661 small files is slow on some disks and
    # needs nothing the pages make); on_post_build waits for them and raises what they raised.
    writing: list[Future] = field(default_factory=list)
    exporting: multiprocessing.process.BaseProcess | None = None  # the open data (start_exports)


_build: Build | None = None  # the current build; replaced on every (re)build of `mkdocs serve`


def current() -> Build:
    if _build is None:
        raise RuntimeError("on_config has not run: the build has no content yet")
    return _build


def renderer() -> Renderer:
    return current().renderer


@event_priority(100)  # before mkdocs-macros calls define_env, which reads the build, and before search starts
def on_config(config):
    global _build
    settings = Settings.of(config)
    refuse_local_address(settings)
    gc.unfreeze()  # `mkdocs serve`: the previous build's content may go now
    directory_urls = config.use_directory_urls and not settings.offline
    inputs = build_cache.inputs_digest(settings.root, settings, directory_urls, dt.date.today())
    try:
        content = build_cache.kept("content", inputs, lambda: load_content(settings.root))
        # Millions of long-lived objects at 10,000 institutions: the cyclic GC would walk them
        # again at every collection the rendering and the exports trigger, and free none of them.
        gc.freeze()
    except ContentError as err:
        for issue in err.issues:
            log.error(str(issue))
        raise Abort(
            f"Isi portal memuat {len(err.issues)} kesalahan (lihat di atas); build dihentikan, "
            "tidak ada yang diterbitkan. Perbaiki, lalu jalankan `lplpp check`."
        ) from None
    if settings.offline:  # the offline plugin would add unpkg.com's copy of this shim; ours is vendored
        config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
    if settings.indonesian_search:
        use_indonesian_search(config)
    fragments.clear()
    _build = Build(
        settings,
        content,
        inputs=inputs,
        renderer=Renderer(
            content,
            settings.site_url,
            reverify_months=settings.reverify_months,
            ships_pdfs=settings.ships_pdfs,
            pdf_provinces=settings.pdf_provinces,
            directory_urls=directory_urls,
            qr_codes=QrCodes(default_cache_file()),
            repo_url=settings.repo_url,
        ),
    )
    g = content.guideline  # for the theme's draft notice (docs/theme/main.html)
    config.extra["pedoman"] = {"versi": g.version, "tanggal": labels.indonesian_date(g.date), "draf": g.is_draft}
    return config


def refuse_local_address(settings: Settings) -> None:
    """Paper, PDFs and the offline copy travel: an address only this computer can open is useless
    on them, and nobody would notice until a participant scans the code at home."""
    if not web_address(settings.site_url):
        raise Abort(
            f"Alamat publik portal {settings.site_url!r} bukan alamat web lengkap. Tulis di mkdocs.yml "
            "(extra: alamat_publik) alamat http(s) yang berakhir dengan '/', misalnya "
            "https://kemenpppa.github.io/portal-lplpp/."
        )
    if local_address(settings.site_url) and (settings.offline or settings.ships_pdfs or settings.for_paper):
        raise Abort(
            f"Alamat publik portal masih {settings.site_url}, yang hanya terbuka di komputer ini, padahal "
            "build ini menghasilkan salinan luring atau PDF yang dibagikan. Isi alamat terbitan portal di "
            "mkdocs.yml (extra: alamat_publik) atau lewat variabel ALAMAT_PUBLIK, lalu ulangi."
        )


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
    sections = start_assessment_sections(render)  # rendered by a forked copy while this one goes on
    head = {
        "lembaga/index.md": render.directory_page(),
        "program/index.md": render.program_index(),
        "wilayah/index.md": render.regions_index(),
    }
    head.update({f"pedoman/layanan/{p.id}.md": render.product_page(p) for p in c.guideline.products})
    head["pedoman/perubahan.md"] = render.changes_page()
    head["pedoman/cetak.md"] = render.booklet_page()
    head["kemajuan/index.md"] = render.progress_page()
    rest = {f"lembaga/{i.id}/penilaian.md": render.assessment_page(i) for i in c.institutions.values()}
    rest.update({f"program/{p.id}.md": render.program_page(p) for p in c.programs.values()})
    for province in c.provinces.values():
        rest[f"wilayah/{province.code}/index.md"] = render.province_page(province)
        rest[f"wilayah/{province.code}/cetak.md"] = render.province_bundle(province)
        for regency in province.regencies:
            rest[f"wilayah/{regency.code.replace('.', '/')}.md"] = render.regency_page(regency)
    ready = sections()
    institutions = {f"lembaga/{i.id}.md": render.institution_page(i, ready.get(i.id)) for i in c.institutions.values()}
    return head | institutions | rest


# Institutions with self-assessments from which their sections are rendered in a forked copy: below,
# forking and sending costs more than it saves.
SECTIONS_FORKED_FROM = 1000


def start_assessment_sections(render: Renderer) -> Callable[[], dict[str, Markup]]:
    """A function that returns the self-assessment sections of the institution pages (id ->
    HTML), rendered by a forked copy of this process while this one renders the other pages:
    at 10,000 institutions x 3 self-assessments they are 4 s of one core the build would
    otherwise wait for. An empty result: each page renders its own (few of them, or no fork)."""
    assessed = [i for i in render.content.institutions.values() if i.id in render.content.assessments]
    if len(assessed) < SECTIONS_FORKED_FROM or not can_fork():
        return dict
    receiving, sending = multiprocessing.Pipe(duplex=False)
    # daemon: should this build stop before it reads them, the copy ends with it
    process = multiprocessing.get_context("fork").Process(
        target=_send_sections, args=(render, assessed, receiving, sending), name="lplpp-penilaian", daemon=True
    )
    process.start()
    sending.close()  # this process's copy: the pipe ends (EOFError) when the child's does

    def receive() -> dict[str, Markup]:
        try:
            sections = receiving.recv()
        except (EOFError, OSError, pickle.UnpicklingError):  # the copy failed, or was killed while sending
            sections = None
        finally:
            receiving.close()
        joined(process, "Bagian penilaian halaman lembaga gagal dibuat")
        if sections is None:  # ended well, yet what it sent did not arrive whole
            raise Abort(
                "Bagian penilaian halaman lembaga tidak terkirim utuh dari proses pembuatnya; jalankan build lagi."
            )
        return {ident: Markup(html) for ident, html in sections.items()}

    return receive


def _send_sections(render: Renderer, institutions: list, receiving, sending) -> None:
    # The read end, inherited: closed, so that a build killed before it reads (SIGTERM, out of
    # memory) breaks this pipe and this copy ends, instead of waiting on it forever.
    receiving.close()
    sending.send({i.id: str(render.assessment_section(i)) for i in institutions})  # str: plain pickling


def joined(process: multiprocessing.process.BaseProcess, failed: str) -> None:
    """Wait for a forked copy; if it did not end well, stop the build saying how it ended (its
    traceback is above, on stderr)."""
    process.join()
    if (code := process.exitcode) != 0:
        how = f"dihentikan sinyal {-code}" if code is not None and code < 0 else f"kode keluar {code}"
        raise Abort(f"{failed} ({how}); lihat galat di atas.")


def can_fork() -> bool:
    """A copy forked while another thread runs (`mkdocs serve`: its server, the watcher) could
    inherit a lock that thread holds and hang: then the work is done in this process."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


# Generated pages reached from the nav; the hundreds of others are reached by links.
IN_NAV = re.compile(r"(lembaga|program|wilayah|kemajuan)/index\.md|pedoman/layanan/[^/]+\.md|pedoman/perubahan\.md")

# A generated page's source file is this constant, whatever the data: no front matter that data
# could end early, nothing for mkdocs-macros' Jinja or for Markdown. Title and edit link are set
# on the page object (on_page_markdown), the body is the renderer's HTML (on_page_content).
GENERATED_SOURCE = ""


_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lplpp-write")


def on_env(env, config, files):
    """The theme's templates without their indentation (10% of every page on disk; gzip hid it
    on the wire anyway), compiled once and kept between builds."""
    env.loader = Unindented(env.loader)
    env.bytecode_cache = build_cache.compiled_templates(env)
    return env


class Unindented(BaseLoader):
    """A template loader that drops the spaces starting each line of a template's source. A
    newline stays, so inline text never runs together; page bodies are values, never touched.
    Material's templates have no <pre> or <textarea> whose text this would change
    (tests/test_build.py checks)."""

    def __init__(self, loader: BaseLoader):
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        return INDENT.sub("\n", source), filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()


INDENT = re.compile(r"\n\s+")


# What the build writes itself into site/ besides the pages: a file of docs/ at one of these paths
# would replace it (mkdocs copies docs/ after the open data is written) or write into the kept
# place-name files, which the site's files are hard links to (macros/cache.py put_files).
BUILD_OUTPUTS = re.compile(r"data/.*|assets/wilayah-alias/.*|assets/lplpp-formulir-[a-z]+\.js|search/.*")


def on_files(files, config):
    build = current()
    build.pages = {}
    if taken := sorted(f.src_uri for f in files if BUILD_OUTPUTS.fullmatch(f.dest_uri)):
        raise Abort(
            f"docs/pages/{taken[0]} menimpa berkas yang dibuat build dari data (data terbuka, nama tempat, "
            "formulir, atau indeks pencarian); hapus atau pindahkan berkas itu."
        )
    # Forked before the writer thread starts (can_fork), one after the other, so that this process
    # shares the second core with one copy at a time: the pages' sections, then the exports.
    made = build_cache.kept("pages", build.inputs, lambda: generated_pages(build.renderer))
    build.exporting = start_exports(build.content, Path(config.site_dir) / "data", build.settings.site_url)
    if build.settings.indonesian_search:  # the site folder is clean by now (mkdocs empties it first)
        build.writing.append(_WRITER.submit(write_place_aliases, Path(config.site_dir), build.content))
    for src_uri, page in made.items():
        if files.get_file_from_path(src_uri):
            raise Abort(f"docs/pages/{src_uri} bertabrakan dengan halaman yang dibuat dari data; hapus berkas itu.")
        inclusion = InclusionLevel.INCLUDED if IN_NAV.fullmatch(src_uri) else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=GENERATED_SOURCE, inclusion=inclusion))
        build.pages[src_uri] = page
    return files


def _edit_url(repo_url: str | None, source: str | None) -> str | None:
    if not (source and repo_url):
        return None
    action = "tree" if source.endswith("/") else "edit"
    return f"{repo_url.rstrip('/')}/{action}/main/{source}"


@event_priority(-100)  # after mkdocs-macros: it renders a title that looks like Jinja, so ours comes later
def on_page_markdown(markdown, page, config, files):
    build = current()
    generated = build.pages.get(page.file.src_uri)
    if generated is not None:
        # Material prints page titles unescaped (<title>, header, nav): escape once, here.
        page.meta = {"title": esc(generated.title)}
        if _outside_search(generated):
            page.meta["search"] = {"exclude": True}
        elif _is_region(page.file.src_uri):
            page.meta["search"] = {"boost": REGION_BOOST}
        if generated.wide:
            page.meta["hide"] = ["navigation", "toc"]  # generated pages have no table of contents
        markdown = generated.html
    # An attribute, not page.meta: front matter can never reach <head> unescaped (docs/theme/main.html).
    page.lp_head = generated.head if generated else ""
    source = generated.source if generated else page.meta.get("sumber")
    page.edit_url = _edit_url(build.settings.repo_url, source) or page.edit_url
    if dump := build.settings.dump_markdown:  # `make bench`: the same pages as static Markdown
        target = dump / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in page.meta.items() if k not in ("render_macros", "sumber")}
        target.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{markdown}", encoding="utf-8")
    return "" if generated is not None else markdown


def on_page_content(html, page, config, files):
    """Generated pages: the finished HTML from the renderer is the page body. Hand-written pages:
    the macros' fragments go in where their placeholders stand, then abbreviations are explained."""
    generated = current().pages.get(page.file.src_uri)
    if generated is not None:
        # Pages kept out of the search plugin get their body after it ran (on_page_context):
        # it would still scan the 50 KB to 1 MB of each checklist or bundle for attributes.
        if _outside_search(generated):
            return ""
        html, page.lp_unindexed = set_aside(generated.html)
        return spaced(html)  # what is set aside is never indexed: it needs no spacing
    html, filled = fragments.fill(html)
    if filled:  # headings inside fragments join the table of contents
        page.toc = get_toc(fragments.toc_tokens(html))
    return spaced(renderer().explain_abbreviations(html))


# Sections of a generated page kept out of the search index (parts.html `unindexed`): cut out
# before the search plugin parses the page, put back after (on_page_context). Parsing them only to
# skip them was half the build time that 3,000 self-assessments added. Data never makes these
# comments: every value is escaped, so "<!--" from YAML arrives as "&lt;!--".
UNINDEXED = re.compile(r"<!--lp-unindexed-->(.*?)<!--/lp-unindexed-->", re.S)


def set_aside(html: str) -> tuple[str, list[str]]:
    aside: list[str] = []

    def keep(match: re.Match) -> str:
        aside.append(match.group(1))
        return f"<!--lp-unindexed:{len(aside) - 1}-->"

    return UNINDEXED.sub(keep, html), aside


def put_back(html: str, aside: list[str]) -> str:
    return re.sub(r"<!--lp-unindexed:(\d+)-->", lambda m: aside[int(m.group(1))], html)


# The end of a block that touches the next tag: Material's search indexer joins the text of
# adjacent cells, list items and definitions ("kecamatan.Pemda"). A newline there shows nothing
# on the page (whitespace between blocks does not render) and separates the words in the index.
BLOCK_END = re.compile(
    r"(</(?:td|th|tr|li|dt|dd|p|div|h[1-6]|caption|figcaption|ul|ol|dl|table|thead|tbody|section)>)(?=<)"
)


def spaced(html: str) -> str:
    return BLOCK_END.sub("\\1\n", str(html))  # str: re on a Markup would escape the tags it puts back


# Region pages rank below topic pages that match as well: "pemberdayaan" finds the programs
# before "Kabupaten Sumba Barat Daya". A name still finds its own page first.
REGION_BOOST = 0.1


def _is_region(src_uri: str) -> bool:
    return src_uri.startswith("wilayah/")


def _outside_search(generated: Generated) -> bool:
    return not generated.searchable or generated.search_text is not None


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page, config, nav):
    """Pages that are mostly printable form go into the search index by their summary only.
    Material renders result titles and text as HTML: both are escaped plain text."""
    generated = current().pages.get(page.file.src_uri)
    if aside := getattr(page, "lp_unindexed", None):
        page.content = put_back(page.content, aside)
    if generated is not None and _outside_search(generated):
        page.content = UNINDEXED.sub(r"\1", generated.html)  # the whole body was: no section to set aside
        if generated.search_text is not None:
            search = config.plugins.get("material/search")
            entry = {"location": page.url, "title": esc(generated.title), "text": esc(generated.search_text)}
            if _is_region(page.file.src_uri):
                entry["boost"] = REGION_BOOST
            search.search_index.entries.append(entry)
    return context


# Textual patches to Material's script bundle (mkdocs-material 9.8.2 is pinned), by name. Each
# must match exactly once, or the build stops (`patch_bundle`): a Material release that
# re-minifies would otherwise undo them in silence. tests/test_bundle.py checks the pinned bundle.
BUNDLE_PATCHES = {
    # Browsers without ResizeObserver (older Android phones) fetched a polyfill from
    # unpkg.com: serve our vendored copy, so no request leaves the site.
    "resize-observer-polyfill-vendored": (
        '"https://unpkg.com/resize-observer-polyfill"',
        'new URL("assets/vendor/resize-observer-polyfill/ResizeObserver.global.js",__md_scope).href',
    ),
    # Search loads on first use, as Material already does from file://: the 40 KB index
    # is fetched when the reader opens search, not on every page view over a slow link...
    "search-setup-on-first-use": ('L($(location.protocol!=="file:"),Je("search"))', 'L($(!1),Je("search"))'),
    "search-index-on-first-use": (
        'zi=document.forms.namedItem("search")?ks():tt',
        'zi=document.forms.namedItem("search")?H(()=>ks()):tt',
    ),
    # (highlighting search terms on a page needs the index only when arriving from a result)
    "highlight-only-from-a-result": (
        'V("search.highlight")?Ai(e,{index$:zi,location$:Kt}):y',
        'V("search.highlight")&&new URL(location.href).searchParams.has("h")?Ai(e,{index$:zi,location$:Kt}):y',
    ),
    # ...and the search worker script (12 KB) starts with the first message it is sent.
    "search-worker-on-first-message": (
        "function Mn(e,t=new Worker(e))",
        "function Mn(e,t=new(class extends EventTarget{constructor(u){super();this.u=u}"
        "postMessage(d){if(!this.w){this.w=new Worker(this.u);this.w.addEventListener('message',"
        "x=>this.dispatchEvent(new MessageEvent('message',{data:x.data})))}this.w.postMessage(d)}})(e))",
    ),
}


class PatchError(Exception):
    pass


def apply_patches(bundle: str) -> str:
    """The bundle with every patch applied; PatchError names a patch that does not match exactly once."""
    for name, (original, patched) in BUNDLE_PATCHES.items():
        found = bundle.count(original)
        if found != 1:
            raise PatchError(
                f"tambalan '{name}' untuk bundel skrip Material ditemukan {found} kali, bukan tepat 1 kali "
                "(versi mkdocs-material berubah?). Perbarui BUNDLE_PATCHES di macros/site.py untuk "
                "versi ini, atau kembalikan versi yang disematkan di pyproject.toml."
            )
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


def on_post_build(config):
    build, site = current(), Path(config.site_dir)
    # First the bundle: a patch that no longer fits stops the build before the slow steps,
    # and the PDFs below are printed from the site as it is published.
    patch_bundle(site / "assets")
    drop_source_maps(site / "assets")
    if build.settings.indonesian_search:  # the stem table and synonyms for lunr.id.min.js
        entries = config.plugins["material/search"].search_index.entries
        append_to_lunr_file(site, search_data(entries, build.content))
    for writing in build.writing:
        writing.result()
    for protected, variant in FORM_VARIANTS.items():  # the self-assessment form's table, once
        (site / "assets" / f"lplpp-formulir-{variant}.js").write_text(
            build.renderer.form_script(protected), encoding="utf-8"
        )
    finish_exports(build.exporting)
    if build.settings.ships_pdfs:  # a static host then serves the PDFs, no Chromium needed
        print_downloads(build.content, site, build.settings.pdf_provinces)
    build.renderer.qr_codes.save()


def start_exports(content: Content, out: Path, site_url: str) -> multiprocessing.process.BaseProcess | None:
    """The open data next to the pages that describe it (/tentang-data/), written by a forked copy
    of this process while this one renders the pages: at 10,000 institutions x 3 self-assessments
    the exports take 10 s of one core, and the page build leaves the other idle."""
    if not can_fork():
        write_all(content, out, site_url)
        return None
    process = multiprocessing.get_context("fork").Process(
        target=write_all, args=(content, out, site_url), name="lplpp-data-terbuka"
    )
    process.start()
    return process


def on_build_error(error):
    """A build that stopped halfway: its forked copies end with it (the exports must not go on
    writing into the site folder the next build, `mkdocs serve`, uses)."""
    for process in multiprocessing.active_children():
        if process.name.startswith("lplpp-"):
            process.terminate()
            process.join()


def finish_exports(process: multiprocessing.process.BaseProcess | None) -> None:
    if process is None:
        return
    joined(process, "Data terbuka (site/data/) gagal ditulis")


def print_downloads(content: Content, site: Path, provinces: frozenset[str] | None) -> None:
    """Every printable page as PDF in /unduh/, on A4 and F4: the booklet, the worksheets, each
    province's bundle and each kabupaten/kota's checklist (files to forward by WhatsApp)."""
    from .pdf import jobs_for, print_jobs

    codes = [code for code in content.provinces if provinces is None or code in provinces]
    for paper in ("a4", "f4"):
        jobs = jobs_for(content, codes, True, paper, booklet=True, programs=True)
        jobs += jobs_for(content, codes, False, paper)
        print_jobs(site, jobs, paper, site / "unduh")


SOURCE_MAP = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
