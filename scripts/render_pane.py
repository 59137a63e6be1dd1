#!/usr/bin/env python3
"""Renders a tmux pane captured with colours (`tmux capture-pane -e -N -p`) to a PNG image.

Usage: render_pane.py CAPTURE.ansi OUT.png [--columns N] [--rows N]

Reads the SGR sequences tmux writes (bold, dim, italic, underline, reverse; the 16 ANSI
colours, the 256-colour palette and 24-bit colour), draws each cell in DejaVu Sans Mono
(Debian's fonts-dejavu-core) on a cell grid, double-width characters over two cells, braille
patterns (the charts) as dots.
Needs Pillow (pip install pillow).
"""
import argparse
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT_SIZE = 15
BACKGROUND = (24, 26, 30)
FOREGROUND = (212, 214, 218)
# xterm's 16 colours, slightly softened.
ANSI = [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
        (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]


def palette(n):
    if n < 16:
        return ANSI[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 3:
                self.italic = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 23:
                self.italic = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = ANSI[c - 30]
            elif 40 <= c <= 47:
                self.bg = ANSI[c - 40]
            elif 90 <= c <= 97:
                self.fg = ANSI[c - 90 + 8]
            elif 100 <= c <= 107:
                self.bg = ANSI[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    colour = palette(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    colour = tuple(codes[i + 2:i + 5])
                    i += 4
                else:
                    colour = None
                if c == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            i += 1

    def colours(self):
        fg, bg = self.fg or FOREGROUND, self.bg or BACKGROUND
        if self.reverse:
            fg, bg = bg, fg
        if self.dim:
            fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
        return fg, bg


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def cells(line, style):
    """Yields (character, foreground, background, bold, italic, underline, width) per character."""
    pos = 0
    for m in SGR.finditer(line):
        for ch in line[pos:m.start()]:
            yield cell(ch, style)
        style.apply(m.group(1))
        pos = m.end()
    for ch in line[pos:]:
        yield cell(ch, style)


def cell(ch, style):
    fg, bg = style.colours()
    width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return ch, fg, bg, style.bold, style.italic, style.underline, width


# Braille dot bits by (column, row) of the 2x4 grid.
BRAILLE_DOTS = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]


def braille(draw, bits, left, top, width, height, colour):
    """Draws a braille pattern's dots (DejaVu Sans Mono has no braille glyphs)."""
    radius = max(1, width // 6)
    for column, row, bit in BRAILLE_DOTS:
        if bits & bit:
            cx = left + width * (1 + 2 * column) // 4
            cy = top + height * (1 + 2 * row) // 8
            draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour)


def render(text, columns, rows, out):
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", FONT_SIZE)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", FONT_SIZE)
    italic = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Oblique.ttf", FONT_SIZE)
    cw = round(regular.getlength("M"))
    ascent, descent = regular.getmetrics()
    ch_height = ascent + descent + 1
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    image = Image.new("RGB", (columns * cw, rows * ch_height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    style = Style()
    for y, line in enumerate(lines[:rows]):
        x = 0
        # tmux ends a captured line where its content ends: the rest keeps the last background.
        for ch, fg, bg, is_bold, is_italic, underline, width in cells(line, style):
            if x >= columns:
                break
            left, top = x * cw, y * ch_height
            draw.rectangle([left, top, left + width * cw - 1, top + ch_height - 1], fill=bg)
            if 0x2800 <= ord(ch) <= 0x28FF:
                braille(draw, ord(ch) - 0x2800, left, top, cw, ch_height, fg)
            elif ch != " ":
                font = bold if is_bold else italic if is_italic else regular
                draw.text((left, top), ch, font=font, fill=fg)
            if underline:
                draw.line([left, top + ascent + 1, left + width * cw - 1, top + ascent + 1], fill=fg)
            x += width
        style.reset()
    image.save(out, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("capture")
    parser.add_argument("out")
    parser.add_argument("--columns", type=int, default=160)
    parser.add_argument("--rows", type=int, default=45)
    args = parser.parse_args()
    with open(args.capture, encoding="utf-8") as f:
        render(f.read(), args.columns, args.rows, args.out)


if __name__ == "__main__":
    sys.exit(main())
