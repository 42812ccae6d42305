"""pysbd sentence splitting, without the work that cannot change its result.

pysbd's abbreviation pass tries every one of its ~190 abbreviations against the text: for "co"
it rewrites the whole paragraph once per word that starts with "co" ("could", "company"), though
only "co." can ever be rewritten. Here an abbreviation is skipped when the text lacks it with
its full stop, and each spelling is rewritten once (the rewrite is idempotent). The sentences
are the same as pysbd's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["pysbd_sentences"]

# pysbd builds about a thousand distinct regular expressions; with re's default cache of 512
# it recompiles them for every article, which doubles its cost.
_REGEX_CACHE = 4096


def pysbd_sentences(paragraph: str) -> list[str]:
    """pysbd's English sentences of one paragraph (no cleaning, no character offsets)."""
    # segment() would also map each sentence back to character offsets with one fresh regex per
    # sentence; the processed sentences are the same text, and offsets are not needed here.
    sentences: list[str] = _segmenter().processor(paragraph).process()
    return sentences


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd
    from pysbd.lang.english import English

    class Abbreviations(English.AbbreviationReplacer):  # type: ignore[misc]
        def search_for_abbreviations_in_string(self, text: str) -> str:
            lowered = text.lower()
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                literal = re.escape(stripped) == stripped
                if literal and stripped + "." not in lowered:
                    continue  # every rewrite needs "<abbr>." in the text
                found = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
                after = re.findall(r"(?<={" + re.escape(stripped) + "} ).{1}", text)
                done: set[str] = set()
                for index, match in enumerate(found):
                    if literal and not after and match.strip() in done:
                        continue
                    done.add(match.strip())
                    text = self.scan_for_replacements(text, match, index, after)
            return text

    class FastEnglish(English):  # type: ignore[misc]
        AbbreviationReplacer = Abbreviations

    re._MAXCACHE = max(re._MAXCACHE, _REGEX_CACHE)  # type: ignore[attr-defined]
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = FastEnglish
    return segmenter
