#!/usr/bin/env bash
# Frintr vs Metapixel on the same tile library, targets and settings, in one run.
# Usage: bench/run.sh            (4,000 small and 4,000 profile-size tiles, 50 columns, 20-px tiles, repeat 5, blend 0, plus the 10,000-tile case)
#        RUNS=5 bench/run.sh     (each timing is the median of RUNS interleaved rounds, 3 by default, both tools alike)
# Needs root for apt-get (metapixel, the Debian photo packages). Everything it makes goes to bench/work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
WORK=$PWD/work
COLUMNS=50 TILE=20 REPEAT=5 BLEND=0 RUNS=${RUNS:-3}
mkdir -p "$WORK"

if ! command -v metapixel >/dev/null; then
  apt-get update -qq && apt-get install -y -qq metapixel >/dev/null
fi

# Photos from Debian packages (not committed): scikit-image's sample data, GNOME faces, GNOME and MATE backgrounds.
if [ ! -s "$WORK/sources.txt" ]; then
  mkdir -p "$WORK/debs" && (cd "$WORK/debs" && apt-get download python3-skimage gnome-control-center-data gnome-backgrounds mate-backgrounds >/dev/null)
  for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/extract"; done
  find "$WORK/extract" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -size +20k \
    | grep -v -E 'Original|Transformed|/color.png|/logo.png' | sort > "$WORK/sources.txt"
fi

# Frintr as a worker is deployed (scripts/up): published, ready-to-run.
dotnet publish -c Release -p:PublishReadyToRun=true "$ROOT/Frintr.Jobs" -o "$WORK/frintr" -v q -nologo >/dev/null
dotnet build -c Release "$PWD/Frintr.Bench" -v q -nologo >/dev/null
FRINTR="$WORK/frintr/Frintr.Jobs"
TOOL="$PWD/Frintr.Bench/bin/Release/net10.0/linux-x64/Frintr.Bench"

# The libraries: crops of those photos (various aspects, fixed seed) to reach the count: small ones (160–320 px,
# JPEG quality 88) and profile-picture-size ones (400–800 px, JPEG quality 90).
[ -d "$WORK/tiles4000" ] || "$TOOL" crops "$WORK/sources.txt" "$WORK/tiles4000" 4000
[ -d "$WORK/profile4000" ] || "$TOOL" crops "$WORK/sources.txt" "$WORK/profile4000" 4000 400 800 90
DATA="$WORK/extract/usr/lib/python3/dist-packages/skimage/data"
# Square targets, 1,000 px: 50 × 50 = 2,500 cells of 20 px, as the goals are stated.
TARGETS="astronaut coffee chelsea"
for t in $TARGETS; do
  [ -f "$WORK/target_$t.png" ] || "$TOOL" target "$DATA/$t.png" "$WORK/target_$t.png" $((COLUMNS * TILE)) $((COLUMNS * TILE))
done

