"""Importers: what a module tells the platform about one kind of register it can take in.

A module declares an `Importer` subclass and registers an instance from its AppConfig.ready(). The
platform does the reading, mapping, preview and confirmation; the importer only knows its fields,
how to clean one row, how to recognise a row the office already has, and how to create one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404


@dataclass(frozen=True)
class TargetField:
    key: str
    label: str  # Indonesian, shown in the mapping form and in row errors
    required: bool = False
    # Column titles this field is recognised by, most specific first. Compared without case,
    # punctuation or spaces: "No. Agenda" = "NO AGENDA" = "no.agenda".
    synonyms: tuple[str, ...] = ()


@dataclass
class RowContext:
    """What `validate_row` may use: the office and a cache shared by the rows of one preview."""

    organisation: object
    cache: dict = field(default_factory=dict)


class Importer:
    key: str = ""
    label: str = ""
    action: str = ""  # the permission to upload, preview and confirm
    view_action: str = ""  # the permission to see batches (a read action: auditors hold it)
    fields: tuple[TargetField, ...] = ()

    def validate_row(self, values: dict[str, str], context: RowContext) -> tuple[dict, list[tuple[str, str]]]:
        """Clean one row's mapped text. Returns (cleaned JSON-safe values, [(field key, message)])."""
        raise NotImplementedError

    def fingerprint(self, cleaned: dict) -> str:
        """The row's identity: a row with the fingerprint of one already imported is skipped."""
        raise NotImplementedError

    def duplicate_keys(self, cleaned: dict) -> list[str]:
        """Every key by which the row may already exist (e.g. its number, its sender's number)."""
        return [self.fingerprint(cleaned)]

    def existing_keys(self, organisation, keys: set[str]) -> set[str]:
        """Which of `keys` the office's data already holds (rows made by hand, not only by import)."""
        return set()

    def create(self, cleaned: dict, *, actor, organisation):
        """Create the row's object. Called only when the user confirms, inside the batch's transaction."""
        raise NotImplementedError

    def finish(self, created: list[dict], *, actor, organisation) -> None:
        """After every row of a confirmed batch is created, in the same transaction."""

    def notes(self, batch) -> list[str]:
        """Sentences (Indonesian) the batch page shows above the rows: what a confirmation will do, or
        did, beyond creating rows (e.g. moving a numbering counter). Called for previewed, confirming
        and confirmed batches."""
        return []

    def field(self, key: str) -> TargetField:
        return next(f for f in self.fields if f.key == key)


_IMPORTERS: dict[str, Importer] = {}


def register_importer(importer: Importer) -> None:
    if not importer.key or not importer.action or not importer.view_action:
        raise ValueError("An importer needs a key, an action and a view action.")
    _IMPORTERS[importer.key] = importer


def get_importer(key: str) -> Importer:
    try:
        return _IMPORTERS[key]
    except KeyError as exc:
        raise Http404(key) from exc


def all_importers() -> Iterable[Importer]:
    return list(_IMPORTERS.values())


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_header(text) -> str:
    """A column title as compared with synonyms: "No. Agenda" → "noagenda"."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return _NOT_ALNUM.sub("", text)


def auto_map(importer: Importer, headers: list[str]) -> dict[str, int]:
    """Field key → column index, by exact synonyms. A column serves one field; fields earlier in the
    importer's list win, and a field's earlier synonyms win over later ones, so "No. Agenda" takes the
    agenda field before a bare "No" could."""
    normalised = [normalise_header(h) for h in headers]
    taken: set[int] = set()
    mapping: dict[str, int] = {}
    # Pass over synonyms by rank so a specific title anywhere beats a generic one.
    depth = max((len(f.synonyms) for f in importer.fields), default=0)
    for rank in range(depth):
        for target in importer.fields:
            if target.key in mapping or rank >= len(target.synonyms):
                continue
            wanted = normalise_header(target.synonyms[rank])
            for index, title in enumerate(normalised):
                if index not in taken and title and title == wanted:
                    mapping[target.key] = index
                    taken.add(index)
                    break
    # A required field left without a column takes one an optional field claimed by a shared title
    # ("Isi Ringkas" is the summary when there is a "Perihal" column, the subject when there is not).
    required = {f.key for f in importer.fields if f.required}
    for target in importer.fields:
        if not target.required or target.key in mapping:
            continue
        wanted = {normalise_header(s) for s in target.synonyms}
        for key, index in list(mapping.items()):
            if key not in required and normalised[index] in wanted:
                mapping[target.key] = mapping.pop(key)
                break
    return mapping


def header_score(importer: Importer, row: list[str]) -> int:
    """How many cells of `row` are a known column title: the header row scores highest."""
    known = {normalise_header(s) for f in importer.fields for s in f.synonyms}
    return sum(1 for cell in row if normalise_header(cell) in known)
