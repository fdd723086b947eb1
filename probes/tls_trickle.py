"""TLS server (self-signed keystore): connections that trickle a ClientHello a byte at a time,
and connections that open and say nothing.  Is the whole handshake bounded by --frame-timeout?
Do they hold slots (--max-clients 50)?  The observer here speaks TLS.
usage: tls_trickle.py KEYSTORE PASSWORD_FILE [N]"""
import sys, time, socket, ssl, threading
from lc import *
KS, PW = sys.argv[1], sys.argv[2]; N = int(sys.argv[3]) if len(sys.argv) > 3 else 60
PORT = 2606
srv = Server(PORT, "--tls-keystore", KS, "--tls-password-file", PW, "--frame-timeout", "5", "--max-clients", "50")
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
def hello_bytes():
    """A real ClientHello, captured from a memory BIO."""
    i, o = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(i, o)
    try: obj.do_handshake()
    except ssl.SSLWantReadError: pass
    return o.read()
def tls_client(timeout=5):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    return ctx.wrap_socket(s)
try:
    smp = Sampler(srv); smp.start()
    ch = hello_bytes()
    print("ClientHello is %d bytes" % len(ch))
    socks = []
    for i in range(N):
        s = socket.create_connection(("127.0.0.1", PORT), timeout=5); socks.append(s)
    t0 = time.time()
    # a TLS client that wants in while they trickle
    results = []
    pos = 0
    for k in range(20):
        for s in socks[: N // 2]:
            try: s.send(ch[pos:pos + 1])
            except OSError: pass
        pos += 1
        time.sleep(1)
        open_ = 0
        for s in socks:
            try:
                s.setblocking(False); d = s.recv(4096); open_ += 0 if d == b"" else 1
            except BlockingIOError: open_ += 1
            except OSError: pass
        try:
            t = time.time(); c = tls_client(); c.settimeout(5)
            w = recv_frame(c)[:60]; c.close(); r = "%.0fms %r" % ((time.time() - t) * 1e3, w)
        except Exception as e:
            r = repr(e)[:100]
        log("t=%.0fs trickled %d bytes each; attacker sockets open=%d; newcomer: %s" % (time.time() - t0, pos, open_, r))
    smp.finish(); print(smp.summary())
finally:
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "WARN" in l or "ERROR" in l or "TLS" in l)[-800:])
