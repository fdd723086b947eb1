"""One fake peer (loopback, no secret) announces many origins by JUMP 0, each with up to
65,536 users.  Is the roster bounded?  Does /who still answer others?
usage: peer_roster.py [ORIGINS] [USERS_PER_ORIGIN] [NICKLEN]"""
import sys, time
from lc import *
PORT = 2603
NO = int(sys.argv[1]) if len(sys.argv) > 1 else 200
NU = int(sys.argv[2]) if len(sys.argv) > 2 else 65536
NL = int(sys.argv[3]) if len(sys.argv) > 3 else 32
srv = Server(PORT)
try:
    obs = ObserverProc(PORT); obs.start()
    smp = Sampler(srv); smp.start()
    time.sleep(2)
    s, boot = peer_connect(PORT, "ros")
    links = "ros"
    peer_sync(s, "ros", boot, links="")
    r = PeerReader(s); r.start()
    now = int(time.time() * 1000)
    t0 = time.time()
    sent = 0
    for k in range(NO):
        if not srv.alive() or r.closed or time.time() - t0 > 60:
            break
        users = " ".join(("o%du%d_" % (k, i)).ljust(NL, "x") + ":%d" % now for i in range(NU))
        origin = "o%d" % k
        r.send("JUMP\t0\t%s\t%d\t1\t1\t%s\t%s" % (origin, now, users, "ros"))
        sent += 1
        if k % 10 == 9:
            log("origins=%d users=%d %s" % (k + 1, (k + 1) * NU, srv.stats()))
    time.sleep(3)
    c = Client(PORT, timeout=20); c.drain(0.5)
    t1 = time.time(); c.send("/who")
    f, _ = c.recv_until(lambda f: b"online" in f, timeout=20)
    print("who after flood: %.2fs %s" % (time.time() - t1, (f or b"")[:80]))
    obs.finish(); smp.finish()
    print("origins sent:", sent, "alive:", srv.alive(), "link closed:", r.closed,
          [f[:100] for f in r.frames if f.startswith("REFUSED")][:2])
    print(smp.summary()); print(obs.summary())
finally:
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "rror" in l or "malformed" in l or "refus" in l)[-1500:])
