"""Smoke test: a server, an observer pair, a peer handshake."""
import sys, time
from lc import *
srv = Server(2601)
try:
    obs = Observer(2601); obs.start()
    time.sleep(2)
    s, boot = peer_connect(2601, "x1")
    peer_sync(s, "x1", boot)
    r = PeerReader(s); r.start(); time.sleep(1)
    print(r.frames[:5])
    obs.finish(); print(obs.summary()); print(srv.stats())
finally:
    srv.stop(); print(srv.log()[-1500:])
