"""BENCHMARKS.md: one section per benchmark, each replaced by the run that writes it."""

from pathlib import Path


def replace_section(path: Path, heading: str, body: str) -> None:
    """Replace this benchmark's section of BENCHMARKS.md, keeping the others."""
    fresh = "# Benchmarks\n\nEach section names the command that wrote it.\n"
    text = path.read_text() if path.exists() else fresh
    start = text.find(heading)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        end = text.find("\n## ", start + len(heading))
        rest = text[end + 1 :] if end != -1 else ""
        text = text[:start] + body.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    path.write_text(text)
