"""MkDocs hook for ``aftersales serve``: the preview gets its search index after every rebuild.

``build`` indexes each portal itself (``finish_portal``); ``serve`` hands the building to MkDocs'
own server, which runs this hook (``hooks:`` in the serve configuration) after each build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.publish.search_index import SearchIndexError, index_portal


def on_post_build(config, **kwargs) -> None:
    """A failure is reported as MkDocs reports its own (one line, no traceback); the server
    keeps running and tries again on the next change."""
    try:
        search = (config.get("extra") or {}).get("aftersales_search", {})
        index_portal(Path(config["site_dir"]), search.get("language", ""), search.get("synonyms", []),
                     products=search.get("products", []))
    except (OSError, SearchIndexError) as exc:
        raise PluginError(f"search index of {config['site_dir']}: {exc}") from exc
