"""What people typed, shown as typed in a tooltip.

Qt guesses whether a label's or tooltip's text is rich text from its first tag, so a note
"<b>x</b>" would show bold and "<img src=…>" would load a file. A QLabel that shows user text
is made plain where it is built (`label.setTextFormat(Qt.TextFormat.PlainText)`); a tooltip has
no such switch, so its text is escaped here and marked as rich text that keeps line breaks.
"""

from __future__ import annotations


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that shows it literally, line breaks kept; "" stays "" (no tooltip)."""
    if not text:
        return ""
    # What html.escape(text, quote=False) does, without loading the html package (and its
    # table of entities) while the console starts: & first, so no escape is escaped again.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"
