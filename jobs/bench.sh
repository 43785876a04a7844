#!/usr/bin/env bash
# jobs/bench.sh — the job against the DuckDB peer baseline (../shared/bench), on generated data.
#
#   jobs/bench.sh [--scale small|full] [--scenarios LIST] [--record] [--keep] [--work DIR]
#                 [--timeout MIN] [--seed S] [--no-build] [--no-event-log]
#
# Scenarios (LIST is comma separated; default: full for --scale small, all for --scale full):
#   full      full build: E experiences x K snapshots into an empty warehouse
#             (full scale 200,000 x 5; small 20,000 x 3)
#   backfill  the H-snapshot daily history (full scale 30 x 120,000) ingested in one run
#   daily     one more daily snapshot on top of that H-snapshot warehouse, and the same snapshot on
#             top of a warehouse holding only the last S snapshots (full scale S = 10): is the cost
#             flat in history? (implies backfill, which builds the H-snapshot warehouse)
#   fixed     the fixed cost, through bin/spplus as a user runs it (its class-data-sharing
#             archives go to the work folder; SPPLUS_CDS=0 in the environment turns them off): the bundled
#             sample into an empty warehouse (twice, into two warehouses), the same run again with
#             nothing new, the first `sql` query (twice), and the prompt's later queries on gold
#             tables (same at both scales; no baseline)
#   split     one export of E experiences (full scale 200,000, ~185 MB, multi-line fields) read into
#             bronze as ranges of whole records (the default) and as one task
#             (spark.spplus.bronze.rangeBytes set past the file's size): the bronze stage's time
#             each way, and the two bronze tables compared row for row (no baseline)
#   all       full,backfill,daily,fixed,split
#
# For each scenario the job (fr.spplus.cli.Main run, local[2], -Xmx2g) and the baseline (node
# baseline.mjs, DuckDB) run one after the other on the same files; the job's gold tables are then
# compared with the baseline's CSVs (jobs/bench/java/fr/spplus/bench/GoldCompare.java). Any gold
# difference or job failure makes the script exit 1 after printing the figures.
#
# --record    append the figures, the date and the machine to docs/performance.md
# --keep      keep the work folder (data, warehouses, baseline copy); by default it is deleted at
#             the end (the full scale writes ~4.6 GB of CSV). Data already generated in --work DIR
#             with the same options is reused. Logs and figures always stay in
#             $BENCH_BUILD_DIR/bench-results/<date>-<scale>/.
# --timeout   minutes after which a job run is stopped (default 60; 0 = none); the scenario is
#             reported as TIMEOUT with the stage timings printed so far
# --no-build  use the jar already in the build folder instead of rebuilding when sources changed
# --no-event-log  do not write Spark event logs (by default each job run writes one, summarised in
#             spark.md next to the figures: jobs, stages, tasks, bytes per job description, the
#             longest stages, and plans-<scenario>.txt with the plans of the longest SQL executions)
#
# Environment: BENCH_BUILD_DIR (default target-bench, the Maven build folder used, so that other
# builds in target/ are not disturbed), BENCH_SHARED (default ../shared relative to the repository
# root), BENCH_JOB_HEAP (default 2g), BENCH_MASTER (default local[2]); BENCH_FULL_EXP, BENCH_FULL_SNAP,
# BENCH_DAILY_EXP, BENCH_DAILY_HIST, BENCH_DAILY_SHORT override the sizes (to debug this script).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${BENCH_SHARED:-$ROOT/../shared}"
BUILD="$ROOT/${BENCH_BUILD_DIR:-target-bench}"
HEAP="${BENCH_JOB_HEAP:-2g}"
MASTER="${BENCH_MASTER:-local[2]}"

SCALE=small
SCENARIOS=
RECORD=0
KEEP=0
WORK=
TIMEOUT_MIN=60
SEED=42
BUILD_JAR=1
EVENT_LOG=1

die() { echo "bench: $*" >&2; exit 2; }
say() { echo "bench: $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="${2:?}"; shift 2 ;;
    --scenarios) SCENARIOS="${2:?}"; shift 2 ;;
    --record) RECORD=1; shift ;;
    --keep) KEEP=1; shift ;;
    --work) WORK="${2:?}"; shift 2 ;;
    --timeout) TIMEOUT_MIN="${2:?}"; shift 2 ;;
    --seed) SEED="${2:?}"; shift 2 ;;
    --no-build) BUILD_JAR=0; shift ;;
    --no-event-log) EVENT_LOG=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

