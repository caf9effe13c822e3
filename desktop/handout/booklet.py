"""A handout as a saddle-stitched booklet: its half-size pages two to a sheet, in the order
that, printed double-sided (flip on the short edge), folded and stapled, reads 1, 2, 3…"""

from __future__ import annotations

import io

from desktop.handout.styles import PAPER

# The booklet's page for each sheet: A5 pages on A4, half-letter pages on Letter.
PAGE_FOR_SHEET = {"a4": "a5", "letter": "half-letter"}


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """The pages (1 = the first; 0 = a blank) on each side of each sheet, left then right:
    sheet 1's front, sheet 1's back, sheet 2's front… padded with blanks at the end to a
    multiple of four."""
    total = max(4, -(-pages // 4) * 4)

    def page(number: int) -> int:
        return number if number <= pages else 0

    sides: list[tuple[int, int]] = []
    for sheet in range(total // 4):
        sides.append((page(total - 2 * sheet), page(2 * sheet + 1)))  # front
        sides.append((page(2 * sheet + 2), page(total - 2 * sheet - 1)))  # back
    return sides


def impose(pdf: bytes, sheet_paper: str) -> bytes:
    """The half-size pages of `pdf` imposed two to a landscape sheet of `sheet_paper`."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(io.BytesIO(pdf))
    source = reader.pages
    height, width = PAPER[sheet_paper]  # the sheet turned landscape
    half = width / 2
    writer = PdfWriter()
    for left, right in booklet_order(len(source)):
        side = PageObject.create_blank_page(width=width, height=height)
        for number, x in ((left, 0.0), (right, half)):
            if number:
                page = source[number - 1]
                box = page.mediabox
                dx = x + (half - float(box.width)) / 2 - float(box.left)
                dy = (height - float(box.height)) / 2 - float(box.bottom)
                side.merge_transformed_page(page, Transformation().translate(dx, dy))
        writer.add_page(side)
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if isinstance(v, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
