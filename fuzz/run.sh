#!/usr/bin/env bash
# Builds each fuzz target with libFuzzer and AddressSanitizer, replays the saved inputs, then
# fuzzes each target for a bounded time. Exits non-zero when any target crashes or hangs.
#
#   fuzz/run.sh [SECONDS_PER_TARGET]          default 30; FUZZ_TARGETS="Mustache" picks some
#   fuzz/run.sh 0                             replay the regressions and seeds only (CI)
#
# Builds and scratch files go to $CAREPORTAL_FUZZ_BUILD (default /tmp/careportal-fuzz-build),
# never into the repository; only a crashing input is copied in, to fuzz/regressions/.
set -euo pipefail

seconds=${1:-30}
repo=$(cd "$(dirname "$0")/.." && pwd)
fuzz=$repo/fuzz
build=${CAREPORTAL_FUZZ_BUILD:-/tmp/careportal-fuzz-build}
read -r -a targets <<<"${FUZZ_TARGETS:-FrontMatter Mustache PathDecoding FormData}"

# The Swift runtime's crash backtracer can wait forever under libFuzzer, which prints the
# stack itself. Leaks that are not careportal's are listed in lsan.supp. The content
# target's scratch files go under the build folder.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS=suppressions=$fuzz/lsan.supp:print_suppressions=0
export TMPDIR=$build/tmp
rm -rf "$TMPDIR"
mkdir -p "$TMPDIR"

# fuzz/corpus/front-matter for FrontMatter, and so on.
folder_name() {
    sed -E 's/([a-z])([A-Z])/\1-\2/g' <<<"$1" | tr '[:upper:]' '[:lower:]'
}

