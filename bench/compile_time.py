#!/usr/bin/env python3
"""Compile speed per program: p4cc's own time from .p4 to .c (`p4cc -S`),
and clang's time from that .c to the BPF object, for every example and
packet-test program (medians over repeated runs). Target (issue #6): p4cc
under 10 ms per example, clang's share reported separately."""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get('BUILD', 'build')
P4CC = os.path.join(BUILD, 'p4cc')
CLANG = os.environ.get('CLANG', 'clang')
RUNS = 15


def median_ms(cmd):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000.0)
        if proc.returncode != 0:
            return None, proc.stderr.decode(errors='replace').splitlines()[:1]
    return statistics.median(times), None


def multiarch():
    out = subprocess.run([CLANG, '-print-multiarch'], capture_output=True, text=True)
    return out.stdout.strip() or 'x86_64-linux-gnu'


def main():
    programs = sorted(glob.glob('examples/*.p4') + glob.glob('tests/stf/*.p4'))
    print(f'== compile time per program (median of {RUNS} runs) ==')
    print(f'  {"program":40} {"p4cc .p4->.c":>13} {"clang .c->.o":>13}')
    include = '/usr/include/' + multiarch()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for p4 in programs:
            c_file = os.path.join(tmp, 'prog.c')
            p4cc_ms, err = median_ms([P4CC, '-S', p4, '-o', c_file])
            if p4cc_ms is None:
                print(f'  {p4:40} does not compile: {err[0] if err else "?"}')
                continue
            clang = [CLANG, '-target', 'bpf', '-O2', '-g', '-w', '-I', include,
                     '-c', c_file, '-o', os.path.join(tmp, 'prog.o')]
            clang_ms, err = median_ms(clang)
            if clang_ms is None:
                # As p4cc does when the per-packet state does not fit the
                # stack (backend-ebpf/compile.c): the state in a map.
                clang_ms, err = median_ms(clang + ['-DP4CC_STATE_ON_STACK=0'])
            clang_text = f'{clang_ms:10.2f} ms' if clang_ms is not None else '   failed'
            print(f'  {p4:40} {p4cc_ms:10.2f} ms {clang_text}')
            worst = max(worst, p4cc_ms)
    print(f'  slowest p4cc run: {worst:.2f} ms (target < 10 ms: {"met" if worst < 10 else "NOT met"})')


if __name__ == '__main__':
    sys.exit(main())
