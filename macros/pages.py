"""Render the model as page content, through templates in macros/templates/.

The templates run in a Jinja environment of our own with autoescaping and strict
undefined variables: a value from data is text wherever it goes, and only what the
helpers below build (escaped text with abbreviations, links, QR codes) is marked as
finished HTML. The view methods of `Renderer` gather each page's context from the model.

- Generated pages (`Generated`): finished HTML that the build uses as the page body;
  their source file is empty, their title is set on the page object (macros.site).
- Sections for the hand-written pages under docs/pages (`section`): finished HTML that
  goes into the page after Markdown (macros.fragments), never into its source.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import ipaddress
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import cache as build_cache
from . import labels, model, pdf
from .export import ASSESSMENT_COLUMNS, DIRECTORY_COLUMNS, FILES, FOLLOWUP_COLUMNS, REGION_COLUMNS
from .labels import STANDARDISATION_STATUSES
from .model import Content, Institution, Program, Province, Regency
from .qr import QrCodes


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def css_string(value) -> str:
    """A CSS string literal that shows value as typed: everything but letters, digits and spaces
    as a hex escape, so no quote, newline or `</style>` can end the string or the element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value)) + '"'


def breakable(label: str) -> Markup:
    """Text that may wrap after its slashes ("Kabupaten/kota", a URL), so a narrow column fits
    without breaking a word or an address anywhere else."""
    return Markup(esc(label).replace("/", "/<wbr>"))


def bare_address(url: str) -> str:
    """kemenpppa.github.io/portal-lplpp/wilayah/53/71/: what a reader types from paper (any
    browser adds the https://); the QR code next to it keeps the full address."""
    return re.sub(r"^https?://", "", url)


def allowed_url(url: str) -> str | None:
    """Only http(s), mailto and tel links leave the site; anything else is dropped."""
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https", "mailto", "tel") else None


# An HTML page as tags (quoted attribute values may hold ">") and the text between them.
_TAG_OR_TEXT = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+|<""", re.S)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_NO_ABBR = {
    "a",
    "abbr",
    "dt",
    "code",
    "pre",
    "script",
    "style",
    "textarea",
    "title",
    "svg",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}


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
    head: str = ""  # finished HTML for <head>: the print styles of checklist pages
    wide: bool = False  # a table or form that needs the width: Material's sidebars are hidden


def relative(here: str, target: str) -> str:
    """Link from page URL `here` to `target`, both site-relative: pages as "lembaga/yagat/" (or
    "lembaga/yagat.html" in the offline build), files as "data/lembaga.csv", with an optional #anchor.

    Relative links keep the site working from any base path, and from a folder."""
    path, _, anchor = target.partition("#")
    return _relative_path(here, path) + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=8192)  # a page links the same few places many times (criteria by anchor)
def _relative_path(here: str, path: str) -> str:
    base = "/" + (here if here.endswith("/") or not here else posixpath.dirname(here) + "/")
    rel = posixpath.relpath("/" + path, base)
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel


TEMPLATES = Path(__file__).resolve().parent / "templates"
# Self-assessment blocks on a district's checklist, one per recorded institution up to this many;
# more institutions are listed with a link to their own form (/lembaga/<id>/penilaian/). A district
# with twenty institutions would otherwise print twenty 40-criterion forms (and, at 10,000
# institutions, the checklists and bundles would weigh 650 MB).
BLOCKS_PER_CHECKLIST = 3
# The self-assessment form's two tables: with the evidence-link field, and without it for an
# institution whose location is protected (a linked document can show the place).
FORM_VARIANTS = {False: "terbuka", True: "rahasia"}
LOCAL_URL = "http://127.0.0.1:8000/"  # `make serve`


def published_address(root: Path) -> str:
    """The portal's public address (mkdocs.yml extra.alamat_publik), which printed pages carry."""
    from mkdocs.utils.yaml import yaml_load

    if not (root / "mkdocs.yml").is_file():  # a data folder on its own
        return LOCAL_URL
    with open(root / "mkdocs.yml", encoding="utf-8") as config:
        return str(yaml_load(config)["extra"]["alamat_publik"])


