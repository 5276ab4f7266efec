"""Render the model as page content.

Everything from data goes through `Renderer.text` (HTML-escaped, abbreviations
explained) or `safe_href`; data is never handed to Markdown or Jinja as source,
so `<script>`, `*`, `[x](javascript:...)` or `{{ ... }}` in a YAML value show as
typed.

- Generated pages (`Generated`): finished HTML that the build uses as the page body;
  their source file is empty, their title is set on the page object (macros.site).
- Macros for the hand-written pages under docs/pages: finished HTML that goes into
  the page after Markdown (macros.fragments), never into its source.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, urljoin, urlsplit

import segno

from .labels import (COMPONENT_GROUPS, GUIDELINE_STATUSES, INSTITUTION_KINDS, LEGAL_STATUSES, STANDARDISATION_STATUSES,
                     VERIFICATION_STATUSES)
from .model import Content, Criterion, Institution, Program, Province, Regency


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def css_string(value) -> str:
    """A CSS string literal that shows value as typed: everything but letters, digits and spaces
    as a hex escape, so no quote, newline or `</style>` can end the string or the element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value)) + '"'


def safe_href(url: str) -> str | None:
    """Only http(s), mailto and tel links leave the site; anything else is dropped."""
    scheme = urlsplit(url.strip()).scheme.lower()
    return esc(url.strip()) if scheme in ("http", "https", "mailto", "tel") else None


