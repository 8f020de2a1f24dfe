#!/usr/bin/env python3
"""Front-end speed: wall time of `p4cc --parse-only` and `p4cc -fsyntax-only`
(preprocessing included) on the largest corpus program, and over the whole
corpus.

Prints medians over repeated runs; the preprocessor alone (`p4cc -E`) is shown
too, so the front end's own share is visible. Targets: parsing under 30 ms
(issue #2) and checking under 50 ms (issue #3) for switch_p4_16.p4 on a
2-core machine."""
import os
import resource
import statistics
import subprocess
import sys
import time

BUILD = os.environ.get('BUILD', 'build')
P4CC = os.path.join(BUILD, 'p4cc')
CORPUS = os.path.join('..', 'shared', 'corpus')
LARGEST = os.path.join(CORPUS, 'p4c', 'p4_16_samples', 'switch_p4_16.p4')


def child_cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000.0


def wall(cmd, runs):
    """Median and minimum wall time of CMD in milliseconds, and the median
    CPU time (user + system, the preprocessor included), which a busy
    machine disturbs much less than wall time."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), child_cpu_ms()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000.0)
        cpu.append(child_cpu_ms() - start_cpu)
        if proc.returncode != 0:
            sys.exit(f'bench: {" ".join(cmd)} failed with status {proc.returncode}')
    wall.cpu = statistics.median(cpu)
    return statistics.median(times), min(times)


def corpus_programs():
    root = os.path.join(CORPUS, 'p4c', 'p4_16_samples')
    out = []
    for dirpath, _, files in os.walk(root):
        out += [os.path.join(dirpath, f) for f in files if f.endswith('.p4')]
    return sorted(out)


def main():
    if not os.path.exists(LARGEST):
        print(f'bench: {LARGEST} not found; parse benchmark skipped')
        return
    with open(LARGEST, errors='replace') as fh:
        lines = sum(1 for _ in fh)
    runs = 50
    print(f'== front end: {os.path.basename(LARGEST)} ({lines} lines), median of {runs} runs ==')
    pre_med, pre_min = wall([P4CC, '-E', '-o', os.devnull, LARGEST], runs)
    par_med, par_min = wall([P4CC, '--parse-only', LARGEST], runs)
    print(f'  preprocess only (p4cc -E)          {pre_med:7.2f} ms  (min {pre_min:.2f}, '
          f'cpu {wall.cpu:.2f})')
    print(f'  preprocess + parse (--parse-only)  {par_med:7.2f} ms  (min {par_min:.2f}, '
          f'cpu {wall.cpu:.2f})   target < 30 ms: {"met" if par_med < 30 else "NOT met"}')
    chk_med, chk_min = wall([P4CC, '-fsyntax-only', LARGEST], runs)
    print(f'  ... + semantic analysis            {chk_med:7.2f} ms  (min {chk_min:.2f}, '
          f'cpu {wall.cpu:.2f})   target < 50 ms: {"met" if chk_med < 50 else "NOT met"}')

    programs = [p for p in corpus_programs()
                if subprocess.run([P4CC, '--parse-only', p], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL).returncode == 0]
    rounds = 3
    print(f'== front end: whole corpus ({len(programs)} programs, one process each, '
          f'median of {rounds} rounds) ==')
    for flag in ('--parse-only', '-fsyntax-only'):
        totals = []
        for _ in range(rounds):
            start = time.perf_counter()
            for p in programs:
                subprocess.run([P4CC, flag, p], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            totals.append(time.perf_counter() - start)
        total = statistics.median(totals)
        print(f'  {flag:14} total {total:.2f} s, {1000.0 * total / len(programs):.2f} ms per program')


if __name__ == '__main__':
    main()
