"""Drawing of one chibi character for :mod:`animeid_desktop.core.demo.synthetic` (pure PIL).

:func:`draw_chibi` paints a character on a transparent square layer using a 0..100 unit grid: big
head (hair style, eyes, expression, optional glasses, accessory) on a small body (outfit colour and
pattern). Everything that varies per image (pose, background, lighting) is done by the caller.
"""

from __future__ import annotations

from typing import Protocol, Sequence, Tuple

from PIL import Image, ImageDraw

RGB = Tuple[int, int, int]

HAIR_STYLES = ("long", "bob", "twintails", "spiky", "ponytail", "buns")
PATTERNS = ("plain", "stripes", "dots")
ACCESSORIES = ("none", "ribbon", "hat", "cat_ears", "headband", "flower", "hairclip")
EXPRESSIONS = ("smile", "neutral", "angry")

OUTLINE: RGB = (40, 28, 36)
WHITE: RGB = (255, 255, 255)


class Look(Protocol):
    """The colours and shapes of one character (satisfied by ``synthetic.CharacterSpec``)."""

    hair_color: RGB
    hair_style: str
    eye_color: RGB
    skin_tone: RGB
    outfit_color: RGB
    outfit_pattern: str
    pattern_color: RGB
    accessory: str
    accessory_color: RGB
    glasses_color: RGB


def _shade(color: RGB, factor: float) -> RGB:
    """The colour darkened (factor < 1) or lightened toward white (factor > 1)."""
    if factor <= 1:
        return tuple(int(c * factor) for c in color)  # type: ignore[return-value]
    t = min(factor - 1, 1.0)
    return tuple(int(c + (255 - c) * t) for c in color)  # type: ignore[return-value]


class _Pen:
    """ImageDraw wrapper working in 0..100 units on a square layer."""

    def __init__(self, draw: ImageDraw.ImageDraw, px: int) -> None:
        self.d = draw
        self.k = px / 100.0
        self.w = max(1, round(self.k * 1.2))

    def _p(self, pts: Sequence[float]) -> list:
        return [v * self.k for v in pts]

    def ellipse(self, box: Sequence[float], fill=None, outline: RGB | None = OUTLINE, width: float = 1.0) -> None:
        self.d.ellipse(self._p(box), fill=fill, outline=outline, width=max(1, round(self.w * width)))

    def polygon(self, pts: Sequence[float], fill=None, outline: RGB | None = OUTLINE) -> None:
        self.d.polygon(self._p(pts), fill=fill, outline=outline, width=self.w)

    def line(self, pts: Sequence[float], fill: RGB = OUTLINE, width: float = 1.0) -> None:
        self.d.line(self._p(pts), fill=fill, width=max(1, round(self.w * width)), joint="curve")

    def arc(self, box: Sequence[float], start: float, end: float, fill: RGB = OUTLINE, width: float = 1.0) -> None:
        self.d.arc(self._p(box), start, end, fill=fill, width=max(1, round(self.w * width)))

    def rect(self, box: Sequence[float], fill=None, outline: RGB | None = OUTLINE, radius: float = 0) -> None:
        self.d.rounded_rectangle(self._p(box), radius=radius * self.k, fill=fill, outline=outline, width=self.w)


def _body(layer: Image.Image, pen: _Pen, look: Look) -> None:
    """Neck, torso with the outfit pattern, collar, hands."""
    pen.rect((45, 60, 55, 68), fill=look.skin_tone)
    torso = (30, 98, 37, 66, 63, 66, 70, 98)
    mask = Image.new("L", layer.size, 0)
    ImageDraw.Draw(mask).polygon(pen._p(torso), fill=255)
    if look.outfit_pattern != "plain":
        pat = Image.new("RGB", layer.size, look.outfit_color)
        pp = _Pen(ImageDraw.Draw(pat), layer.size[0])
        if look.outfit_pattern == "stripes":
            for y in range(68, 100, 6):
                pp.rect((20, y, 80, y + 2.6), fill=look.pattern_color, outline=None)
        else:
            for row, y in enumerate(range(70, 100, 6)):
                for x in range(28 + 3 * (row % 2), 74, 6):
                    pp.ellipse((x, y, x + 2.8, y + 2.8), fill=look.pattern_color, outline=None)
        layer.paste(pat, (0, 0), mask)
    else:
        layer.paste((*look.outfit_color, 255), (0, 0), mask)
    pen.polygon(torso, outline=OUTLINE)
    pen.polygon((42, 66, 50, 74, 58, 66), fill=WHITE)  # collar
    for x in (27, 67):
        pen.ellipse((x, 86, x + 7, 93), fill=look.skin_tone)


def _hair_back(pen: _Pen, look: Look) -> None:
    """Hair behind the head (depends on the style)."""
    h, s = look.hair_color, look.hair_style
    if s == "long":
        pen.rect((19, 18, 81, 92), fill=h, radius=18)
    elif s == "bob":
        pen.ellipse((17, 13, 83, 68), fill=h)
    elif s == "twintails":
        pen.ellipse((6, 30, 24, 90), fill=h)
        pen.ellipse((76, 30, 94, 90), fill=h)
        pen.ellipse((18, 26, 30, 38), fill=look.accessory_color)
        pen.ellipse((70, 26, 82, 38), fill=look.accessory_color)
    elif s == "ponytail":
        pen.polygon((68, 22, 96, 30, 92, 72, 80, 50), fill=h)
    elif s == "buns":
        pen.ellipse((18, 5, 38, 25), fill=h)
        pen.ellipse((62, 5, 82, 25), fill=h)