# once LOG.I DIR CMD...: one timed run of CMD, "seconds peak_kB" in LOG.I. First, untimed: sync flushes what the
# previous command wrote, and the pictures in DIR (what CMD reads) are read once, because this VM keeps only ~300 MB
# of page cache: without it, whichever command came after the other tool's writes paid for disk reads (Frintr's
# first target by up to 0.8 s). Every command of both tools starts the same way.
once() { local log=$1 dir=$2; shift 2; sync; cat "$dir"/* >/dev/null; /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1; }
# median LOG: the median time and the largest peak of LOG.1 … LOG.$RUNS, into LOG.
median() {
  cat "$1".[0-9]* | sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { print t[int((NR + 1) / 2)], m }' > "$1"
  rm -f "$1".[0-9]*
}

cd "$WORK"
# table NAME LIBRARY: both tools on every target with that tile library, one line each; Metapixel's time is
# metapixel-prepare (once per library) + metapixel, from the folder of pictures to the finished JPEG.
# The host's speed drifts by ±30% over minutes, so the tools take turns: each of the $RUNS rounds runs
# metapixel-prepare, then per target metapixel and Frintr; every time shown is the median of the rounds.
table() {
  local name=$1 lib=$2
  for i in $(seq "$RUNS"); do
    rm -rf "mp_$name" && mkdir "mp_$name"
    once "mp_$name.prepare.time.$i" "$lib" metapixel-prepare --width=$TILE --height=$TILE "$lib" "mp_$name"
    for t in $TARGETS; do
      once "m_${name}_$t.time.$i" "mp_$name" metapixel -l "mp_$name" -w $TILE -h $TILE -d $REPEAT --metapixel "target_$t.png" "m_${name}_$t.jpg"
      once "f_${name}_$t.time.$i" "$lib" "$FRINTR" render --target "target_$t.png" --tiles "$lib" --out "f_${name}_$t.jpg" \
        --columns $COLUMNS --tile-size $TILE --repeat-distance $REPEAT --blend $BLEND --report "f_${name}_$t.json"
    done
  done

  # Each round's own ratio (its prepare + metapixel over its Frintr); the ratio shown is their median, the
  # times shown are each tool's median (they may come from different rounds).
  for t in $TARGETS; do
    for i in $(seq "$RUNS"); do
      paste -d' ' "mp_$name.prepare.time.$i" "m_${name}_$t.time.$i" "f_${name}_$t.time.$i" | awk '{ printf "%.1f\n", ($1 + $3) / $5 }'
    done | sort -n | paste -sd' ' > "r_${name}_$t.rounds"
  done
  median "mp_$name.prepare.time"
  read -r PREP_S PREP_KB < "mp_$name.prepare.time"
  echo
  echo "== $name: $(ls "$lib" | wc -l) tiles from $lib"
  printf '%-10s %-8s %9s %9s %10s %10s %8s\n' target tool seconds peak_MB dE_cells dE_4px SSIM
  for t in $TARGETS; do
    median "m_${name}_$t.time"
    read -r MP_S MP_KB < "m_${name}_$t.time"
    median "f_${name}_$t.time"
    read -r FR_S FR_KB < "f_${name}_$t.time"
    for tool in metapixel frintr; do
      if [ $tool = metapixel ]; then s=$(awk "BEGIN { print $PREP_S + $MP_S }"); kb=$((PREP_KB > MP_KB ? PREP_KB : MP_KB)); img="m_${name}_$t.jpg"
      else s=$FR_S; kb=$FR_KB; img="f_${name}_$t.jpg"; fi
      q=$("$TOOL" compare "target_$t.png" "$img" $TILE)
      set -- $(echo "$q" | sed 's/[a-zA-Z_0-9]*=//g')
      printf '%-10s %-8s %9.2f %9.0f %10s %10s %8s\n' "$t" "$tool" "$s" "$((kb / 1024))" "$1" "$2" "$3"
    done
    set -- $(cat "r_${name}_$t.rounds")
    printf '%-10s ratio    %8sx   (the median of the rounds: %s)\n' "$t" "${@:$(( ($# + 1) / 2 )):1}" "$*"
  done
  echo "(metapixel seconds = metapixel-prepare ${PREP_S} s + metapixel --metapixel; peak = the larger of the two; times are medians of $RUNS interleaved rounds)"
}

# Small crops (160–320 px, JPEG 88) and profile-size crops (400–800 px, JPEG 90, like friends' profile
# pictures): same sources, same targets, same settings.
table small tiles4000
table profile profile4000

# Tile decoding alone, one thread, pictures in memory: Frintr's decoder against Skia's codec at the same scale
# (the thumbnail side for 20-px tiles is 25 px).
echo
echo "== tile decoding alone (1 thread)"
for lib in tiles4000 profile4000; do printf '%-12s ' "$lib"; "$TOOL" decode "$WORK/$lib" 25 5; done
echo

# Large case: 10,000 tiles into a 100×100-cell, 4,000×4,000-px mosaic (Frintr only).
[ -d "$WORK/tiles10000" ] || "$TOOL" crops "$WORK/sources.txt" "$WORK/tiles10000" 10000
[ -f "$WORK/t_big.png" ] || "$TOOL" target "$DATA/astronaut.png" "$WORK/t_big.png" 4000 4000
for i in $(seq "$RUNS"); do
  once "f_big.time.$i" tiles10000 "$FRINTR" render --target t_big.png --tiles tiles10000 --out f_big.jpg \
    --columns 100 --tile-size 40 --repeat-distance $REPEAT --blend $BLEND
done
median f_big.time
read -r BIG_S BIG_KB < f_big.time
echo "10,000 tiles, 100×100 cells, 4000×4000 px: ${BIG_S} s, peak $((BIG_KB / 1024)) MB"
