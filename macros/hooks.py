"""MkDocs loads this file by path (`hooks:` in mkdocs.yml), outside the package;
the hooks themselves live in macros.site."""

from macros.site import (  # noqa: F401
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
)
