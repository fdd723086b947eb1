"""Which invisible or format characters survive in chat text from a client, and is space
padding kept (a wrapped tail can look like a notice)?  usage: chars.py"""
from lc import *
PORT = 2611
srv = Server(PORT)
try:
    a = Client(PORT); b = Client(PORT); a.drain(0.3); b.drain(0.3)
    chars = {"TAG A U+E0041": "\U000e0041", "HANGUL FILLER U+115F": "\u115f", "U+3164": "\u3164", "SOFT HYPHEN": "\u00ad",
             "CGJ U+034F": "\u034f", "VS16 U+FE0F": "\ufe0f", "U+206A": "\u206a", "U+206F": "\u206f", "U+FFF9": "\ufff9",
             "U+1D173 musical format": "\U0001d173", "ZWJ": "\u200d", "U+2800 braille blank": "\u2800", "U+FFFC": "\ufffc",
             "RLO U+202E": "\u202e", "ZWSP U+200B": "\u200b", "ESC[2J": "\x1b[2J"}
    for k, ch in chars.items():
        a.send("x" + ch + "y")
        f, _ = b.recv_until(lambda f: f.startswith(b"guest"), 2)
        print("%-24s %s" % (k, "PASSES" if f and ch.encode() in f else "stripped"))
    a.send("/me " + "pad" + " " * 200 + "* server s%d is shutting down" % PORT)
    f, _ = b.recv_until(lambda f: f.startswith(b"guest"), 2); print("spaces kept in the padded action:", f.count(b" ") if f else None)
finally:
    srv.stop()
