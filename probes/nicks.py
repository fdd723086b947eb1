"""Look-alike nicks beside a real one: which does the server accept?  usage: nicks.py"""
from lc import *
PORT = 2614
srv = Server(PORT)
try:
    a = Client(PORT); a.drain(0.3); a.send("/nick alice"); print("alice:", a.drain(0.5)[-1:])
    a2 = Client(PORT); a2.drain(0.3); a2.send("/nick mallory"); a2.drain(0.5)
    b = Client(PORT); b.drain(0.3)
    cands = ["alice\ufe0f", "alice\U000e0100", "a\u034flice", "AL1CE", "a\u13deice", "\u0251lice", "\u03b1lice",
             "alice\u0332", "\uff41lice", "a\u217cice", "alic\u0435", "al\u0131ce", "al\u0456ce", "a\U0001d425ice",
             "\u1d00lice", "alice_", "alice.", "a-lice", "rnallory", "mal1ory", "m\u0430llory", "a\u2010lice",
             "\U000e0061lice", "alice\u3164", "alice\u115f", "a\u200dlice", "a\u200clice", "\u24d0lice", "a\u01c0ice",
             "alic\u212f", "a\u0142ice", "alice\u0301", "\u0430\u04cf\u0456\u0441\u0435", "ali\u0441e"]
    acc = []
    for n in cands:
        b.send("/nick " + n)
        f, _ = b.recv_until(lambda f: f.startswith(b"* you are now known") or f.startswith(b"* error"), 2)
        if f and f.startswith(b"* you are now known"):
            acc.append(ascii(n))
    print("accepted look-alikes of alice/mallory:", acc)
finally:
    srv.stop()
