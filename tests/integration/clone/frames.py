#!/usr/bin/env python3
"""frames.py IN HEX COUNT OUT...: send COUNT copies of the frame HEX into
interface IN, then print, for each interface OUT, how many frames arrived
and the first 8 bytes of each distinct one, in hex ("h3 1 7a70010102000000").
Waits until nothing has arrived for 0.2 s (2 s at most past the last send)."""
import select
import socket
import sys
import time

ETH_P_ALL = 3
SOL_PACKET, PACKET_IGNORE_OUTGOING = 263, 23

in_if, frame, count, outs = sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
socks = {}
for name in outs:
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
    s.bind((name, 0))
    s.setblocking(False)
    socks[s.fileno()] = (name, s)
seen = {name: [] for name in outs}
got = {name: 0 for name in outs}


def drain(timeout):
    ready, _, _ = select.select(list(socks), [], [], timeout)
    for fd in ready:
        name, s = socks[fd]
        while True:
            try:
                data = s.recv(65536)
            except BlockingIOError:
                break
            got[name] += 1
            head = data[:8].hex()
            if head not in seen[name]:
                seen[name].append(head)
    return bool(ready)


tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
tx.bind((in_if, 0))
for i in range(count):
    tx.send(frame)
    if i % 256 == 255:
        drain(0)
end = time.monotonic() + 2
while time.monotonic() < end and drain(0.2):
    pass
for name in outs:
    print(name, got[name], ' '.join(seen[name]))