def local_address(url: str) -> bool:
    """True for an address only this computer can open, useless on paper."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    if host == "localhost" or host.endswith(".localhost") or not host:
        return True
    try:
        address = ipaddress.ip_address(int(host) if host.isdigit() else host)
    except ValueError:
        return False  # a name
    mapped = getattr(address, "ipv4_mapped", None) or address
    return mapped.is_loopback or mapped.is_unspecified


def web_address(url: str) -> bool:
    """An absolute http(s) address with a host: what a printed page and the open data may carry."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and url.endswith("/")


# /kemajuan/: a schematic tile map, one square per province placed roughly where it lies, west to
# east and north to south (no geodata, no map service). Grid cell (column, row) by province code.
TILE_GRID = {
    "11": (0, 0), "65": (6, 0), "71": (10, 0), "82": (12, 0),
    "12": (1, 1), "21": (3, 1), "61": (5, 1), "64": (6, 1), "75": (9, 1), "96": (13, 1),
    "13": (1, 2), "14": (2, 2), "19": (4, 2), "62": (5, 2), "63": (6, 2), "76": (8, 2), "72": (9, 2),
    "81": (12, 2), "92": (14, 2),
    "15": (2, 3), "16": (3, 3), "73": (8, 3), "74": (9, 3), "94": (14, 3), "91": (15, 3),
    "17": (2, 4), "18": (3, 4), "95": (15, 4),
    "36": (3, 5), "31": (4, 5), "32": (5, 5), "33": (6, 5), "35": (7, 5), "51": (8, 5), "52": (9, 5),
    "53": (10, 5), "93": (15, 5),
    "34": (6, 6),
}  # fmt: skip
TILE_COLUMNS, TILE_ROWS, TILE_STEP = 16, 7, 48
SHARE_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)  # colour classes: none, up to a quarter, ... up to all