# The project files each target is compiled with, in one module with the target's file.
project_sources() {
    case $1 in
    FrontMatter) sources=("$repo"/Sources/Content/*.swift) ;;
    Mustache) sources=("$repo"/Sources/Mustache/*.swift) ;;
    PathDecoding) sources=("$repo/Sources/Server/PathDecoding.swift") ;;
    FormData)
        sources=("$repo/Sources/Server/FormData.swift" "$repo/Sources/Server/PathDecoding.swift")
        ;;
    *) echo "unknown target $1" >&2 && exit 2 ;;
    esac
}

# AddressSanitizer next to libFuzzer when the toolchain links it, else libFuzzer alone.
choose_sanitizers() {
    local probe=$build/probe
    mkdir -p "$probe"
    printf '%s\n' '@_cdecl("LLVMFuzzerTestOneInput")' \
        'public func fuzz(_ s: UnsafeRawPointer, _ n: Int) -> CInt { 0 }' >"$probe/probe.swift"
    if swiftc -sanitize=fuzzer,address -parse-as-library -use-ld=lld \
        "$probe/probe.swift" -o "$probe/probe" >"$probe/log" 2>&1; then
        sanitizers=fuzzer,address
    else
        sanitizers=fuzzer
        echo "note: -sanitize=fuzzer,address does not link here; using fuzzer alone" >&2
    fi
    out=$build/$sanitizers
    mkdir -p "$out/bin" "$out/modules" "$out/logs"
}

flags() {
    echo -swift-version 6 -sanitize="$sanitizers" -parse-as-library -O -use-ld=lld
}

# True when $1 is missing or older than any of the other files.
stale() {
    local output=$1
    shift
    [[ ! -e $output ]] || [[ -n $(find "$@" -newer "$output" -print -quit) ]]
}

# The YAML wrapper is its own module because Content imports it by name.
build_yaml() {
    local yaml=("$repo"/Sources/YAML/*.swift)
    stale "$out/libYAML.a" "${yaml[@]}" "$0" || return 0
    echo "== build YAML module"
    # shellcheck disable=SC2046
    nice swiftc $(flags) -module-name YAML -emit-module \
        -emit-module-path "$out/modules/YAML.swiftmodule" -emit-library -static \
        -I "$repo/Sources/CYAML" "${yaml[@]}" -o "$out/libYAML.a" >"$out/logs/YAML.log" 2>&1 ||
        { cat "$out/logs/YAML.log" && exit 1; }
}

build_target() {
    local target=$1 binary=$out/bin/$1
    project_sources "$target"
    local inputs=("${sources[@]}" "$fuzz/${target}Fuzz.swift" "$fuzz/Check.swift")
    local extra=()
    if [[ $target == FrontMatter ]]; then
        build_yaml
        inputs+=("$out/libYAML.a")
        extra=(-I "$out/modules" -I "$repo/Sources/CYAML" -lyaml)
    fi
    stale "$binary" "${inputs[@]}" "$0" || return 0
    echo "== build $target"
    # shellcheck disable=SC2046
    nice swiftc $(flags) -module-name "${target}Fuzz" "${extra[@]}" "${inputs[@]}" \
        -o "$binary" >"$out/logs/$target.build.log" 2>&1 ||
        { cat "$out/logs/$target.build.log" && exit 1; }
}

# Every saved regression and seed runs once; a failure here means a known bug is back.
replay() {
    local target=$1 binary=$out/bin/$1 log=$out/logs/$1.replay.log
    local files=()
    for file in "$regressions"/* "$corpus"/*; do
        [[ -f $file ]] && files+=("$file")
    done
    [[ ${#files[@]} -gt 0 ]] || return 0
    if ! timeout -k 10 300 nice "$binary" -timeout=10 "${files[@]}" >"$log" 2>&1; then
        echo "FAIL $target: a saved input crashes again (log: $log)"
        grep -m1 -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)' "$log" || true
        grep '^Running: ' "$log" | tail -1 || true
        return 1
    fi
}

# Fuzzes from the seeds; new inputs go to a scratch folder, crashes into regressions/.
explore() {
    local target=$1 binary=$out/bin/$1 log=$out/logs/$1.fuzz.log
    local scratch=$out/corpus/$name artifacts=$out/artifacts/$name
    rm -rf "$scratch" "$artifacts"
    mkdir -p "$scratch" "$artifacts"
    local dict=()
    [[ -f $fuzz/dict/$name.dict ]] && dict=(-dict="$fuzz/dict/$name.dict")
    local status=0
    timeout -k 10 $((seconds + 120)) nice "$binary" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${dict[@]}" "$scratch" "$corpus" >"$log" 2>&1 ||
        status=$?
    summarise "$target" "$log"
    [[ $status -eq 0 ]] && return 0

    echo "FAIL $target (exit $status; log: $log)"
    grep -m1 -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)' "$log" || true
    if compgen -G "$artifacts/*" >/dev/null; then
        mkdir -p "$regressions"
        cp "$artifacts"/* "$regressions"/
        echo "input kept in ${regressions#"$repo"/}: $(cd "$artifacts" && echo *)"
    fi
    return 1
}

# One line per target: executions, speed, edges reached of those instrumented (the target's
# project files and harness; C libraries such as libyaml are not instrumented), features,
# and the size of the corpus at the end.
summarise() {
    local last runs speed edges
    last=$(grep -E '^#[0-9]+' "$2" | tail -1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$2" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$2" | tail -1)
    edges=$(sed -nE 's/^INFO: Loaded 1 modules +\(([0-9]+) inline.*/\1/p' "$2" | head -1)
    local cov ft corp
    cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | cut -d' ' -f2)
    ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | cut -d' ' -f2)
    corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | cut -d' ' -f2)
    printf '%-13s runs %-8s exec/s %-6s cov %-11s ft %-5s corpus %s\n' "$1" "${runs:-?}" \
        "${speed:-?}" "${cov:-?}/${edges:-?}" "${ft:-?}" "${corp:-?}" | tee -a "$summary"
}

choose_sanitizers
summary=$out/summary.txt
: >"$summary"
for target in "${targets[@]}"; do build_target "$target"; done

failed=()
for target in "${targets[@]}"; do
    name=$(folder_name "$target")
    corpus=$fuzz/corpus/$name
    regressions=$fuzz/regressions/$name
    echo "== $target: replay, then fuzz ${seconds}s ($sanitizers)"
    if ! replay "$target"; then
        failed+=("$target")
        continue
    fi
    # 0 seconds: replay only, as the test suite does, so a known bug cannot come back.
    [[ $seconds -eq 0 ]] && continue
    explore "$target" || failed+=("$target")
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzing found problems in: ${failed[*]}"
    exit 1
fi
echo "all targets ran clean"
