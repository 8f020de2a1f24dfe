#!/usr/bin/env bash
# The control plane's layers (docs/ARCHITECTURE.md, "libp4rt"):
#   - src/p4rt/ includes only its own files and include/p4rt.h: nothing of
#     src/p4ctl/ (or anything else of the project; the runtime's layouts,
#     <p4cc/tss.h>, are system-style includes this does not check);
#   - src/p4ctl/ and bench/xdp_speed.c include only their own files, the
#     shared utilities directly under src/ and include/p4rt.h: nothing
#     private of libp4rt;
#   - libp4rt.so (when given) exports exactly the functions p4rt.h declares.
#
#   tests/check-layers.sh [ROOT [LIBP4RT_SO]]
#
# Prints each violation as FILE:LINE: ...; exits 1 if there is one.
set -uo pipefail
ROOT=${1:-.}
SO=${2:-}
bad=0

violation() { printf '%s\n' "$*"; bad=1; }

# The quoted includes of FILE, as "LINE NAME" lines.
includes() {
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$1" |
        sed -E 's/^([0-9]+):[^"]*"([^"]*)".*/\1 \2/'
}

for f in "$ROOT"/src/p4rt/*.[ch]; do
    while read -r line name; do
        if [[ $name == p4rt.h ]] || { [[ $name != */* ]] && [[ -f $ROOT/src/p4rt/$name ]]; }; then
            continue
        fi
        violation "${f#"$ROOT"/}:$line: libp4rt includes \"$name\" (only its own files and p4rt.h)"
    done < <(includes "$f")
done

for f in "$ROOT"/src/p4ctl/*.[ch] "$ROOT"/bench/xdp_speed.c; do
    [[ -f $f ]] || continue
    dir=$(dirname "$f")
    while read -r line name; do
        if [[ $name == p4rt.h ]]; then
            continue
        fi
        if [[ $name != */* ]] && { [[ -f $dir/$name ]] || [[ -f $ROOT/src/p4ctl/$name ]] ||
                                   [[ -f $ROOT/src/$name ]]; }; then
            continue
        fi
        violation "${f#"$ROOT"/}:$line: includes \"$name\", which is not p4rt.h, its own or a shared utility of src/"
    done < <(includes "$f")
done

if [[ -n $SO ]]; then
    declared=$(grep -o 'p4rt_[a-z0-9_]*(' "$ROOT/include/p4rt.h" | tr -d '(' | sort -u)
    exported=$(nm -D --defined-only "$SO" | awk '$2 == "T" { print $3 }' | sort -u)
    while read -r sym; do
        [[ -n $sym ]] && violation "$SO exports $sym, which include/p4rt.h does not declare"
    done < <(comm -13 <(echo "$declared") <(echo "$exported"))
    while read -r sym; do
        [[ -n $sym ]] && violation "include/p4rt.h declares $sym, which $SO does not export"
    done < <(comm -23 <(echo "$declared") <(echo "$exported"))
fi
exit $bad
