"""SIGTERM while 30 clients flood long lines and 200 never read: does the server tell clients
and exit within its 2 s promise?  usage: sigterm.py"""
import time, socket, threading, signal
from lc import *
PORT = 2610
srv = Server(PORT)
stop = threading.Event(); socks = []
def flood():
    try:
        c = Client(PORT, wait_welcome=False, timeout=None)
        while not stop.is_set(): c.sock.sendall(frame("q" * 64000))
    except Exception: pass
try:
    for i in range(200):
        socks.append(socket.create_connection(("127.0.0.1", PORT)))
    watcher = Client(PORT, timeout=10); watcher.drain(0.3)
    seen = {}
    def watch():
        watcher.sock.settimeout(None); buf = b""
        while True:
            try: d = watcher.sock.recv(1 << 16)
            except OSError: break
            if not d: seen.setdefault("eof", time.time()); break
            buf = (buf + d)[-200:]
            if b"shutting down" in buf: seen.setdefault("notice", time.time())
    threading.Thread(target=watch, daemon=True).start()
    for i in range(30): threading.Thread(target=flood, daemon=True).start()
    time.sleep(8)
    log("before SIGTERM", srv.stats())
    t = time.time(); srv.proc.send_signal(signal.SIGTERM)
    try: srv.proc.wait(10); t_exit = time.time() - t
    except Exception: t_exit = None
    time.sleep(0.5)
    print("watcher: notice %s, connection closed %s; server exit after %s s, rc=%s" % (
        "after %.2fs" % (seen["notice"] - t) if "notice" in seen else "NEVER",
        "after %.2fs" % (seen["eof"] - t) if "eof" in seen else "no",
        "%.2f" % t_exit if t_exit else "NOT WITHIN 10", srv.proc.returncode))
finally:
    stop.set()
    for s in socks: s.close()
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "ERROR" in l or "Exception" in l)[-800:])
