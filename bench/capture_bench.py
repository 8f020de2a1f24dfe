#!/usr/bin/env python3
"""What p4ctl capture's hooks cost while no capture runs (issue #20).

A program compiled with p4cc --capture carries capture hooks
(include/p4cc/capture.h, docs/RUNTIME.md "Captures"): at its entry and
where it sends a packet, a load of p4cc_capture and a branch. For every
example with a bench/NAME.stf, the program is compiled twice by p4cc, with
--capture and without (the default), and bench/xdp_speed times both
side by side on the STF's packets, as bench/xdp_bench.py times generated
against hand-written programs (median of RUNS runs of R repetitions, less
an empty program's time; each object loaded LOADS times and the figures
averaged over the loads). Prints per case the two times and their
difference, and per example the mean difference and the noise: the
spread of the differences between two loads of the same object without
hooks. Target: the hooks within the noise, under 1 ns per packet.

    BUILD=DIR      build directory (default: build)
    RUNS=N         runs per packet and program (default: 200)
    REPEAT=N       repetitions per run at most (default: 200)
    LOADS=N        loads of each program (default: 4)
    EXAMPLES="A B" only these examples (default: all with a bench/NAME.stf)

Needs root (or CAP_BPF); otherwise says so and exits 0.
bench/trace_bench.py runs the same for the trace hooks (p4cc --trace).
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xdp_bench import case_names, run  # noqa: E402

BUILD = os.environ.get('BUILD', 'build')
RUNS = int(os.environ.get('RUNS', '200'))
REPEAT = int(os.environ.get('REPEAT', '200'))
LOADS = int(os.environ.get('LOADS', '4'))
ONLY = os.environ.get('EXAMPLES', '').split()
XDP_SPEED = os.path.join(BUILD, 'bench', 'xdp_speed')


def compile_both(name, tmp, option):
    """The example with its hooks (p4cc OPTION) and without; (hooked.o, plain.o) or an error."""
    p4 = f'examples/{name}.p4'
    hooked, plain = os.path.join(tmp, f'{name}.o'), os.path.join(tmp, f'{name}.plain.o')
    p4cc = os.path.join(BUILD, 'p4cc')
    for out, extra in ((hooked, [option]), (plain, [])):
        r = run([p4cc, p4, '-o', out] + extra)
        if r.returncode:
            return None, f'p4cc failed: {r.stderr.strip()}'
    return (hooked, plain), None


def bench(name, tmp, option):
    """{line: {object@load: ns}} and the case names, or an error."""
    objs, err = compile_both(name, tmp, option)
    if err:
        return None, err
    hooked, plain = objs
    info = os.path.join(tmp, f'{name}.p4info.json')
    args = [f'{n}@{k}={o}' for k in range(LOADS) for n, o in (('hooks', hooked), ('plain', plain))]
    r = run([XDP_SPEED, '-n', str(RUNS), '-r', str(REPEAT), info, f'bench/{name}.stf'] + args)
    if r.returncode == 77:
        return None, 'skipped: loading BPF programs needs root'
    if r.returncode:
        return None, r.stderr.strip()
    cases, sizes = {}, {}
    for line in r.stdout.splitlines():
        w = line.split()
        if w and w[0] == 'packet':
            cases.setdefault(int(w[1]), {})[w[2]] = float(w[16])  # interpolated median
        elif w and w[0] == 'object':
            sizes[w[1].split('@')[0]] = int(w[3]) // 8
    return (cases, sizes, case_names(f'bench/{name}.stf')), None


def main(option='--capture', what='capture hooks while no capture runs'):
    if not os.access(XDP_SPEED, os.X_OK):
        print(f'{os.path.basename(sys.argv[0])}: {XDP_SPEED} not found; run make bench',
              file=sys.stderr)
        return 2
    names = sorted(os.path.basename(f)[:-len('.stf')] for f in glob.glob('bench/*.stf')
                   if os.path.exists(f'examples/{os.path.basename(f)[:-4]}.p4'))
    names = [n for n in names if not ONLY or n in ONLY]
    print(f'== {what} (p4cc {option}; ns/packet, median of {RUNS} runs of R '
          f'repetitions less an empty program\'s, mean of {LOADS} loads each) ==\n')
    print('| example | case | with hooks ns | without ns | hooks cost ns |')
    print('|---|---|---:|---:|---:|')
    summary, failed, skipped = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            result, err = bench(name, tmp, option)
            if err:
                (skipped if err.startswith('skipped') else failed).append(f'{name}: {err}')
                continue
            cases, sizes, titles = result
            diffs, noise = [], []
            for line in sorted(cases):
                c = cases[line]
                empty = c['empty']
                h = [c[f'hooks@{k}'] - empty for k in range(LOADS)]
                p = [c[f'plain@{k}'] - empty for k in range(LOADS)]
                diffs.append(statistics.mean(h) - statistics.mean(p))
                # Two loads of one object differ by this much: the noise.
                noise.append(statistics.mean(abs(p[k] - p[k - 1]) for k in range(1, LOADS)))
                print(f'| {name} | {titles.get(line, line)} | {statistics.mean(h):.2f} '
                      f'| {statistics.mean(p):.2f} | {diffs[-1]:+.2f} |', flush=True)
            summary.append(f'| {name} | {statistics.mean(diffs):+.2f} | {max(diffs):+.2f} '
                           f'| {statistics.mean(noise):.2f} | {sizes["hooks"]} | {sizes["plain"]} |')
    if summary:
        print('\n| example | hooks cost, mean ns | worst case ns | noise ns (load to load) '
              '| xlated insns with hooks | without |')
        print('|---|---:|---:|---:|---:|---:|')
        print('\n'.join(summary))
        print('\ntarget: within the noise, under 1 ns per packet. The instructions with hooks '
              'include the hooks\' functions (global functions, verified once, which run '
              'only while a capture or trace is on).')
    for f in skipped:
        print(f)
    for f in failed:
        print(f'FAILED {f}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
