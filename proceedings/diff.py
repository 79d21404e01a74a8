"""A readable comparison of two versions of a declaration: paragraph by paragraph, words marked."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape

from proceedings.models import DeclarationVersion


def numbered(paragraphs: list[dict]) -> dict[int, int]:
    """{key: number} for the paragraphs of one version."""
    return {paragraph["key"]: number for number, paragraph in enumerate(paragraphs, start=1)}


@dataclass
class DiffRow:
    change: str  # "same", "changed", "added", "removed"
    number_before: int | None
    number_after: int | None
    html: str


def compare(before: DeclarationVersion, after: DeclarationVersion) -> list[DiffRow]:
    """A readable diff: paragraph by paragraph (matched by key), words marked inside changed ones."""

    old, new = before.paragraphs, after.paragraphs
    old_numbers, new_numbers = numbered(old), numbered(new)
    old_by_key = {paragraph["key"]: paragraph for paragraph in old}
    new_keys = {paragraph["key"] for paragraph in new}
    rows: list[DiffRow] = []
    removed = [paragraph for paragraph in old if paragraph["key"] not in new_keys]

    def flush_removed_before(key: int | None) -> None:
        # Removed paragraphs appear where they stood: before the next paragraph that remains.
        while removed and (key is None or old_numbers[removed[0]["key"]] < old_numbers.get(key, 10**9)):
            paragraph = removed.pop(0)
            rows.append(DiffRow("removed", old_numbers[paragraph["key"]], None, escape(paragraph["text"])))

    for paragraph in new:
        key = paragraph["key"]
        if key in old_by_key:
            flush_removed_before(key)
            previous = old_by_key[key]["text"]
            if previous == paragraph["text"]:
                rows.append(DiffRow("same", old_numbers[key], new_numbers[key], escape(paragraph["text"])))
            else:
                rows.append(
                    DiffRow(
                        "changed", old_numbers[key], new_numbers[key], word_diff(previous, paragraph["text"])
                    )
                )
        else:
            rows.append(DiffRow("added", None, new_numbers[key], escape(paragraph["text"])))
    flush_removed_before(None)
    return rows


def word_diff(before: str, after: str) -> str:
    """Escaped HTML of `after` with the words taken out in <del> and those put in in <ins>."""

    old, new = re.findall(r"\w+|[^\w\s]+|\s+", before), re.findall(r"\w+|[^\w\s]+|\s+", after)
    parts = []
    for tag, a_start, a_end, b_start, b_end in difflib.SequenceMatcher(
        a=old, b=new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new[b_start:b_end])))
            continue
        if a_end > a_start:
            parts.append(f"<del>{escape(''.join(old[a_start:a_end]))}</del>")
        if b_end > b_start:
            parts.append(f"<ins>{escape(''.join(new[b_start:b_end]))}</ins>")
    return "".join(parts)
