"""Actors of an article: people and organisations with roles, mention counts and positions.

`python -m summarise.key_actors < article.txt` prints the people (with every name they go by)
and organisations of one text, one sentence per line, as JSON in the form the people scorer reads.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence

from summarise.actors.languages import ENGLISH, normalise_code, profile
from summarise.actors.lexicon import words
from summarise.actors.mentions import find_mentions
from summarise.actors.names import name_key
from summarise.actors.resolve import resolve
from summarise.actors.salience import salience
from summarise.models import Actor, Position
from summarise.offsets import TextMap
from summarise.positions.quotes import fold_quotes
from summarise.positions.who_said import find_attributions, to_position
from summarise.roles.assign import add_role_references, described_roles, entity_role
from summarise.roles.language_roles import language_role
from summarise.tokens import detokenise

__all__ = ["extract_actors", "read_actors"]


def extract_actors(
    sentences: Sequence[str], *, title: str | None = None, language: str = "en"
) -> list[Actor]:
    """People and organisations named in an article's sentences (in order), most salient first.

    Each actor has a canonical name with its other forms as aliases, a role from titles and
    appositions (people only), the number of mentions and the positions it takes. `language`
    is the text's ISO 639-1 code ("en", "de", "es", "nl", "fr", ...): it chooses the rules
    (and the spaCy pipeline configured for that language, if any).
    """
    return read_actors(sentences, title=title, language=language)[0]


def read_actors(
    sentences: Sequence[str],
    *,
    title: str | None = None,
    opens: Sequence[bool] = (),
    original: str | None = None,
    language: str = "en",
) -> tuple[list[Actor], list[Position]]:
    """The actors (as :func:`extract_actors`) and every attribution in article order.

    `opens[i]` says sentence i opens a paragraph (an unclosed quote ends with its paragraph);
    with `original`, the text the sentences were cleaned from, attributions carry offsets
    into it. ``language`` is the article's ISO 639-1 code.
    """
    code = normalise_code(language)
    head = [detokenise(title.strip())] if title and title.strip() else []
    kept = [i for i, s in enumerate(sentences) if s and s.strip()]
    text = head + [detokenise(sentences[i].strip()) for i in kept]
    if code != ENGLISH:
        text = [fold_quotes(line) for line in text]
    if len(text) == len(head):
        return [], []
    # A title-case headline is no evidence of a name: names come from the body, and the
    # title only adds mentions of actors the body names.
    body = [""] * len(head) + text[len(head) :]
    entities = resolve(find_mentions(body, code), text)
    orgs = [e for e in entities if e.kind == "org"]
    if code == ENGLISH:
        roles = {
            i: entity_role(e, text, orgs) for i, e in enumerate(entities) if e.kind == "person"
        }
        described_roles({i: entities[i] for i in roles}, roles, text)
        add_role_references([(entities[i], r) for i, r in roles.items() if r], text, len(head))
    else:
        lang = profile(code)
        roles = {
            i: language_role(e, text, lang) for i, e in enumerate(entities) if e.kind == "person"
        }
    starts = [False] * len(head) + [bool(opens[i]) if i < len(opens) else False for i in kept]
    found = find_attributions(body, entities, {i: r for i, r in roles.items() if r}, starts, code)
    where = TextMap(original, body) if original is not None else None
    attributions = [to_position(f, body, entities, where) for f in found]
    positions: dict[int, list[Position]] = {}
    said: set[tuple[int, str, str | None]] = set()
    for f, position in zip(found, attributions, strict=True):
        # A caption repeating the body says the same thing twice: one position for it.
        # ("... 'his children.'" in the body, "... 'his children'" under the photo).
        stated = position.text.rstrip(_CLOSING)
        quote = position.quote.rstrip(_CLOSING) if position.quote else None
        key = (f.actor, stated, quote) if f.actor is not None else None
        if key is not None and position.text and key not in said:
            said.add(key)
            positions.setdefault(key[0], []).append(position)
        described = _description(position.speaker)
        if f.actor in roles and not roles[f.actor] and described and code == ENGLISH:
            roles[f.actor] = described  # "the relieved father said": who they are here
    actors: list[tuple[float, tuple[int, int], Actor]] = []
    for i, entity in enumerate(entities):
        actor = Actor(
            name=entity.name,
            type="person" if entity.kind == "person" else "org",
            role=roles.get(i),
            mentions=len(entity.mentions),
            positions=positions.get(i, []),
            aliases=sorted(a for a in entity.aliases if name_key(a) != name_key(entity.name)),
        )
        actors.append((salience(entity, actor, len(head), len(text)), entity.first, actor))
    actors.sort(key=lambda item: (-item[0], item[1]))
    return [actor for _, _, actor in actors], attributions


_CLOSING = " .,;:!?\"'"  # what a caption may leave off the end of a quoted statement
_DESCRIPTION = re.compile(r"(?i:the)\s+((?:[a-z][\w'’-]*\s+){0,3}[a-z][\w-]*)")
_NOT_A_ROLE = words("man woman boy girl person people pair couple group")


def _description(speaker: str | None) -> str | None:
    """The role a definite description gives ("the relieved father" -> "relieved father"),
    not an age ("the 45-year-old") or a bare person word ("the man")."""
    match = _DESCRIPTION.fullmatch(speaker or "")
    if match is None or "year-old" in match.group(1) or match.group(1) in _NOT_A_ROLE:
        return None
    return match.group(1)


def _main() -> None:
    lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
    actors = extract_actors(lines)
    # Every name a person goes by, as the people scorer counts unique name strings.
    people = [n for a in actors if a.type == "person" for n in (a.name, *a.aliases)]
    orgs = [a.name for a in actors if a.type == "org"]
    json.dump({"people": people, "orgs": orgs}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    _main()
