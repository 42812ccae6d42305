"""/filter: the words, phrases and actors that let a story into this chat or keep it out."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.commands.context import Request, Services, UsageError
from bot.commands.help import usage
from bot.filters.match import MAX_TERMS, ChatFilters, FilterError, Term, parse_terms
from bot.ports import Reply
from bot.store.filters import (
    AddOutcome,
    FilterMode,
    StoredTerm,
    add_filter_terms,
    clear_filter_terms,
    list_filter_terms,
    load_filters,
    remove_filter_term,
)

__all__ = ["chat_filters_of", "filter_command"]

HOW_TERMS_MATCH = texts.HOW_TERMS_MATCH


def chat_filters_of(services: Services, chat_id: int) -> ChatFilters:
    """The chat's filters (blocking: call through ``services.run``)."""
    with services.db.read() as conn:
        return load_filters(conn, chat_id)


def _terms(text: str) -> list[Term]:
    try:
        terms = parse_terms(text)
    except FilterError as exc:
        raise UsageError(str(exc)) from None
    if not terms:
        raise UsageError(usage("filter"))
    return terms


def _labels(terms: Sequence[Term]) -> str:
    return ", ".join(term.label for term in terms)


def _stored(services: Services, chat_id: int) -> list[StoredTerm]:
    with services.db.read() as conn:
        return list_filter_terms(conn, chat_id)


def _add(services: Services, chat_id: int, mode: FilterMode, terms: list[Term]) -> AddOutcome:
    with services.db.write() as conn:
        return add_filter_terms(conn, chat_id, mode, terms, services.clock())


def _remove(services: Services, chat_id: int, terms: list[Term]) -> list[str]:
    lines = []
    with services.db.write() as conn:
        for term in terms:
            modes = remove_filter_term(conn, chat_id, term)
            if modes:
                joined = texts.AND.join(modes)
                lines.append(texts.REMOVED_TERM.format(term=term.label, modes=joined))
            else:
                lines.append(texts.NO_SUCH_TERM.format(term=term.label))
    return lines


def _clear(services: Services, chat_id: int) -> tuple[int, int]:
    with services.db.write() as conn:
        removed = clear_filter_terms(conn, chat_id)
        return removed, len(list_filter_terms(conn, chat_id))


def _show(stored: list[StoredTerm]) -> Reply:
    if not stored:
        return Reply(
            lines=[
                texts.NO_FILTERS,
                usage("filter"),
            ]
        )

    def listed(mode: FilterMode) -> str:
        return ", ".join(
            s.term.label + (texts.FROM_CONFIG if s.origin == "config" else "")
            for s in stored
            if s.mode == mode
        )

    include, exclude = listed("include"), listed("exclude")
    lines = [
        texts.INCLUDE_LIST.format(terms=include) if include else texts.INCLUDE_ALL,
        texts.EXCLUDE_LIST.format(terms=exclude or texts.NOTHING),
        texts.TERMS_COUNT.format(count=len(stored), most=MAX_TERMS, how=HOW_TERMS_MATCH),
    ]
    if any(s.origin == "config" for s in stored):
        lines.append(texts.CONFIG_TERMS)
    return Reply(heading=texts.FILTERS_HEADING, lines=[*lines, usage("filter")])


def _added(mode: FilterMode, outcome: AddOutcome) -> Reply:
    lines = []
    if outcome.added:
        added = _labels(outcome.added)
        lines.append(texts.ADDED_TERMS.format(mode=mode.capitalize(), terms=added))
    if outcome.moved:
        other = "exclude" if mode == "include" else "include"
        moved = _labels(outcome.moved)
        lines.append(texts.MOVED_TERMS.format(other=other, mode=mode, terms=moved))
    if outcome.already:
        lines.append(texts.ALREADY_TERMS.format(mode=mode, terms=_labels(outcome.already)))
    changed = len(outcome.added) + len(outcome.moved)
    if changed and mode == "include":
        lines.append(texts.INCLUDED_NOW)
    elif changed:
        which = texts.IT if changed == 1 else texts.ANY_OF_THEM
        lines.append(texts.EXCLUDED_NOW.format(which=which))
    return Reply(lines=lines)


async def filter_command(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    action, _, rest = args.strip().partition(" ")
    action = action.lower()
    if not action:
        return _show(await services.run(_stored, services, chat.id))
    if action in ("include", "exclude"):
        mode: FilterMode = "include" if action == "include" else "exclude"
        terms = _terms(rest)
        try:
            outcome = await services.run(_add, services, chat.id, mode, terms)
        except FilterError as exc:
            raise UsageError(str(exc)) from None
        return _added(mode, outcome)
    if action == "remove":
        try:
            lines = await services.run(_remove, services, chat.id, _terms(rest))
        except FilterError as exc:
            raise UsageError(str(exc)) from None
        return Reply(lines=lines)
    if action == "clear" and not rest.strip():
        removed, kept = await services.run(_clear, services, chat.id)
        if not removed:
            return Reply(lines=[texts.NO_OWN_TERMS])
        line = texts.REMOVED_TERMS.format(count=removed, terms=texts.counted(removed, "term"))
        if kept:
            line += texts.CONFIG_TERMS_STAY.format(count=kept)
        return Reply(lines=[line])
    raise UsageError(usage("filter"))
