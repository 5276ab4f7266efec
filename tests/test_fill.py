"""Filling a self-assessment or a district checklist on screen, as a Dinas officer or an institution
would on a 360 px phone: tap the answers, reload and find them kept, download the record file, and
that file, saved at its path, passes `lplpp check` unchanged. Hostile text round-trips exactly."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_site, lplpp, pdf_pages

from macros.content import load_content
from macros.pages import Renderer

CONTENT = load_content(REPO)
G = CONTENT.guideline
CRITERIA = [c.id for c in G.criteria]
STEPS = [s.id for s in G.followups]
ANSWERS = ["ya", "sebagian", "belum"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "accept_downloads": True}
HOSTILE = "\"x\": y # z\n- [a] <script>window.__ran = 1</script> {{ 7*7 }} {% if %} 'q' \\ – ü 漢 \u2028 ok"
ASSESS = "lembaga/yao/penilaian/"
KUPANG = "wilayah/53/71/"
ONE_LINE = HOSTILE.replace("\n", " ")  # what a one-line field holds
REPO_URL = "https://github.com/kemenpppa/portal-lplpp"


def copy_of_repo(tmp_path: Path) -> Path:
    """guidelines/ and data/ as a contributor's clone has them."""
    import shutil

    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    return tmp_path


def saved_and_checked(download, rel: str, tmp_path: Path) -> dict:
    """The downloaded file written at its path into a copy of the repository; the check must pass."""
    root = copy_of_repo(tmp_path / "repo")
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(target)
    result = lplpp("check", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return yaml.safe_load(target.read_text(encoding="utf-8"))


def tap(page, scope, name: str, value: str) -> None:
    """A thumb on the word beside the box (the label), not on the 24 px box itself."""
    box = scope.locator(f'input[type=radio][name="{name}"][value="{value}"]')
    label = box.locator("xpath=..")
    label.scroll_into_view_if_needed()
    rect = label.bounding_box()
    page.touchscreen.tap(rect["x"] + rect["width"] - 6, rect["y"] + rect["height"] / 2)


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def test_a_whole_assessment_filled_on_a_phone_is_kept_and_its_file_passes_the_check(phone, served, tmp_path):
    page = phone.new_page()
    page.goto(served + ASSESS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    started = time.perf_counter()
    form = page.locator("form[data-lp-isian]")
    for n, criterion in enumerate(CRITERIA):
        tap(page, form, criterion, ANSWERS[n % 3])
    page.get_by_label(f"{CRITERIA[0]} bukti").fill(HOSTILE)
    page.get_by_label(f"{CRITERIA[0]} tautan bukti").fill("https://contoh.or.id/akta.pdf")
    page.get_by_label(f"{CRITERIA[1]} catatan").fill("Catatan: dua baris\nkedua")
    page.get_by_label("Catatan umum").fill("Dinilai pengurus: rapat #3")
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh berkas data").click()
    elapsed = time.perf_counter() - started
    download = info.value
    day = dt.date.today().isoformat()
    assert download.suggested_filename == f"{day}.yaml"
    assert page.get_by_role("status").inner_text().startswith(f"Berkas {day}.yaml diunduh")
    record = saved_and_checked(download, f"data/penilaian/yao/{day}.yaml", tmp_path)
    assert record["lembaga"] == "yao" and record["tanggal"] == day and record["versi_pedoman"] == G.version
    assert [a["kriteria"] for a in record["jawaban"]] == CRITERIA
    assert [a["jawaban"] for a in record["jawaban"]] == [ANSWERS[n % 3] for n in range(len(CRITERIA))]
    assert record["jawaban"][0]["bukti"] == HOSTILE  # exactly as typed
    assert record["jawaban"][0]["tautan"] == "https://contoh.or.id/akta.pdf"
    assert record["jawaban"][1]["catatan"] == "Catatan: dua baris\nkedua"
    assert record["catatan"] == "Dinilai pengurus: rapat #3"
    assert not page.evaluate("window.__ran")  # typed markup stays text
    print(f"\n{len(CRITERIA)} criteria tapped and the file downloaded at 360 px in {elapsed:.1f} s")

    page.reload()  # kept on this device
    for n, criterion in enumerate(CRITERIA):
        assert form.locator(f'input[name="{criterion}"][value="{ANSWERS[n % 3]}"]').is_checked()
    assert page.get_by_label(f"{CRITERIA[0]} bukti").input_value() == HOSTILE

    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Kosongkan").click()
    assert form.locator("input[type=radio]:checked").count() == 0
    assert page.get_by_label(f"{CRITERIA[0]} bukti").input_value() == ""
    page.reload()
    assert form.locator("input[type=radio]:checked").count() == 0
    assert page.get_by_label("Tanggal penilaian").input_value() == day  # a fresh form dates itself today


def test_district_steps_and_an_institution_block_become_their_record_files(phone, served, tmp_path):
    page = phone.new_page()
    page.goto(served + KUPANG)
    steps = page.locator('form[data-lp-isian="tindak-lanjut"]')
    tap(page, steps, STEPS[0], "selesai")
    tap(page, steps, STEPS[1], "berjalan")
    page.get_by_label(f"{STEPS[0]} catatan").fill(ONE_LINE)
    page.get_by_label("Dinas provinsi").check()
    assert page.get_by_label(f"{STEPS[0]} tanggal").input_value() == dt.date.today().isoformat()  # set on choosing
    with page.expect_download() as info:
        steps.get_by_role("button", name="Unduh berkas data").click()
    assert info.value.suggested_filename == "53.71.yaml"
    record = saved_and_checked(info.value, "data/tindak-lanjut/53.71.yaml", tmp_path / "a")
    assert record["pelapor"] == "dinas-provinsi" and record["wilayah"] == "53.71"
    assert [(s["langkah"], s["status"]) for s in record["langkah"]] == [(STEPS[0], "selesai"), (STEPS[1], "berjalan")]
    assert record["langkah"][0]["catatan"] == ONE_LINE

    # section C: one block per recorded institution, named, and one for a candidate
    blocks = page.locator("form.lp-block")
    recorded = CONTENT.institutions_in("53.71")
    assert blocks.count() == len(recorded) + 1
    titles = page.locator(".lp-block-title").all_inner_texts()
    for inst, title in zip(recorded, titles, strict=False):
        assert inst.name in title and inst.id in title
    assert "Lembaga calon" in titles[-1]
    second = blocks.nth(1)
    tap(page, second, CRITERIA[0], "ya")
    tap(page, blocks.nth(0), CRITERIA[0], "belum")  # another institution's answer stays its own
    assert second.locator(f'input[name="{CRITERIA[0]}"][value="ya"]').is_checked()
    with page.expect_download() as info:
        second.get_by_role("button", name="Unduh berkas data").click()
    day = dt.date.today().isoformat()
    record = saved_and_checked(info.value, f"data/penilaian/{recorded[1].id}/{day}.yaml", tmp_path / "b")
    assert record["jawaban"] == [{"kriteria": CRITERIA[0], "jawaban": "ya"}]
    # the candidate has no record to download: it is told to register the institution first
    candidate = blocks.last
    assert candidate.get_by_role("button", name="Unduh berkas data").count() == 0
    assert "daftarkan lembaganya lebih dulu" in candidate.locator(".lp-tools-note").inner_text()
    page.reload()
    assert steps.locator(f'input[name="{STEPS[0]}"][value="selesai"]').is_checked()
    assert second.locator(f'input[name="{CRITERIA[0]}"][value="ya"]').is_checked()


def test_propose_on_github_opens_the_new_file_page_or_explains_the_upload(phone, served):
    from urllib.parse import parse_qs, urlsplit

    page = phone.new_page()
    page.add_init_script("window.open = (url) => { window.__opened = url; }")  # GitHub stays unvisited
    page.goto(served + ASSESS)
    form = page.locator("form[data-lp-isian]")
    tap(page, form, CRITERIA[0], "ya")
    page.get_by_role("button", name="Usulkan lewat GitHub").click()
    url = page.evaluate("window.__opened")
    parts = urlsplit(url)
    assert url.startswith(REPO_URL + "/new/main?")
    query = parse_qs(parts.query)
    day = dt.date.today().isoformat()
    assert query["filename"] == [f"data/penilaian/yao/{day}.yaml"]
    assert yaml.safe_load(query["value"][0])["jawaban"] == [{"kriteria": CRITERIA[0], "jawaban": "ya"}]
    # a long assessment does not fit an address: the file is downloaded and the upload explained
    for criterion in CRITERIA:
        form.locator(f'input[name="{criterion}"][value="ya"]').check()
        page.get_by_label(f"{criterion} bukti").fill("Bukti panjang: " + "dokumen rapat " * 20)
    with page.expect_download():
        page.get_by_role("button", name="Usulkan lewat GitHub").click()
    assert page.evaluate("window.__opened") == f"{REPO_URL}/upload/main/data/penilaian/yao"
    assert "Upload files" in page.get_by_role("status").inner_text()
    # evidence without an answer is pointed out, not dropped
    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Kosongkan").click()
    page.get_by_label(f"{CRITERIA[2]} bukti").fill("Ada buktinya")
    page.get_by_role("button", name="Unduh berkas data").click()
    assert (
        page.get_by_role("status").inner_text()
        == f"Pilih jawaban untuk {CRITERIA[2]}: bukti atau catatannya sudah diisi."
    )


def test_printing_a_filled_page_prints_its_answers_and_an_empty_one_prints_boxes(browser, served, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + ASSESS)
    empty = tmp_path / "kosong.pdf"
    page.pdf(path=str(empty), prefer_css_page_size=True)
    blank = "\n".join(pdf_pages(empty))
    assert CRITERIA[-1] in blank
    assert "✓" not in blank
    assert "Unduh berkas data" not in blank
    day = dt.date.today().isoformat()
    assert day not in blank  # dated today on screen, a blank line on paper: filled in by hand
    form = page.locator("form[data-lp-isian]")
    for criterion in CRITERIA[:5]:
        form.locator(f'input[name="{criterion}"][value="sebagian"]').check()
    page.get_by_label(f"{CRITERIA[0]} bukti").fill("Akta pendirian nomor 12 tahun 2020")
    filled = tmp_path / "isi.pdf"
    page.pdf(path=str(filled), prefer_css_page_size=True)
    text = "\n".join(pdf_pages(filled))
    context.close()
    assert text.count("✓") == 5 and day in text
    assert "Akta pendirian nomor 12 tahun 2020" in " ".join(text.split())
    assert "Kosongkan" not in text


def test_protected_location_offers_no_evidence_link(tree):
    tree.replace("data/lembaga/yao.yaml", "jenis: yayasan\n", "jenis: yayasan\nlokasi_rahasia: true\n")
    content = load_content(tree.root)
    render = Renderer(content)
    protected = render.assessment_page(content.institutions["yao"]).html
    open_one = render.assessment_page(content.institutions["yagat"]).html
    assert "lplpp-formulir-rahasia.js" in protected and "dirahasiakan" in protected
    assert "lplpp-formulir-terbuka.js" in open_one
    assert ".tautan" not in render.form_script(True) and f"{CRITERIA[0]}.tautan" in render.form_script(False)


@pytest.mark.build
def test_the_offline_copy_fills_and_saves_from_files(browser, tmp_path):
    out = tmp_path / "site-offline"
    result = build_site(REPO, out, LPLPP_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    context = browser.new_context(offline=True, accept_downloads=True)
    page = context.new_page()
    page.goto((out / "lembaga" / "yao" / "penilaian.html").as_uri())
    form = page.locator("form[data-lp-isian]")
    form.locator(f'input[name="{CRITERIA[0]}"][value="belum"]').locator("xpath=..").click()
    page.reload()
    assert form.locator(f'input[name="{CRITERIA[0]}"][value="belum"]').is_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh berkas data").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    context.close()
    assert yaml.safe_load(text)["jawaban"] == [{"kriteria": CRITERIA[0], "jawaban": "belum"}]


def test_drafts_from_elsewhere_and_pasted_control_text_never_make_a_file_the_check_refuses(phone, served, tmp_path):
    """Storage is shared by every page of the host: a planted draft counts only as text its field
    accepts. Pasted control characters and a lone surrogate half are cleaned; a missing date is said."""
    page = phone.new_page()
    page.goto(served + ASSESS)
    form = page.locator("form[data-lp-isian]")
    key = page.evaluate(
        """() => { const f = document.querySelector("form[data-lp-isian]");
        return ["lplpp-isian:" + location.pathname, f.dataset.lpVersi, f.dataset.lpIsian, f.dataset.lpKunci].join(":"); }"""
    )
    planted = {
        CRITERIA[0]: "ya",
        f"{CRITERIA[0]}.bukti": {"not": "text"},
        f"{CRITERIA[0]}.tautan": "javascript:alert(1)",
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, planted])
    page.reload()
    assert form.locator(f'input[name="{CRITERIA[0]}"][value="ya"]').is_checked()
    for part in ("bukti", "tautan"):
        locator = page.get_by_label(f"{CRITERIA[0]} {part}")
        if locator.count():
            assert locator.input_value() == "", part
    page.get_by_label(f"{CRITERIA[0]} bukti").fill("ok")
    page.evaluate(
        f"""() => {{ const el = document.querySelector('[name="{CRITERIA[0]}.bukti"]');
        el.value = "a\\u0000b\\u001bc\\ud800d"; el.dispatchEvent(new Event("input", {{bubbles: true}})); }}"""
    )
    page.get_by_label("Tanggal penilaian").fill("")
    form.get_by_role("button", name="Unduh berkas data").click()
    assert "tanggal" in page.get_by_role("status").inner_text().lower()
    day = dt.date.today().isoformat()
    page.get_by_label("Tanggal penilaian").fill(day)
    with page.expect_download() as info:
        form.get_by_role("button", name="Unduh berkas data").click()
    record = saved_and_checked(info.value, f"data/penilaian/yao/{day}.yaml", tmp_path)
    assert record["jawaban"][0]["bukti"] == "a b c\ufffdd"


def test_a_district_with_a_record_is_sent_to_edit_that_file_not_to_make_a_second(browser, served):
    """GitHub refuses a new file where one exists: the proposal opens the existing file's editor
    with the new text on the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.add_init_script("window.open = (url) => { window.__opened = url; }")
    page.goto(served + KUPANG)
    form = page.locator('form[data-lp-isian="tindak-lanjut"]')
    form.evaluate("f => f.setAttribute('data-lp-ada', '')")  # as the page marks a recorded district
    form.locator(f'input[name="{STEPS[0]}"][value="selesai"]').check()
    form.get_by_role("button", name="Usulkan lewat GitHub").click()
    page.wait_for_function("window.__opened")
    assert page.evaluate("window.__opened") == f"{REPO_URL}/edit/main/data/tindak-lanjut/53.71.yaml"
    pasted = yaml.safe_load(page.evaluate("navigator.clipboard.readText()"))
    assert pasted["wilayah"] == "53.71" and pasted["langkah"][0]["langkah"] == STEPS[0]
    assert "ganti seluruh isi" in form.get_by_role("status").inner_text()
    context.close()


def test_a_district_with_many_institutions_links_those_beyond_three_blocks(tree):
    """Each recorded institution gets a named block, up to three; the others are named with a link
    to their own form, so a district with dozens does not print dozens of 40-criterion forms."""
    source = (tree.root / "data/lembaga/yao.yaml").read_text(encoding="utf-8")
    for n in range(4):
        tree.write(
            f"data/lembaga/uji-{n}.yaml",
            source.replace("id: yao", f"id: uji-{n}").replace("nama: Yayasan Alfa Omega", f"nama: Yayasan Uji {n}"),
        )
    content = load_content(tree.root)
    regency = content.regencies[content.institutions["yao"].region_code]
    recorded = content.institutions_in(regency.code)
    assert len(recorded) >= 5
    html = Renderer(content).checklist(regency)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.select('form[data-lp-isian="penilaian"]')
    assert [b["data-lp-lembaga"] for b in blocks] == [i.id for i in recorded[:3]]
    assert soup.select('form[data-lp-isian="calon"] h3')[0].get_text().startswith("C.4 ")
    for inst in recorded[3:]:
        assert soup.select_one(f'a[href$="lembaga/{inst.id}/penilaian/"]').get_text() == inst.name
