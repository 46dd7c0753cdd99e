"""The editor's loop without traps (issue 26, point 4): `make site` keeps links.txt itself,: this story's acceptance tests (the engine's are in tests/engine/test_editor_loop.py)."""

from __future__ import annotations

from explainer import text


def test_the_real_home_description_is_whole_sentences(real_root):
    import yaml

    summary = " ".join(yaml.safe_load((real_root / "facts.yml").read_text(encoding="utf-8"))["story"]["summary"].split())
    cut = text.sentences(summary, 160)
    assert cut.endswith((".", "!", "?", "»")) and summary.startswith(cut) and len(cut) <= 160