@dataclass
class Renderer:
    content: Content
    site_url: str = LOCAL_URL  # printed checklists carry absolute URLs: the published address
    today: dt.date = field(default_factory=dt.date.today)  # for "needs re-verification"
    reverify_months: int = 12
    ships_pdfs: bool = False  # the build prints every printable page into /unduh/
    pdf_provinces: frozenset[str] | None = None  # ... or, for checklists, only these provinces'
    directory_urls: bool = True  # False in the offline build: pages are files (lembaga/yagat.html)
    qr_codes: QrCodes = field(default_factory=QrCodes)  # without a cache file unless the build gives one
    repo_url: str | None = None  # mkdocs.yml repo_url: "Usulkan lewat GitHub" opens its new-file page

    def __post_init__(self) -> None:
        self._index_pages = {"", "pedoman/", "lembaga/", "program/", "wilayah/", "kemajuan/"} | {
            f"wilayah/{code}/" for code in self.content.provinces
        }
        self._checklists: dict[str, Markup] = {}
        self._assessment_tables: dict[bool, Markup] = {}
        self._short_texts: dict[str, str] = {}
        self._criterion_links: dict[str, dict[str, Markup]] = {}
        terms = sorted((t for t in self.content.guideline.glossary if t.expansion), key=lambda t: -len(t.term))
        self._abbr = {t.term: t.expansion for t in terms}
        # Matched on raw text, never on escaped HTML (where "amp" or "lt" would hit inside "&amp;").
        self._abbr_re = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(t.term) for t in terms) + r")(?![\w-])") if terms else None
        )
        self.fields = {f.id: f.name for f in self.content.guideline.fields}
        self.products = {p.id: p.name for p in self.content.guideline.products}
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one build, one set of templates: no file check on every include
        )
        self.env.bytecode_cache = build_cache.compiled_templates(self.env)
        self.env.filters["tanggal"] = labels.indonesian_date
        self.env.filters["breakable"] = breakable
        self.env.filters["bare_address"] = bare_address
        g = self.content.guideline
        self.env.globals.update(
            # what these return is finished HTML; everything else a template prints is escaped
            text=self._html(self.text),
            paragraphs=self._html(self.paragraphs),
            items=self._html(self.items),
            names=self._html(self.names),
            link=self._html(self.link),
            href=self._html(self.href),
            region_link=self._html(self.region_link),
            status=self._html(self.status),
            qr=self._html(self.qr_codes.svg),
            css_string=self._html(css_string),
            allowed_url=allowed_url,
            institutions_in=self.content.institutions_in,
            labels=labels,
            guideline=g,
            fields=self.fields,
            products=self.products,
            stage_names={s.id: s.name for s in g.stages},
            today=self.today,
            reverify_months=self.reverify_months,
            ships_pdfs=self.ships_pdfs,
            shipped=self.shipped,
            region_pdf=pdf.region_stem,
            booklet_pdf=pdf.booklet_stem,
            program_pdf=pdf.program_stem,
            region_source_data=self.content.region_source,
            open_data_files=FILES,
            directory_columns=DIRECTORY_COLUMNS,
            region_columns=REGION_COLUMNS,
            followup_columns=FOLLOWUP_COLUMNS,
            assessment_columns=ASSESSMENT_COLUMNS,
            repo_url=self.repo_url,
            first_day=min([g.date] + [str(r.date) for r in self.content.releases]),
        )

    def shipped(self, region_code: str | None = None) -> bool:
        """Whether the build ships the PDFs of this page (of this region's province)."""
        if not self.ships_pdfs:
            return False
        return region_code is None or self.pdf_provinces is None or region_code[:2] in self.pdf_provinces

    @staticmethod
    def _html(helper: Callable[..., str]) -> Callable[..., Markup]:
        @functools.wraps(helper)
        def finished(*args, **kwargs) -> Markup:
            return Markup(helper(*args, **kwargs))

        return finished

    def render(self, template: str, **context) -> Markup:
        return Markup(self.env.get_template(template).render(**context))

    # ---------------------------------------------------------------- text

    def text(self, value) -> str:
        """Escaped text with abbreviations explained on hover (each abbreviation once per call)."""
        if not self._abbr_re:
            return esc(value)
        raw = str(value)
        if len(raw) > 80:
            return self._explained(raw, set())
        # Short texts are labels that recur by the thousand (IDs, names of regions and fields,
        # criteria linked from every institution page): each is explained once per build.
        if (done := self._short_texts.get(raw)) is None:
            done = self._short_texts[raw] = self._explained(raw, set())
        return done

    def _explained(self, raw: str, seen: set[str]) -> str:
        """raw, escaped, with each glossary abbreviation not yet in `seen` wrapped in <abbr title>."""
        out, last = [], 0
        for match in self._abbr_re.finditer(raw) if self._abbr_re else ():
            term = match.group(1)
            if term in seen:
                continue
            seen.add(term)
            out += [esc(raw[last : match.start()]), f'<abbr title="{esc(self._abbr[term])}">{esc(term)}</abbr>']
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

    def status(self, inst: Institution) -> str:
        label = STANDARDISATION_STATUSES[inst.status]
        if inst.status == "terstandar" and inst.standardised_year:
            label += f" ({inst.standardised_year})"
        return f'<span class="lp-status lp-status--{inst.status}">{esc(label)}</span>'

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

    # ---------------------------------------------------------------- hand-written pages

    def section(self, name: str, *args) -> Markup:
        """A chapter of the guideline for a hand-written page (the macros in docs/pages)."""
        return Markup(getattr(self._guideline_sections, name)(*args))

    @cached_property
    def _guideline_sections(self):
        return self.env.get_template("partials/guideline.html").make_module()

    def find_region(self, here: str) -> Markup:
        """The "find my kabupaten/kota" box of the home page (the regions page includes it too)."""
        return self.render("partials/find_region.html", here=here, place="beranda", **self._region_lists)

    @cached_property
    def _region_lists(self) -> dict:
        return {"regencies": list(self.content.regencies.values()), "provinces": list(self.content.provinces.values())}

    def version_line(self) -> str:
        version = self.content.guideline.version_text
        return esc(version[0].upper() + version[1:])

    def draft_note(self) -> str:
        return self.text(self.content.guideline.draft_note)

    def counts(self) -> str:
        c = self.content
        return esc(
            f"{len(c.guideline.criteria)} kriteria, {len(c.guideline.followups)} langkah tindak lanjut, "
            f"{len(c.institutions)} lembaga, {len(c.programs)} templat program, {len(c.provinces)} provinsi "
            f"dan {len(c.regencies)} kabupaten/kota"
        )

    # ---------------------------------------------------------------- generated pages
    # Each view gathers its template's context. The build hands the HTML to the theme as
    # the page body and skips Markdown for it: data never passes through Markdown, and at
    # 10,000 pages Markdown's raw-HTML parsing was a third of the build time.

    def product_page(self, product) -> Generated:
        title = f"Standar layanan {product.name}"
        return Generated(
            title,
            "guidelines/standar-layanan.yaml",
            self.render("layanan.html", here=f"pedoman/layanan/{product.id}/", title=title, product=product),
        )

    def booklet_page(self) -> Generated:
        g = self.content.guideline
        return Generated(
            f"{g.title} (versi cetak)",
            "guidelines/pedoman.yaml",
            searchable=False,
            html=self.render("pedoman-cetak.html", here="pedoman/cetak/", url=urljoin(self.site_url, "pedoman/")),
            head=self.render("partials/booklet_styles.html", status=labels.GUIDELINE_STATUSES[g.status].lower()),
        )

    def institution_page(self, inst: Institution, assessment_section: Markup | None = None) -> Generated:
        """/lembaga/<id>/; its self-assessment section rendered here unless given (site.py renders
        them in a forked copy of the build when there are thousands)."""
        contact = []  # (href, label)
        if (url := inst.contact.get("situs")) and (href := allowed_url(url)):
            contact.append((href, url))
        if email := inst.contact.get("email"):
            contact.append(("mailto:" + quote(email, safe="@.+-_"), email))
        if phone := inst.contact.get("telepon"):
            contact.append(("tel:" + re.sub(r"[^0-9+]", "", phone), phone))
        title = inst.name + (f" ({inst.acronym})" if inst.acronym else "")
        return Generated(
            title,
            f"data/lembaga/{inst.id}.yaml",
            self.render(
                "lembaga.html",
                here=f"lembaga/{inst.id}/",
                title=title,
                inst=inst,
                contact=contact,
                programs=self.content.programs,
                assessment_section=self.assessment_section(inst) if assessment_section is None else assessment_section,
            ),
        )

    def assessment_section(self, inst: Institution) -> Markup:
        """The self-assessment section of an institution's page; empty when it has none."""
        here = f"lembaga/{inst.id}/"
        progress = self.assessment_view(inst, here)
        if progress is None:
            return Markup()
        return self.render("partials/lembaga_penilaian.html", here=here, inst=inst, progress=progress)

    def assessment_page(self, inst: Institution) -> Generated:
        """/lembaga/<id>/penilaian/: the self-assessment form, filled on screen or on paper. The
        40-criterion table is the same for every institution (two variants: with and without the
        evidence link, which a protected location may not publish) and rendered once."""
        title = f"Penilaian mandiri {inst.name}"
        here = f"lembaga/{inst.id}/penilaian/"
        return Generated(
            title,
            "data/penilaian/",
            searchable=False,  # a form: its questions would stand in every topic query's results
            wide=True,  # the form takes the width: a note field is more than one word wide
            # the page is the form: its script comes with it (dates today, restores, downloads)
            head=self._page_assets(here, "lplpp-isian.js")
            + self.render("partials/assessment_styles.html", inst=inst, url=urljoin(self.site_url, here)),
            html=self.render(
                "penilaian.html",
                here=here,
                title=title,
                inst=inst,
                variant=FORM_VARIANTS[inst.confidential_location],
            ),
        )

    def assessment_table(self, protected: bool) -> Markup:
        """The 40-criterion table of the self-assessment form, with or without the evidence-link field."""
        if protected not in self._assessment_tables:
            self._assessment_tables[protected] = self.render("partials/assessment_table.html", protected=protected)
        return self._assessment_tables[protected]

    def form_script(self, protected: bool) -> str:
        """assets/lplpp-formulir-<variant>.js: the form's table, once for every institution's form
        page. Each page's `<script src>` writes it where it stands while the page loads (so nothing
        shifts, and it works from file://): 10,000 form pages weigh 27 KB each instead of 77 KB. The
        table is our template's HTML, every value in it escaped; JSON in ASCII carries it."""
        table = json.dumps(str(self.assessment_table(protected)), ensure_ascii=True)
        return f'document.currentScript.insertAdjacentHTML("beforebegin", {table});\n'

    def _page_assets(self, here: str, *files: str) -> Markup:
        """Scripts and styles only this kind of page needs, in its <head>; other pages never fetch
        them. Scripts are deferred: they run once the page is parsed, before its first paint."""
        tags = [
            f'<script src="{self.href(here, "assets/" + f)}" defer></script>'
            if f.endswith(".js")
            else f'<link rel="stylesheet" href="{self.href(here, "assets/" + f)}">'
            for f in files
        ]
        return Markup("".join(tags))

    def directory_page(self) -> Generated:
        c = self.content
        institutions = list(c.institutions.values())
        province_codes = sorted({code[:2] for i in institutions for code in i.region_codes})
        regency_codes = sorted({code for i in institutions for code in i.region_codes if len(code) == 5})
        filters = {
            i.id: {
                "p": " ".join(dict.fromkeys(code[:2] for code in i.region_codes)),
                "r": " ".join(code for code in i.region_codes if len(code) == 5),
                "j": i.kind,
                "b": " ".join(i.fields),
                "l": " ".join(i.products),
                "s": i.status,
                "q": f"{i.name} {i.acronym or ''}".casefold(),
            }
            for i in institutions
        }
        return Generated(
            "Direktori lembaga",
            "data/lembaga/",
            wide=True,
            head=self._page_assets("lembaga/", "lplpp-halaman.css", "lplpp-direktori.js"),
            html=self.render(
                "lembaga-index.html",
                here="lembaga/",
                institutions=institutions,
                filters=filters,
                with_region=True,
                province_options=[(p, c.provinces[p].name) for p in province_codes],
                regency_options=[(r, c.regencies[r].name) for r in regency_codes],
            ),
        )

    def program_page(self, program: Program) -> Generated:
        here = f"program/{program.id}/"
        users = [i for i in self.content.institutions.values() if program.id in i.program_ids]
        return Generated(
            program.name,
            f"data/program/{program.id}.yaml",
            self.render("program.html", here=here, program=program, users=users, url=urljoin(self.site_url, here)),
        )

    def program_index(self) -> Generated:
        return Generated(
            "Templat program",
            "data/program/",
            self.render("program-index.html", here="program/", programs=list(self.content.programs.values())),
        )

    def regions_index(self) -> Generated:
        return Generated(
            "Wilayah",
            "data/wilayah.yaml",
            self.render("wilayah-index.html", here="wilayah/", place="wilayah", **self._region_lists),
        )

    def province_page(self, province: Province) -> Generated:
        institutions = self.content.institutions_in(province.code)
        stale = [i for i in institutions if i.needs_reverification(self.today, self.reverify_months)]
        title = f"Provinsi {province.name}"
        # A summary in the search index, not the page: its tables repeat the names and counts of
        # the regencies, which have their own entries (a quarter of the index the browser builds).
        names = ", ".join(n for n in (province.abbreviation, *province.aliases) if n)
        summary = (
            f"{title}{f' ({names})' if names else ''} · kode Kemendagri {province.code} · "
            f"{len(province.regencies)} kabupaten/kota"
        )
        return Generated(
            title,
            "data/wilayah.yaml",
            search_text=summary,
            html=self.render(
                "provinsi.html",
                here=f"wilayah/{province.code}/",
                title=title,
                province=province,
                institutions=institutions,
                stale=stale,
                records=self.content.followup_records,
                statuses=labels.STEP_STATUSES,
                done=model.DONE,
            ),
        )

    # ---------------------------------------------------------------- progress

    def progress_page(self) -> Generated:
        """/kemajuan/: per province, the share of kabupaten/kota with at least one follow-up step done."""
        c = self.content
        rows: list[dict] = []
        for province in c.provinces.values():
            total = len(province.regencies)
            reported = sum(1 for r in province.regencies if r.code in c.followup_records)
            done = sum(1 for r in province.regencies if (rec := c.followup_records.get(r.code)) and rec.done())
            share = done / total if total else 0.0
            rows.append({"province": province, "total": total, "reported": reported, "done": done, "share": share})
        tiles = []
        spare = 0
        for row in rows:
            code: str = row["province"].code
            if code in TILE_GRID:
                col, line = TILE_GRID[code]
            else:  # a province the schematic map does not know yet: a row below, never missing
                col, line = spare % TILE_COLUMNS, TILE_ROWS + spare // TILE_COLUMNS
                spare += 1
            fraction: float = row["share"]
            bucket = next(i for i, top in enumerate(SHARE_STEPS) if fraction <= top)
            tiles.append(row | {"x": col * TILE_STEP, "y": line * TILE_STEP, "bucket": bucket})
        height = (TILE_ROWS + (spare + TILE_COLUMNS - 1) // TILE_COLUMNS) * TILE_STEP
        totals = {
            "total": len(c.regencies),
            "reported": len(c.followup_records),
            "done": sum(1 for rec in c.followup_records.values() if rec.done()),
        }
        return Generated(
            "Kemajuan tindak lanjut",
            "data/tindak-lanjut/",
            head=self._page_assets("kemajuan/", "lplpp-halaman.css"),
            html=self.render(
                "kemajuan.html",
                here="kemajuan/",
                rows=rows,
                tiles=tiles,
                width=TILE_COLUMNS * TILE_STEP,
                height=height,
                tile=TILE_STEP - 4,
                steps=SHARE_STEPS,
                totals=totals,
            ),
        )

    def criterion_links(self, here: str) -> dict[str, Markup]:
        """ID -> link to the criterion's text in the guideline, from `here`. Institution pages link
        their open criteria (400,000 links at 10,000 institutions); pages at one depth share a table."""
        base = self.href(here, "pedoman/kriteria/")
        if (links := self._criterion_links.get(base)) is None:
            links = self._criterion_links[base] = {
                c.id: Markup(self.link(here, "pedoman/kriteria/#" + c.id.lower(), c.id))
                for c in self.content.guideline.criteria
            }
        return links

    def assessment_view(self, inst: Institution, here: str) -> dict | None:
        """The latest self-assessment per aspect, what changed since the one before, what is still
        open. Criteria are listed by answer (and changes by old and new answer), each group its
        criteria's links joined once: 40 list items per page were most of the build's growth at
        10,000 institutions x 3 self-assessments."""
        history = self.content.assessments.get(inst.id)
        if not history:
            return None
        g = self.content.guideline
        links = self.criterion_links(here)
        aspects = {a.id: a.name for a in g.aspects}
        latest, previous = history[-1], history[-2] if len(history) > 1 else None
        answered = {a.criterion_id: a.answer for a in latest.answers}
        per_aspect: dict[str, dict[str, int]] = {}
        for criterion, answer in answered.items():
            counts = per_aspect.setdefault(criterion.split("-")[0], dict.fromkeys(labels.ANSWERS, 0))
            counts[answer] += 1
        met = next(iter(labels.ANSWERS))  # the first answer on the list is "met"
        open_groups = [
            self._criteria_group(links, [i for i, a in answered.items() if a == answer], answer=answer)
            for answer in labels.ANSWERS
            if answer != met
        ]
        if latest.version == g.version:
            unanswered = [c.id for c in g.criteria if c.id not in answered]
            open_groups.append(self._criteria_group(links, unanswered, answer=None))
        changes: dict[tuple[str | None, str], list[str]] = {}
        if previous is not None:
            before = {a.criterion_id: a.answer for a in previous.answers}
            for criterion, answer in answered.items():
                if before.get(criterion) != answer:
                    changes.setdefault((before.get(criterion), answer), []).append(criterion)
        order: dict[str | None, int] = {None: -1, **{answer: n for n, answer in enumerate(labels.ANSWERS)}}
        return {
            "latest": latest,
            "previous": previous,
            "history": history,
            "per_aspect": [
                {"id": aspect, "name": aspects.get(aspect, aspect), **counts}
                for aspect, counts in sorted(
                    per_aspect.items(), key=lambda kv: list(aspects).index(kv[0]) if kv[0] in aspects else 99
                )
            ],
            "open": [group for group in open_groups if group["count"]],
            "changes": [
                self._criteria_group(links, ids, answer=new, old=old)
                # by the new answer, and within it the changes for the better first
                for (old, new), ids in sorted(changes.items(), key=lambda kv: (order[kv[0][1]], -order[kv[0][0]]))
            ],
            "gone": sorted(i for i in answered if i not in links),
            "met": met,
        }

    @staticmethod
    def _criteria_group(links: dict[str, Markup], ids: list[str], **what) -> dict:
        """Criteria with one answer: the current ones linked, those the guideline no longer has by ID."""
        return {
            **what,
            "count": len(ids),
            "linked": Markup(", ".join([links[i] for i in ids if i in links])),  # every link is finished HTML
            "gone": [i for i in ids if i not in links],
        }

    def changes_page(self) -> Generated:
        """What changed in criteria and follow-up steps since each released version, by ID."""
        from .releases import Release, compare

        current = Release.of(self.content.guideline)
        releases = []
        for release in self.content.releases:
            lists = [
                {"what": what, "target": target, "old": old, "new": new, "label": label, "changes": compare(old, new)}
                for what, old, new, target, label in (
                    ("Kriteria", release.criteria, current.criteria, "pedoman/kriteria/", "pertanyaan"),
                    ("Langkah tindak lanjut", release.steps, current.steps, "pedoman/tindak-lanjut/", "judul"),
                )
            ]
            releases.append({"version": release.version, "date": release.date, "lists": lists})
        return Generated(
            "Perubahan pedoman",
            "guidelines/riwayat/",
            self.render("perubahan.html", here="pedoman/perubahan/", releases=releases),
        )

    def regency_page(self, regency: Regency) -> Generated:
        province = regency.province
        short = regency.name.removeprefix(labels.REGENCY_KINDS[regency.kind] + " ")  # "Kupang"
        # What people type: "Kab. Kupang", "Kabupaten Kupang", "Kupang", "53.01", "5301".
        # and the short names editors keep in data/wilayah.yaml ("TTS").
        # The title holds the full name: the text says only what the title does not (514 entries
        # the browser indexes on the first search, so every word counts).
        names = [f"Kab. {short}"] if regency.kind == "kabupaten" else []
        summary = " · ".join(
            [*names, *regency.aliases, f"{regency.code} ({regency.code.replace('.', '')})", f"Provinsi {province.name}"]
        ) + (f" ({province.abbreviation})" if province.abbreviation else "")
        return Generated(
            regency.name,
            "guidelines/tindak-lanjut.yaml",
            search_text=summary,
            wide=True,  # a form of wide tables, filled on screen
            html=self.render(
                "kabupaten.html",
                here=regency.url,
                regency=regency,
                checklist=self.checklist(regency),
                record=self.content.followup_records.get(regency.code),
                steps_by_id={s.id: s for s in self.content.guideline.followups},
                statuses=labels.STEP_STATUSES,
            ),
            head=self.page_styles([regency]),
        )

    def province_bundle(self, province: Province) -> Generated:
        title = f"Daftar periksa semua kabupaten/kota, Provinsi {province.name}"
        return Generated(
            title,
            "guidelines/tindak-lanjut.yaml",
            searchable=False,
            html=self.render(
                "cetak-provinsi.html",
                here=f"wilayah/{province.code}/cetak/",
                title=title,
                province=province,
                checklists=[self.checklist(r) for r in province.regencies],
            ),
            head=self.page_styles(province.regencies),
        )

    def page_styles(self, regencies: list[Regency]) -> Markup:
        return self.render("partials/page_styles.html", regencies=regencies, url_of=self.printed_url)

    def printed_url(self, regency: Regency) -> str:
        return urljoin(self.site_url, regency.url)

    def checklist(self, regency: Regency) -> Markup:
        """The printable checklist of one kabupaten/kota. Made once per region and reused by the
        province bundle: /wilayah/PP/RR/ and /wilayah/PP/cetak/ sit at the same depth, so the
        relative links are the same."""
        if regency.code not in self._checklists:
            url = self.printed_url(regency)
            self._checklists[regency.code] = self.render(
                "partials/checklist.html",
                here=regency.url,
                regency=regency,
                url=url,
                recorded=self.content.institutions_in(regency.code),
                blocks=BLOCKS_PER_CHECKLIST,
                **self._checklist_parts,
                changes_url=urljoin(self.site_url, "pedoman/perubahan/"),
                on_record=regency.code in self.content.followup_records,
            )
        return self._checklists[regency.code]

    @cached_property
    def _checklist_parts(self) -> dict[str, Markup]:
        """The parts that are the same on every checklist, rendered once per build: section A's
        steps, the blank rows for candidates, section C's table (in every institution's block)
        and the sign-off."""
        parts = ("steps", "shared", "criteria", "signoff")
        return {part: self.render(f"partials/checklist_{part}.html") for part in parts}
