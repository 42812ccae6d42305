"""Reply -> plain text for a terminal, with control characters (escape sequences) and bidi
overrides removed; :func:`terminal_safe` does the same for any text the CLI prints."""

from __future__ import annotations

import re

from bot.ports import Button, Reply, StoryView
from bot.render.common import actor_label, actor_lines, clean, story_buttons, titled

__all__ = ["console_text", "terminal_safe"]

# Bidi embeddings, overrides and isolates: they reorder what a terminal shows after them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` without C0/C1 controls (ESC, BEL, CSI, OSC: no escape sequences) or bidi
    overrides, so a feed or chat cannot move the cursor, retitle or reorder the terminal."""
    return _BIDI.sub("", clean(text))


def _console_button(button: Button) -> str:
    target = button.url if button.url else button.action
    return terminal_safe(f"[{button.label}: {target}]")


def _console_story(story: StoryView) -> list[str]:
    lines = [terminal_safe(titled(story))]
    if story.source:
        lines.append(f"   ({terminal_safe(story.source)})")
    if story.sentences:
        lines.append("   " + terminal_safe(" ".join(story.sentences)))
    if story.detail == "digest" and story.actors:
        lines.append("   Who: " + terminal_safe(", ".join(actor_label(a) for a in story.actors)))
    elif story.detail == "actors":
        for actor in story.actors:
            label = "   - " + terminal_safe(actor_label(actor))
            lines.extend(actor_lines(actor, label, terminal_safe))
        if not story.actors:
            lines.append("   No people or organisations are named in this story.")
    buttons = story_buttons(story)
    if buttons:
        lines.append("   " + " ".join(_console_button(b) for b in buttons))
    return lines


def console_text(reply: Reply) -> str:
    """Plain text for a terminal, with control characters (escape sequences) and bidi
    overrides removed."""
    blocks: list[list[str]] = []
    head = [terminal_safe(reply.heading).upper()] if reply.heading else []
    head.extend(terminal_safe(line) for line in reply.lines)
    blocks.append(head)
    blocks.extend(_console_story(story) for story in reply.stories)
    if reply.footer:
        blocks.append([terminal_safe(reply.footer)])
    blocks.extend([_console_button(b) for b in row] for row in reply.buttons if row)
    return "\n\n".join("\n".join(block) for block in blocks if block)
