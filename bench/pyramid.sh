#!/usr/bin/env bash
# Deep Zoom pyramid of a 100-megapixel poster (10,000 × 10,000, JPEG q90): libvips' dzsave (NetVips, what the worker
# uses) against a SkiaSharp pyramid (decode whole, halve per level, tiles in parallel). Same tiles: 254 px + 1 overlap,
# JPEG q85. Each run is its own process, so its peak resident memory (VmHWM) is its own.
# Usage: bench/pyramid.sh            (3 rounds, the tools taking turns)
#        RUNS=5 bench/pyramid.sh
set -euo pipefail
cd "$(dirname "$0")"
WORK=$PWD/work/pyramid RUNS=${RUNS:-3}
mkdir -p "$WORK"
dotnet build -c Release "$PWD/Frintr.Bench.Pyramid" -v q -nologo >/dev/null
TOOL="$PWD/Frintr.Bench.Pyramid/bin/Release/net10.0/linux-x64/Frintr.Bench.Pyramid"
[ -s "$WORK/poster.jpg" ] || "$TOOL" poster "$WORK/poster.jpg" 10000 10000
cat "$WORK/poster.jpg" >/dev/null   # into the page cache, for both alike
for round in $(seq "$RUNS"); do
  "$TOOL" vips "$WORK/poster.jpg" "$WORK/vips"
  "$TOOL" skia "$WORK/poster.jpg" "$WORK/skia"
done
