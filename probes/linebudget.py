"""The shared 32 MiB budget for long lines being read: N connections each send a header
announcing 65,536 bytes and 65,000 of them, then stall (they are closed after the frame
timeout, and could reconnect).  Meanwhile an ordinary client sends a 20 KB line: how long
until another client gets it?  usage: linebudget.py [N] [FRAME_TIMEOUT] [ATTACKER_ADDRESS]
(the attacker's source address, e.g. 127.0.0.9; by default the victims' own, 127.0.0.1)"""
import sys, time, socket, threading
from lc import *
PORT = 2612; N = int(sys.argv[1]) if len(sys.argv) > 1 else 700
FT = sys.argv[2] if len(sys.argv) > 2 else "30"
FROM = sys.argv[3] if len(sys.argv) > 3 else None
srv = Server(PORT, "--frame-timeout", FT)
held = []
try:
    a = Client(PORT, timeout=60); b = Client(PORT, timeout=60); a.drain(0.3); b.drain(0.3)
    def probe(tag):
        t = time.time(); a.send(tag + " " + "w" * 20000)
        f, _ = b.recv_until(lambda f: tag.encode() in f, timeout=40)
        return "%.2fs" % (time.time() - t) if f else "NOT DELIVERED in 40 s"
    print("long line before attack:", probe("before"))
    t0 = time.time()
    for i in range(N):
        s = socket.socket(); s.settimeout(5)
        if FROM:
            s.bind((FROM, 0))
        s.connect(("127.0.0.1", PORT))
        s.sendall(b"65536".ljust(64) + b"h" * 65000); held.append(s)
    log("%d stalled long frames in %.1fs %s" % (N, time.time() - t0, srv.stats()))
    time.sleep(1)
    c = Client(PORT, timeout=5); c.drain(0.2)
    t = time.time(); c.send("short line"); f, _ = b.recv_until(lambda f: b"short line" in f, 10)
    print("short line during attack: %s" % ("%.2fs" % (time.time() - t) if f else "NOT DELIVERED"))
    print("long line during attack (from a client that joined before):", probe("during"))
    print("elapsed since attack start %.1fs" % (time.time() - t0), srv.stats())
finally:
    for s in held: s.close()
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "ERROR" in l)[-600:])
