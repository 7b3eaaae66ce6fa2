#!/usr/bin/env bash
# Friends: the worker's gathering stage (fetch + prepare + tile cache) and an importer, measured on this machine.
# Usage: bench/friends.sh            (2,000 profile-size JPEGs served by Debian's nginx on loopback; 3 rounds)
#        ROUNDS=5 bench/friends.sh
# Needs root for apt-get (nginx, redis-server, the Debian photo packages). Everything it makes goes to bench/work/.
set -euo pipefail
cd "$(dirname "$0")"
WORK=$PWD/work ROUNDS=${ROUNDS:-3} COUNT=2000
mkdir -p "$WORK"
for tool in nginx redis-server metapixel; do
  command -v $tool >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $tool >/dev/null; }
done

# The same Debian photos as bench/run.sh, cut into profile-size friends (400–800 px, JPEG 90) and one 1,000-px target.
if [ ! -s "$WORK/sources.txt" ]; then
  mkdir -p "$WORK/debs" && (cd "$WORK/debs" && apt-get download python3-skimage gnome-control-center-data gnome-backgrounds mate-backgrounds >/dev/null)
  for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/extract"; done
  find "$WORK/extract" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -size +20k \
    | grep -v -E 'Original|Transformed|/color.png|/logo.png' | sort > "$WORK/sources.txt"
fi
dotnet build -c Release "$PWD/Frintr.Bench" -v q -nologo >/dev/null
TOOL="$PWD/Frintr.Bench/bin/Release/net10.0/linux-x64/Frintr.Bench"
mkdir -p "$WORK/friends-www"
[ -d "$WORK/friends-www/profile$COUNT" ] || "$TOOL" crops "$WORK/sources.txt" "$WORK/friends-www/profile$COUNT" $COUNT 400 800 90
[ -f "$WORK/friends-www/target.png" ] || "$TOOL" target "$WORK/extract/usr/lib/python3/dist-packages/skimage/data/astronaut.png" "$WORK/friends-www/target.png" 1000 1000

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WEB=$(free_port) CACHE=$(free_port)
cat > "$WORK/friends-nginx.conf" <<CONF
worker_processes 2;
pid $WORK/friends-nginx.pid;
error_log $WORK/friends-nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types { image/jpeg jpg; image/png png; }
  server { listen 127.0.0.1:$WEB; root $WORK/friends-www; }
}
CONF
nginx -c "$WORK/friends-nginx.conf"
redis-server --port "$CACHE" --bind 127.0.0.1 --save '' --appendonly no --maxmemory 512mb --maxmemory-policy allkeys-lru \
  --logfile "$WORK/friends-redis.log" --daemonize yes --pidfile "$WORK/friends-redis.pid"
stop() { kill "$(cat "$WORK/friends-nginx.pid")" "$(cat "$WORK/friends-redis.pid")" 2>/dev/null || true; }
trap stop EXIT
cat "$WORK/friends-www/profile$COUNT"/* > /dev/null   # in the page cache, as a CDN's hot files would be

echo "== friends: $COUNT pictures ($(du -sh "$WORK/friends-www/profile$COUNT" | cut -f1)) from nginx on loopback, $ROUNDS rounds, medians"
URLS="http://127.0.0.1:$WEB/profile$COUNT/crop{0:D5}.jpg" TARGET="http://127.0.0.1:$WEB/target.png"
"$TOOL" friends "$URLS" $COUNT "$TARGET" "$ROUNDS"
"$TOOL" friends "$URLS" $COUNT "$TARGET" "$ROUNDS" "127.0.0.1:$CACHE"
# The reference for the warm job: Metapixel rendering the same 2,500 cells from the same friends, library prepared
# beforehand (metapixel-prepare untimed), median of the rounds.
rm -rf "$WORK/friends-mp" && mkdir "$WORK/friends-mp"
metapixel-prepare --width=20 --height=20 "$WORK/friends-www/profile$COUNT" "$WORK/friends-mp" >/dev/null 2>&1
for i in $(seq "$ROUNDS"); do
  /usr/bin/time -f "%e" -a -o "$WORK/friends-mp.times" metapixel -l "$WORK/friends-mp" -w 20 -h 20 -d 5 --metapixel \
    "$WORK/friends-www/target.png" "$WORK/friends-mp.jpg" >/dev/null 2>&1
done
echo "metapixel from its prepared library of the same $COUNT, 2,500 cells: $(sort -n "$WORK/friends-mp.times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }') s (rounds $(paste -sd' ' "$WORK/friends-mp.times"))"
rm -f "$WORK/friends-mp.times"
"$TOOL" import 2000 80 50 "$ROUNDS"
"$TOOL" import 2000 50 50 "$ROUNDS"
