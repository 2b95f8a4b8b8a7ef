#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for a given time.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#
# TARGET is `script` (statement parser + interpreter, Session.runScript),
# `npy` (NPYFormat.decode), `csv` (the CSV and GloVe readers) or
# `safetensors` (the safetensors reader and the encoder's config.json). The AttnCore and AttnLang sources are compiled
# with -sanitize=fuzzer,address (assertions kept) into .build-fuzz/, the
# target is linked against them and OpenBLAS, and run in an empty scratch
# folder (a fuzzed `save` writes there) with the seed corpus:
#   script:      sessions/*.attn and Tests/Scripts/**/*.attn
#   npy:         every .npy file under Tests/
#   csv:         Fuzz/seeds/csv/
#   safetensors: Fuzz/seeds/safetensors/ (made by Fuzz/seeds/make_seeds.py)
# New inputs accumulate in .build-fuzz/corpus-TARGET; crashes, leaks and
# timeouts land in .build-fuzz/artifacts-TARGET/. The final statistics
# (-print_final_stats=1) end the log, .build-fuzz/TARGET.log.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 script|npy|csv|safetensors SECONDS [libFuzzer flags...]" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

root=$(cd "$(dirname "$0")/.." && pwd)
build="${FUZZ_BUILD_DIR:-$root/.build-fuzz}"  # FUZZ_BUILD_DIR: another folder, to run targets side by side
mkdir -p "$build"

flags=(-parse-as-library -O -assert-config Debug -sanitize=fuzzer,address -I "$root/Sources/CBLAS" -I "$build")

build_module() {  # NAME: one object and one .swiftmodule from Sources/NAME and its sub-folders
    local name=$1
    local sources=()
    while IFS= read -r file; do sources+=("$file"); done < <(find "$root/Sources/$name" -name '*.swift' | sort)
    swiftc "${flags[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -c "${sources[@]}" -o "$build/$name.o"
}

case "$target" in
    script)
        entry="$root/Fuzz/ScriptFuzzTarget.swift"
        objects=("$build/AttnCore.o" "$build/AttnFigures.o" "$build/AttnLang.o")
        ;;
    npy)
        entry="$root/Fuzz/NPYFuzzTarget.swift"
        objects=("$build/AttnCore.o")
        ;;
    csv)
        entry="$root/Fuzz/CSVFuzzTarget.swift"
        objects=("$build/AttnCore.o")
        ;;
    safetensors)
        entry="$root/Fuzz/SafetensorsFuzzTarget.swift"
        objects=("$build/AttnCore.o")
        ;;
    *)
        echo "unknown target '$target' (script, npy, csv or safetensors)" >&2
        exit 2
        ;;
esac

echo "building AttnCore"
build_module AttnCore
if [[ $target == script ]]; then
    echo "building AttnFigures and AttnLang"
    build_module AttnFigures
    build_module AttnLang
fi
echo "linking fuzz-$target"
swiftc "${flags[@]}" -module-name "Fuzz$target" "$entry" "$root/Fuzz/FuzzInput.swift" "${objects[@]}" \
    -lopenblas -o "$build/fuzz-$target" 2> >(grep -v 'Cannot export local symbol' >&2)

seeds="$build/seeds-$target"
corpus="$build/corpus-$target"
artifacts="$build/artifacts-$target"
scratch="$build/scratch-$target"
rm -rf "$seeds" "$scratch"
mkdir -p "$seeds" "$corpus" "$artifacts" "$scratch"
if [[ $target == script ]]; then
    find "$root/sessions" "$root/Tests/Scripts" -name '*.attn' -exec cp {} "$seeds/" \;
    dictionary=(-dict="$root/Fuzz/attn.dict")
elif [[ $target == csv || $target == safetensors ]]; then
    cp "$root/Fuzz/seeds/$target"/* "$seeds/"
    dictionary=()
else
    # Fixtures share names across folders; number them so none is lost.
    n=0
    while IFS= read -r file; do
        n=$((n + 1))
        cp "$file" "$seeds/$n.npy"
    done < <(find "$root/Tests" -name '*.npy' | sort)
    dictionary=()
fi

echo "running fuzz-$target for $seconds s (log: $build/$target.log)"
cd "$scratch"
# OpenBLAS threads would only add noise on a shared machine.
export OPENBLAS_NUM_THREADS=1
"$build/fuzz-$target" "$corpus" "$seeds" "${dictionary[@]}" \
    -max_total_time="$seconds" -print_final_stats=1 -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" "$@" 2>&1 | tee "$build/$target.log" | grep -E '^(#[0-9]+.*(pulse|DONE|INITED)|==|stat::|INFO: (seed|Running|Loaded)|.*(ERROR|crash|Test unit|SUMMARY))' || true
exit "${PIPESTATUS[0]}"