# ------------------------------------------------------------------ scale
case "$SCALE" in
  full)
    FULL_EXP=200000; FULL_SNAP=5
    DAILY_EXP=120000; DAILY_HIST=30; DAILY_SHORT=10
    NEED_GB=16
    : "${SCENARIOS:=all}" ;;
  small)
    FULL_EXP=20000; FULL_SNAP=3
    DAILY_EXP=5000; DAILY_HIST=4; DAILY_SHORT=2
    NEED_GB=2
    : "${SCENARIOS:=full}" ;;
  *) die "--scale is small or full" ;;
esac
# Sizes can be overridden for debugging the script itself (the figures are then not comparable).
FULL_EXP=${BENCH_FULL_EXP:-$FULL_EXP}; FULL_SNAP=${BENCH_FULL_SNAP:-$FULL_SNAP}
DAILY_EXP=${BENCH_DAILY_EXP:-$DAILY_EXP}; DAILY_HIST=${BENCH_DAILY_HIST:-$DAILY_HIST}
DAILY_SHORT=${BENCH_DAILY_SHORT:-$DAILY_SHORT}
[ "$DAILY_SHORT" -lt "$DAILY_HIST" ] || die "the short history must be shorter than the history"
[ "$SCENARIOS" = all ] && SCENARIOS=full,backfill,daily,fixed,split
RUN_FULL=0; RUN_BACKFILL=0; RUN_DAILY=0; RUN_FIXED=0; RUN_SPLIT=0
IFS=',' read -r -a _sc <<<"$SCENARIOS"
for s in "${_sc[@]}"; do
  case "$s" in
    full) RUN_FULL=1 ;;
    backfill) RUN_BACKFILL=1 ;;
    daily) RUN_DAILY=1; RUN_BACKFILL=1 ;;
    fixed) RUN_FIXED=1 ;;
    split) RUN_SPLIT=1 ;;
    all) RUN_FULL=1; RUN_BACKFILL=1; RUN_DAILY=1; RUN_FIXED=1; RUN_SPLIT=1 ;;
    *) die "unknown scenario '$s' (full, backfill, daily, fixed, split, all)" ;;
  esac
done
[[ "$TIMEOUT_MIN" =~ ^[0-9]+$ ]] || die "--timeout takes whole minutes"

# ------------------------------------------------------------------ prerequisites
for tool in java node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found on PATH"
done
[ -f "$SHARED/bench/baseline.mjs" ] || die "the peer baseline is not at $SHARED/bench (set BENCH_SHARED)"
GNU_TIME=
if /usr/bin/time -f %M true >/dev/null 2>&1; then GNU_TIME=/usr/bin/time; fi

# The JVM options bin/spplus uses for `run` (Spark on Java 17 needs the --add-opens list).
OPENS="$(sed -n 's/^OPENS="\(.*\)"$/\1/p' "$ROOT/bin/spplus")"
[ -n "$OPENS" ] || die "could not read the OPENS list from bin/spplus"
# The collector bin/spplus gives `run` (unless JAVA_OPTS names one).
RUN_GC="$(sed -n 's/^RUN_GC="\(.*\)"$/\1/p' "$ROOT/bin/spplus")"
[ -n "$RUN_GC" ] || die "could not read RUN_GC from bin/spplus"
# And its compiler thresholds.
RUN_JIT="$(sed -n 's/^RUN_JIT="\(.*\)"$/\1/p' "$ROOT/bin/spplus")"
[ -n "$RUN_JIT" ] || die "could not read RUN_JIT from bin/spplus"

# ------------------------------------------------------------------ build (private build folder)
JAR="$BUILD/spplus-analytics.jar"
CPFILE="$BUILD/runtime-classpath.txt"
stale() {
  [ -f "$JAR" ] && [ -f "$CPFILE" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit)" ]
}
if [ "$BUILD_JAR" = 1 ] && stale; then
  command -v mvn >/dev/null 2>&1 || die "the jar needs building and Maven was not found"
  say "building the job into $BUILD (mvn package)…"
  mvn_build() {
    (cd "$ROOT" && mvn -B -q "$@" -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=compile -Dspplus.build.dir="$BUILD")
  }
  mvn_build -o >/dev/null 2>&1 || mvn_build || die "the build failed (run: mvn -DskipTests package)"
