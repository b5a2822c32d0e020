#!/usr/bin/env bash
# Kill test: saves a 10,000-item report again and again with `tally set` and SIGKILLs the writer at
# random moments. After every kill the file must be exactly the old or the new version (compared
# by SHA-256), never a mix, never empty; temporary files a kill leaves behind must be removed by the
# next save and never loaded.
#
#   scripts/kill-test.sh [KILLS] [ITEMS]      (defaults: 250 kills, 10000 items)
#
# Half the kills land anywhere in a run (0..110% of an uninterrupted save), half are aimed at the
# write itself (a few milliseconds after the temporary file appears). KILLS counts the kills that
# landed while the writer ran; runs that finished first are counted apart.
#
# Prints one line per 50 kills and a summary: where the kills landed (before the write began,
# during it — a temporary file was left —, or after the rename) and the timings used.
set -euo pipefail
cd "$(dirname "$0")/.."

kills=${1:-250}
items=${2:-10000}

cargo build --release --quiet
tally=$PWD/target/release/tally

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=$work/report.json

scripts/gen-report.sh "$items" >"$file"
"$tally" validate "$file" >/dev/null

target=$((items / 2))
temp_files() { find "$work" -maxdepth 1 -name ".report.json.*.tally-tmp" | wc -l; }

# The two versions the file moves between: item $target on track, or at risk (after a first
# edit, which lays the edited item out in tally's own style).
"$tally" set "$file" "$target" status=at_risk >/dev/null
"$tally" set "$file" "$target" status=on_track >/dev/null
sha_a=$(sha256sum <"$file" | cut -d' ' -f1)
"$tally" set "$file" "$target" status=at_risk >/dev/null
sha_b=$(sha256sum <"$file" | cut -d' ' -f1)
"$tally" set "$file" "$target" status=on_track >/dev/null
[ "$(sha256sum <"$file" | cut -d' ' -f1)" = "$sha_a" ] || { echo "A→B→A is not byte-identical" >&2; exit 1; }

# How long one uninterrupted save takes, in milliseconds (median of five).
runs=()
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$tally" set "$file" "$target" status=at_risk >/dev/null
  "$tally" set "$file" "$target" status=on_track >/dev/null
  runs+=($((($(date +%s%N) - start) / 2000000)))
done
full_ms=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
window_ms=$((full_ms * 11 / 10 + 1))
echo "one save of $items items takes ${full_ms} ms; kills land at random in 0..${window_ms} ms"

before=0 during=0 after=0 exited=0
i=0
while ((before + during + after < kills)); do
  i=$((i + 1))
  ((i <= 3 * kills)) || { echo "too few kills landed while the writer ran" >&2; exit 1; }
  current=$(sha256sum <"$file" | cut -d' ' -f1)
  if [ "$current" = "$sha_a" ]; then
    want=at_risk old=$sha_a new=$sha_b
  else
    want=on_track old=$sha_b new=$sha_a
  fi
  earlier=$(find "$work" -maxdepth 1 -name ".report.json.*.tally-tmp" | sort)
  "$tally" set "$file" "$target" "status=$want" >/dev/null 2>&1 &
  writer=$!
  if ((i % 2 == 0)); then
    # Anywhere in the run: reading, parsing, writing.
    delay_ms=$(((RANDOM * 32768 + RANDOM) % window_ms))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  else
    # Aimed at the write: once the temporary file appears, within a few milliseconds.
    while kill -0 "$writer" 2>/dev/null; do
      shopt -s nullglob
      now_temp=("$work"/.report.json.*.tally-tmp)
      shopt -u nullglob
      [ "${#now_temp[@]}" -gt 0 ] && [ "${now_temp[*]}" != "${earlier//$'\n'/ }" ] && break
    done
    sleep "0.00$((RANDOM % 3))"
  fi
  if kill -KILL "$writer" 2>/dev/null; then killed=1; else killed=0; fi
  wait "$writer" 2>/dev/null || true

  [ -s "$file" ] || { echo "kill $i: the file is empty" >&2; exit 1; }
  now=$(sha256sum <"$file" | cut -d' ' -f1)
  if [ "$now" != "$old" ] && [ "$now" != "$new" ]; then
    echo "kill $i: the file is neither the old nor the new version" >&2
    cp "$file" "$PWD/kill-test-failure.json"
    exit 1
  fi
  left=$(temp_files)
  if [ "$left" -gt 1 ]; then
    echo "kill $i: $left temporary files piled up" >&2
    exit 1
  fi
  if [ "$killed" = 0 ]; then
    exited=$((exited + 1))
  elif [ "$left" = 1 ] && [ "$(find "$work" -maxdepth 1 -name ".report.json.*.tally-tmp")" != "$earlier" ]; then
    during=$((during + 1))
  elif [ "$now" = "$new" ]; then
    after=$((after + 1))
  else
    before=$((before + 1))
  fi
  landed=$((before + during + after))
  if [ "$killed" = 1 ] && ((landed % 50 == 0)); then
    echo "$landed kills: every file whole (before the write $before, during it $during, after it $after; $exited runs finished first)"
  fi
done

"$tally" validate "$file" >/dev/null
"$tally" set "$file" "$target" status=done >/dev/null
[ "$(temp_files)" = 0 ] || { echo "a save left temporary files behind" >&2; exit 1; }
# Leftovers are never loaded: a folder holding one still opens as exactly one report.
printf '{"half":' >"$work/.report.json.zzzzzz.tally-tmp"
"$tally" validate "$work" | grep -q "^ok $file: $items items$"

echo "kill test passed: $kills kills of a $items-item save: before the write $before, during it $during (temporary file left, then removed by the next save), after the rename $after; $exited more runs finished before their kill"