def _hair_front(pen: _Pen, look: Look) -> None:
    """Hair cap and bangs over the forehead."""
    h, s = look.hair_color, look.hair_style
    if s == "spiky":
        spikes = (18, 44, 10, 26, 24, 24, 22, 6, 38, 16, 50, 0, 62, 16, 78, 6, 76, 24, 90, 26, 82, 44,
                  74, 34, 66, 40, 58, 32, 50, 40, 42, 32, 34, 40, 26, 34)
        pen.polygon(spikes, fill=h)
        return
    pen.arc((22, 14, 78, 66), 180, 360, fill=h, width=9)
    fringe = (22, 40, 24, 22, 38, 13, 62, 13, 76, 22, 78, 40, 70, 30, 64, 36, 58, 28, 50, 35, 42, 28, 36, 36, 30, 30)
    pen.polygon(fringe, fill=h)
    if s in ("long", "bob"):
        pen.polygon((22, 30, 28, 30, 26, 58, 19, 56), fill=h)
        pen.polygon((72, 30, 78, 30, 81, 56, 74, 58), fill=h)


def _face(pen: _Pen, look: Look, expression: str, glasses: bool) -> None:
    """Eyes, brows, mouth (by expression) and optional glasses."""
    for x in (34, 56):
        if expression == "smile":
            pen.arc((x, 39, x + 11, 50), 200, 340, width=2.2)
            continue
        top = 40 if expression == "neutral" else 42
        pen.ellipse((x, top, x + 10, 53), fill=WHITE)
        pen.ellipse((x + 1.5, top + 2, x + 8.5, 53), fill=look.eye_color, outline=None)
        pen.ellipse((x + 3.5, top + 5, x + 6.5, 50), fill=OUTLINE, outline=None)
        pen.ellipse((x + 2, top + 2.5, x + 4.5, top + 5), fill=WHITE, outline=None)
        pen.line((x - 0.5, top, x + 10.5, top), width=2)
    if expression == "angry":
        pen.line((32, 34, 44, 39), width=2.2)
        pen.line((68, 34, 56, 39), width=2.2)
        pen.arc((44, 57, 56, 65), 200, 340, width=1.6)
    elif expression == "smile":
        pen.ellipse((28, 51, 36, 55), fill=(250, 150, 160), outline=None)
        pen.ellipse((64, 51, 72, 55), fill=(250, 150, 160), outline=None)
        pen.polygon((44, 55, 56, 55, 50, 61), fill=(200, 60, 80))
    else:
        pen.line((46, 58, 54, 58), width=1.4)
    if glasses:
        g = look.glasses_color
        pen.rect((31.5, 38, 46.5, 54), outline=g, radius=3)
        pen.rect((53.5, 38, 68.5, 54), outline=g, radius=3)
        pen.line((46.5, 44, 53.5, 44), fill=g, width=1.5)
        pen.rect((32.3, 38.8, 45.7, 53.2), outline=g, radius=3)
        pen.rect((54.3, 38.8, 67.7, 53.2), outline=g, radius=3)


def _accessory(pen: _Pen, look: Look) -> None:
    """Head accessory in the accessory colour."""
    a, c = look.accessory, look.accessory_color
    if a == "ribbon":
        pen.polygon((60, 16, 72, 6, 76, 20), fill=c)
        pen.polygon((76, 20, 90, 12, 86, 28), fill=c)
        pen.ellipse((72, 15, 80, 23), fill=_shade(c, 0.8))
    elif a == "hat":
        pen.ellipse((12, 14, 88, 26), fill=c)
        pen.polygon((28, 20, 36, 0, 64, 0, 72, 20), fill=c)
        pen.rect((30, 14, 70, 19), fill=_shade(c, 0.6), outline=None)
    elif a == "cat_ears":
        pen.polygon((22, 24, 24, 2, 40, 16), fill=look.hair_color)
        pen.polygon((78, 24, 76, 2, 60, 16), fill=look.hair_color)
        pen.polygon((25, 19, 26, 8, 34, 15), fill=c, outline=None)
        pen.polygon((75, 19, 74, 8, 66, 15), fill=c, outline=None)
    elif a == "headband":
        pen.arc((22, 10, 78, 62), 195, 345, fill=c, width=5)
    elif a == "flower":
        for dx, dy in ((0, -5), (5, 0), (0, 5), (-5, 0), (3.5, 3.5), (-3.5, -3.5)):
            pen.ellipse((72 + dx, 22 + dy, 80 + dx, 30 + dy), fill=c)
        pen.ellipse((73, 23, 79, 29), fill=(250, 220, 60))
    elif a == "hairclip":
        pen.rect((24, 26, 36, 30), fill=c, radius=1)
        pen.rect((26, 32, 38, 36), fill=c, radius=1)


def draw_chibi(look: Look, px: int, expression: str = "neutral", glasses: bool = False) -> Image.Image:
    """A ``px`` x ``px`` RGBA layer with the character on a transparent background."""
    layer = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    pen = _Pen(draw, px)
    _hair_back(pen, look)
    _body(layer, pen, look)
    pen.ellipse((24, 16, 76, 66), fill=look.skin_tone)  # head
    _hair_front(pen, look)
    _face(pen, look, expression, glasses)
    _accessory(pen, look)
    return layer
