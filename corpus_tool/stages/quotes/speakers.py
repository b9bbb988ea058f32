"""Speakers across a corpus: one row per resolved speaker, built document by document."""
from collections import Counter

KINDS = ("direct", "partial", "indirect")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class SpeakerTable:
    """Accumulates documents' quotations; `rows()` gives one flat, CSV-ready row per speaker.

    Speakers are grouped by name, case and spacing aside; mentions and unattributed quotations are
    not counted. Memory grows with the number of speakers, not of documents' texts.
    """

    def __init__(self) -> None:
        self._names: dict[str, Counter] = {}
        self._counts: dict[str, Counter] = {}
        self._roles: dict[str, Counter] = {}
        self._documents: dict[str, list[str]] = {}

    def add(self, doc: dict) -> None:
        """Count one document's quotations ({"id", "quotes": [...]})."""
        doc_id = str(doc.get("id", ""))
        for quote in doc.get("quotes") or []:
            name = quote.get("speaker")
            if not name or quote.get("kind") not in KINDS:
                continue
            key = _key(name)
            self._names.setdefault(key, Counter())[" ".join(name.split())] += 1
            self._counts.setdefault(key, Counter())[quote["kind"]] += 1
            if quote.get("speaker_role"):
                self._roles.setdefault(key, Counter())[" ".join(quote["speaker_role"].split())] += 1
            documents = self._documents.setdefault(key, [])
            if not documents or documents[-1] != doc_id:
                documents.append(doc_id)

    def rows(self) -> list[dict]:
        """{"speaker", "quotations", "direct", "partial", "indirect", "documents", "roles", "document_ids"},
        most quoted first; roles (most frequent first) are joined by " | ", document ids by " "."""
        rows = []
        for key, counts in self._counts.items():
            rows.append({
                "speaker": self._names[key].most_common(1)[0][0],
                "quotations": sum(counts.values()),
                **{kind: counts[kind] for kind in KINDS},
                "documents": len(self._documents[key]),
                "roles": " | ".join(role for role, _ in self._roles.get(key, Counter()).most_common()),
                "document_ids": " ".join(self._documents[key]),
            })
        rows.sort(key=lambda row: (-row["quotations"], row["speaker"].casefold()))
        return rows
