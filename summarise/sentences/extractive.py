"""Sentence selection: sumy's algorithms by name, a lead baseline and the default ranker."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from summarise.sentences.budget import fit_budget
from summarise.sentences.ranking import DEFAULT_WEIGHTS, RankingWeights, candidates
from summarise.sentences.words import stemmer, stop_words
from summarise.text import OfflineTokenizer

__all__ = [
    "ALGORITHMS",
    "LEAD_WINDOW",
    "SUMY_ALGORITHMS",
    "build_document",
    "rank_sentences",
    "select",
    "sumy_ratings",
]

SUMY_ALGORITHMS: tuple[str, ...] = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "edmundson",
    "kl",
    "sumbasic",
    "reduction",
)
ALGORITHMS: tuple[str, ...] = (*SUMY_ALGORITHMS, "lead", "default")

# Cue words for Edmundson: hedges and page chrome weigh a sentence down.
_STIGMA_WORDS = (
    "click",
    "subscribe",
    "pictured",
    "advertisement",
    "maybe",
    "perhaps",
    "reportedly",
    "hardly",
)
_BONUS_WORDS = ("announced", "said", "will", "agreed", "decided", "first", "new", "after")

_TOKENIZER = OfflineTokenizer()

# Ranking is quadratic in sentences, so only the lead window of an article is ranked: news puts
# its main facts first, and articles (a few dozen sentences) stay well inside it.
LEAD_WINDOW = 200


def build_document(
    sentences: Sequence[str], paragraph_index: Sequence[int], headings: Sequence[str] = ()
) -> Any:
    """A sumy document from already split sentences, so nothing is split twice."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    paragraphs: list[Any] = []
    if headings:
        paragraphs.append(Paragraph([Sentence(h, _TOKENIZER, is_heading=True) for h in headings]))
    current: list[Any] = []
    last = paragraph_index[0] if paragraph_index else 0
    for sentence, paragraph in zip(sentences, paragraph_index, strict=True):
        if paragraph != last and current:
            paragraphs.append(Paragraph(current))
            current = []
        last = paragraph
        current.append(Sentence(sentence, _TOKENIZER))
    if current:
        paragraphs.append(Paragraph(current))
    return ObjectDocumentModel(paragraphs)


def _summarizer(name: str, language: str = "en") -> Any:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes: dict[str, Any] = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "edmundson": EdmundsonSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "reduction": ReductionSummarizer,
    }
    summarizer = classes[name](stemmer(language))
    if name == "edmundson":
        summarizer.bonus_words = _BONUS_WORDS if language == "en" else ()
        summarizer.stigma_words = _STIGMA_WORDS if language == "en" else ()
        summarizer.null_words = stop_words(language)
    else:
        summarizer.stop_words = stop_words(language)
    return summarizer


def sumy_ratings(name: str, document: Any, language: str = "en") -> list[tuple[int, float]]:
    """(sentence index, rating) best first, as sumy algorithm ``name`` rates the document."""
    ranked: list[tuple[int, float]] = []

    def capture(infos: list[Any]) -> list[Any]:
        # sumy hands the count callable every sentence sorted best first.
        ranked.extend((info.order, float(info.rating)) for info in infos)
        return []

    import numpy

    # Tiny or stop-word-only texts give sumy zero vectors; their NaN ratings mean "no opinion".
    with numpy.errstate(all="ignore"):
        _summarizer(name, language)(document, capture)
    if any(math.isnan(rating) for _, rating in ranked):
        return [(index, 0.0) for index in range(len(document.sentences))]
    return ranked


def rank_sentences(
    algorithm: str,
    sentences: Sequence[str],
    paragraph_index: Sequence[int],
    headings: Sequence[str] = (),
    weights: RankingWeights = DEFAULT_WEIGHTS,
    language: str = "en",
) -> list[int]:
    """Indices of ``sentences`` from best to worst according to ``algorithm``; ``weights`` are
    the default ranker's; words are stemmed and stop words dropped as ``language`` (an ISO
    639-1 code) has them."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    if algorithm == "lead" or len(sentences) <= 1:
        return list(range(len(sentences)))
    if algorithm == "default":
        return candidates(sentences, language).ranking(weights)
    document = build_document(sentences, paragraph_index, headings)
    order = [index for index, _ in sumy_ratings(algorithm, document, language)]
    missing = [i for i in range(len(sentences)) if i not in set(order)]
    return order + missing


def select(
    algorithm: str,
    sentences: Sequence[str],
    paragraph_index: Sequence[int],
    *,
    count: int,
    max_chars: int | None = None,
    headings: Sequence[str] = (),
    weights: RankingWeights = DEFAULT_WEIGHTS,
    language: str = "en",
) -> list[str]:
    """Up to ``count`` sentences in article order, within ``max_chars`` when given, chosen
    from the first :data:`LEAD_WINDOW` sentences."""
    if count <= 0 or not sentences:
        return []
    sentences, paragraph_index = sentences[:LEAD_WINDOW], paragraph_index[:LEAD_WINDOW]
    ranking = rank_sentences(algorithm, sentences, paragraph_index, headings, weights, language)
    return fit_budget(sentences, ranking, count=count, max_chars=max_chars)
