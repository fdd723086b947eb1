"""Connection-slot exhaustion with --max-clients small.
usage: slots.py MODE [N]
 idle       N idle connections from 127.0.0.1
 many       N idle connections spread over 127.0.1.x (one per address)
 header     N connections that send a header announcing 65,536 bytes, then nothing
 trickle    N connections that trickle a frame 1 byte/s
 hello      N connections that send LINKCHAT-HELLO and stop (half-finished handshakes)
 links      N completed fake peer links (x0..xN)
Then a newcomer from 127.0.0.1 and one from 127.0.9.9 try to join; we time how long the
slots stay taken."""
import sys, time, socket, os
from lc import *
MODE = sys.argv[1]; N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
PORT = 2605
extra = sys.argv[3:]
srv = Server(PORT, "--max-clients", "200", *extra)
held = []
def newcomer(src):
    t = time.time()
    try:
        c = Client(PORT, src=src, timeout=3)
        w = c.welcome; c.close()
        return "%.0fms %r" % ((time.time() - t) * 1e3, w[:90])
    except Exception as e:
        return "%.0fms %r" % ((time.time() - t) * 1e3, e)
try:
    obs = ObserverProc(PORT); obs.start()
    smp = Sampler(srv); smp.start()
    time.sleep(1)
    t0 = time.time()
    for i in range(N):
        src = "127.0.1.%d" % (i % 250 + 1) if MODE == "many" else "127.0.0.1"
        s = socket.socket(); s.settimeout(5)
        try:
            s.bind((src, 0)); s.connect(("127.0.0.1", PORT))
            if MODE == "header":
                s.sendall(b"65536".ljust(64))
            elif MODE == "trickle":
                s.sendall(b"1")
            elif MODE == "hello":
                s.sendall(frame("LINKCHAT-HELLO\t1\th%d\t%d\t%s" % (i, int(time.time()*1000), os.urandom(16).hex())))
            elif MODE == "links":
                s.close()
                s, boot = peer_connect(PORT, "x%d" % i); peer_sync(s, "x%d" % i, boot)
                r = PeerReader(s); r.start()
            held.append(s)
        except Exception as e:
            log("conn", i, "failed", e); break
    log("opened %d in %.1fs %s" % (len(held), time.time() - t0, srv.stats()))
    time.sleep(1)
    print("newcomer 127.0.0.1:", newcomer("127.0.0.1"))
    print("newcomer 127.0.9.9:", newcomer("127.0.9.9"))
    # how long do the slots stay taken?
    for k in range(int(os.environ.get("ROUNDS", "14"))):
        if MODE == "trickle":
            for s in held:
                try: s.send(b" ")
                except OSError: pass
        time.sleep(2.5)
        alive = 0
        for s in held:
            try:
                s.setblocking(False)
                d = s.recv(65536)
                alive += 0 if d == b"" else 1
            except BlockingIOError:
                alive += 1
            except OSError:
                pass
        log("t=%.0fs attacker sockets still open=%d newcomer: %s" % (time.time() - t0, alive, newcomer("127.0.9.9")))
    obs.finish(); smp.finish()
    print(smp.summary()); print(obs.summary())
finally:
    for s in held: s.close()
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "ERROR" in l)[-800:])
