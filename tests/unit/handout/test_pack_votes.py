"""The pack prints the room's vote (themes in vote order, dots as numbers) in Our collective
learning, and the feedback forms' summary and answers in Your feedback (read back from the PDF)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from desktop.core import votes
from desktop.core.model import Event, FeedbackStatus, Note, NoteKind
from desktop.handout.html import build_pack_html
from desktop.handout.pack import build_pack


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def event() -> Event:
    vote = votes.new_vote("v1", ["Trust", "Time", "Ego"], dots=3)
    for device, dots in [("p1", [0, 3, 0]), ("p2", [1, 1, 1]), ("p3", [0, 2, 0])]:
        vote = votes.cast(vote, device, dots)
    vote = votes.close(votes.set_counts(vote, [0, 0, 2]))
    accepted = FeedbackStatus.ACCEPTED
    forms = (
        votes.feedback_answer("f1", {"rating": 5, "found": "Energising"}, status=accepted),
        votes.feedback_answer("f2", {"rating": 4, "change": "Longer breaks"}, status=accepted),
        votes.feedback_answer("f3", {"rating": 1, "found": "Spam from a phone"}),  # waiting
    )
    share = Note(id="n1", kind=NoteKind.SHARE_BACK, text="Trust first", theme="Trust")
    return Event(title="T", notes=(share,), votes=(vote,), feedback=forms)


def test_collective_learning_prints_the_themes_in_vote_order_with_their_dots() -> None:
    text = text_of(build_pack(event()))
    learning = text[text.index("Our collective learning") :]
    assert "Which themes matter most? 3 people voted from their phones" in learning
    assert "1. Time 6 dots 2. Ego 3 dots 3. Trust 1 dot" in learning
    assert learning.index("3. Trust 1 dot") < learning.index("Trust first")


def test_your_feedback_gives_the_rating_spread_and_the_accepted_answers_only() -> None:
    text = text_of(build_pack(event()))
    feedback = text[text.index("Your feedback") :]
    assert "2 people answered; 2 gave a rating, 4.5 out of 5 on average." in feedback
    assert "5 out of 5 1 4 out of 5 1 3 out of 5 0 2 out of 5 0 1 out of 5 0" in feedback
    assert "How did you find today? ▸ Energising" in feedback
    assert "What would you change? ▸ Longer breaks" in feedback
    assert "Spam from a phone" not in text


def test_a_vote_still_open_and_not_revealed_is_not_printed() -> None:
    still_open = votes.cast(votes.new_vote("v1", ["A", "B"]), "p1", [1, 1])
    text = text_of(build_pack(Event(title="T", votes=(still_open,))))
    assert "Our collective learning" not in text


def test_the_web_pack_has_the_same_results_as_tables() -> None:
    html = build_pack_html(event()).decode()
    assert '<th scope="row">Time</th><td>6</td>' in html
    assert "2 people answered; 2 gave a rating, 4.5 out of 5 on average." in html
