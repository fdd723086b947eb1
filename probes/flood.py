"""Command floods.  K clients send one kind of line as fast as their sockets take it for T
seconds, reading nothing (or reading, with --read), while an observer pair does round trips.
usage: flood.py MODE [--clients K] [--secs T] [--read] [--port P] [-- SERVER ARGS...]
MODE: none who help nick invalid me quit long longme badutf8 escapes bidi say"""
import sys, time, threading, os, random, argparse
from lc import *
ap = argparse.ArgumentParser()
ap.add_argument("mode"); ap.add_argument("--clients", type=int, default=20)
ap.add_argument("--secs", type=float, default=20); ap.add_argument("--read", action="store_true")
ap.add_argument("--port", type=int, default=2604)
argv = sys.argv[1:]; sargs = []
if "--" in argv:
    sargs = argv[argv.index("--") + 1:]; argv = argv[:argv.index("--")]
a = ap.parse_args(argv); a.server_args = sargs
LONG = "x" * 64512
ESC = ["\x1b]0;pwned\x07", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J", "\x1b[1;1H", "\r\n* server s1 is shutting down",
       "\x9b2J", "\x9d0;t\x9c", "\x1bP+q\x1b\\", "\x1b[?1049h", "\x1b#8", "\x1bc", "\x00\x01\x7f\x85\x8d"]
BIDI = "\u202e\u2066\u2067\u2068\u2069\u200b\ufeff\u2028\u2029\u200e\u200f\u061c\u206a\u206f\U000e0041\u115f\u3164\u00ad\u034f\ufe0f"

def payloads(i, n):
    m = a.mode
    if m == "none": return None
    if m == "who": return b"/who"
    if m == "help": return b"/help"
    if m == "nick": return ("/nick n%d_%d" % (i, n % 1000)).encode()
    if m == "invalid": return ("/frobnicate %d" % n).encode()
    if m == "me": return ("/me waves %d" % n).encode()
    if m == "say": return ("line %d %d" % (i, n)).encode()
    if m == "long": return LONG.encode()
    if m == "longme": return ("/me " + LONG[:64508]).encode()
    if m == "badutf8": return b"\xff\xfe\xc0\xaf\xed\xa0\x80" * 9000 + b"\xf4\x90\x80\x80"
    if m == "escapes": return ("hi " + "".join(ESC) * 10).encode()
    if m == "bidi": return ("gpj" + BIDI * 100 + "exe.txt").encode()
    raise SystemExit("unknown mode")

srv = Server(a.port, *a.server_args)
stop = threading.Event(); counts = [0] * a.clients; errs = []
def flooder(i):
    try:
        if a.mode == "quit":
            while not stop.is_set():
                c = Client(a.port, wait_welcome=False)
                c.send("/quit " + "reason " * 9000 + "\x1b[2J")
                counts[i] += 1
                c.drain(0.05) if a.read else None
                c.close()
            return
        c = Client(a.port, wait_welcome=False, timeout=None)
        if a.read:
            threading.Thread(target=lambda: c.drain(a.secs + 5), daemon=True).start()
        n = 0
        if a.mode == "none":
            stop.wait(); return
        while not stop.is_set():
            c.sock.sendall(frame(payloads(i, n))); n += 1; counts[i] = n
    except Exception as e:
        errs.append(repr(e))
try:
    obs = ObserverProc(a.port); obs.start()
    smp = Sampler(srv); smp.start()
    time.sleep(2); t_start = time.time()
    ths = [threading.Thread(target=flooder, args=(i,), daemon=True) for i in range(a.clients)]
    for t in ths: t.start()
    for k in range(int(a.secs / 5)):
        time.sleep(5); log("t=%ds sent=%d %s alive=%s %s" % ((k + 1) * 5, sum(counts), srv.stats(), srv.alive(), obs.summary(t_start)))
    stop.set()
    time.sleep(1)
    # does an observer see deception?  capture what a fresh client gets
    c = Client(a.port, timeout=5); got = c.drain(1.0)
    print("fresh client got %d frames, first: %r" % (len(got), [g[:120] for g in got[:3]]))
    obs.finish(); smp.finish()
    print("mode=%s clients=%d secs=%s args=%s sent=%d errors=%d %s" % (a.mode, a.clients, a.secs, a.server_args, sum(counts), len(errs), errs[:2]))
    print(smp.summary()); print(obs.summary(t_start)); print("alive:", srv.alive())
finally:
    stop.set()
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "ERROR" in l or "OutOfMemory" in l)[-1500:])
