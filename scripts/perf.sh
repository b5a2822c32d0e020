#!/usr/bin/env bash
# The whole-process figures of docs/PERFORMANCE.md ("Performance at scale"), each against a
# reference measured in the same run, on the realistic synthetic file (3–8 notes of 50–200
# characters and 2–5 metrics an item) and its first 10,000 items:
#
#   - `tally validate` against `jq empty` (hyperfine), and the list on screen against `validate`;
#   - peak memory (/usr/bin/time -v) of `tally validate`, `tally set`, `tally note` and of the
#     interface with the search index built, against the file's size;
#   - in tmux: the first frame after start, the list on screen, a search keystroke to its results,
#     an edit to "saved" against `dd … conv=fsync` of the file, the bytes written to the
#     terminal over 5 s idle (tmux pipe-pane) and, with strace, how often `/dev/tty` is opened
#     meanwhile.
#
#   scripts/perf.sh                    # 100,000 and 10,000 items, 5 runs each
#   SIZES=10000 RUNS=3 scripts/perf.sh # only the 10,000-item cut
#   KEEP=1 scripts/perf.sh             # keep the generated files (the folder is printed)
#   TALLY=/path/to/tally scripts/perf.sh # measure another build (an earlier one, for "before")
#   ROWS=loop scripts/perf.sh          # only the interactive loop's rows (first frame, list,
#                                      # search keystroke, idle bytes and /dev/tty opens)
#   DATA=/some/folder scripts/perf.sh  # use real-N.json files already there (copied first)
#
# Needs jq and tmux; hyperfine is used when present (else medians of /usr/bin/time runs), and
# Python's pyte for the rows timed on a pseudo-terminal (scripts/term_timing.py).
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-5}
ROWS=${ROWS:-all}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tally-perf.XXXXXX")
SOCKET=tally-perf-$$
cleanup() {
    tmux -L "$SOCKET" kill-server 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "files kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
# A step that fails says where, instead of ending the script without a word.
trap 'echo "perf.sh: stopped at line $LINENO (exit $?)" >&2' ERR
set -E

for tool in jq tmux /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed" >&2; exit 1; }
done
[ "${BUILD:-1}" = 1 ] && cargo build --release --quiet --example gen_big --bin tally
TALLY=${TALLY:-$PWD/target/release/tally}
GEN=$PWD/target/release/examples/gen_big

now_ms() { local t=$EPOCHREALTIME; echo "${t/./}" | awk '{ printf "%.1f", $1 / 1000 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { printf '%-58s %12s %12s %8s\n' "$@"; }

# Wall time of a command in milliseconds, median of RUNS (hyperfine when present).
time_ms() {
    local name=$1; shift
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$WORK/h.json" \
            ${PREPARE:+--prepare "$PREPARE"} -n "$name" "$*" >/dev/null 2>&1
        jq '.results[0].median * 1000 | . * 10 | round / 10' "$WORK/h.json"
    else
        for _ in $(seq "$RUNS"); do
            [ -n "${PREPARE:-}" ] && bash -c "$PREPARE"
            local t0; t0=$(now_ms); bash -c "$*" >/dev/null 2>&1; local t1; t1=$(now_ms)
            awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
        done | median
    fi
}

# Peak resident memory of a command in kilobytes.
peak_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { print $2 }'; }

tm() { tmux -L "$SOCKET" "$@"; }
screen() { tm capture-pane -p -t main 2>/dev/null; }
# Polls the screen until it contains $1 (at most $2 seconds); prints the time it was seen.
wait_for() {
    local deadline=$(( $(date +%s) + ${2:-60} ))
    until screen | grep -qF -- "$1"; do
        [ "$(date +%s)" -gt "$deadline" ] && { echo "timed out waiting for $1" >&2; screen >&2; return 1; }
    done
    now_ms
}
wait_for_any() {
    local deadline=$(( $(date +%s) + 60 ))
    until screen | grep -qF -e "$1" -e "$2"; do
        [ "$(date +%s)" -gt "$deadline" ] && { echo "timed out waiting for $1" >&2; return 1; }
    done
    now_ms
}
# Polls the screen until it shows $2, noting when it first showed $1; prints both times.
wait_both() {
    local deadline=$(( $(date +%s) + 60 )) first="" shown
    while :; do
        shown=$(screen)
        [ -z "$first" ] && [[ $shown == *"$1"* ]] && first=$(now_ms)
        if [[ $shown == *"$2"* ]]; then
            local t; t=$(now_ms); echo "${first:-$t} $t"; return 0
        fi
        [ "$(date +%s)" -gt "$deadline" ] && { echo "timed out waiting for $2" >&2; screen >&2; return 1; }
    done
}
wait_gone() {
    local deadline=$(( $(date +%s) + ${2:-60} ))
    while screen | grep -qF -- "$1"; do
        [ "$(date +%s)" -gt "$deadline" ] && { echo "timed out waiting for $1 to go" >&2; return 1; }
    done
    return 0
}
# Starts tally on $1 in a 120×40 tmux window (under /usr/bin/time -v writing to $2 when given).
start_tally() {
    local file=$1 timed=${2:-}
    local cmd="env TALLY_DATA_DIR=$WORK NO_COLOR=1 $TALLY $file; sleep 600"
    [ -n "$timed" ] && cmd="env TALLY_DATA_DIR=$WORK NO_COLOR=1 /usr/bin/time -v -o $timed $TALLY $file; sleep 600"
    tm -f /dev/null new-session -d -s main -x 120 -y 40 "$cmd"
}
stop_tally() { tm send-keys -t main q; sleep 0.3; tm kill-server 2>/dev/null || true; sleep 0.2; }

row "figure" "tally" "reference" "ratio"
for N in $SIZES; do
    FILE=$WORK/real-$N.json
    if [ -n "${DATA:-}" ]; then cp "$DATA/real-$N.json" "$FILE"; else "$GEN" "$N" 1 realistic > "$FILE"; fi
    BYTES=$(stat -c %s "$FILE")
    MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1e6 }')
    echo "== $N items, $MB MB ($FILE)"

    validate=$(time_ms validate "$TALLY validate $FILE")
    if [ "$ROWS" = all ]; then
        jqe=$(time_ms jq "jq empty $FILE")
        row "validate vs jq empty, ms ($N)" "$validate" "$jqe" "$(ratio "$validate" "$jqe")"
        dd_ms=$(time_ms dd "dd if=$FILE of=$WORK/dd.out bs=1M conv=fsync status=none")
        rm -f "$WORK/dd.out"

        for what in validate set note; do
            case $what in
                validate) args=(validate "$FILE") ;;
                set) args=(set "$FILE" 5000 status=done) ;;
                note) args=(note "$FILE" 5000 "性能测试：再记一条进展。") ;;
            esac
            kb=$(TALLY_DATA_DIR=$WORK peak_kb "$TALLY" "${args[@]}")
            row "peak memory, tally $what, MB / file MB ($N)" "$((kb / 1000))" "$MB" "$(ratio "$((kb * 1000))" "$BYTES")"
        done
        "$TALLY" set "$FILE" 1 status=todo >/dev/null
    fi

    # First frame naming the file, then the whole list, after start.
    firsts=(); lists=()
    for _ in $(seq "$RUNS"); do
        t0=$(now_ms); start_tally "$FILE"
        # (a build that shows nothing before the list: its first frame is the list)
        t1=$(wait_for_any "real-$N.json" "Items 1/"); t2=$(wait_for "Items 1/")
        firsts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
        lists+=("$(awk -v a="$t0" -v b="$t2" 'BEGIN { print b - a }')")
        stop_tally
    done
    first=$(printf '%s\n' "${firsts[@]}" | median); list=$(printf '%s\n' "${lists[@]}" | median)
    row "first frame after start, ms ($N)" "$first" "100" "$(ratio "$first" 100)"
    # What the same start costs for a program that prints the name at once: tmux's own share.
    shells=()
    for _ in $(seq "$RUNS"); do
        t0=$(now_ms); tm -f /dev/null new-session -d -s main -x 120 -y 40 "echo real-$N.json; sleep 600"
        t1=$(wait_for "real-$N.json")
        shells+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
        tm kill-server 2>/dev/null || true; sleep 0.2
    done
    shell=$(printf '%s\n' "${shells[@]}" | median)
    row "  the same start, echo instead of tally, ms ($N)" "$shell" "-" "-"
    row "list on screen vs validate, ms ($N)" "$list" "$validate" "$(ratio "$list" "$validate")"

    # The same start, a search keystroke and an edit to "saved", timed on a pseudo-terminal of the
    # script's own (no tmux in between, no polling): scripts/term_timing.py.
    if python3 -c 'import pyte' 2>/dev/null; then
        python3 scripts/term_timing.py "$TALLY" "$FILE" "$N" "$RUNS" |
            while IFS=$'\t' read -r name value ref; do
                case $name in list*) ref=$validate ;; esac
                if [ "$ref" = - ]; then row "  pty: $name" "$value" - -
                else row "  pty: $name" "$value" "$ref" "$(ratio "$value" "$ref")"; fi
            done
        "$TALLY" set "$FILE" 1 status=todo >/dev/null
    else
        echo "  (pip install pyte for the same rows timed on a pseudo-terminal, without tmux)"
    fi

    # The interface with the search index built: peak memory; a search keystroke; idle bytes.
    start_tally "$FILE" "$WORK/ui.time" >/dev/null
    wait_for "Items 1/" >/dev/null; sleep 2
    # From an empty query (the line says "N items") one character: its count "K of N" appears.
    tm send-keys -t main /; wait_for "$N items" >/dev/null
    # Results are on screen when the footer shows the final count ("K of N", K from `tally list
    # --query`); the same key's echo on the search line ("/ Q") is what any key costs through
    # tmux and this polling, measured in the same run as the reference.
    searches=(); echoes=(); beyond=()
    for q in 外 语 标 识 北 京 会; do
        hits=$("$TALLY" list "$FILE" --query "$q" | wc -l)
        t0=$(now_ms); tm send-keys -t main -l "$q"
        read -r t1 t2 < <(wait_both "/ $q" "$hits of $N")
        echoes+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
        searches+=("$(awk -v a="$t0" -v b="$t2" 'BEGIN { print b - a }')")
        beyond+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')")
        tm send-keys -t main BSpace; wait_for "$N items" >/dev/null; sleep 0.3
    done
    search=$(printf '%s\n' "${searches[@]}" | median); echo_ms=$(printf '%s\n' "${echoes[@]}" | median)
    row "search keystroke -> results vs its echo, ms ($N)" "$search" "$echo_ms" "$(ratio "$search" "$echo_ms")"
    row "  results after the echo, ms ($N)" "$(printf '%s\n' "${beyond[@]}" | median)" "15" "-"
    tm pipe-pane -t main -o "cat > $WORK/idle.bytes"; sleep 5; tm pipe-pane -t main
    row "bytes to the terminal in 5 s idle, search line open ($N)" "$(stat -c %s "$WORK/idle.bytes")" "0" "-"
    tm send-keys -t main Escape Escape; sleep 0.5
    tm pipe-pane -t main -o "cat > $WORK/idle.bytes"; sleep 5; tm pipe-pane -t main
    row "bytes to the terminal in 5 s idle ($N)" "$(stat -c %s "$WORK/idle.bytes")" "0" "-"

    if [ "$ROWS" = all ]; then
        # An edit to "saved": the status picker opened (the footer's message goes), then a status.
        saves=()
        for status in o t o t o; do
            tm send-keys -t main s; wait_gone "saved real-$N.json"
            t0=$(now_ms); tm send-keys -t main "$status"
            t1=$(wait_for "saved real-$N.json")
            saves+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
            sleep 0.5
        done
        save=$(printf '%s\n' "${saves[@]}" | median)
        row "edit -> saved vs dd conv=fsync, ms ($N)" "$save" "$dd_ms" "$(ratio "$save" "$dd_ms")"
    fi
    stop_tally
    if [ "$ROWS" = all ]; then
        kb=$(awk -F': ' '/Maximum resident/ { print $2 }' "$WORK/ui.time")
        row "peak memory, interface with index, MB / file MB ($N)" "$((kb / 1000))" "$MB" "$(ratio "$((kb * 1000))" "$BYTES")"
        # tmux's own part of those: a new window until a shell's echo is on screen
        starts=()
        for _ in $(seq "$RUNS"); do
            t0=$(now_ms); tm -f /dev/null new-session -d -s main -x 120 -y 40 "echo tmux-is-up; sleep 600"
            t1=$(wait_for "tmux-is-up"); starts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
            tm kill-server 2>/dev/null || true; sleep 0.5
        done
        start=$(printf '%s\n' "${starts[@]}" | median)
        net=$(awk -v a="$list" -v b="$start" 'BEGIN { print a - b }')
        row "list on screen less tmux's start ($start ms) vs validate ($N)" "$net" "$validate" "$(ratio "$net" "$validate")"
    fi

    # How often the terminal device is opened while idle (crossterm opens /dev/tty to ask the
    # terminal's size).
    if command -v strace >/dev/null 2>&1; then
        tm -f /dev/null new-session -d -s main -x 120 -y 40 \
            "env TALLY_DATA_DIR=$WORK NO_COLOR=1 strace -f -e trace=open,openat -o $WORK/strace.out $TALLY $FILE; sleep 600"
        wait_for "Items 1/" 120 >/dev/null; sleep 2
        opened=$(grep -c '"/dev/tty"' "$WORK/strace.out" || true); sleep 5
        opened=$(( $(grep -c '"/dev/tty"' "$WORK/strace.out" || true) - opened ))
        row "/dev/tty opened in 5 s idle ($N)" "$opened" "0" "-"
        stop_tally; rm -f "$WORK/strace.out"
    fi
    rm -f "$FILE"
done
