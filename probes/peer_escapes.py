"""A fake peer (loopback, no secret) speaks as its OWN origin with its real boot (no forgery
of another server's events) and puts escape sequences, bidi controls, over-long fields and
hostile user lists in everything it sends.  A raw client records what reaches it.
usage: peer_escapes.py"""
import sys, time
from lc import *
PORT = 2609
ESC = "\x1b]0;OWNED\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\r\n* server s1 is shutting down\x9b2J\x85\u202e\u2066\U000e0041\u2028"
srv = Server(PORT)
try:
    c = Client(PORT, timeout=5); c.drain(0.3)
    now = int(time.time() * 1000)
    tests = [
        ("SAY text escapes", "EVENT\tpe\t{boot}\t{seq}\t{now}\tSAY\tmallory\thi " + ESC),
        ("ACT text escapes", "EVENT\tpe\t{boot}\t{seq}\t{now}\tACT\tmallory\twaves " + ESC),
        ("LEAVE reason escapes", "EVENT\tpe\t{boot}\t{seq}\t{now}\tLEAVE\tmallory\t" + ESC),
        ("JOIN nick with ESC", "EVENT\tpe\t{boot}\t{seq}\t{now}\tJOIN\tev\x1b[2Jil"),
        ("JOIN nick with bidi", "EVENT\tpe\t{boot}\t{seq}\t{now}\tJOIN\tab\u202ecd"),
        ("JOIN nick *root", "EVENT\tpe\t{boot}\t{seq}\t{now}\tJOIN\t*root"),
        ("JOIN nick 'a b'", "EVENT\tpe\t{boot}\t{seq}\t{now}\tJOIN\ta b"),
        ("JOIN nick 33 chars", "EVENT\tpe\t{boot}\t{seq}\t{now}\tJOIN\t" + "n" * 33),
        ("NICK to fullwidth *", "EVENT\tpe\t{boot}\t{seq}\t{now}\tNICK\tmallory\t\uff0aserver"),
        ("SAY 100 KB", "EVENT\tpe\t{boot}\t{seq}\t{now}\tSAY\tmallory\t" + "z" * 100000),
        ("SAY 64,512 x 3-byte", "EVENT\tpe\t{boot}\t{seq}\t{now}\tSAY\tmallory\t" + "\u20ac" * 21505),
        ("SAY text with TAB", "EVENT\tpe\t{boot}\t{seq}\t{now}\tSAY\tmallory\ta\tb\tc"),
        ("SAY as alice (a local nick?)", "EVENT\tpe\t{boot}\t{seq}\t{now}\tSAY\t{localnick}\tI am your local user"),
        ("seq 0", "EVENT\tpe\t{boot}\t0\t{now}\tSAY\tmallory\tseq zero"),
        ("time negative", "EVENT\tpe\t{boot}\t{seq}\t-99999999999\tSAY\tmallory\ttime neg"),
        ("unknown kind", "EVENT\tpe\t{boot}\t{seq}\t{now}\tBOOM\tx"),
        ("LINKS 300 names", "EVENT\tpe\t{boot}\t{seq}\t{now}\tLINKS\t" + " ".join("l%d" % i for i in range(300))),
        ("JUMP users with ESC", "JUMP\t0\tpe\t{boot}\t{seq}\t1\tok:1 e\x1b]0;x\x07v:2\tp" + str(PORT)),
        ("JUMP origin name ESC", "JUMP\t0\tp\x1b[2Je\t{boot}\t1\t1\tok:1\t"),
        ("JUMP origin 200 KB", "JUMP\t0\t" + "o" * 200000 + "\t{boot}\t1\t1\tok:1\t"),
        ("ORIGIN 70,000 users", "JUMP\t0\tpe\t{boot}\t{seq}\t1\t" + " ".join("u%d:1" % i for i in range(70000)) + "\t"),
        ("JUMP lost huge", "JUMP\t9223372036854775807\tpe\t{boot}\t{seq}\t1\tok:1\t"),
    ]
    seq = 0; boot = None
    for name, tmpl in tests:
        try:
            s, boot = peer_connect(PORT, "pe", boot=boot)
        except Exception as e:
            print("%-28s handshake failed: %s" % (name, e)); time.sleep(1); continue
        seq += 1
        peer_sync(s, "pe", boot, seq=seq - 1, users="mallory:1", links="s%d" % PORT)
        r = PeerReader(s); r.start()
        time.sleep(0.3)
        c.drain(0.2)
        msg = tmpl.replace("{boot}", str(boot)).replace("{seq}", str(seq)).replace("{now}", str(now)).replace(
            "{localnick}", c.welcome.split("you are ")[1].split(";")[0])
        r.send(msg)
        time.sleep(0.8)
        got = c.drain(0.5)
        ctl = [g for g in got if any(b < 0x20 or b == 0x7f for b in g) or b"\xc2\x85" in g or b"\xe2\x80\xae" in g]
        print("%-28s link %s; client got %d frames %s%s" % (name, "CLOSED" if r.closed else "up", len(got),
              [g[:90] for g in got[:2]], " CONTROL/BIDI BYTES: %r" % ctl[0][:120] if ctl else ""))
        s.close(); time.sleep(0.3)
    c2 = Client(PORT, timeout=5); hist = c2.drain(1.0)
    bad = [h for h in hist if any(b < 0x20 for b in h)]
    print("late joiner: %d frames, %d with control bytes, longest %d bytes" % (len(hist), len(bad), max(len(h) for h in hist) if hist else 0))
    c3 = Client(PORT, timeout=5); c3.drain(0.3); c3.send("/who"); f, _ = c3.recv_until(lambda f: b"online" in f)
    print("who:", (f or b"")[:300])
finally:
    srv.stop()
    print("\n".join(l for l in srv.log().splitlines() if "down" in l or "WARN" in l)[-3000:])
