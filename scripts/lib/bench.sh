# Sourced by the benchmark scripts, from the repository's root.
# bench_weir: sets `weir` to WEIR=PATH when given (another build: the release artifact's, an
# earlier one), else builds the release `weir` and sets it to that (an absolute path).
bench_weir() {
  if [[ -n ${WEIR:-} ]]; then
    weir=$WEIR
  else
    swift build -c release --product weir >/dev/null
    weir=$PWD/.build/release/weir
  fi
}

# bench_generated_log FILE: scripts/bench's 1,000,000 generated Combined lines (seed 1) at FILE,
# made when it is missing.
bench_generated_log() {
  [[ -f $1 ]] || "$weir" generate --count 1000000 --start 2026-01-01T00:00:00Z --rate 200 --seed 1 -f "$1"
}
