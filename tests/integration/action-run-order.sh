#!/usr/bin/env bash
# The order in which the fused dispatch of tests/stf/xdp-action-run.p4 runs
# actions and arm guards (emit_action_run.c): guard first where the arm's
# dropping branch makes the action's writes dead (fwd, fwd_else), action
# first where the guard reads what the action writes (set_ttl) or the
# dropping branch may exit first (fwd_exit). Its STF test checks that each
# order behaves; this checks that the faster one is taken where allowed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! "$BUILD/p4cc" -S tests/stf/xdp-action-run.p4 -o "$work/prog.c" 2>"$work/log"; then
    echo "FAIL  tests/stf/xdp-action-run.p4 does not compile"; sed 's/^/    /' "$work/log"
    exit 1
fi
python3 - "$work/prog.c" <<'PY'
import re, sys
# The first statement of each case of the dispatch of table t, by the
# action whose function the case calls.
lines = [l.strip() for l in open(sys.argv[1]) if not l.lstrip().startswith('#line')]
first, case = {}, None
for i, l in enumerate(lines):
    if re.match(r'case \d+: \{$', l):
        case = i
        continue
    m = re.search(r'action_sw_(\w+)\(', l)
    if case is not None and m and m.group(1) not in ('drop', 'to_kernel'):
        first[m.group(1)] = 'action' if i == case + 1 else 'guard'
        case = None
want = {'fwd': 'guard', 'fwd_else': 'guard', 'set_ttl': 'action', 'fwd_exit': 'action'}
failed = 0
for action, order in want.items():
    got = first.get(action, 'missing')
    if got == order:
        print(f'ok    {action}: {order} first')
    else:
        print(f'FAIL  {action}: expected {order} first, the C has {got}')
        failed += 1
print(f'{len(want) - failed} passed, {failed} failed')
sys.exit(1 if failed else 0)
PY
