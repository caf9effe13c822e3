"""Every style the handouts use, in one place: fonts, sizes, colours, paper and page furniture.

The fonts are DejaVu Sans, bundled in resources/fonts with its licence, so Gaelic, Polish,
Greek and Cyrillic names print and copy out of the PDF as typed. A character the font lacks is
printed as U+FFFD (a visible replacement), never dropped and never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resources_dir

PAPER = {"a4": A4, "letter": LETTER}
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


def text(value: str) -> str:
    """What people typed, made safe for a Paragraph: markup characters shown as themselves,
    line breaks kept, characters the font lacks shown as a replacement mark."""
    covered = register_fonts()
    shown = "".join(ch if ord(ch) in covered or ch == "\n" else "\ufffd" for ch in value.strip())
    return escape(shown).replace("\n", "<br/>")


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
    base_size: float


def make_styles(*, large_print: bool = False) -> Styles:
    """The handouts' styles; large print sets body text at 16 pt and scales the rest."""
    register_fonts()
    size = 16.0 if large_print else 10.5
    lead = size * 1.38

    def style(name: str, scale: float = 1.0, **more: object) -> ParagraphStyle:
        defaults: dict[str, object] = {
            "fontName": FONT,
            "fontSize": size * scale,
            "leading": lead * scale,
            "textColor": INK,
            "spaceAfter": size * 0.55,
            "bulletFontName": FONT,
            "bulletFontSize": size * scale,
        }
        defaults.update(more)
        return ParagraphStyle(name, **defaults)  # type: ignore[arg-type]

    return Styles(
        body=style("body"),
        small=style("small", 0.86, textColor=MUTED),
        bullet=style(
            "bullet", leftIndent=size * 1.4, bulletIndent=size * 0.2, spaceAfter=size * 0.5
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
        h1=style("h1", 2.0, fontName=f"{FONT}-Bold", textColor=ACCENT, spaceAfter=size * 0.9),
        h2=style("h2", 1.35, fontName=f"{FONT}-Bold", textColor=ACCENT, spaceBefore=size * 0.8),
        h3=style("h3", 1.1, fontName=f"{FONT}-Bold", spaceBefore=size * 0.7),
        cover_kicker=style("cover_kicker", 1.5, textColor=ACCENT, fontName=f"{FONT}-Bold"),
        cover_title=style("cover_title", 2.6, fontName=f"{FONT}-Bold", spaceAfter=size * 1.4),
        cover_line=style("cover_line", 1.35, textColor=MUTED),
        centre=style("centre", 1.2, alignment=TA_CENTER),
        base_size=size,
    )
