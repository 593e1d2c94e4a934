"""Execute notebooks while the snippets run, instead of after them.

mkdocs-jupyter executes each notebook when it renders the page, one after the
other, once the snippets are done. This module fills the plugin's own cache
entry for each notebook in a background thread started before the snippets
run, so a cold build runs both at once. The entry is exactly what the plugin
would write itself (same key, same content); when a notebook fails here
nothing is written, and the plugin runs it again and reports the failure in
its own words. Tied to mkdocs-jupyter 0.26.3, which requirements pin.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.unrolled")

# The rendering options the plugin passes to nb2html, by config key.
OPTIONS = (
    "kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
    "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url",
)


def start(plugin, files) -> threading.Thread | None:
    """Start executing every notebook that has no cache entry; return the thread."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jp

    config = plugin.config
    if not (config["execute"] and config["cache"]) or config["execute_ignore"]:
        return None
    todo = []
    for file in files:
        if not plugin.should_include(file):
            continue
        key = jp._compute_cache_key(file.abs_src_path, config, True)
        target = jp._get_cache_path(config["cache_dir"], key)
        if not target.exists():
            todo.append((file.abs_src_path, target))
    if not todo:
        return None

    def work():
        for source, target in todo:
            try:
                body = convert.nb2html(source, execute=True, **{k: config[k] for k in OPTIONS})
            except Exception:  # noqa: BLE001 - the plugin reruns it and reports the error
                log.debug("pre-execution of %s failed; the plugin will report it", source)
                continue
            toc_tokens, title = jp._get_nb_toc_tokens(source, config["toc_depth"])
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(
                json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8"
            )

    thread = threading.Thread(target=work, name="notebook-prewarm", daemon=True)
    thread.start()
    return thread
