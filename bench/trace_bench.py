#!/usr/bin/env python3
"""What the packet trace hooks cost while no trace runs (issue #20).

A program compiled with p4cc --trace carries trace hooks
(include/p4cc/trace.h, docs/RUNTIME.md "Traces"): at its entry a load of
p4cc_trace.on and a branch, at each parser state and table a test of the
packet's trace number (0 while no trace runs). bench/capture_bench.py's
harness times every example with a bench/NAME.stf compiled with --trace
against the same without, side by side; the environment variables are
capture_bench.py's. Target: within the noise, under 1 ns per packet.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from capture_bench import main  # noqa: E402

if __name__ == '__main__':
    sys.exit(main('--trace', 'trace hooks while no trace runs'))
