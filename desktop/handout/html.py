"""The Reflect & Connect pack as one accessible HTML file, for the organiser's website.

Public bodies must publish accessible documents (WCAG 2.2 AA), and an HTML page serves more
people than a PDF. Same sections, same words and order as the printed pack: real headings,
lists and quotations, `lang`, text alternatives for the chart and the QR code (both inline
SVG), pictures as data: URIs, and a policy that lets the page fetch nothing from anywhere.
A print stylesheet starts each part on a new page and prints where links go.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from desktop.core.model import Event, Note, NoteKind, resource_label
from desktop.core.notes import grouped
from desktop.handout.html_votes import feedback_html, votes_html
from desktop.handout.pack import (
    PARTS,
    SECTION_TITLES,
    SECTIONS,
    Options,
    _present,
    how_to_use,
    ordinal_date,
    sector_counts,
)

ACCENT, INK, MUTED, PANEL, RULE = "#1f4e79", "#1b1b1b", "#555555", "#eef2f6", "#b8c4d0"

STYLE = f"""
:root {{ color: {INK}; background: #fff; }}
body {{ font: 1.0625rem/1.55 "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif;
  margin: 0 auto; max-width: 46rem; padding: 0 1.25rem 3rem; }}
h1, h2, h3 {{ line-height: 1.25; }}
h2 {{ color: {ACCENT}; font-size: 1.75rem; margin: 2.5rem 0 0.75rem; }}
h3 {{ color: {ACCENT}; font-size: 1.25rem; margin: 1.75rem 0 0.5rem; }}
a {{ color: {ACCENT}; text-decoration: underline; }}
a:focus {{ outline: 3px solid #ffbf47; outline-offset: 2px; }}
.cover {{ background: {ACCENT}; color: #fff; margin: 0 -1.25rem; padding: 2.5rem 1.25rem 2rem;
  border-bottom: 0.5rem solid {PANEL}; }}
.cover h1 {{ font-size: 2.25rem; margin: 0.25rem 0 1rem; }}
.cover .kicker {{ font-weight: bold; font-size: 1.25rem; margin: 0; }}
.cover .theme {{ color: {PANEL}; margin: 0; }}
.facts {{ color: {MUTED}; font-size: 1.2rem; margin: 1.25rem 0; }}
.facts p {{ margin: 0.2rem 0; }}
.logo {{ max-width: 12rem; max-height: 5rem; }}
.picture {{ max-width: 100%; height: auto; display: block; margin: 1rem 0; }}
nav ol {{ padding-left: 1.5rem; }}
ul {{ padding-left: 1.5rem; }}
li {{ margin: 0.35rem 0; }}
.table {{ color: {MUTED}; white-space: nowrap; font-size: 0.9em; }}
blockquote {{ background: {PANEL}; font-style: italic; margin: 0.75rem 0 1rem;
  padding: 0.6rem 1rem; border-left: 0.3rem solid {ACCENT}; }}
blockquote p {{ margin: 0; }}
.person {{ margin: 1rem 0; }}
.person p {{ margin: 0; }}
.bio {{ color: {MUTED}; font-size: 0.95em; margin-top: 0.3rem !important; }}
figure {{ margin: 1rem 0; }}
figcaption {{ color: {MUTED}; font-size: 0.95em; }}
.chart text {{ font-family: inherit; }}
.qr {{ float: right; margin: 0 0 1rem 1rem; text-align: center; }}
.thanks {{ clear: both; text-align: center; font-weight: bold; font-size: 1.3rem;
  margin-top: 3rem; }}
footer {{ border-top: 1px solid {RULE}; color: {MUTED}; font-size: 0.95rem; margin-top: 3rem;
  padding-top: 0.75rem; }}
@media print {{
  @page {{ size: A4; margin: 18mm; }}
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  nav {{ display: none; }}
  body > header {{ break-after: page; }}
  .cover {{ margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  h2, h3 {{ break-after: avoid; }}
  .part {{ break-before: page; }}
  li, blockquote, .person, figure {{ break-inside: avoid; }}
  a[href^="http"]::after, a[href^="mailto"]::after {{ content: " (" attr(href) ")";
    font-size: 0.9em; color: {MUTED}; }}
  .table {{ white-space: nowrap; }}
}}
"""

# Nothing is fetched: no scripts, fonts, frames or styles from anywhere; pictures are inline.
POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _t(value: str) -> str:
    """What people typed, safe in HTML, line breaks kept."""
    return escape(value.strip()).replace("\n", "<br>")


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _data_uri(path: Path) -> str:
    kind = "png" if path.suffix.lower() == ".png" else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _cover(event: Event, options: Options) -> str:
    theme = f'<p class="theme">Leadership Theme – {_t(event.theme)}</p>' if event.theme else ""
    facts = "".join(f"<p>{_t(x)}</p>" for x in (ordinal_date(event.date), event.venue) if x)
    logo = ""
    if options.logo is not None:
        who = options.organiser or "the organiser"
        logo = f'<p><img class="logo" src="{_data_uri(options.logo)}" alt="Logo of {_t(who)}"></p>'
    picture = ""
    if options.cover is not None:  # decorative: the words say what the pack is
        picture = f'<img class="picture" src="{_data_uri(options.cover)}" alt="">'
    return (
        '<header><div class="cover"><p class="kicker">Reflect &amp; Connect Pack</p>'
        f"<h1>{_t(event.title)}</h1>{theme}</div>"
        f'<div class="facts">{facts}</div>{picture}{logo}</header>'
    )


def sector_svg(counts: Sequence[tuple[str, int]]) -> str:
    """Who came by sector as an inline SVG bar chart, labelled directly, with its data as
    its text alternative."""
    bar, gap, label, width = 22, 8, 150, 560
    most = max(n for _, n in counts)
    height = len(counts) * (bar + gap)
    words = ", ".join(f"{name}: {n}" for name, n in counts)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {width} '
        f'{height}" width="100%" style="max-width:{width}px">'
        f'<title id="chart-title">People who took part, by sector. {escape(words)}.</title>'
    ]
    room = width - label - 40
    for i, (name, n) in enumerate(counts):
        y = i * (bar + gap)
        length = max(2, room * n / most)
        parts.append(
            f'<text x="{label - 8}" y="{y + bar * 0.72}" text-anchor="end" font-size="15" '
            f'fill="{INK}">{escape(name)}</text>'
            f'<rect x="{label}" y="{y}" width="{length:.1f}" height="{bar}" fill="{ACCENT}"/>'
            f'<text x="{label + length + 6:.1f}" y="{y + bar * 0.72}" font-size="15" '
            f'font-weight="bold" fill="{INK}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def qr_svg(url: str) -> str:
    """The organiser's page as a QR code, inline SVG, named for screen readers."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=4, border=2
    )
    svg = out.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR code for {escape(url)}" ', 1)


def _section(name: str, body: str, new_part: bool) -> str:
    part = ' class="part"' if new_part else ""
    return (
        f'<section id="{name}" aria-labelledby="{name}-h"{part}>'
        f'<h2 id="{name}-h">{SECTION_TITLES[name]}</h2>{body}</section>'
    )


def _body(name: str, event: Event, options: Options) -> str:
    """A section's content; "" when it has nothing to print."""
    if name == "how-to-use":
        points = how_to_use(event, _present(event, options.sections))
        return "".join(
            f"<h3>{_t(head)}</h3>{_list(map(_t, items))}" for head, items in points.items()
        )
    if name == "focus":
        out = "".join(f"<p>{_t(p)}</p>" for p in event.summary.split("\n\n") if p.strip())
        if event.questions:
            out += "<h3>Questions offered for consideration</h3>" + _list(map(_t, event.questions))
        if event.resources:
            items = []
            for r in event.resources:
                title = _t(r.title)
                if r.link:
                    title = f'<a href="{escape(r.link)}">{title}</a>'
                items.append(f"<strong>{_t(resource_label(r))}</strong> – {title}")
            out += "<h3>Resources offered for consideration</h3>" + _list(items)
        return out
    if name == "community":
        counts = sector_counts(event)
        if not counts:
            return ""
        total = sum(n for _, n in counts)
        return (
            f"<p>{total} people took part, from {len(counts)} sectors:</p>"
            f"<figure>{sector_svg(counts)}</figure>"
        )
    if name == "contributors":
        if not event.contributors:
            return ""
        out = (
            "<p>With a focus on storytelling and reflections, our contributors shared their "
            "experience and insight.</p>"
        )
        for c in event.contributors:
            lines = [f"<strong>{_t(c.name)}</strong>"]
            lines += [_t(x) for x in (c.role, c.organisation) if x]
            bio = f'<p class="bio">{_t(c.bio)}</p>' if c.bio else ""
            out += f'<div class="person"><p>{"<br>".join(lines)}</p>{bio}</div>'
        return out
    if name == "contributors-learning":
        quotes = event.notes_of(NoteKind.QUOTE)
        order = {c.id: i for i, c in enumerate(event.contributors)}
        by_person: dict[str, list[Note]] = {}
        for note in sorted(quotes, key=lambda n: order.get(n.contributor, len(order))):
            known = note.contributor if event.contributor(note.contributor) else ""
            by_person.setdefault(known, []).append(note)
        out = ""
        for ident, theirs in by_person.items():
            who = event.contributor(ident) if ident else None
            out += f"<h3>{_t(who.name if who else 'From the room')}</h3>"
            out += "".join(f"<blockquote><p>“{_t(n.text)}”</p></blockquote>" for n in theirs)
        return out
    if name == "collective-learning":
        shares = grouped(event.notes_of(NoteKind.SHARE_BACK))
        themes = list(dict.fromkeys(n.theme for n in shares))
        out = votes_html(event)  # html_votes.py: what the room chose, then what it said
        for theme in themes:
            if len(themes) > 1 or theme:
                out += f"<h3>{_t(theme or 'Other themes')}</h3>"
            out += _list(
                _t(n.text) + (f' <span class="table">({_t(n.group)})</span>' if n.group else "")
                for n in shares
                if n.theme == theme
            )
        return out
    if name == "reflections":
        out = ""
        for head, kind in (
            ("What is your one key reflection from your discussions?", NoteKind.REFLECTION),
            (
                "What is one practical step you will take to apply the learning from today?",
                NoteKind.ACTION,
            ),
        ):
            if notes := event.notes_of(kind):
                out += f"<h3>{head}</h3>" + _list(_t(n.text) for n in notes)
        return out
    if name in ("feedback", "final"):
        kind = NoteKind.FEEDBACK if name == "feedback" else NoteKind.FINAL
        notes = event.notes_of(kind)
        forms = feedback_html(event) if name == "feedback" else ""  # the forms' summary
        return forms + (_list(_t(n.text) for n in notes) if notes else "")
    if name == "moving-forward":
        contact, out = event.contact, ""
        if contact.url:
            caption = "<figcaption>Scan for events</figcaption>"
            out += f'<figure class="qr">{qr_svg(contact.url)}{caption}</figure>'
        if contact.email:
            email = escape(contact.email)
            out += (
                f'<p><strong>Tell us more:</strong> <a href="mailto:{email}">{email}</a></p>'
                + _list(
                    [
                        "We read and reflect on all feedback we receive; it shapes our future "
                        "events. How did you use this pack? What would you like to see?"
                    ]
                )
            )
        if contact.url:
            url = escape(contact.url)
            out += f'<p><strong>To find out more:</strong> <a href="{url}">{url}</a></p>'
        return out + '<p class="thanks">Thank you!</p>' if out else ""
    return ""


def build_pack_html(event: Event, options: Options | None = None) -> bytes:
    """The pack as one self-contained HTML page (UTF-8)."""
    options = options or Options()
    sections: list[tuple[str, str]] = []
    for name in SECTIONS:
        if name in options.sections and name != "cover":
            body = _body(name, event, options)
            if body:
                sections.append((name, body))
    cover = "cover" in options.sections
    nav = ""
    if len(sections) > 1:
        nav = (
            '<nav aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2><ol>'
            + "".join(f'<li><a href="#{n}">{SECTION_TITLES[n]}</a></li>' for n, _ in sections)
            + "</ol></nav>"
        )
    main = "".join(
        _section(name, body, new_part=name in PARTS and i > 0)
        for i, (name, body) in enumerate(sections)
    )
    if not cover:
        main = f"<h1>Reflect &amp; Connect Pack: {_t(event.title)}</h1>" + main
    if not sections:
        main += f"<p>{_t(event.title)}: nothing to print in the sections chosen.</p>"
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        f"<title>Reflect &amp; Connect Pack – {_t(event.title)}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"{_cover(event, options) if cover else ''}{nav}<main>{main}</main>"
        "<footer><p>Reflect &amp; Connect Pack"
        + (f" – {_t(event.title)}" if event.title else "")
        + "</p></footer></body></html>\n"
    )
    return page.encode("utf-8")


__all__ = ["build_pack_html", "qr_svg", "sector_svg"]
