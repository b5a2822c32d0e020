#!/usr/bin/env bash
# Whole-process speed of `tally list big.json --query Q` (every field of every item) against
# `jq -r '.items[].title' big.json | fzf --filter Q` (titles only) on the same synthetic
# 100,000-item file; prints both medians and the ratio. Target: ratio >= 2 (docs/PERFORMANCE.md).
#
#   scripts/bench-list-vs-fzf.sh                  # query 外语, 100,000 items, 10 runs each
#   QUERY=budget N=100000 RUNS=20 scripts/bench-list-vs-fzf.sh
#   HARNESS=1 scripts/bench-list-vs-fzf.sh        # time examples/rank_cli.rs instead of the CLI
#
# jq, fzf and hyperfine are installed with apt-get when missing (falls back to /usr/bin/time
# when hyperfine cannot be had). The file is generated once into target/bench-list/.
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-100000}
QUERY=${QUERY:-外语}
RUNS=${RUNS:-10}
WORK=target/bench-list
FILE=$WORK/big-$N.json
mkdir -p "$WORK"

missing=()
for tool in jq fzf hyperfine; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq >/dev/null || true
    $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || true
fi
for tool in jq fzf; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed" >&2; exit 1; }
done

if [ "${HARNESS:-0}" = 1 ]; then
    cargo build --release --quiet --example gen_big --example rank_cli
    TALLY=(target/release/examples/rank_cli "$FILE" "$QUERY")
else
    cargo build --release --quiet --example gen_big --bin tally
    TALLY=(target/release/tally list "$FILE" --query "$QUERY")
fi
if [ ! -s "$FILE" ]; then
    echo "writing $FILE" >&2
    target/release/examples/gen_big "$N" > "$FILE.tmp" && mv "$FILE.tmp" "$FILE"
fi

tally_cmd="$(printf '%q ' "${TALLY[@]}")> /dev/null"
fzf_cmd="jq -r '.items[].title' $(printf '%q' "$FILE") | fzf --filter $(printf '%q' "$QUERY") > /dev/null"

echo "file: $FILE ($(du -h "$FILE" | cut -f1), $N items); query: $QUERY" >&2
echo "tally:  $("${TALLY[@]}" | wc -l) lines" >&2
echo "jq+fzf: $(jq -r '.items[].title' "$FILE" | fzf --filter "$QUERY" | wc -l) lines" >&2

median_of() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs "$RUNS" --shell bash --export-json "$WORK/result.json" \
        -n tally "$tally_cmd" -n jq+fzf "$fzf_cmd" >&2
    tally_median=$(jq '.results[] | select(.command == "tally") | .median' "$WORK/result.json")
    fzf_median=$(jq '.results[] | select(.command == "jq+fzf") | .median' "$WORK/result.json")
else
    time_runs() {
        for _ in $(seq "$RUNS"); do
            /usr/bin/time -f %e bash -c "$1" 2>&1 >/dev/null | tail -1
        done | median_of
    }
    tally_median=$(time_runs "$tally_cmd")
    fzf_median=$(time_runs "$fzf_cmd")
fi

awk -v t="$tally_median" -v f="$fzf_median" 'BEGIN {
    printf "median tally  %.3f s\nmedian jq+fzf %.3f s\nratio (jq+fzf / tally) %.2f\n", t, f, f / t
}'
