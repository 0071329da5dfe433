"""Make a screenshot PNG small for the repository, without image libraries: decode it, map each pixel
to the nearest colour of a small palette (greys and the arrow's orange), write an indexed PNG.
`python tests/figures/pngsmall.py IN.png OUT.png`"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path


def decode(png: bytes) -> tuple[int, int, list[bytearray]]:
    """Width, height and rows of RGB bytes of an 8-bit RGB or RGBA PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks, width, height, colour = 8, [], 0, 0, 0
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, data = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, colour = struct.unpack(">IIBB", data[:10])
        elif kind == b"IDAT":
            chunks.append(data)
        offset += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    channels = 4 if colour == 6 else 3
    stride = width * channels
    previous = bytearray(stride)
    rows, position = [], 0
    for _ in range(height):
        kind_ = raw[position]
        line = bytearray(raw[position + 1 : position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, upper_left = previous[i], previous[i - channels] if i >= channels else 0
            if kind_ == 1:
                line[i] = (line[i] + left) & 255
            elif kind_ == 2:
                line[i] = (line[i] + up) & 255
            elif kind_ == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind_ == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 255
        rows.append(bytearray(b for i in range(0, stride, channels) for b in line[i : i + 3]))
        previous = line
    return width, height, rows


PALETTE = [(v, v, v) for v in range(0, 256, 17)] + [(232, 89, 12), (240, 140, 80), (250, 200, 170), (190, 60, 10)]


def write_indexed(path: Path, width: int, height: int, rows: list[bytearray]) -> None:
    cache: dict[tuple[int, int, int], int] = {}

    def nearest(rgb: tuple[int, int, int]) -> int:
        if rgb not in cache:
            cache[rgb] = min(range(len(PALETTE)), key=lambda i: sum((a - b) ** 2 for a, b in zip(rgb, PALETTE[i], strict=True)))
        return cache[rgb]

    raw = bytearray()
    for row in rows:
        raw.append(0)
        raw.extend(nearest((row[i], row[i + 1], row[i + 2])) for i in range(0, len(row), 3))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
    png += (
        chunk(b"PLTE", bytes(c for rgb in PALETTE for c in rgb))
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(png)


if __name__ == "__main__":
    width, height, rows = decode(Path(sys.argv[1]).read_bytes())
    write_indexed(Path(sys.argv[2]), width, height, rows)
    print(sys.argv[2], Path(sys.argv[2]).stat().st_size)