# An HTML page as tags (quoted attribute values may hold ">") and the text between them.
_TAG_OR_TEXT = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+|<""", re.S)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_NO_ABBR = {"a", "abbr", "dt", "code", "pre", "script", "style", "textarea", "title", "svg", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Generated:
    """A page made from data: its title, the file editors change, and its finished HTML body."""

    title: str
    source: str
    html: str
    searchable: bool = True
    # Set for pages whose body is mostly printable form: the search index gets this text
    # instead of the plugin parsing 50 KB of checklist on each of 514 pages.
    search_text: str | None = None


def qr_svg(url: str, label: str) -> str:
    """A QR code as inline SVG, made at build time (no network, no service)."""
    # A fixed mask: evaluating all eight costs 4x the time (514 codes per build); scanners read any.
    code = segno.make_qr(url, error="m", mask=2)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1)


def rows_html(rows: list) -> str:
    """Table rows from lists of rendered cells; a string is a row already rendered (a group heading)."""
    return "".join(row if isinstance(row, str) else "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                   for row in rows)


def relative(here: str, target: str) -> str:
    """Link from page URL `here` to `target`, both site-relative: pages as "lembaga/yagat/" (or
    "lembaga/yagat.html" in the offline build), files as "data/lembaga.csv", with an optional #anchor.

    Relative links keep the site working from any base path, and from a folder."""
    path, _, anchor = target.partition("#")
    base = "/" + (here if here.endswith("/") or not here else posixpath.dirname(here) + "/")
    rel = posixpath.relpath("/" + path, base)
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


@dataclass
class Renderer:
    content: Content
    site_url: str = "http://127.0.0.1:8000/"  # printed checklists carry absolute URLs
    today: dt.date = field(default_factory=dt.date.today)  # for "needs re-verification"
    reverify_months: int = 12
    ships_pdfs: bool = False  # the build prints booklet and worksheets into /unduh/
    directory_urls: bool = True  # False in the offline build: pages are files (lembaga/yagat.html)

    def __post_init__(self):
        self._index_pages = {"", "pedoman/", "lembaga/", "program/", "wilayah/"} | {
            f"wilayah/{code}/" for code in self.content.provinces}
        self._checklists: dict[str, str] = {}
        terms = sorted((t for t in self.content.guideline.glossary if t.expansion), key=lambda t: -len(t.term))
        self._abbr = {t.term: t.expansion for t in terms}
        # Matched on raw text, never on escaped HTML (where "amp" or "lt" would hit inside "&amp;").
        self._abbr_re = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t.term) for t in terms) + r")(?![\w-])") if terms else None
        self.fields = {f.id: f.name for f in self.content.guideline.fields}
        self.products = {p.id: p.name for p in self.content.guideline.products}

    # ---------------------------------------------------------------- text

    def text(self, value) -> str:
        """Escaped text with abbreviations explained on hover (each abbreviation once per call)."""
        return self._explained(str(value), set()) if self._abbr_re else esc(value)

    def _explained(self, raw: str, seen: set[str]) -> str:
        """raw, escaped, with each glossary abbreviation not yet in `seen` wrapped in <abbr title>."""
        out, last = [], 0
        for match in self._abbr_re.finditer(raw) if self._abbr_re else ():
            term = match.group(1)
            if term in seen:
                continue
            seen.add(term)
            out += [esc(raw[last:match.start()]), f'<abbr title="{esc(self._abbr[term])}">{esc(term)}</abbr>']
            last = match.end()
        out.append(esc(raw[last:]))
        return "".join(out)

    def paragraphs(self, value: str) -> str:
        blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", value.strip())]
        return "".join(f"<p>{self.text(block)}</p>" for block in blocks if block)

    def items(self, values, tag: str = "ul") -> str:
        return f"<{tag}>" + "".join(f"<li>{self.text(v)}</li>" for v in values) + f"</{tag}>"

    def names(self, ids, table: dict, empty: str = "belum diketahui") -> str:
        return esc(", ".join(table.get(i, i) for i in ids)) if ids else f"<em>{empty}</em>"

    def href(self, here: str, target: str) -> str:
        """A relative link that fits the build: folders with index.html, or .html files offline."""
        if not self.directory_urls:
            here, target = self._file_url(here), self._file_url(target)
        return esc(relative(here, target))

    def _file_url(self, url: str) -> str:
        path, hash_, anchor = url.partition("#")
        if path.endswith("/") or not path:
            path = path + "index.html" if path in self._index_pages else path.rstrip("/") + ".html"
        return path + hash_ + anchor

    def link(self, here: str, target: str, label: str) -> str:
        return f'<a href="{self.href(here, target)}">{self.text(label)}</a>'

    def region_name(self, code: str) -> str:
        c = self.content
        if code in c.regencies:
            return c.regencies[code].name
        return f"Provinsi {c.provinces[code].name}" if code in c.provinces else code

    def region_link(self, here: str, code: str) -> str:
        target = "wilayah/" + code.replace(".", "/") + "/"
        return self.link(here, target, self.region_name(code))

    @staticmethod
    def table(head: list[str], rows: list, cls: str = "", table_id: str = "") -> str:
        """An HTML table; cells are already-rendered HTML. The table itself stays without a class,
        so Material styles it (and makes it scroll sideways on phones)."""
        thead = "".join(f'<th scope="col">{h}</th>' for h in head)
        table = f"<table><thead><tr>{thead}</tr></thead><tbody>{rows_html(rows)}</tbody></table>"
        ident = f' id="{esc(table_id)}"' if table_id else ""
        return f'<div class="{cls}"{ident}>{table}</div>' if cls else table

    @staticmethod
    def facts(pairs: list[tuple[str, str]]) -> str:
        """A definition list of label -> rendered value."""
        return '<dl class="lp-facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"

    def status(self, inst: Institution) -> str:
        label = STANDARDISATION_STATUSES[inst.status]
        if inst.status == "terstandar" and inst.standardised_year:
            label += f" ({inst.standardised_year})"
        return f'<span class="lp-status lp-status--{inst.status}">{esc(label)}</span>'

    # ---------------------------------------------------------------- guideline

    def subheading(self, level: int, text: str, anchor: str) -> str:
        return self.heading(level, self.text(text), anchor)

    def criteria(self, here: str, level: int = 2) -> str:
        out = []
        for aspect in self.content.guideline.aspects:
            out.append(self.subheading(level, f"{aspect.id} · {aspect.name}", aspect.id.lower()))
            out.append(self.paragraphs(aspect.description) + "".join(self.criterion(c, here, level + 1) for c in aspect.criteria))
        return "".join(out)

    def applicability(self, c: Criterion) -> str:
        fields = "semua bidang" if c.fields is None else "bidang " + ", ".join(self.fields.get(f, f) for f in c.fields)
        products = "semua produk layanan" if c.products is None else "produk " + ", ".join(self.products.get(p, p) for p in c.products)
        return esc(f"Berlaku untuk {fields}; {products}.")

    def criterion(self, c: Criterion, here: str, level: int = 3) -> str:
        note = f'<p class="lp-note">{self.text(c.note)}</p>' if c.note else ""
        return (f'<section class="lp-criterion" id="{esc(c.id.lower())}"><h{level} id="{esc(c.id.lower())}-judul">'
                f'<span class="lp-id">{esc(c.id)}</span> {self.text(c.question)}</h{level}>'
                f"<p><strong>Bukti yang diharapkan:</strong></p>{self.items(c.evidence)}"
                f'<p class="lp-applies">{self.applicability(c)}</p>{note}</section>')

    def followups(self, level: int = 3) -> str:
        g = self.content.guideline
        stages = {s.id: s.name for s in g.stages}
        out = []
        for s in g.followups:
            stage = f'<p class="lp-applies">Tahapan: {self.text(stages[s.stage_id])}</p>' if s.stage_id else ""
            out.append(f'<section class="lp-step" id="{esc(s.id.lower())}"><h{level} id="{esc(s.id.lower())}-judul"><span class="lp-id">'
                       f"{esc(s.id)}</span> {self.text(s.title)}</h{level}>{self.paragraphs(s.description)}"
                       f"<p><strong>Hasil:</strong> {self.text(s.output)}</p>{stage}</section>")
        return "\n".join(out)

    def stages(self, level: int = 2) -> str:
        g = self.content.guideline
        out = []
        for number, s in enumerate(g.stages, 1):
            out.append(self.subheading(level, f"{number}. {s.name}", s.id))
            rows = [[f"<strong>{self.text(p.name)}</strong>", self.text(s.roles[p.id])] for p in g.parties]
            out.append(f"{self.paragraphs(s.purpose)}{self.table(['Pihak', 'Peran'], rows)}"
                       f"<p><strong>Hasil:</strong> {self.text(s.output)}</p>")
        return "".join(out)

    def parties(self) -> str:
        return self.facts([(self.text(p.name), self.text(p.description)) for p in self.content.guideline.parties])

    def introduction(self, level: int = 2) -> str:
        g = self.content.guideline
        legal = self.table(["Peraturan", "Relevansi", "Status"], [
            [self.text(b.title), self.text(b.relevance), esc(LEGAL_STATUSES[b.status]) if b.confirmed else f"<em>{esc(LEGAL_STATUSES[b.status])}</em>"]
            for b in g.legal_bases])
        definitions = '<dl class="lp-terms">' + "".join(
            f'<dt id="{esc(d.id)}">{self.text(d.term)}</dt><dd>{self.paragraphs(d.meaning)}</dd>' for d in g.definitions) + "</dl>"
        principles = '<dl class="lp-terms">' + "".join(
            f'<dt id="prinsip-{esc(p.id)}">{self.text(p.name)}</dt><dd>{self.text(p.meaning)}</dd>' for p in g.principles) + "</dl>"
        fields = self.table(["Bidang", "Lingkup", "Asal"], [
            [f'<span id="bidang-{f.id}">{self.text(f.name)}</span>', self.text(f.description), self.text(f.origin_note)]
            for f in g.fields])
        sections = [("Latar belakang", "latar-belakang", self.paragraphs(g.background)),
                    ("Tujuan standardisasi", "tujuan", self.items(g.purposes, "ol")),
                    ("Pengguna pedoman", "pengguna", self.items(g.audience)),
                    ("Dasar hukum", "dasar-hukum", legal), ("Definisi", "definisi", definitions),
                    ("Prinsip pelayanan", "prinsip", principles), ("Bidang", "bidang", fields)]
        return "".join(self.subheading(level, title, anchor) + body
                       for title, anchor, body in sections)

    def components(self) -> str:
        rows = [[str(c.number), self.text(c.name), esc(COMPONENT_GROUPS[c.group]), self.text(c.description)]
                for c in self.content.guideline.components]
        return self.table(["No.", "Komponen", "Kelompok", "Isi"], rows)

    def product_links(self, here: str) -> str:
        return "<ul>" + "".join(
            f"<li>{self.link(here, f'pedoman/layanan/{p.id}/', p.name)}: {self.text(p.meaning)}</li>"
            for p in self.content.guideline.products) + "</ul>"

    def glossary(self) -> str:
        return '<dl class="lp-terms">' + "".join(
            f'<dt id="istilah-{esc(t.id)}">{esc(t.term)}' + (f" ({esc(t.expansion)})" if t.expansion else "") +
            f"</dt><dd>{self.text(t.meaning)}</dd>" for t in self.content.guideline.glossary) + "</dl>"

    def explain_abbreviations(self, page_html: str) -> str:
        """Wrap glossary abbreviations in the text of a finished page in <abbr title="…">.
        Works on HTML, not Markdown source: a glossary entry is only ever escaped text.
        Each term once per page, where the reader first meets it."""
        if not self._abbr_re:
            return page_html
        out: list[str] = []
        skipping: list[str] = []
        seen: set[str] = set()
        for token in _TAG_OR_TEXT.findall(page_html):
            if token.startswith("<"):
                name = _TAG_NAME.match(token)
                if name and name.group(2).lower() in _NO_ABBR:
                    tag = name.group(2).lower()
                    if name.group(1):
                        if skipping and skipping[-1] == tag:
                            skipping.pop()
                    elif not token.endswith("/>"):
                        skipping.append(tag)
                out.append(token)
            elif skipping:
                out.append(token)
            else:
                out.append(self._explained(html.unescape(token), seen))
        return "".join(out)

    def version_line(self) -> str:
        g = self.content.guideline
        return esc(g.version_text[0].upper() + g.version_text[1:])

    def draft_note(self) -> str:
        return self.text(self.content.guideline.draft_note)

    def counts(self) -> str:
        c = self.content
        return esc(f"{len(c.guideline.criteria)} kriteria, {len(c.guideline.followups)} langkah tindak lanjut, "
                   f"{len(c.institutions)} lembaga, {len(c.programs)} templat program, {len(c.provinces)} provinsi "
                   f"dan {len(c.regencies)} kabupaten/kota")

    def export_files(self, here: str) -> str:
        """The open-data files and what each column means (the same definitions the exports use)."""
        from .export import DIRECTORY_COLUMNS, FILES, REGION_COLUMNS

        files = self.table(["Berkas", "Isi"], [[f'<a href="{self.href(here, "data/" + name)}">{esc(name)}</a>',
                                                esc(text)] for name, text in FILES.items()])

        def columns(cols):
            return self.table(["Kolom", "Jenis", "Arti"], [[f"<code>{esc(c.name)}</code>", esc(c.type), esc(c.description)]
                                                         for c in cols])
        return "".join([
            files, self.heading(3, "Kolom <code>lembaga.csv</code> dan <code>lembaga.json</code>", "kolom-lembaga"),
            columns(DIRECTORY_COLUMNS),
            self.heading(3, "Kolom <code>wilayah.csv</code> dan <code>wilayah.json</code>", "kolom-wilayah"),
            columns(REGION_COLUMNS)])

    def region_source(self) -> str:
        s = self.content.region_source
        href = safe_href(s["url"])
        return (f'<p>{self.text(s["atribusi"])} Sumber: <a href="{href}">{esc(s["nama"])} {esc(s["versi"])}</a>, '
                f'lisensi {esc(s["lisensi"])}. Basis data turunan (termasuk ekspor wilayah portal ini) tetap '
                f"berlisensi ODbL.</p>")

    # ---------------------------------------------------------------- generated pages
    # These return finished HTML. The build hands it to the theme as the page body and
    # skips Markdown for it: data never passes through Markdown, and at 10,000 pages
    # Markdown's raw-HTML parsing was a third of the build time.

    @staticmethod
    def heading(level: int, html_text: str, anchor: str) -> str:
        anchor = esc(anchor)
        link = "" if level == 1 else f'<a class="headerlink" href="#{anchor}" title="Tautan ke bagian ini">#</a>'
        return f'<h{level} id="{anchor}">{html_text}{link}</h{level}>'

    def crumbs(self, here: str, trail: list[tuple[str, str]]) -> str:
        links = " › ".join(self.link(here, target, label) for target, label in trail)
        # <nav>, not <p>: Material's search parser skips excluded elements by tag name.
        return f'<nav class="lp-crumbs" aria-label="Lokasi halaman" data-search-exclude>{links}</nav>'

    def standard_table(self, product) -> str:
        rows = [[f'<span class="lp-id">{c.number}</span>', f'<strong id="{esc(product.id)}-{esc(c.id)}">{self.text(c.name)}</strong>',
                 self.text(product.standard[c.id])] for c in self.content.guideline.components]
        return self.table(["No.", "Komponen", "Standar"], rows, "lp-standard")

    def product_page(self, product) -> Generated:
        here = f"pedoman/layanan/{product.id}/"
        title = f"Standar layanan {product.name}"
        return Generated(title, "guidelines/standar-layanan.yaml", "".join([
            self.heading(1, esc(title), "judul"), self.paragraphs(product.meaning),
            f"<p><strong>Contoh layanan:</strong></p>{self.items(product.examples)}",
            self.heading(2, "Empat belas komponen standar", "komponen"),
            f'<p>Komponen sesuai UU 25/2009 Pasal 21. Penjelasan tiap komponen: '
            f'{self.link(here, "pedoman/standar-layanan/", "Standar layanan")}.</p>',
            self.standard_table(product)]))

    def booklet_page(self) -> Generated:
        """The whole guideline as one printable document: cover, contents, a chapter per sheet."""
        here = "pedoman/cetak/"
        g = self.content.guideline
        url = urljoin(self.site_url, "pedoman/")
        status = GUIDELINE_STATUSES[g.status].lower()
        standards = self.components() + "".join(
            self.heading(3, f"Standar layanan {esc(p.name)}", f"standar-{p.id}") + self.paragraphs(p.meaning) +
            self.standard_table(p) for p in g.products)
        chapters = [("pendahuluan", "Pendahuluan", self.introduction(level=3)),
                    ("standar-layanan", "Standar layanan", standards),
                    ("kriteria", "Kriteria kelembagaan", self.criteria(here, level=3)),
                    ("tahapan", "Tahapan standardisasi", self.parties() + self.stages(level=3)),
                    ("tindak-lanjut", "Tindak lanjut pasca-Bimtek", self.followups(level=3)),
                    ("glosarium", "Glosarium", self.glossary())]
        contents = "".join(f'<li><a href="#bab-{anchor}">{esc(title)}</a></li>' for anchor, title, _ in chapters)
        return Generated(f"{g.title} (versi cetak)", "guidelines/pedoman.yaml", searchable=False, html="".join([
            self.heading(1, "Pedoman versi cetak", "judul"),
            f"<p>Seluruh pedoman dalam satu dokumen untuk dicetak (A4 atau F4). Versi {esc(g.version)} ({status}), "
            f"{esc(g.date)}.</p>", self.paper_switch(here),
            (f'<p><a class="md-button" href="{self.href(here, f"unduh/pedoman-{g.version}.pdf")}">'
             f"Unduh PDF (A4)</a></p>" if self.ships_pdfs else ""),
            f"<style>@media print {{ body {{ page: lp-booklet; }} }} @page lp-booklet {{ @top-left {{ "
            f"content: {css_string(f'Pedoman LP-LPP · versi {g.version} ({status})')}; "
            "font: 700 9pt system-ui, sans-serif; } }</style>",
            '<article class="lp-booklet" style="page: lp-booklet">',
            f'<section class="lp-cover"><p class="lp-cover-issuer">{self.text(g.publisher)}</p>'
            f'<h2 class="lp-cover-title">{self.text(g.title)}</h2>'
            f'<p class="lp-cover-version">Versi {esc(g.version)} ({status}) · {esc(g.date)}</p>'
            + (f'<p class="lp-cover-note">{self.text(g.draft_note)}</p>' if g.is_draft else "") +
            f'<div class="lp-cover-qr">{qr_svg(url, f"Kode QR ke {url}")}<p>Versi daring terbaru: {esc(url)}</p></div></section>',
            f'<nav class="lp-toc" aria-label="Daftar isi"><h2>Daftar isi</h2><ol>{contents}</ol></nav>',
            *(f'<section class="lp-chapter" id="bab-{anchor}"><h2>{number}. {esc(title)}</h2>{body}</section>'
              for number, (anchor, title, body) in enumerate(chapters, 1)),
            "</article>"]))

    def institution_page(self, inst: Institution) -> Generated:
        here = f"lembaga/{inst.id}/"
        c = self.content
        location = self.region_link(here, inst.region_code)
        if len(inst.region_code) == 5:
            location += ", " + self.region_link(here, inst.province_code)
        pairs = [("Jenis", esc(INSTITUTION_KINDS[inst.kind])), ("Kedudukan", location)]
        if inst.work_region_codes:
            pairs.append(("Wilayah kerja lain", ", ".join(self.region_link(here, code) for code in inst.work_region_codes)))
        if inst.confidential_location:
            pairs.append(("Alamat", "<em>dirahasiakan untuk melindungi penerima manfaat</em>"))
        elif inst.address:
            pairs.append(("Alamat", self.text(inst.address)))
        if inst.coordinates:
            pairs.append(("Koordinat", esc(f"{inst.coordinates[0]}, {inst.coordinates[1]}")))
        pairs += [("Bidang", self.names(inst.fields, self.fields)), ("Produk layanan", self.names(inst.products, self.products))]
        if inst.program_ids:
            pairs.append(("Program", ", ".join(self.link(here, f"program/{p}/", c.programs[p].name) for p in inst.program_ids)))
        standard = self.status(inst)
        if inst.standardised_fields:
            standard += " di bidang " + esc(", ".join(self.fields.get(f, f) for f in inst.standardised_fields))
        pairs.append(("Standardisasi", standard))
        if contact := self.contact(inst.contact):
            pairs.append(("Kontak lembaga", contact))
        title = inst.name + (f" ({inst.acronym})" if inst.acronym else "")
        return Generated(title, f"data/lembaga/{inst.id}.yaml", "".join([
            self.heading(1, self.text(title), "judul"), self.crumbs(here, [("lembaga/", "Direktori lembaga")]),
            self.paragraphs(inst.description), self.facts(pairs),
            self.heading(2, "Sumber dan verifikasi", "sumber"), self.provenance(inst)]))

    def provenance(self, inst: Institution) -> str:
        sources = "<ul>" + "".join(
            "<li>" + self.text(s.description) +
            (f' (<a href="{safe_href(s.url)}" rel="nofollow noopener">tautan</a>)' if s.url and safe_href(s.url) else "") + "</li>"
            for s in inst.sources) + "</ul>"
        pairs = [("Sumber", sources),
                 ("Status verifikasi", f'<span class="lp-verify lp-verify--{inst.verification_status}">'
                                       f"{esc(VERIFICATION_STATUSES[inst.verification_status])}</span>"),
                 ("Terakhir diperiksa", esc(inst.verified_on.isoformat()) + self.stale_mark(inst))]
        if inst.verification_note:
            pairs.append(("Catatan", self.text(inst.verification_note)))
        return self.facts(pairs)

    def contact(self, contact: dict) -> str:
        parts = []
        if (url := contact.get("situs")) and (href := safe_href(url)):
            parts.append(f'<a href="{href}" rel="nofollow noopener">{esc(url)}</a>')
        if email := contact.get("email"):
            parts.append(f'<a href="{safe_href("mailto:" + quote(email, safe="@.+-_"))}">{esc(email)}</a>')
        if phone := contact.get("telepon"):
            parts.append(f'<a href="{safe_href("tel:" + re.sub(r"[^0-9+]", "", phone))}">{esc(phone)}</a>')
        return "<br>".join(parts)

    def institution_table(self, here: str, institutions: list[Institution], with_region: bool = True) -> str:
        head = ["Lembaga"] + (["Provinsi", "Kabupaten/kota"] if with_region else []) + ["Jenis", "Bidang", "Status"]
        return self.table(head, [self.institution_row(here, i, with_region) for i in institutions], "lp-directory")

    def institution_row(self, here: str, inst: Institution, with_region: bool = True) -> list[str]:
        row = [self.link(here, f"lembaga/{inst.id}/", inst.name)]
        if with_region:
            row += [self.region_link(here, inst.province_code),
                    self.region_link(here, inst.region_code) if len(inst.region_code) == 5 else "<em>belum diketahui</em>"]
        return row + [esc(INSTITUTION_KINDS[inst.kind]), self.names(inst.fields, self.fields), self.status(inst)]

    def stale_mark(self, inst: Institution) -> str:
        if inst.needs_reverification(self.today, self.reverify_months):
            return f' <span class="lp-stale">perlu verifikasi ulang (lebih dari {self.reverify_months} bulan)</span>'
        return ""

    def verification(self, inst: Institution) -> str:
        return (f"{esc(VERIFICATION_STATUSES[inst.verification_status])}, diperiksa "
                f"{esc(inst.verified_on.isoformat())}{self.stale_mark(inst)}")

    def directory_page(self) -> Generated:
        """Every institution in the HTML (works without JavaScript, prints); lplpp.js filters the rows."""
        here = "lembaga/"
        c = self.content
        institutions = list(c.institutions.values())
        head = ["Lembaga", "Provinsi", "Kabupaten/kota", "Jenis", "Bidang", "Status", "Verifikasi"]
        rows = []
        for inst in institutions:
            codes = inst.region_codes
            attrs = {"p": " ".join(dict.fromkeys(code[:2] for code in codes)),
                     "r": " ".join(code for code in codes if len(code) == 5), "j": inst.kind,
                     "b": " ".join(inst.fields), "l": " ".join(inst.products), "s": inst.status,
                     "q": f"{inst.name} {inst.acronym or ''}".casefold()}
            cells = self.institution_row(here, inst) + [self.verification(inst)]
            # data-* attributes carry what lplpp.js filters on
            rows.append("<tr " + " ".join(f'data-{k}="{esc(v)}"' for k, v in attrs.items()) + ">" +
                        "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        return Generated("Direktori lembaga", "data/lembaga/", "".join([
            self.heading(1, "Direktori lembaga", "judul"),
            "<p>Setiap data menyebut sumber dan status verifikasinya; data yang belum diverifikasi dapat berubah. "
            f'Unduh data terbuka dan cara mengusulkan lembaga baru: {self.link(here, "tentang-data/", "Tentang data")}.</p>',
            self.directory_filter(institutions),
            f'<p class="lp-count" role="status" aria-live="polite"><strong>{len(institutions)}</strong> lembaga</p>',
            self.table(head, rows, "lp-directory", table_id="daftar-lembaga")]))

    def directory_filter(self, institutions: list[Institution]) -> str:
        """The filter form; shown by lplpp.js (hidden without JavaScript, where the full list shows)."""
        c = self.content
        province_codes = sorted({code[:2] for i in institutions for code in i.region_codes})
        regency_codes = sorted({code for i in institutions for code in i.region_codes if len(code) == 5})

        def select(name: str, label: str, options: list[tuple[str, str]], extra=lambda value: "") -> str:
            opts = "".join(f'<option value="{esc(v)}"{extra(v)}>{esc(t)}</option>' for v, t in options)
            return (f'<label>{label}<select name="{name}"><option value="">Semua</option>{opts}</select></label>')

        return "".join([
            '<form class="lp-filter" hidden role="search" aria-label="Saring direktori">',
            '<label class="lp-filter-q">Cari nama atau singkatan<input type="search" name="q" autocomplete="off"></label>',
            select("provinsi", "Provinsi", [(p, c.provinces[p].name) for p in province_codes]),
            select("kabupaten", "Kabupaten/kota", [(r, c.regencies[r].name) for r in regency_codes],
                   lambda value: f' data-p="{value[:2]}"'),
            select("jenis", "Jenis", list(INSTITUTION_KINDS.items())),
            select("bidang", "Bidang", list(self.fields.items())),
            select("produk", "Produk layanan", list(self.products.items())),
            select("status", "Status", list(STANDARDISATION_STATUSES.items())),
            '<button type="reset" class="md-button">Hapus saringan</button></form>'])

    def program_page(self, program: Program) -> Generated:
        here = f"program/{program.id}/"
        pairs = [("Tujuan", self.text(program.goal)), ("Sasaran", self.text(program.beneficiaries)),
                 ("Durasi", self.text(program.duration)), ("Bidang", self.names(program.fields, self.fields)),
                 ("Produk layanan", self.names(program.products, self.products))]
        if program.related_criteria:
            pairs.append(("Kriteria terkait", ", ".join(
                self.link(here, f"pedoman/kriteria/#{cid.lower()}", cid) for cid in program.related_criteria)))
        users = [i for i in self.content.institutions.values() if program.id in i.program_ids]
        steps = "<ol>" + "".join(f"<li><strong>{self.text(s.title)}</strong>: {self.text(s.description)}</li>"
                                 for s in program.steps) + "</ol>"
        g = self.content.guideline
        planning = self.check_table(["Rencana program di daerah Anda", "Isian"], [
            [f"<strong>{label}</strong>", ""] for label in (
                "Lokasi (desa/kelurahan, kecamatan, kabupaten/kota)", "Periode pelaksanaan", "Mitra",
                "Sumber anggaran", "Sasaran penerima manfaat (siapa, berapa)", "Penanggung jawab (jabatan/lembaga)",
                "Catatan")], "lp-plan")
        parts = [self.heading(1, self.text(program.name), "judul"), self.crumbs(here, [("program/", "Templat program")]),
                 '<div class="lp-worksheet">'
                 f'<p class="lp-sheet-title">Lembar kerja perencanaan program · Pedoman LP-LPP versi {esc(g.version)}</p>'
                 f'<p class="lp-print-only lp-worksheet-name">{self.text(program.name)}</p>',
                 f"<p>{self.text(program.summary)}</p>", self.facts(pairs),
                 self.heading(2, "Langkah pelaksanaan", "langkah"), steps,
                 self.heading(2, "Indikator keberhasilan", "indikator"), self.items(program.indicators),
                 self.heading(2, "Sumber daya", "sumber-daya"), self.items(program.resources),
                 self.heading(2, "Perencanaan", "perencanaan"), planning,
                 f'<p class="lp-sheet-url">{esc(urljoin(self.site_url, here))}</p></div>',
                 self.paper_switch(here)]
        if self.ships_pdfs:
            parts.append(f'<p><a class="md-button" href="{self.href(here, f"unduh/program-{program.id}.pdf")}">'
                         "Unduh lembar kerja (PDF, A4)</a></p>")
        if users:
            parts += [self.heading(2, "Lembaga yang menjalankan", "lembaga"), self.institution_table(here, users)]
        return Generated(program.name, f"data/program/{program.id}.yaml", "".join(parts))

    def program_index(self) -> Generated:
        here = "program/"
        rows = [[self.link(here, f"program/{p.id}/", p.name), self.text(p.summary), self.names(p.fields, self.fields)]
                for p in self.content.programs.values()]
        return Generated("Templat program", "data/program/", "".join([
            self.heading(1, "Templat program", "judul"),
            "<p>Templat untuk merencanakan program pemberdayaan perempuan: tujuan, langkah, indikator, dan "
            "sumber daya. Program berbeda dengan layanan: program mengejar tujuan tertentu dalam jangka waktu "
            "tertentu, sedangkan layanan dijalankan rutin.</p>",
            self.table(["Program", "Ringkasan", "Bidang"], rows)]))

    def regions_index(self) -> Generated:
        here = "wilayah/"
        rows = [[f'<span class="lp-id">{esc(p.code)}</span>', self.link(here, f"wilayah/{p.code}/", p.name),
                 str(len(p.regencies)), str(len(self.content.institutions_in(p.code)))]
                for p in self.content.provinces.values()]
        return Generated("Wilayah", "data/wilayah.yaml", "".join([
            self.heading(1, "Wilayah", "judul"),
            "<p>Pilih provinsi, lalu kabupaten/kota, untuk melihat lembaga yang tercatat dan daftar periksa "
            "tindak lanjut. Kode wilayah mengikuti Kemendagri.</p>",
            self.table(["Kode", "Provinsi", "Kabupaten/kota", "Lembaga tercatat"], rows)]))

    def province_page(self, province: Province) -> Generated:
        here = f"wilayah/{province.code}/"
        rows = []
        for r in province.regencies:
            institutions = self.content.institutions_in(r.code)
            standardised = sum(i.status == "terstandar" for i in institutions)
            rows.append([f'<span class="lp-id">{esc(r.code)}</span>', self.link(here, r.url, r.name),
                         esc(r.kind.capitalize()), str(len(institutions)), str(standardised)])
        institutions = self.content.institutions_in(province.code)
        title = f"Provinsi {province.name}"
        abbreviation = f" ({esc(province.abbreviation)})" if province.abbreviation else ""
        parts = [self.heading(1, esc(title), "judul"), self.crumbs(here, [("wilayah/", "Wilayah")]),
                 f'<p>Kode Kemendagri <span class="lp-id">{esc(province.code)}</span>{abbreviation}. '
                 f"{len(province.regencies)} kabupaten/kota.</p>",
                 self.table(["Kode", "Kabupaten/kota", "Jenis", "Lembaga tercatat", "Terstandar"], rows)]
        if institutions:
            parts += [self.heading(2, "Lembaga di provinsi ini", "lembaga"), self.institution_table(here, institutions)]
        stale = [i for i in institutions if i.needs_reverification(self.today, self.reverify_months)]
        parts += [self.heading(2, "Perlu verifikasi ulang", "verifikasi-ulang"),
                  f"<p>Data lembaga yang terakhir diperiksa lebih dari {self.reverify_months} bulan lalu. "
                  "Dinas dapat memeriksanya ke lembaga dan mengusulkan pembaruan.</p>"]
        if stale:
            parts.append(self.table(["Lembaga", "Terakhir diperiksa", "Status verifikasi"], [
                [self.link(here, f"lembaga/{i.id}/", i.name), esc(i.verified_on.isoformat()),
                 esc(VERIFICATION_STATUSES[i.verification_status])] for i in stale]))
        else:
            parts.append("<p><em>Tidak ada: semua data lembaga di provinsi ini diperiksa dalam "
                         f"{self.reverify_months} bulan terakhir.</em></p>")
        return Generated(title, "data/wilayah.yaml", "".join(parts))

    def changes_page(self) -> Generated:
        """What changed in criteria and follow-up steps since each released version, by ID."""
        from .releases import Release, compare

        here = "pedoman/perubahan/"
        g = self.content.guideline
        current = Release.of(g)
        parts = [self.heading(1, "Perubahan pedoman", "judul"),
                 f"<p>Versi saat ini: <strong>{esc(g.version)}</strong> ({esc(g.date)}). Cari versi yang tercetak di "
                 "daftar periksa Anda untuk melihat kriteria dan langkah yang ditambah, diubah, atau dihapus sejak "
                 f'itu. Teks terbaru: {self.link(here, "pedoman/kriteria/", "kriteria")} dan '
                 f'{self.link(here, "pedoman/tindak-lanjut/", "tindak lanjut")}.</p>']
        if not self.content.releases:
            parts.append("<p><em>Belum ada versi yang dirilis.</em></p>")
        for release in self.content.releases:
            anchor = "versi-" + release.version.replace(".", "-")
            parts.append(self.heading(2, f"Sejak versi {esc(release.version)} ({esc(release.date)})", anchor))
            if release.version == g.version:
                parts.append("<p>Ini versi saat ini.</p>")
                continue
            for what, old, new, target in (("Kriteria", release.criteria, current.criteria, "pedoman/kriteria/"),
                                           ("Langkah tindak lanjut", release.steps, current.steps, "pedoman/tindak-lanjut/")):
                parts.append(self.change_list(here, what, compare(old, new), old, new, target))
        return Generated("Perubahan pedoman", "guidelines/riwayat/", "".join(parts))

    def change_list(self, here: str, what: str, changes, old: dict, new: dict, target: str) -> str:
        if not changes:
            return f"<p><strong>{esc(what)}:</strong> tidak ada perubahan.</p>"
        label = "pertanyaan" if "pertanyaan" in next(iter({**old, **new}.values())) else "judul"
        items = [f'<li class="lp-added"><strong>Ditambah</strong> {self.link(here, f"{target}#{i.lower()}", i)}: '
                 f"{self.text(new[i][label])}</li>" for i in changes.added]
        items += [f'<li class="lp-changed"><strong>Diubah</strong> {self.link(here, f"{target}#{i.lower()}", i)} '
                  f"({esc(', '.join(fields))}): {self.text(new[i][label])}"
                  + (f" <span class=\"lp-was\">(sebelumnya: {self.text(old[i][label])})</span>" if label in fields else "")
                  + "</li>" for i, fields in changes.changed]
        items += [f'<li class="lp-removed"><strong>Dihapus</strong> <span class="lp-id">{esc(i)}</span>: '
                  f"{self.text(old[i][label])}</li>" for i in changes.removed]
        return f"<p><strong>{esc(what)}:</strong></p><ul>{''.join(items)}</ul>"

    def regency_page(self, regency: Regency) -> Generated:
        here = regency.url
        province = regency.province
        short = regency.name.split(" ", 1)[1]
        # What people type: "Kab. Kupang", "Kabupaten Kupang", "Kupang", "53.01", "5301".
        alias = f"Kab. {short}" if regency.kind == "kabupaten" else f"Kota {short}"
        summary = (f"{regency.kind.capitalize()} {short} ({alias}) · kode Kemendagri {regency.code} "
                   f"({regency.code.replace('.', '')}) · Provinsi {province.name}"
                   + (f" ({province.abbreviation})" if province.abbreviation else ""))
        return Generated(regency.name, "guidelines/tindak-lanjut.yaml", search_text=summary, html="".join([
            self.heading(1, esc(regency.name), "judul"),
            self.crumbs(here, [("wilayah/", "Wilayah"), (f"wilayah/{province.code}/", province.name)]),
            f'<p class="lp-region">{esc(regency.kind.capitalize())} · kode Kemendagri '
            f'<span class="lp-id">{esc(regency.code)}</span> · '
            f'{self.link(here, f"wilayah/{province.code}/", "Provinsi " + province.name)}</p>',
            self.paper_switch(here, f"wilayah/{province.code}/cetak/", f"semua kabupaten/kota di {province.name}"),
            self.first_sheet(regency), self.checklist(regency)]))

    def province_bundle(self, province: Province) -> Generated:
        here = f"wilayah/{province.code}/cetak/"
        title = f"Daftar periksa semua kabupaten/kota, Provinsi {province.name}"
        return Generated(title, "guidelines/tindak-lanjut.yaml", "".join([
            self.heading(1, esc(title), "judul"),
            self.crumbs(here, [("wilayah/", "Wilayah"), (f"wilayah/{province.code}/", province.name)]),
            f"<p>{len(province.regencies)} daftar periksa; setiap kabupaten/kota dimulai di lembar baru.</p>",
            self.paper_switch(here), self.first_sheet(province.regencies[0]),
            *(self.checklist(r) for r in province.regencies)]), searchable=False)

    @staticmethod
    def first_sheet(regency: Regency) -> str:
        # The document starts on the first checklist's named page; otherwise the switch from
        # the unnamed page (the hidden screen parts) to it prints an empty first sheet.
        return f"<style>@media print {{ body {{ page: lp-{regency.code.replace('.', '')}; }} }}</style>"

    def paper_switch(self, here: str, bundle: str | None = None, bundle_label: str = "") -> str:
        """Paper size and print buttons; shown by lplpp.js (hidden without JavaScript, where A4 applies)."""
        link = f'<a href="{self.href(here, bundle)}">Cetak {esc(bundle_label)} sekaligus</a>' if bundle else ""
        return ('<form class="lp-paper" hidden><fieldset><legend>Ukuran kertas</legend>'
                '<label><input type="radio" name="kertas" value="a4" checked> A4</label> '
                '<label><input type="radio" name="kertas" value="f4"> F4 (215 × 330 mm)</label>'
                '</fieldset><button type="button" class="md-button md-button--primary" data-lp-print>Cetak</button>'
                f"{link}</form>")

    def checklist(self, regency: Regency) -> str:
        """The printable checklist of one kabupaten/kota: one section, starting on a new sheet.

        Made once per region and reused by the province bundle: /wilayah/PP/RR/ and
        /wilayah/PP/cetak/ sit at the same depth, so the relative links are the same."""
        if regency.code in self._checklists:
            return self._checklists[regency.code]
        g = self.content.guideline
        province = regency.province
        url = urljoin(self.site_url, regency.url)
        sheet = "lp-" + regency.code.replace(".", "")
        header = self.facts([
            ("Kabupaten/kota", f"{esc(regency.name)} ({esc(regency.kind)})"),
            ("Kode Kemendagri", f'<span class="lp-id">{esc(regency.code)}</span>'),
            ("Provinsi", f"{esc(province.name)} ({esc(province.code)})"),
            ("Dinas", esc(f"Dinas yang membidangi urusan pemberdayaan perempuan di {regency.name}")),
            ("Pedoman", esc(g.version_text)),
        ])
        html = "".join([
            f'<section class="lp-sheet" style="page: {sheet}" aria-label="Daftar periksa {esc(regency.name)}">',
            # Each sheet names the kabupaten/kota in its margin (CSS paged media, Chromium 131+).
            f"<style>@page {sheet} {{ @top-left {{ content: {css_string(f'{regency.name} · {regency.code}')}; "
            "font: 700 9pt system-ui, sans-serif; } }</style>",
            f'<p class="lp-sheet-title">Daftar periksa tindak lanjut standardisasi LP-LPP</p>{header}',
            self._steps_section,
            f"<h2>B. LP-LPP di {esc(regency.name)}</h2>",
            self.recorded_institutions(regency, regency.url),
            self._candidates_and_criteria,
            f'<footer class="lp-sheet-foot"><div>{qr_svg(url, f"Kode QR ke {url}")}</div>'
            f"<p>Versi daring dan pembaruan: <strong>{esc(url)}</strong><br>"
            f"Pedoman versi {esc(g.version)}. Perubahan sejak versi ini: "
            f"{esc(urljoin(self.site_url, 'pedoman/perubahan/'))}#versi-{esc(g.version.replace('.', '-'))}</p></footer>",
            "</section>"])
        self._checklists[regency.code] = html
        return html

    @cached_property
    def _steps_section(self) -> str:
        """Section A, the same on every checklist."""
        rows = [[f'<span class="lp-id">{esc(s.id)}</span>', f"<strong>{self.text(s.title)}</strong><br>{self.text(s.output)}",
                 self.box(f"{s.id} selesai"), "", ""] for s in self.content.guideline.followups]
        return ("<h2>A. Langkah tindak lanjut pasca-Bimtek</h2>" +
                self.check_table(["ID", "Langkah dan hasil yang diharapkan", "Selesai", "Tanggal", "Catatan"], rows, "lp-steps"))

    @cached_property
    def _candidates_and_criteria(self) -> str:
        """The blank rows for candidate institutions, section C and the sign-off: the same on every checklist."""
        criteria = []
        for aspect in self.content.guideline.aspects:
            criteria.append(f'<tr><th colspan="7" scope="colgroup" class="lp-aspect-row">{esc(aspect.id)} · '
                            f"{self.text(aspect.name)}</th></tr>")
            criteria += [[f'<span class="lp-id">{esc(c.id)}</span>', self.text(c.question),
                          "<br>".join(self.text(e) for e in c.evidence),
                          self.box(f"{c.id} ya"), self.box(f"{c.id} sebagian"), self.box(f"{c.id} belum"), ""]
                         for c in aspect.criteria]
        return "".join([
            "<p>Calon lembaga yang ditemukan di lapangan (hanya data lembaga, bukan data pribadi):</p>",
            self.check_table(["No.", "Nama lembaga", "Bentuk", "Bidang", "Alamat/kontak lembaga", "Catatan"],
                             [[f"{n}.", "", "", "", "", ""] for n in range(1, 6)], "lp-blank"),
            "<h2>C. Penilaian mandiri kriteria kelembagaan</h2>",
            "<p>Centang satu kotak per kriteria: <strong>Ya</strong> (terpenuhi dengan bukti), "
            "<strong>Sebagian</strong>, atau <strong>Belum</strong>.</p>",
            self.check_table(["ID", "Pertanyaan", "Bukti yang diharapkan", "Ya", "Sebagian", "Belum", "Catatan"],
                             criteria, "lp-criteria"),
            self.sign_off()])

    @staticmethod
    def box(label: str) -> str:
        """A real checkbox: ticks on screen, an empty square on paper, named for screen readers."""
        return f'<input type=checkbox aria-label="{esc(label)}">'

    @staticmethod
    def check_table(head: list[str], rows: list, cls: str) -> str:
        thead = "".join(f'<th scope="col">{h}</th>' for h in head)
        return (f'<table class="lp-check {cls}"><thead><tr>{thead}</tr></thead>'
                f"<tbody>{rows_html(rows)}</tbody></table>")

    def recorded_institutions(self, regency: Regency, here: str) -> str:
        institutions = self.content.institutions_in(regency.code)
        if not institutions:
            return (f"<p><strong>Belum ada LP-LPP yang tercatat di {esc(regency.name)}.</strong> Petakan lembaga "
                    "masyarakat setempat dengan tabel di bawah. Bila tidak ada lembaga yang dapat disiapkan, Dinas dapat "
                    "membentuk Putaran (Pusat Pembelajaran Perempuan), berdiri sendiri atau melekat pada Puspaga atau "
                    "Dinas, dengan dua layanan: SIAP (Suara dan Aksi Perempuan Pelapor) dan PRISMA (Pusat Informasi "
                    "Sahabat Perempuan).</p>")
        rows = [[self.link(here, f"lembaga/{i.id}/", i.name), esc(INSTITUTION_KINDS[i.kind]), self.names(i.fields, self.fields),
                 self.status(i)] for i in institutions]
        return self.check_table(["Lembaga tercatat", "Jenis", "Bidang", "Status"], rows, "lp-recorded")

    def sign_off(self) -> str:
        person = ('<div class="lp-sign-person"><p>{role}</p><p class="lp-sign-space"></p>'
                  '<p>Nama: ______________________________</p><p>Jabatan/instansi: ____________________</p></div>')
        return ('<div class="lp-sign"><h2>D. Pengesahan</h2><p>Tempat dan tanggal: ______________________________</p>'
                '<div class="lp-sign-people">' + person.format(role="Pejabat Dinas kabupaten/kota") +
                person.format(role="Fasilitator/pendamping") + "</div></div>")
