"""Every style the handouts use, in one place: fonts, sizes, colours, paper and page furniture.

The fonts are DejaVu Sans, bundled in resources/fonts with its licence, so Gaelic, Polish,
Greek and Cyrillic names print and copy out of the PDF as typed. A character the font lacks is
printed as U+FFFD (a visible replacement), never dropped and never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypedDict
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resources_dir

# A5 and half-letter: a booklet's pages, printed two to an A4 or Letter sheet.
PAPER = {"a4": A4, "letter": LETTER, "a5": A5, "half-letter": (5.5 * inch, 8.5 * inch)}
FONT = "DejaVuSans"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f4e79")  # dark blue: reads in greyscale as near-black
RULE = colors.HexColor("#b8c4d0")
PANEL = colors.HexColor("#eef2f6")
GUIDE = colors.HexColor("#8a96a3")  # place cards' cut and fold lines: seen, yet light on paper
MARGIN = 18 * mm
# The handouts' tables: a rule under each row, a tinted heading row, text at the top.
GRID: list[tuple[object, ...]] = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
    ("BACKGROUND", (0, 0), (-1, 0), PANEL),
]


@cache
def register_fonts() -> frozenset[int]:
    """Register DejaVu Sans with reportlab (once); the code points it can draw."""
    folder = resources_dir() / "fonts"
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )
    face = pdfmetrics.getFont(FONT).face
    return frozenset(face.charToGlyph)


def glyphs(value: str) -> str:
    """What people typed, for drawing straight on a canvas: characters the font lacks shown
    as a replacement mark."""
    covered = register_fonts()
    value = value.strip()
    if covered.issuperset(map(ord, value.replace("\n", " "))):  # nearly always: no copy
        return value
    return "".join(ch if ord(ch) in covered or ch == "\n" else "\ufffd" for ch in value)


def text(value: str) -> str:
    """What people typed, made safe for a Paragraph: markup characters shown as themselves,
    line breaks kept, characters the font lacks shown as a replacement mark."""
    return escape(glyphs(value)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    centre: ParagraphStyle
    round_head: ParagraphStyle  # "Round 2 · 11:20 Table conversations" in the table plan
    table_head: ParagraphStyle  # "Table 3" over its people in the table plan
    seat: ParagraphStyle  # a name in the table plan
    seat_org: ParagraphStyle  # the organisation under it
    index_letter: ParagraphStyle  # "A" over the names that start with it there
    index_name: ParagraphStyle  # a name in "Find your table"
    index_table: ParagraphStyle  # a table number there
    base_size: float


# A list item's mark, set in the text with a hanging indent rather than as reportlab's
# bulletText: a separate bullet costs every item a text object of its own (8% of a pack).
BULLET = "▸\u00a0\u00a0"
SMALLEST = 8.0  # no type under this in any handout
LARGE_PRINT = 16.0  # large print: no type under this, footers and table plans included


class _Heading(TypedDict):
    """What every heading style adds: its keys are ParagraphStyle's own."""

    fontName: str
    keepWithNext: int


def make_styles(*, large_print: bool = False) -> Styles:
    """The handouts' styles: body text at 10.5 pt, nothing under 8 pt; large print sets every
    style at 16 pt or more and scales the headings up."""
    register_fonts()
    size = LARGE_PRINT if large_print else 10.5
    floor = LARGE_PRINT if large_print else SMALLEST

    def style(
        name: str, scale: float = 1.0, *, lead: float = 1.38, **more: object
    ) -> ParagraphStyle:
        """`scale` of the body size, never under the floor; `lead` as a multiple of the
        style's own size."""
        points = max(size * scale, floor)
        defaults: dict[str, object] = {
            "fontName": FONT,
            "fontSize": points,
            "leading": points * lead,
            "textColor": INK,
            "spaceAfter": size * 0.55,
            "bulletFontName": FONT,
            "bulletFontSize": points,
        }
        defaults.update(more)
        return ParagraphStyle(name, **defaults)

    heading: _Heading = {"fontName": f"{FONT}-Bold", "keepWithNext": 1}
    return Styles(
        body=style("body"),
        small=style("small", 0.9, textColor=MUTED),
        bullet=style(
            "bullet",
            leftIndent=size * 0.2 + stringWidth(BULLET, FONT, size),
            firstLineIndent=-stringWidth(BULLET, FONT, size),
            spaceAfter=size * 0.45,
        ),
        quote=style(
            "quote",
            fontName=f"{FONT}-Oblique",
            leftIndent=size * 1.2,
            rightIndent=size,
            borderPadding=(size * 0.5, size * 0.6, size * 0.5, size * 0.8),
            backColor=PANEL,
            spaceBefore=size * 0.4,
            spaceAfter=size * 1.0,
        ),
        h1=style(
            "h1",
            1.9,
            lead=1.2,
            textColor=ACCENT,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.8,
            **heading,
        ),
        h2=style("h2", 1.3, lead=1.25, textColor=ACCENT, spaceBefore=size * 0.8, **heading),
        h3=style("h3", 1.1, lead=1.3, spaceBefore=size * 0.7, **heading),
        cover_kicker=style("cover_kicker", 1.5, textColor=ACCENT, fontName=f"{FONT}-Bold"),
        cover_title=style(
            "cover_title", 2.6, lead=1.2, fontName=f"{FONT}-Bold", spaceAfter=size * 1.4
        ),
        cover_line=style("cover_line", 1.35, textColor=MUTED),
        centre=style("centre", 1.2, alignment=TA_CENTER),
        table_head=style(
            "table_head", 1.0, lead=1.15, textColor=ACCENT, spaceAfter=size * 0.1, **heading
        ),
        round_head=style(
            "round_head", 1.05, spaceBefore=size * 0.35, spaceAfter=size * 0.25, **heading
        ),
        seat=style(
            "seat",
            0.86,
            lead=1.1,
            spaceAfter=0,
            leftIndent=size * 0.6,
            firstLineIndent=-size * 0.6,
        ),
        seat_org=style("seat_org", 0.76, lead=1.08, textColor=MUTED, spaceAfter=size * 0.14),
        index_letter=style("index_letter", 1.0, textColor=ACCENT, spaceAfter=0, **heading),
        index_name=style(
            "index_name",
            0.9,
            lead=1.15,
            spaceAfter=0,
            leftIndent=size * 0.6,
            firstLineIndent=-size * 0.6,
        ),
        index_table=style("index_table", 0.9, lead=1.15, spaceAfter=0, alignment=TA_CENTER),
        base_size=size,
    )


@dataclass(frozen=True)
class CardStyle:
    """Type sizes (points) for a folded place card; a name shrinks from `name` as far as it
    must to fit, the organisation no further than `organisation_min`."""

    name: float
    organisation: float
    organisation_min: float
    table: float
    rounds: float
    title: float
    padding: float  # from a face's sides, in points
    name_colour: colors.Color = INK
    organisation_colour: colors.Color = MUTED
    table_colour: colors.Color = ACCENT
    guide_colour: colors.Color = GUIDE


def card_style(per_page: int) -> CardStyle:
    """The place card's type for two cards a page (a face 210 mm wide) or four (105 mm)."""
    register_fonts()
    if per_page == 2:
        return CardStyle(
            name=44,
            organisation=16,
            organisation_min=11,
            table=20,
            rounds=12,
            title=8,
            padding=14 * mm,
        )
    return CardStyle(
        name=30,
        organisation=12,
        organisation_min=8,
        table=15,
        rounds=9,
        title=8,
        padding=8 * mm,
    )
