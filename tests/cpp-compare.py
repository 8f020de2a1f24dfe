#!/usr/bin/env python3
"""The built-in preprocessor against the system cpp.

For every .p4 file under examples/ and tests/ and in ../shared/corpus (when
it is there), runs `p4cc -E --preprocessor=builtin` and `p4cc -E
--preprocessor=system` and compares the tokens of both outputs together with
the file and line each token is attributed to (through the line markers).
Adjacent punctuation is compared as one run (`>>` is not `> >`).

The built-in preprocessor may decline a file (it then says why, and p4cc
falls back on cpp); it must never produce different tokens, and never
succeed where cpp fails. Prints a summary and the declined files' reasons;
exits 1 on any difference.

    BUILD=DIR    build directory holding p4cc (default: build)
    JOBS=N       parallel jobs (default: nproc)
"""
import collections
import glob
import multiprocessing
import os
import re
import subprocess
import sys

BUILD = os.environ.get('BUILD', 'build')
P4CC = os.path.join(BUILD, 'p4cc')
TOKEN = re.compile(r'[A-Za-z_$][A-Za-z0-9_$]*|\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*'
                   r'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[^\sA-Za-z0-9_$"\']+|\S')
MARKER = re.compile(r'^#\s*(\d+)\s+"((?:\\.|[^"\\])*)"')


def tokens(text):
    """(file, line, token) for every token of preprocessed TEXT."""
    out = []
    file, line = '', 1
    for raw in text.split('\n'):
        m = MARKER.match(raw)
        if m:
            line, file = int(m.group(1)), m.group(2)
            continue
        if raw.lstrip().startswith('#pragma'):
            out.append((file, line, ' '.join(raw.split())))
        else:
            for tok in TOKEN.findall(raw):
                out.append((file, line, tok))
        line += 1
    return out


def run(kind, path):
    proc = subprocess.run([P4CC, '-E', '--preprocessor=' + kind, path],
                          capture_output=True, timeout=60)
    return proc.returncode, proc.stdout.decode('utf-8', 'replace'), \
        proc.stderr.decode('utf-8', 'replace')


def compare(path):
    b_status, b_out, b_err = run('builtin', path)
    s_status, s_out, _ = run('system', path)
    if b_status != 0:
        reason = b_err.strip().splitlines()[-1] if b_err.strip() else 'exit %d' % b_status
        reason = re.sub(r'^.*cannot do this: (?:[^:]*:\d+: )?', '', reason)
        reason = re.sub(r" \(--preprocessor=system uses cpp\)$", '', reason)
        return path, 'declined', reason
    if s_status != 0:
        return path, 'differs', 'cpp fails but the built-in preprocessor succeeds'
    b_toks, s_toks = tokens(b_out), tokens(s_out)
    if b_toks == s_toks:
        return path, 'same', ''
    for i, (b, s) in enumerate(zip(b_toks, s_toks)):
        if b != s:
            return path, 'differs', 'token %d: built-in %r, cpp %r' % (i, b, s)
    return path, 'differs', 'built-in has %d tokens, cpp %d' % (len(b_toks), len(s_toks))


def main():
    if not os.access(P4CC, os.X_OK):
        print('cpp-compare: %s not found' % P4CC, file=sys.stderr)
        return 2
    files = sorted(glob.glob('examples/*.p4') + glob.glob('tests/**/*.p4', recursive=True))
    files += sorted(glob.glob('../shared/corpus/**/*.p4', recursive=True))
    jobs = int(os.environ.get('JOBS', os.cpu_count() or 2))
    with multiprocessing.Pool(jobs) as pool:
        results = pool.map(compare, files, chunksize=8)
    counts = collections.Counter(r[1] for r in results)
    reasons = collections.Counter(r[2] for r in results if r[1] == 'declined')
    for path, status, detail in results:
        if status == 'differs':
            print('DIFFERS  %s: %s' % (path, detail))
    print('cpp-compare: %d files: %d same, %d declined (cpp used), %d different'
          % (len(results), counts['same'], counts['declined'], counts['differs']))
    for reason, n in reasons.most_common():
        print('  declined %4d  %s' % (n, reason))
    return 1 if counts['differs'] else 0


if __name__ == '__main__':
    sys.exit(main())
