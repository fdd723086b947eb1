"""Handshake abuse from loopback: wrong versions, bad names, many half-finished handshakes
(HELLO only; HELLO+PROOF never sent), oversized handshake frames, a peer that repeats READY.
Watches memory, threads and the observer.  usage: peer_handshake.py [N]"""
import sys, time, socket, os
from lc import *
PORT = 2607; N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
srv = Server(PORT)
def one(payload, read=True):
    s = socket.socket(); s.settimeout(3); s.connect(("127.0.0.1", PORT))
    s.sendall(payload if isinstance(payload, bytes) else frame(payload))
    out = []
    if read:
        try:
            for _ in range(3): out.append(recv_frame(s).decode("utf-8", "replace")[:140])
        except Exception as e: out.append(type(e).__name__)
    s.close(); return out
nonce = lambda: os.urandom(16).hex()
now = lambda: int(time.time() * 1000)
try:
    obs = ObserverProc(PORT); obs.start(); smp = Sampler(srv); smp.start(); time.sleep(1)
    cases = {
        "version 2": "LINKCHAT-HELLO\t2\tv2\t%d\t%s" % (now(), nonce()),
        "version -1": "LINKCHAT-HELLO\t-1\tv2\t%d\t%s" % (now(), nonce()),
        "version 99999999999999999999": "LINKCHAT-HELLO\t99999999999999999999\tv2\t%d\t%s" % (now(), nonce()),
        "name with ESC": "LINKCHAT-HELLO\t1\tev\x1b]0;x\x07il\t%d\t%s" % (now(), nonce()),
        "name 65 chars": "LINKCHAT-HELLO\t1\t%s\t%d\t%s" % ("a" * 65, now(), nonce()),
        "own name": "LINKCHAT-HELLO\t1\ts%d\t%d\t%s" % (PORT, now(), nonce()),
        "boot negative": "LINKCHAT-HELLO\t1\tnb\t-5\t%s" % nonce(),
        "nonce 3000 chars": "LINKCHAT-HELLO\t1\tnn\t%d\t%s" % (now(), "a" * 3000),
        "hello only, no fields": "LINKCHAT-HELLO\t",
        "hello 60 KB": "LINKCHAT-HELLO\t1\tbig\t%d\t%s" % (now(), "a" * 60000),
    }
    for k, v in cases.items():
        print("%-28s -> %s" % (k, one(v)))
    # PROOF frame that announces 16 MiB (handshake frames are capped?)
    s = socket.socket(); s.settimeout(3); s.connect(("127.0.0.1", PORT))
    s.sendall(frame("LINKCHAT-HELLO\t1\tbp\t%d\t%s" % (now(), nonce()))); recv_frame(s)
    s.sendall(b"16777216".ljust(64))
    try: print("%-28s -> %s" % ("PROOF header 16 MiB", recv_frame(s)[:120]))
    except Exception as e: print("PROOF header 16 MiB -> ", type(e).__name__)
    s.close()
    # many half-finished handshakes
    t0 = time.time(); half = []
    for i in range(N):
        s = socket.socket(); s.settimeout(3); s.connect(("127.0.0.1", PORT))
        s.sendall(frame("LINKCHAT-HELLO\t1\th%d\t%d\t%s" % (i, now(), nonce()))); half.append(s)
    log("%d half handshakes open in %.1fs: %s %s" % (N, time.time() - t0, srv.stats(), obs.summary(t0)))
    time.sleep(7)
    closed = 0
    for s in half:
        try:
            s.setblocking(False)
            while True:
                d = s.recv(65536)
                if not d: closed += 1; break
        except BlockingIOError: pass
        except OSError: closed += 1
    log("after 7 s: %d of %d closed by the server; %s" % (closed, N, srv.stats()))
    for s in half: s.close()
    # repeated READY / CHALLENGE after READY, unknown verbs on a live link
    s, boot = peer_connect(PORT, "rr"); peer_sync(s, "rr", boot); r = PeerReader(s); r.start()
    for m in ["READY", "CHALLENGE\trr\t1\tab\t", "HELLO", "EVENT", "PING\t" + "9" * 5000, "PONG\tx", "WANT\tnosuch", "WANT\t" + "s%d" % PORT]:
        try: r.send(m)
        except OSError as e: print("send failed", e); break
        time.sleep(0.3)
        if r.closed: print("link closed after %r: %s" % (m[:30], [f[:100] for f in r.frames if f.startswith("REFUSED")])); break
    print("live-link frames:", [f[:100] for f in r.frames if not f.startswith(("EVENT", "ORIGIN", "SYNCED", "JUMP"))][:6])
    obs.finish(); smp.finish(); print(smp.summary()); print(obs.summary())
finally:
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "ERROR" in l)[-800:])
