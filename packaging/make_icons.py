"""Render the app icon from its SVG source into every size and format the installers need.

    .venv/bin/python packaging/make_icons.py

Reads resources/icons/intheroom.svg (and intheroom-16.svg, the same picture drawn on the pixel
grid for the 16 px size) and writes, beside it, intheroom-N.png for N in 16, 32, 48,
64, 128, 256 and 512, intheroom.ico (Windows: 16 to 256 in one file) and intheroom.icns (macOS:
16 to 1024). Qt's SVG renderer draws each size on its own (no scaling of one big picture, so the
16 px icon stays crisp); Pillow, which reportlab brings into the venv, writes the PNG, ICO and
ICNS files without timestamps, so running this again gives the same bytes.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "intheroom.svg"
SOURCE_16 = ICONS / "intheroom-16.svg"  # hand-fitted to 16×16 pixels: drawn only at that size
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks for, from the list view to tiles
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 is the 512@2x Retina slot


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at size×size pixels, as an RGBA Pillow image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QPainter needs one
    renderers = {path: QSvgRenderer(str(path)) for path in (SOURCE, SOURCE_16)}
    for path, renderer in renderers.items():
        if not renderer.isValid():
            print(f"make_icons: Qt could not read {path}", file=sys.stderr)
            return 1
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {size: render(renderers[SOURCE_16 if size == 16 else SOURCE], size) for size in sizes}

    for size in PNG_SIZES:
        images[size].save(ICONS / f"intheroom-{size}.png", optimize=True)
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(
        ICONS / "intheroom.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
    )
    images[max(ICNS_SIZES)].save(
        ICONS / "intheroom.icns", append_images=[images[s] for s in ICNS_SIZES]
    )
    written = [f"intheroom-{s}.png" for s in PNG_SIZES] + ["intheroom.ico", "intheroom.icns"]
    print(f"make_icons: wrote {', '.join(written)} in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
