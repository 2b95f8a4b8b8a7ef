#!/bin/sh
# Renders an SVG exported by `export svg` to PNG with headless chromium, as
# an end-to-end check that a browser draws the figure (docs/reference.md §4.7; issue 6,
# acceptance 4). Not part of `swift test` or CI: it needs Debian's chromium.
#
# usage: scripts/render-svg-check.sh FIGURE.svg [OUT.png]
# Then look at OUT.png: one panel per head, token labels on both axes, the
# colour bar, and the title with the stage and formula.
set -eu
svg=${1:?usage: render-svg-check.sh FIGURE.svg [OUT.png]}
png=${2:-${svg%.svg}.png}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 2; }
# The window must hold the whole figure: read width and height off the <svg> tag.
width=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\)".*/\1/p' "$svg" | head -n 1)
height=$(sed -n 's/.*<svg[^>]* height="\([0-9]*\)".*/\1/p' "$svg" | head -n 1)
[ -n "$width" ] && [ -n "$height" ] || { echo "$svg: no width/height on the <svg> element" >&2; exit 1; }
absolute=$(cd "$(dirname "$svg")" && pwd)/$(basename "$svg")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$width,$height" --screenshot="$png" "file://$absolute" >/dev/null 2>&1
[ -s "$png" ] || { echo "chromium wrote no screenshot" >&2; exit 1; }
# A drawn grid has many colours; a blank or failed page has one or two.
if command -v python3 >/dev/null; then
    python3 - "$png" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, chunks, ihdr = 8, b'', None
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': chunks += body
    pos += 12 + length
w, h, depth, ctype = ihdr[0], ihdr[1], ihdr[2], ihdr[3]
raw = zlib.decompress(chunks)
channels = {2: 3, 6: 4}.get(ctype, 0)
colours = set()
if depth == 8 and channels:
    stride = 1 + w * channels
    # Sample the raw scanlines (filters make this approximate, enough to tell blank from drawn).
    for y in range(0, h, 4):
        row = raw[y * stride + 1:(y + 1) * stride]
        for x in range(0, w * channels, channels * 4):
            colours.add(row[x:x + 3])
print(f"{sys.argv[1]}: {w}x{h} PNG, about {len(colours)} distinct sampled values")
sys.exit(0 if len(colours) > 8 else 1)
PY
fi
echo "rendered $png; look at it"
