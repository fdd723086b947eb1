"""Authenticated (loopback, no secret) fake peers each begin a 16 MiB frame, send nearly all
of it, and hold it open by trickling a byte every few seconds.  Is the sum of in-progress peer
frames bounded?  usage: peer_bigframes.py [PEERS] [MB_PER_PEER]"""
import sys, time, threading
from lc import *
PORT = 2602
N = int(sys.argv[1]) if len(sys.argv) > 1 else 80
MB = int(sys.argv[2]) if len(sys.argv) > 2 else 16
srv = Server(PORT)
socks = []; readers = []
try:
    obs = ObserverProc(PORT); obs.start()
    smp = Sampler(srv); smp.start()
    time.sleep(2)
    body = b"A" * (1 << 20)
    t0 = time.time()
    for i in range(N):
        if not srv.alive():
            break
        try:
            s, boot = peer_connect(PORT, "big%d" % i)
            peer_sync(s, "big%d" % i, boot)
            r = PeerReader(s); r.start()   # answers pings while it can
            total = MB * 1024 * 1024
            s.sendall(str(total).encode().ljust(64))
            for _ in range(MB - 1):
                s.sendall(body)
            socks.append(s); readers.append(r)
        except Exception as e:
            import traceback; traceback.print_exc(); log("peer", i, "failed:", e); break
        if i % 10 == 9:
            log("peers=%d %s alive=%s" % (i + 1, srv.stats(), srv.alive()))
        if time.time() - t0 > 60:
            break
    # hold for 15 s, trickling a byte every 3 s on each
    for _ in range(5):
        if not srv.alive():
            break
        for s in socks:
            try: s.send(b"A")
            except OSError: pass
        time.sleep(3)
        log("holding", srv.stats(), "alive=%s" % srv.alive())
    obs.finish(); smp.finish()
    print("links closed by server:", sum(1 for r in readers if r.closed), [r.closed for r in readers if r.closed][:2], [f[:80] for r in readers for f in r.frames if f.startswith("REFUSED")][:3])
    print("peers started:", len(socks), "server alive:", srv.alive())
    print(smp.summary()); print(obs.summary())
finally:
    for s in socks:
        s.close()
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "rror" in l or "xit" in l)[-2000:])
