"""LP-LPP portal: content model, checks and site generation.

`define_env` is the mkdocs-macros entry point; it only wires the renderer's
functions in as macros for the hand-written pages under docs/pages/. Macros
return escaped HTML, so data never reaches Jinja or Markdown as source.
"""


def define_env(env):
    from .site import renderer

    def here() -> str:
        return env.page.url if env.page else ""

    env.macro(lambda: renderer().introduction(), "guideline_introduction")
    env.macro(lambda: renderer().criteria(here()), "criteria")
    env.macro(lambda: renderer().followups(), "followups")
    env.macro(lambda: renderer().stages(), "stages")
    env.macro(lambda: renderer().parties(), "parties")
    env.macro(lambda: renderer().components(), "components")
    env.macro(lambda: renderer().product_links(here()), "product_links")
    env.macro(lambda: renderer().glossary(), "glossary")
    env.macro(lambda: renderer().version_line(), "version_line")
    env.macro(lambda: renderer().draft_note(), "draft_note")
    env.macro(lambda: renderer().counts(), "counts")
    env.macro(lambda: renderer().region_source(), "region_source")
    env.macro(lambda: renderer().export_files(here()), "export_files")
