"""MkDocs hook for ``aftersales serve``: the preview gets its search index after every rebuild.

``build`` indexes each portal itself (``finish_portal``); ``serve`` hands the building to MkDocs'
own server, which runs this hook (``hooks:`` in the serve configuration) after each build.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.search_index import index_portal


def on_post_build(config, **kwargs) -> None:
    index_portal(Path(config["site_dir"]))
