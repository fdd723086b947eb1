"""The rate limit counts lines, not bytes: C clients at the default 20 lines/s with 64,000-byte
lines make 1.3 MB/s each.  An ordinary client that reads at R MB/s (a slow link, throttled
here) loses lines and is disconnected.  usage: byte_rate.py [C] [R_MB_PER_S] [SECS]"""
import sys, time, socket, threading
from lc import *
PORT = 2613
C = int(sys.argv[1]) if len(sys.argv) > 1 else 3
R = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
SECS = float(sys.argv[3]) if len(sys.argv) > 3 else 40
srv = Server(PORT)
stop = threading.Event()
def chatter(i):
    c = Client(PORT, wait_welcome=False, timeout=None)
    threading.Thread(target=lambda: c.drain(SECS + 10), daemon=True).start()
    n = 0
    while not stop.is_set():
        n += 1
        try: c.sock.sendall(frame(("c%d-%d " % (i, n)) + "y" * 64000))
        except OSError: return
try:
    s = socket.create_connection(("127.0.0.1", PORT)); s.settimeout(5)
    for i in range(C): threading.Thread(target=chatter, args=(i,), daemon=True).start()
    t0 = time.time(); got = 0; tail = b""; missed = []; reason = "still connected"
    while time.time() - t0 < SECS:
        try:
            d = s.recv(65536)
        except socket.timeout:
            continue
        if not d: reason = "DISCONNECTED by the server"; break
        got += len(d); tail = (tail + d)[-300:]
        for m in re.findall(rb"you missed (\d+) lines", tail): pass
        if b"you missed" in d: missed.append(time.time() - t0)
        if b"not reading fast enough" in tail: reason = "told: not reading fast enough"
        time.sleep(len(d) / (R * 1e6))
    print("C=%d chatters at the default rate, reader at %.1f MB/s: read %.1f MB in %.1fs; 'you missed' notices=%d (first at %s s); %s; last bytes %r" % (
        C, R, got / 1e6, time.time() - t0, len(missed), "%.1f" % missed[0] if missed else "-", reason, tail[-80:]))
finally:
    stop.set(); srv.stop()
