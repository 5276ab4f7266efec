"""LP-LPP portal: content model, checks and site generation.

`define_env` is the mkdocs-macros entry point; it only wires the renderer's
functions in as macros for the hand-written pages under docs/pages/. Each macro
returns a placeholder, and its escaped HTML replaces that placeholder after
Markdown (macros.fragments): data never reaches Jinja or Markdown as source.
"""


def define_env(env):
    from .fragments import placeholder
    from .site import renderer as current

    def here() -> str:
        return env.page.url if env.page else ""

    def fragment(render):
        return lambda: placeholder(render(current()))

    env.macro(fragment(lambda r: r.section("introduction")), "guideline_introduction")
    env.macro(fragment(lambda r: r.section("criteria", here())), "criteria")
    env.macro(fragment(lambda r: r.section("followups")), "followups")
    env.macro(fragment(lambda r: r.section("stages")), "stages")
    env.macro(fragment(lambda r: r.section("parties")), "parties")
    env.macro(fragment(lambda r: r.section("components")), "components")
    env.macro(fragment(lambda r: r.section("product_links", here())), "product_links")
    env.macro(fragment(lambda r: r.section("glossary")), "glossary")
    env.macro(fragment(lambda r: r.find_region(here())), "find_region")
    env.macro(fragment(lambda r: r.version_line()), "version_line")
    env.macro(fragment(lambda r: r.draft_note()), "draft_note")
    env.macro(fragment(lambda r: r.counts()), "counts")
    env.macro(fragment(lambda r: r.section("region_source")), "region_source")
    env.macro(fragment(lambda r: r.section("export_files", here())), "export_files")
