#!/usr/bin/env python3
"""Compile cost against program size: generated programs with one long
expression (1k, 4k and 16k terms; several shapes) or a table of 1k, 4k and
16k const entries, compiled with `p4cc -S` (to C, no clang). Prints p4cc's
CPU time (median of RUNS) and peak resident memory for each size, and how
each grows per doubling of the size above the same program with 1 term
(2.0 is linear, 4.0 quadratic). Target (issue #16): linear, and a 4k-term
expression in well under a second and 100 MB."""
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get('BUILD', 'build')
P4CC = os.path.join(BUILD, 'p4cc')
RUNS = 5
SIZES = [1000, 4000, 16000]

HEAD = '''#include <core.p4>
#include <xdp_model.p4>
header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header h_t { bit<8> a; bit<32> x; bit<128> w; }
struct headers_t { eth_t eth; h_t h; }
parser prs(packet_in pkt, out headers_t hdr) {
    state start { pkt.extract(hdr.eth); pkt.extract(hdr.h); transition accept; }
}
control dep(in headers_t hdr, packet_out pkt) { apply { pkt.emit(hdr.eth); pkt.emit(hdr.h); } }
bit<32> f(in bit<32> a, in bit<32> b) { return a ^ b; }
'''


def program(apply, decls=''):
    return (HEAD + 'control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {\n' +
            decls + '    apply {\n        xout.output_action = xdp_action.XDP_PASS;\n' +
            '        xout.output_port = 0;\n        bit<32> x = hdr.h.x;\n        bit<128> w = hdr.h.w;\n' +
            apply + '        hdr.h.x = x;\n        hdr.h.w = w;\n    }\n}\nxdp(prs(), sw(), dep()) main;\n')


def chain(n, ops, term='x'):
    parts = [term]
    for i in range(1, n):
        parts += [ops[i % len(ops)], term]
    return ' '.join(parts)


def nested(n, depth=8):
    """Groups of DEPTH right-nested parentheses, the groups added up."""
    ops = ['+', '-', '^', '|+|']
    groups = []
    while n > 0:
        k = min(depth, n)
        groups.append(''.join(f'(x {ops[i % len(ops)]} ' for i in range(k - 1)) + 'x' + ')' * (k - 1))
        n -= k
    return ' + '.join(groups)


def entries(n):
    rows = ''.join(f'            {i} : set({i & 0xff});\n' for i in range(n))
    return program('        t.apply();\n',
                   '    action set(bit<8> v) { hdr.h.a = v; }\n'
                   '    table t {\n        key = { hdr.h.x : exact; }\n'
                   '        actions = { set; NoAction; }\n        default_action = NoAction();\n'
                   '        const entries = {\n' + rows + '        }\n    }\n')


KINDS = [
    ('sum', 'x + x + ... + x',
     lambda n: program(f'        x = {chain(n, ["+"])};\n')),
    ('mixed', '+ ^ - & * | |+| in turn',
     lambda n: program(f'        x = {chain(n, ["+", "^", "-", "&", "*", "|", "|+|"])};\n')),
    ('nested', 'groups of 8 nested (..)',
     lambda n: program(f'        x = {nested(n)};\n')),
    ('wide', 'bit<128> w + w + ...',
     lambda n: program(f'        w = {chain(n, ["+"], "w")};\n')),
    ('condition', 'if (x == 0 || x == 1 ...)',
     lambda n: program('        if (' + ' || '.join(f'x == {i}' for i in range(n)) +
                       ') { hdr.h.a = 1; }\n')),
    ('call arg', 'f(x + ... + x, x)',
     lambda n: program(f'        x = f({chain(n, ["+"])}, x);\n')),
    ('entries', 'const entries, exact key', entries),
]


def measure(path, tmp):
    """Median CPU time (user + system) in ms and the largest peak RSS in MB
    of RUNS runs of p4cc -S on PATH. CPU time, because wall time on a
    shared machine varies more than the differences measured here. The RSS
    comes from GNU time: a child of this script would start with the peak
    of the Python process it was forked from, which exec keeps."""
    times, rss = [], None
    report = os.path.join(tmp, 'rss')
    timer = ['/usr/bin/time', '-f', '%M', '-o', report] if os.path.exists('/usr/bin/time') else []
    for _ in range(RUNS):
        proc = subprocess.Popen(timer + [P4CC, '-S', path, '-o', os.devnull],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        times.append((usage.ru_utime + usage.ru_stime) * 1000.0)
        if proc.returncode != 0:
            first = err.decode(errors='replace').splitlines()[:1]
            sys.exit(f'bench: p4cc -S {path} failed ({proc.returncode}): {first}')
        if timer:
            with open(report) as fh:
                rss = max(rss or 0, int(fh.read().split()[-1]) / 1024.0)
    return statistics.median(times), rss


def per_doubling(value, prev, base, ratio):
    """Growth of VALUE over PREV, above BASE, per doubling of the size
    (the sizes differ by RATIO)."""
    if value is None or prev is None or value - base <= 0 or prev - base <= 0:
        return '   -'
    return f'{math.pow((value - base) / (prev - base), 1 / math.log2(ratio)):4.2f}'


def mb_text(mb):
    return f'{mb:5.1f} MB' if mb is not None else '     n/a'


def main():
    print(f'== compile cost by program size (p4cc -S; CPU time: median of {RUNS} runs; peak RSS) ==')
    print(f'  growth: per doubling of the size from {SIZES[-2]} to {SIZES[-1]}, above the program of '
          f'size 1; 2.0 is linear, 4.0 quadratic')
    if not os.path.exists('/usr/bin/time'):
        print('  (no /usr/bin/time: peak RSS not measured)')
    head = ''.join(f' {"size " + str(n):>18}' for n in [1] + SIZES)
    print(f'  {"program":10}{head}  growth: time  RSS')
    with tempfile.TemporaryDirectory() as tmp:
        for name, what, make in KINDS:
            path = os.path.join(tmp, 'prog.p4')
            results = []
            for size in [1] + SIZES:
                with open(path, 'w') as fh:
                    fh.write(make(size))
                results.append(measure(path, tmp))
            cells = ''.join(f' {ms:6.1f} ms {mb_text(mb)}' for ms, mb in results)
            ratio = SIZES[-1] / SIZES[-2]
            g_ms = per_doubling(results[-1][0], results[-2][0], results[0][0], ratio)
            g_mb = per_doubling(results[-1][1], results[-2][1], results[0][1], ratio)
            print(f'  {name:10}{cells}        {g_ms}  {g_mb}  {what}')


if __name__ == '__main__':
    sys.exit(main())
