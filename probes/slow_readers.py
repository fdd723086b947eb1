"""Clients that read very slowly (1 byte/s, small receive buffer) or never, while others chat
with long lines at the default rate.  usage: slow_readers.py [SLOW] [NEVER] [CHATTERS] [SECS] [SIZE]"""
import sys, time, socket, threading
from lc import *
PORT = 2608
SLOW = int(sys.argv[1]) if len(sys.argv) > 1 else 20
NEVER = int(sys.argv[2]) if len(sys.argv) > 2 else 300
CHAT = int(sys.argv[3]) if len(sys.argv) > 3 else 10
SECS = float(sys.argv[4]) if len(sys.argv) > 4 else 40
SIZE = int(sys.argv[5]) if len(sys.argv) > 5 else 60000
srv = Server(PORT, *sys.argv[6:])
stop = threading.Event(); socks = []
def slow(s):
    while not stop.is_set():
        try:
            if not s.recv(1): return
        except OSError: return
        time.sleep(1)
def chatter(i):
    c = Client(PORT, wait_welcome=False, timeout=None)
    threading.Thread(target=lambda: c.drain(SECS + 10), daemon=True).start()
    n = 0
    while not stop.is_set():
        n += 1
        try: c.sock.sendall(frame(("c%d-%d " % (i, n)) + "y" * SIZE))
        except OSError: return
try:
    obs = ObserverProc(PORT); obs.start(); smp = Sampler(srv); smp.start()
    for i in range(SLOW + NEVER):
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", PORT)); socks.append(s)
        if i < SLOW: threading.Thread(target=slow, args=(s,), daemon=True).start()
    time.sleep(1); t0 = time.time()
    for i in range(CHAT): threading.Thread(target=chatter, args=(i,), daemon=True).start()
    for k in range(int(SECS / 5)):
        time.sleep(5); log("t=%ds %s %s" % ((k + 1) * 5, srv.stats(), obs.summary(t0)))
    stop.set()
    closed = 0
    for s in socks:
        try:
            s.setblocking(False); s.recv(1)
        except BlockingIOError: pass
        except OSError: closed += 1
    obs.finish(); smp.finish()
    print("slow=%d never=%d chatters=%d size=%d secs=%s" % (SLOW, NEVER, CHAT, SIZE, SECS))
    print(smp.summary()); print(obs.summary(t0)); print("alive:", srv.alive())
finally:
    stop.set()
    for s in socks: s.close()
    srv.stop()
    lg = srv.log()
    print("overflow disconnects in log:", lg.count("not reading"), "\n".join(l for l in lg.splitlines() if "WARN" in l or "ERROR" in l)[-800:])
