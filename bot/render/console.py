"""Reply -> plain text for a terminal, with control characters (escape sequences) removed."""

from __future__ import annotations

from bot.ports import Button, Reply, StoryView
from bot.render.common import actor_label, actor_lines, clean, story_buttons, titled

__all__ = ["console_text"]


def _console_button(button: Button) -> str:
    target = button.url if button.url else button.action
    return f"[{button.label}: {target}]"


def _console_story(story: StoryView) -> list[str]:
    lines = [clean(titled(story))]
    if story.source:
        lines.append(f"   ({clean(story.source)})")
    if story.sentences:
        lines.append("   " + clean(" ".join(story.sentences)))
    if story.detail == "digest" and story.actors:
        lines.append("   Who: " + clean(", ".join(actor_label(a) for a in story.actors)))
    elif story.detail == "actors":
        for actor in story.actors:
            label = "   - " + clean(actor_label(actor))
            lines.extend(actor_lines(actor, label, clean))
        if not story.actors:
            lines.append("   No people or organisations are named in this story.")
    buttons = story_buttons(story)
    if buttons:
        lines.append("   " + " ".join(_console_button(b) for b in buttons))
    return lines


def console_text(reply: Reply) -> str:
    """Plain text for a terminal, with control characters (escape sequences) removed."""
    blocks: list[list[str]] = []
    head = [clean(reply.heading).upper()] if reply.heading else []
    head.extend(clean(line) for line in reply.lines)
    blocks.append(head)
    blocks.extend(_console_story(story) for story in reply.stories)
    if reply.footer:
        blocks.append([clean(reply.footer)])
    blocks.extend([_console_button(b) for b in row] for row in reply.buttons if row)
    return "\n\n".join("\n".join(block) for block in blocks if block)
