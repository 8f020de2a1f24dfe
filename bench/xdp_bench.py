#!/usr/bin/env python3
"""Generated versus hand-written XDP programs (issue #6).

For every bench/handwritten/NAME.bpf.c: examples/NAME.p4 compiled by p4cc,
and the hand-written program compiled by clang, are loaded side by side by
bench/xdp_speed (BUILD/bench/xdp_speed), their tables filled by the `add`s
of bench/NAME.stf, and each `packet` of that file timed with
BPF_PROG_TEST_RUN (both programs interleaved; median over RUNS runs of
REPEAT repetitions; the last repetition's verdict and bytes must equal the
first's, and both programs must give the same result). Prints ns/packet,
the ratio generated / hand-written, xlated and JIT-ed sizes and the
verifier's processed-instruction counts.

    BUILD=DIR      build directory (default: build)
    RUNS=N         runs per packet and program (default: 200)
    REPEAT=N       repetitions per run (default: 200)

Why not thousands of runs: with REPEAT > 1 the kernel installs the program
in the XDP dispatcher for the run and removes it afterwards, which costs
some 15 ms of wall-clock time per BPF_PROG_TEST_RUN call (two dispatcher
updates, each waiting for an RCU grace period). 200 runs of 200 repetitions
give stable medians in about 20 s per program; with REPEAT=1 the call is
fast but its duration includes the timer and an indirect call (50-80 ns
here), too much next to programs that take 80-200 ns.
    CLANG=clang    the BPF compiler for the hand-written programs
Needs root (or CAP_BPF); otherwise says so and exits 0.
"""
import glob
import os
import subprocess
import sys
import tempfile

BUILD = os.environ.get('BUILD', 'build')
CLANG = os.environ.get('CLANG', 'clang')
RUNS = int(os.environ.get('RUNS', '200'))
REPEAT = int(os.environ.get('REPEAT', '200'))
XDP_SPEED = os.path.join(BUILD, 'bench', 'xdp_speed')


def case_names(stf):
    """Line number of each `packet` -> the comment just above it."""
    names, comment = {}, ''
    with open(stf) as f:
        for n, line in enumerate(f, 1):
            text = line.strip()
            if text.startswith('#'):
                comment = text.lstrip('# ').split(':')[0].split('(')[0].strip()
            elif text.lower().startswith('packet'):
                names[n] = comment or f'line {n}'
                comment = ''
    return names


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def bench(name, tmp):
    p4, stf = f'examples/{name}.p4', f'bench/{name}.stf'
    gen_o, hand_o = os.path.join(tmp, f'{name}.o'), os.path.join(tmp, f'{name}.hand.o')
    info = os.path.join(tmp, f'{name}.p4info.json')
    r = run([os.path.join(BUILD, 'p4cc'), p4, '-o', gen_o])
    if r.returncode:
        return None, f'p4cc failed: {r.stderr.strip()}'
    arch = run([CLANG, '-print-multiarch']).stdout.strip() or 'x86_64-linux-gnu'
    r = run([CLANG, '-target', 'bpf', '-O2', '-g', '-Wall', '-Werror', f'-I/usr/include/{arch}',
             '-c', f'bench/handwritten/{name}.bpf.c', '-o', hand_o])
    if r.returncode:
        return None, f'clang failed: {r.stderr.strip()}'
    r = run([XDP_SPEED, '-n', str(RUNS), '-r', str(REPEAT), info, stf,
             f'generated={gen_o}', f'handwritten={hand_o}'])
    if r.returncode == 77:
        return None, 'skipped: loading BPF programs needs root'
    if r.returncode:
        return None, r.stderr.strip()
    objects, packets = {}, {}
    for line in r.stdout.splitlines():
        w = line.split()
        if w[0] == 'object':
            objects[w[1]] = dict(xlated=int(w[3]), jited=int(w[5]), insns=int(w[7]))
        elif w[0] == 'packet':
            packets.setdefault(int(w[1]), {})[w[2]] = float(w[4])
    return (objects, packets, case_names(stf)), None


def main():
    if not os.access(XDP_SPEED, os.X_OK):
        print(f'xdp_bench: {XDP_SPEED} not found; run make bench', file=sys.stderr)
        return 2
    names = sorted(os.path.basename(f)[:-len('.bpf.c')]
                   for f in glob.glob('bench/handwritten/*.bpf.c'))
    print(f'== generated vs hand-written XDP (BPF_PROG_TEST_RUN; ns/packet, median of '
          f'{RUNS} runs x {REPEAT} repetitions, interleaved) ==')
    print(f'  {"program":12} {"case":34} {"gen ns":>7} {"hand ns":>7} {"ratio":>6}')
    sizes, worst = [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            result, err = bench(name, tmp)
            if err:
                print(f'  {name:12} {err}')
                continue
            objects, packets, cases = result
            for line in sorted(packets):
                g, h = packets[line]['generated'], packets[line]['handwritten']
                worst = max(worst, g / h)
                print(f'  {name:12} {cases.get(line, line)[:34]:34} {g:7.1f} {h:7.1f} '
                      f'{g / h:6.2f}')
            sizes.append((name, objects['generated'], objects['handwritten']))
    if sizes:
        print(f'\n  {"program":12} {"insns gen/hand":>15} {"ratio":>6} {"xlated bytes":>13} '
              f'{"jited bytes":>12} {"verifier insns":>15}')
        for name, g, h in sizes:
            gi, hi = g['xlated'] // 8, h['xlated'] // 8
            print(f'  {name:12} {gi:>7}/{hi:<7} {gi / hi:6.2f} {g["xlated"]:>6}/{h["xlated"]:<6} '
                  f'{g["jited"]:>5}/{h["jited"]:<6} {g["insns"]:>7}/{h["insns"]:<7}')
        print(f'\n  worst time ratio {worst:.2f} (target 1.10); insns: xlated instructions; '
              f'verifier insns: processed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