fi
[ -f "$JAR" ] && [ -f "$CPFILE" ] || die "no jar in $BUILD (run without --no-build)"
CP="$JAR:$(cat "$CPFILE")"
BENCH_CLASSES="$BUILD/bench-classes"
mkdir -p "$BENCH_CLASSES"
# shellcheck disable=SC2046
javac -nowarn -d "$BENCH_CLASSES" -cp "$BUILD/classes:$CP" $(find "$ROOT/jobs/bench/java" -name '*.java') \
  || die "could not compile jobs/bench/java"
GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(cd "$ROOT" && git status --porcelain --untracked-files=no -- src/main pom.xml 2>/dev/null)" ]; then
  GIT_REV="$GIT_REV+uncommitted changes in src/main"
fi

# ------------------------------------------------------------------ work folder
if [ -z "$WORK" ]; then
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/spplus-bench.XXXXXX")"
else
  mkdir -p "$WORK"; WORK="$(cd "$WORK" && pwd)"
fi
# Logs and figures go to the build folder (git-ignored), so they outlive the work folder.
RESULTS="$BUILD/bench-results/$(date -u +%Y%m%dT%H%M%SZ)-$SCALE"
mkdir -p "$RESULTS"
cleanup() {
  if [ "$KEEP" = 1 ]; then
    say "work folder kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
FREE_GB=$(( $(df -Pk "$WORK" | awk 'NR==2 {print $4}') / 1024 / 1024 ))
[ "$FREE_GB" -ge "$NEED_GB" ] || die "$FREE_GB GB free in $WORK, the $SCALE scale needs about $NEED_GB GB"
say "work folder $WORK ($FREE_GB GB free), logs in $RESULTS"

# The baseline: a private copy of ../shared/bench (read-only in CI), npm ci once.
BASE_DIR="$WORK/baseline"
if [ ! -d "$BASE_DIR/node_modules/@duckdb/node-api" ]; then
  rm -rf "$BASE_DIR"; mkdir -p "$BASE_DIR"
  cp -r "$SHARED/bench/." "$BASE_DIR"
  say "npm ci in $BASE_DIR…"
  (cd "$BASE_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in $BASE_DIR"
fi

# ------------------------------------------------------------------ helpers
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# generate NAME EXPERIENCES SNAPSHOTS -> prints the data folder: the project's generator
# (`spplus generate`), which writes one file at a time (its heap holds one snapshot, not the history).
generate() {
  local name="$1" exp="$2" snap="$3"
  local dir="$WORK/data/$name" opts="experiences=$exp snapshots=$snap seed=$SEED first=2024-01-01 days=1"
  if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$opts" ]; then
    say "data $name: reusing $dir ($opts)"
  else
    rm -rf "$dir"; mkdir -p "$dir"
    say "data $name: generating $exp experiences x $snap snapshots…"
    local t0; t0=$(now)
    java -Xmx3g -cp "$BUILD/classes:$CP" fr.spplus.cli.Main generate --out "$dir" \
      --experiences "$exp" --snapshots "$snap" --seed "$SEED" --first-date 2024-01-01 --days-between 1 \
      >"$RESULTS/generate-$name.log" 2>&1 \
      || { cat "$RESULTS/generate-$name.log" >&2; die "data generation failed"; }
    echo "$opts" >"$dir/.complete"
    say "data $name: $(du -sh "$dir" | cut -f1) in $(secs "$t0" "$(now)") s"
  fi
  echo "$dir"
}

# subset NAME SRC FIRST LAST: a folder of hard links to snapshot files FIRST..LAST (1-based, name order).
subset() {
  local dir="$WORK/inputs/$1" src="$2" first="$3" last="$4"
  rm -rf "$dir"; mkdir -p "$dir"
  ls "$src"/*.csv | sort | sed -n "${first},${last}p" | while read -r f; do
    ln "$f" "$dir/" 2>/dev/null || cp "$f" "$dir/"
  done
  echo "$dir"
}

# Result rows (TSV): scenario records job_s job_status base_s base_records rss_kb wh_bytes gold stages
# base_steps job_cpu_s base_cpu_s base_rss_kb
ROWS="$RESULTS/rows.tsv"
: >"$ROWS"
SPARK_REPORT="$RESULTS/spark.md"
: >"$SPARK_REPORT"
FAILED=0

# run_job LABEL INPUT WAREHOUSE [ARGS...]: runs the job (ARGS added to its command line); sets J_S, J_RC,
# J_STATUS, J_RSS, J_RECORDS, J_STAGES.
run_job() {
  local label="$1" input="$2" wh="$3" log="$RESULTS/job-$1.log" rssf="$RESULTS/job-$1.rss"
  shift 3
  local -a extra=("$@")
  say "[$label] job: run --input $input --warehouse $wh ${extra[*]} ($MASTER, -Xmx$HEAP)"
  local evdir="$RESULTS/eventlog-$label"
  local -a ev=()
  if [ "$EVENT_LOG" = 1 ]; then
    rm -rf "$evdir"; mkdir -p "$evdir"
    # One plain JSON file (Spark 4 defaults to rolling, zstd-compressed logs).
    ev=(--conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$evdir"
      --conf spark.eventLog.rolling.enabled=false --conf spark.eventLog.compress=false)
  fi
  local -a cmd=(java $OPENS "$RUN_GC" $RUN_JIT "-Xmx$HEAP" -Dspplus.home="$ROOT" -cp "$CP" fr.spplus.cli.Main run
    --input "$input" --warehouse "$wh" --master "$MASTER" "${ev[@]}" "${extra[@]}")
  local -a tmo=()
  [ "$TIMEOUT_MIN" -gt 0 ] && tmo=(timeout --signal=TERM --kill-after=30 "${TIMEOUT_MIN}m")
  local t0 t1 pid
  t0=$(now)
  set +e
  if [ -n "$GNU_TIME" ]; then
    # GNU time over timeout over java: on a timeout, timeout stops java and time still reports.
    "$GNU_TIME" -f '%M %U %S' -o "$rssf" "${tmo[@]}" "${cmd[@]}" >"$log" 2>"$log.err"
    J_RC=$?
  else
    # No GNU time: sample the JVM's VmHWM (peak resident set) every second.
    "${tmo[@]}" "${cmd[@]}" >"$log" 2>"$log.err" &
    pid=$!
    local hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
        v=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        [ "${v:-0}" -gt "$hwm" ] && hwm=$v
      done
      sleep 1
    done
    wait "$pid"; J_RC=$?
    echo "$hwm" >"$rssf"
  fi
  set -e
  t1=$(now)
  J_S=$(secs "$t0" "$t1")
  read -r J_RSS J_CPU < <(tail -1 "$rssf" 2>/dev/null | awk 'NF == 3 && $1 ~ /^[0-9]+$/ { printf "%d %.1f\n", $1, $2 + $3; next }
    NF == 1 && $1 ~ /^[0-9]+$/ { print $1, ""; next } { print 0, "" }')
  J_RECORDS=$(sed -n 's/.* \([0-9][0-9]*\) records read, .*experiences$/\1/p' "$log" | tail -1)
  J_RECORDS=${J_RECORDS:-0}
  # Stage lines "  name   12.34 s"; a name of several words ("gold history") is joined with '_'.
  J_STAGES=$(awk '/^  [a-z][a-z_ -]* +[0-9.]+ s$/ { k = $1; for (i = 2; i <= NF - 2; i++) k = k "_" $i
      s[k] += $(NF - 1); if (!(k in seen)) { seen[k]=1; o[++n]=k } }
    END { for (i = 1; i <= n; i++) printf "%s%s=%.2f", (i > 1 ? ";" : ""), o[i], s[o[i]] }' "$log")
  case "$J_RC" in
    0) J_STATUS=ok ;;
    124|137) J_STATUS="TIMEOUT after ${TIMEOUT_MIN} min"; FAILED=1 ;;
    *) J_STATUS="FAILED (exit $J_RC)"; FAILED=1 ;;
  esac
  say "[$label] job: $J_STATUS in $J_S s (${J_CPU:-?} s CPU), $J_RECORDS records read, peak RSS $((J_RSS / 1024)) MiB; stages ${J_STAGES:-none}"
  local evfile
  evfile=$(find "$evdir" -type f ! -name '.*' -size +0 2>/dev/null | head -1 || true)
  if [ -n "$evfile" ]; then
    { echo "### Spark breakdown: $label"; echo
      node "$ROOT/jobs/bench/sparklog.mjs" "$evfile" --plans "$RESULTS/plans-$label.txt" || echo "(event log unreadable)"
      echo; } >>"$SPARK_REPORT"
  fi
  if [ "$J_RC" != 0 ]; then
    say "[$label] last lines of the job's output ($log, $log.err):"
    tail -5 "$log" | sed 's/^/    /' >&2
    grep -v ' WARN ' "$log.err" | tail -15 | sed 's/^/    /' >&2 || true
  fi
}

# run_baseline LABEL INPUT: sets B_S, B_RECORDS, B_STEPS, B_OUT.
run_baseline() {
  local label="$1" input="$2"
  B_OUT="$RESULTS/baseline-$label"
  rm -rf "$B_OUT"
  say "[$label] baseline: node baseline.mjs --input $input"
  local t0 timef="$RESULTS/baseline-$label.time"; t0=$(now)
  local -a tm=()
  [ -n "$GNU_TIME" ] && tm=("$GNU_TIME" -f '%M %U %S' -o "$timef")
  (cd "$BASE_DIR" && "${tm[@]}" node baseline.mjs --input "$input" --out "$B_OUT" --quiet) >"$RESULTS/baseline-$label.log" 2>&1 \
    || { cat "$RESULTS/baseline-$label.log" >&2; die "the baseline failed on $input"; }
  B_S=$(secs "$t0" "$(now)")
  read -r B_RSS B_CPU < <(tail -1 "$timef" 2>/dev/null | awk 'NF == 3 && $1 ~ /^[0-9]+$/ { printf "%d %.1f\n", $1, $2 + $3; next } { print 0, "" }')
  local line; line=$(grep '^baseline:' "$RESULTS/baseline-$label.log" | tail -1)
  B_RECORDS=$(sed -n 's/.*records_read=\([0-9]*\).*/\1/p' <<<"$line")
  B_STEPS=$(sed -n 's/.*\(load_s=[0-9.]*\) \(compute_s=[0-9.]*\) \(write_s=[0-9.]*\).*/\1;\2;\3/p' <<<"$line")
  say "[$label] baseline: $B_S s, ${B_CPU:-?} s CPU, peak RSS $((${B_RSS:-0} / 1024)) MiB ($line)"
}

# gold_check LABEL WAREHOUSE BASELINE_OUT: sets GOLD.
gold_check() {
  local label="$1" wh="$2" out="$3" log="$RESULTS/gold-$1.log"
  say "[$label] gold check: job's gold tables vs the baseline's CSVs"
  set +e
  java $OPENS -Xmx1g -cp "$BENCH_CLASSES:$CP" fr.spplus.bench.GoldCompare --warehouse "$wh" --baseline "$out" \
    >"$log" 2>"$log.err"
  local rc=$?
  set -e
  grep -E '^(gold|    )' "$log" | sed 's/^/    /' >&2 || true
  if [ "$rc" = 0 ]; then
    GOLD=equal
  else
    GOLD="DIFFERENT"; FAILED=1
    [ -s "$log" ] || tail -5 "$log.err" >&2
  fi
}

row() { # scenario records job_s status base_s base_records rss wh gold stages base_steps job_cpu base_cpu base_rss
  local IFS=$'\t'
  echo "$*" >>"$ROWS"
}

# scenario LABEL INPUT WAREHOUSE [baseline INPUT]: job, baseline on the same files, gold check.
scenario() {
  local label="$1" input="$2" wh="$3" base_input="${4:-$2}"
  run_job "$label" "$input" "$wh"
  local wh_bytes; wh_bytes=$(du -sb "$wh" 2>/dev/null | cut -f1 || echo 0)
  run_baseline "$label" "$base_input"
  GOLD=-
  if [ "$J_RC" = 0 ]; then gold_check "$label" "$wh" "$B_OUT"; else GOLD="not checked"; fi
  row "$label" "$J_RECORDS" "$J_S" "$J_STATUS" "$B_S" "$B_RECORDS" "$J_RSS" "$wh_bytes" "$GOLD" "$J_STAGES" "$B_STEPS" \
    "$J_CPU" "$B_CPU" "$B_RSS"
}

START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
START_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
T_START=$(now)

# ------------------------------------------------------------------ scenarios
if [ "$RUN_FULL" = 1 ]; then
  D=$(generate "full-${FULL_EXP}x${FULL_SNAP}" "$FULL_EXP" "$FULL_SNAP")
  rm -rf "$WORK/wh-full"
  scenario "full-build" "$D" "$WORK/wh-full"
  [ "$KEEP" = 1 ] || rm -rf "$WORK/wh-full" "$D"
fi

if [ "$RUN_BACKFILL" = 1 ]; then
  N=$((DAILY_HIST + 1))
  D=$(generate "daily-${DAILY_EXP}x${N}" "$DAILY_EXP" "$N")
  HIST=$(subset "history-$DAILY_HIST" "$D" 1 "$DAILY_HIST")
  rm -rf "$WORK/wh-hist"
  scenario "backfill-$DAILY_HIST" "$HIST" "$WORK/wh-hist"
  BACKFILL_OK=$J_RC
  if [ "$RUN_DAILY" = 1 ]; then
    ALL=$(subset "history-$N" "$D" 1 "$N")
    if [ "$BACKFILL_OK" = 0 ]; then
      # The daily increment: the folder now holds one more file; the job ingests only that one.
      scenario "increment-on-$DAILY_HIST" "$ALL" "$WORK/wh-hist"
    else
      say "increment-on-$DAILY_HIST skipped: the backfill did not finish"
      row "increment-on-$DAILY_HIST" 0 0 "skipped (backfill failed)" 0 0 0 0 "not checked" "" "" "" "" ""
    fi
    # The same increment on a shorter history: the last DAILY_SHORT snapshots, then the same new file.
    FROM=$((DAILY_HIST - DAILY_SHORT + 1))
    SHORT=$(subset "history-$FROM-$DAILY_HIST" "$D" "$FROM" "$DAILY_HIST")
    SHORT_ALL=$(subset "history-$FROM-$N" "$D" "$FROM" "$N")
    rm -rf "$WORK/wh-short"
    run_job "setup-history-$DAILY_SHORT" "$SHORT" "$WORK/wh-short"
    row "setup-history-$DAILY_SHORT" "$J_RECORDS" "$J_S" "$J_STATUS" "" "" "$J_RSS" \
      "$(du -sb "$WORK/wh-short" | cut -f1)" "not checked" "$J_STAGES" "" "$J_CPU" "" ""
    if [ "$J_RC" = 0 ]; then
      scenario "increment-on-$DAILY_SHORT" "$SHORT_ALL" "$WORK/wh-short"
    else
      row "increment-on-$DAILY_SHORT" 0 0 "skipped (setup failed)" 0 0 0 0 "not checked" "" "" "" "" ""
    fi
  fi
  [ "$KEEP" = 1 ] || rm -rf "$WORK/wh-hist" "$WORK/wh-short" "$WORK/inputs" "$D"
fi
FIXED_REPORT="$RESULTS/fixed.md"
: >"$FIXED_REPORT"
if [ "$RUN_FIXED" = 1 ]; then
  # timed LABEL CMD...: wall and CPU seconds of one command (stdin from $TIMED_STDIN or /dev/null);
  # sets T_S, T_CPU; fails the bench when the command fails.
  timed() {
    local label="$1"; shift
    local log="$RESULTS/fixed-$label.log" tf="$RESULTS/fixed-$label.time" t0 rc
    t0=$(now)
    set +e
    if [ -n "$GNU_TIME" ]; then
      "$GNU_TIME" -f '%U %S' -o "$tf" "$@" <"${TIMED_STDIN:-/dev/null}" >"$log" 2>&1; rc=$?
    else
      "$@" <"${TIMED_STDIN:-/dev/null}" >"$log" 2>&1; rc=$?
    fi
    set -e
    T_S=$(secs "$t0" "$(now)")
    T_CPU=$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ { printf "%.1f", $1 + $2 }' "$tf" 2>/dev/null || true)
    say "[fixed] $label: $T_S s (${T_CPU:-?} s CPU), exit $rc, load $(cut -d' ' -f1 /proc/loadavg)"
    [ "$rc" = 0 ] || { tail -5 "$log" >&2; FAILED=1; }
  }
  fixed_row() { # what wall cpu target_s (cpu empty: not measured, as for a difference of two processes)
    local met; met=$(awk -v a="$2" -v t="$4" 'BEGIN { print (t == "" ? "–" : (a <= t ? "met" : "**NOT met**")) }')
    local cpu="${3:+$3 s}"
    echo "| $1 | $2 s | ${cpu:-–} | ${4:+≤ $4 s} | $met |" >>"$FIXED_REPORT"
  }
  export SPPLUS_CACHE="$WORK/cache"
  rm -rf "$SPPLUS_CACHE" "$WORK/wh-sample-1" "$WORK/wh-sample-2"
  SPPLUS=("$ROOT/bin/spplus")
  "${SPPLUS[@]}" --help >/dev/null 2>&1 || true   # builds target/ when the sources changed (not timed)
  QUERY="select count(*) from gold.kpi_by_region"
  {
    echo "### Fixed cost: bin/spplus on the bundled sample ($(nproc) cores, load at start $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "| step | wall | CPU | target | |"
    echo "| --- | ---: | ---: | --- | --- |"
  } >>"$FIXED_REPORT"
  timed sample-first "${SPPLUS[@]}" run --warehouse "$WORK/wh-sample-1"
  fixed_row "sample into an empty warehouse, first process (cold caches; it writes the class-data archive unless SPPLUS_CDS=0)" "$T_S" "$T_CPU" ""
  timed sample "${SPPLUS[@]}" run --warehouse "$WORK/wh-sample-2"
  fixed_row "sample into an empty warehouse" "$T_S" "$T_CPU" 25
  timed nothing-new "${SPPLUS[@]}" run --warehouse "$WORK/wh-sample-2"
  fixed_row "the same run again, nothing new" "$T_S" "$T_CPU" 8
  timed sql-first "${SPPLUS[@]}" sql --warehouse "$WORK/wh-sample-2" "$QUERY"
  fixed_row "\`sql \"$QUERY\"\`, first process (it writes the class-data archive unless SPPLUS_CDS=0)" "$T_S" "$T_CPU" ""
  timed sql "${SPPLUS[@]}" sql --warehouse "$WORK/wh-sample-2" "$QUERY"
  fixed_row "\`sql \"$QUERY\"\`" "$T_S" "$T_CPU" 8
  # The prompt's later queries: one prompt with 1 query, one with 11; the difference / 10.
  PROMPT_QUERIES=(
    "select region_name, experiences from gold.kpi_by_region order by experiences desc limit 5;"
    "select * from gold.kpi_by_typology order by experiences desc limit 5;"
    "select count(*), avg(response_rate) from gold.kpi_by_structure;"
    "select tag, valence, sum(experiences) from gold.tag_frequency_by_region group by tag, valence;"
    "select channel, sum(experiences) from gold.channel_frequency_by_typology group by channel;")
  printf '%s\n' "$QUERY;" >"$WORK/prompt-1.sql"
  { printf '%s\n' "$QUERY;"; for i in 1 2; do printf '%s\n' "${PROMPT_QUERIES[@]}"; done; } >"$WORK/prompt-11.sql"
  TIMED_STDIN="$WORK/prompt-1.sql" timed prompt-1 "${SPPLUS[@]}" sql --warehouse "$WORK/wh-sample-2"
  P1=$T_S
  TIMED_STDIN="$WORK/prompt-11.sql" timed prompt-11 "${SPPLUS[@]}" sql --warehouse "$WORK/wh-sample-2"
  LATER=$(awk -v a="$P1" -v b="$T_S" 'BEGIN { printf "%.2f", (b - a) / 10 }')
  fixed_row "a later query at the prompt, on gold tables (mean of 10: (prompt of 11 − prompt of 1) / 10)" "$LATER" "" 1
  echo >>"$FIXED_REPORT"
  [ "$KEEP" = 1 ] || rm -rf "$WORK/wh-sample-1" "$WORK/wh-sample-2"
fi
SPLIT_REPORT="$RESULTS/split.md"
: >"$SPLIT_REPORT"
if [ "$RUN_SPLIT" = 1 ]; then
  D=$(generate "one-${FULL_EXP}x1" "$FULL_EXP" 1)
  F=$(ls "$D"/*.csv | head -1)
  stage_s() { tr ';' '\n' <<<"$J_STAGES" | sed -n "s/^$1=//p"; }
  rm -rf "$WORK/wh-one-task" "$WORK/wh-ranges"
  run_job "one-file-one-task" "$F" "$WORK/wh-one-task" --conf spark.spplus.bronze.rangeBytes=1000000000000
  ONE_S=$J_S; ONE_BRONZE=$(stage_s bronze); ONE_OK=$J_RC
  run_job "one-file-ranges" "$F" "$WORK/wh-ranges"
  RANGES_S=$J_S; RANGES_BRONZE=$(stage_s bronze); RANGES_OK=$J_RC
  SAME="not compared"
  if [ "$ONE_OK" = 0 ] && [ "$RANGES_OK" = 0 ]; then
    set +e
    java $OPENS -Xmx2g -cp "$BENCH_CLASSES:$CP" fr.spplus.bench.BronzeCompare "$WORK/wh-one-task" "$WORK/wh-ranges" \
      >"$RESULTS/split-compare.csv" 2>"$RESULTS/split-compare.err"
    set -e
    SAME=$(tail -1 "$RESULTS/split-compare.csv")
    case "$SAME" in
      *,*,0,0) SAME="identical ($(cut -d, -f1 <<<"$SAME") rows, every column but run_id and ingested_at)" ;;
      *) SAME="DIFFERENT ($SAME: rows one task, rows ranges, only one task, only ranges)"; FAILED=1 ;;
    esac
  fi
  SPEEDUP=$(awk -v a="$ONE_BRONZE" -v b="$RANGES_BRONZE" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
  {
    echo "### One export of $FULL_EXP experiences ($(du -h "$F" | cut -f1)) into bronze: ranges vs one task"
    echo
    echo "| read | whole run | bronze stage |"
    echo "| --- | ---: | ---: |"
    echo "| one task | $ONE_S s | $ONE_BRONZE s |"
    echo "| ranges of whole records ($(grep -oh 'read as [0-9]* ranges' "$RESULTS/job-one-file-ranges.log"* | head -1 || true)) | $RANGES_S s | $RANGES_BRONZE s |"
    echo
    echo "Bronze stage $SPEEDUP × faster in ranges (target ≥ 1.6 ×); bronze rows: $SAME."
  } >>"$SPLIT_REPORT"
  [ "$KEEP" = 1 ] || rm -rf "$WORK/wh-one-task" "$WORK/wh-ranges" "$D"
fi
END_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
TOTAL_S=$(secs "$T_START" "$(now)")

# ------------------------------------------------------------------ report
REPORT="$RESULTS/report.md"
node "$ROOT/jobs/bench/report.mjs" --rows "$ROWS" --scale "$SCALE" --date "$START_DATE" --rev "$GIT_REV" \
  --load-start "$START_LOAD" --load-end "$END_LOAD" --total-s "$TOTAL_S" --heap "$HEAP" --master "$MASTER" \
  --timeout "$TIMEOUT_MIN" --short "$DAILY_SHORT" --hist "$DAILY_HIST" >"$REPORT"
[ -s "$FIXED_REPORT" ] && { echo; cat "$FIXED_REPORT"; } >>"$REPORT"
[ -s "$SPLIT_REPORT" ] && { echo; cat "$SPLIT_REPORT"; } >>"$REPORT"
cat "$REPORT"
if [ -s "$SPARK_REPORT" ]; then
  echo
  cat "$SPARK_REPORT"
fi
say "logs, event logs, Spark breakdown (spark.md) and plans: $RESULTS"
if [ "$RECORD" = 1 ]; then
  { echo; cat "$REPORT"; } >>"$ROOT/docs/performance.md"
  say "figures appended to docs/performance.md"
fi
if [ "$FAILED" = 1 ]; then
  say "FAILED: a job run failed or its gold differs from the baseline (logs in $RESULTS; rerun with --keep to keep them)"
  exit 1
fi
