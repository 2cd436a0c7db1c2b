#!/usr/bin/env bash
# Copies seed inputs into fuzz/corpus/<target>/, the git-ignored working corpus of each fuzz target.
# Seeds come from the example flows, the test fixtures and, when it exists, the corpus of real
# exports in ../shared/corpus beside the checkout. Running it again adds files and keeps the
# inputs that the fuzzer found.
set -euo pipefail

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz_dir")
shared_corpus="$root/../shared/corpus"
corpus="$fuzz_dir/corpus"
mkdir -p "$corpus"/{load_validate,attribute_path,scenario,profile_fixture,run_flow}

sources=("$root/flows" "$root/tests/fixtures" "$root/crates")
[[ -d "$shared_corpus" ]] && sources+=("$shared_corpus")

# Each seed is named by its content hash, so copying twice adds nothing.
seed() {
    local target=$1 file=$2
    cp "$file" "$corpus/$target/$(sha1sum "$file" | cut -c1-16)"
}

json_files() {
    find "${sources[@]}" -type f \( -name '*.json' -o -name '*.ndjson' \) -not -path '*/target/*' \
        -size -1024k
}

while IFS= read -r file; do
    case "$file" in
        *.scenario.json) seed scenario "$file" ;;
        *.ndjson | */profiles*.json) seed profile_fixture "$file" ;;
        *) seed load_validate "$file" ;;
    esac
done < <(json_files)

# Attribute paths: every distinct `$.` reference in the seeds, one per file.
json_files | xargs cat | grep -oE '\$\.[]A-Za-z0-9_.$"'"'"'[-]+' | sort -u | head -2000 |
    while IFS= read -r reference; do
        printf '%s' "$reference" > "$corpus/attribute_path/$(printf '%s' "$reference" | sha1sum | cut -c1-16)"
    done

# Flow runs: each example flow joined by a NUL byte to each scenario of its folder.
for flow_dir in "$root"/flows/*/; do
    for scenario in "$flow_dir"scenarios/*.scenario.json; do
        [[ -f "$scenario" ]] || continue
        for flow in "$flow_dir"*.json; do
            [[ "$(basename "$flow")" == flowsim.resources.json ]] && continue
            out="$corpus/run_flow/$(cat "$flow" "$scenario" | sha1sum | cut -c1-16)"
            { cat "$flow"; printf '\0'; cat "$scenario"; } > "$out"
        done
    done
done
for fixture in "$root"/tests/fixtures/*.json; do
    out="$corpus/run_flow/$(sha1sum "$fixture" | cut -c1-16)"
    { cat "$fixture"; printf '\0{}'; } > "$out"
done

for target in "$corpus"/*/; do
    echo "$(basename "$target"): $(find "$target" -type f | wc -l) seeds"
done
