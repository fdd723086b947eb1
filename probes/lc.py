"""Shared helpers for the linkchat probes (standard library only).

Frames: 64-byte ASCII header with the payload length, then the UTF-8 payload.
"""
import os, socket, subprocess, sys, threading, time, statistics, re, signal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, "target", "image", "bin", "linkchat")
HDR = 64


def frame(payload):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return str(len(payload)).encode().ljust(HDR, b" ") + payload


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return bytes(buf)


def recv_frame(sock):
    h = recv_exact(sock, HDR)
    n = int(h.decode("ascii").strip())
    return recv_exact(sock, n)


class Client:
    def __init__(self, port, host="127.0.0.1", src=None, timeout=5.0, wait_welcome=True):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        if src:
            self.sock.bind((src, 0))
        self.sock.connect((host, port))
        self.buf = bytearray()
        self.welcome = None
        if wait_welcome:
            self.welcome = self.recv().decode("utf-8", "replace")

    def send(self, payload):
        self.sock.sendall(frame(payload))

    def _fill(self, n):
        # buffered: a timeout in the middle of a frame keeps what was read (no desync)
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError("closed after %d of %d bytes" % (len(self.buf), n))
            self.buf += chunk

    def recv(self):
        self._fill(HDR)
        n = int(bytes(self.buf[:HDR]).decode("ascii").strip())
        self._fill(HDR + n)
        f = bytes(self.buf[HDR:HDR + n]); del self.buf[:HDR + n]
        return f

    def recv_until(self, pred, timeout=5.0):
        end = time.time() + timeout
        got = []
        while time.time() < end:
            self.sock.settimeout(max(0.01, end - time.time()))
            try:
                f = self.recv()
            except socket.timeout:
                break
            got.append(f)
            if pred(f):
                return f, got
        return None, got

    def drain(self, secs=0.3):
        got = []
        end = time.time() + secs
        while time.time() < end:
            self.sock.settimeout(max(0.01, end - time.time()))
            try:
                got.append(self.recv())
            except (socket.timeout, EOFError, OSError):
                break
        return got

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def java_pid(launcher_pid):
    """The launcher may exec java or spawn it: find the java process."""
    for _ in range(50):
        try:
            exe = os.readlink("/proc/%d/exe" % launcher_pid)
            if exe.endswith("java"):
                return launcher_pid
        except OSError:
            pass
        try:
            kids = open("/proc/%d/task/%d/children" % (launcher_pid, launcher_pid)).read().split()
            for k in kids:
                if os.readlink("/proc/%s/exe" % k).endswith("java"):
                    return int(k)
        except OSError:
            pass
        time.sleep(0.1)
    return launcher_pid


class Server:
    def __init__(self, port, *args, env=None, log=None):
        self.port = port
        self.logpath = log or "/tmp/probe_server_%d.log" % port
        e = dict(os.environ)
        if env:
            e.update(env)
        self.logf = open(self.logpath, "w")
        self.proc = subprocess.Popen(
            [LAUNCHER, "server", "--bind", "127.0.0.1", "--port", str(port), "--name", "s%d" % port]
            + list(args), stdout=self.logf, stderr=subprocess.STDOUT, env=e)
        end = time.time() + 15
        while time.time() < end:
            if "listening" in open(self.logpath).read():
                break
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + open(self.logpath).read())
            time.sleep(0.05)
        self.pid = java_pid(self.proc.pid)

    def stats(self):
        d = {}
        try:
            for line in open("/proc/%d/status" % self.pid):
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM", "Threads"):
                    d[k] = int(v.split()[0])
        except OSError:
            d["dead"] = True
        return d

    def alive(self):
        return self.proc.poll() is None

    def log(self):
        return open(self.logpath, errors="replace").read()

    def stop(self, timeout=5):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logf.close()


class Observer(threading.Thread):
    """A pair of ordinary clients: A says a token, B waits for it. Round trips at ~4/s."""

    def __init__(self, port, period=0.25, src="127.0.0.1"):
        super().__init__(daemon=True)
        self.port, self.period, self.src = port, period, src
        self.lat = []      # (t, seconds) ; seconds None = lost (timeout 10s)
        self.stop_ev = threading.Event()
        self.err = None
        self.a = Client(port, src=src, timeout=10)
        self.b = Client(port, src=src, timeout=10)
        self.a.drain(0.3); self.b.drain(0.3)

    def _drain_a(self):
        # A reads everything too, so the observer is an ordinary client, not a non-reader
        self.a.sock.settimeout(None)
        try:
            while not self.stop_ev.is_set():
                if not self.a.sock.recv(1 << 16):
                    return
        except OSError:
            pass

    def run(self):
        threading.Thread(target=self._drain_a, daemon=True).start()
        i = 0
        try:
            while not self.stop_ev.is_set():
                i += 1
                tok = "obs-%d-%f" % (i, time.time())
                t0 = time.time()
                self.a.send(tok)
                f, _ = self.b.recv_until(lambda f: tok.encode() in f, timeout=10)
                dt = time.time() - t0 if f else None
                self.lat.append((t0, dt))
                self.stop_ev.wait(self.period)
        except Exception as e:  # noqa
            self.err = repr(e)

    def summary(self, since=0):
        xs = [d for t, d in self.lat if t >= since]
        ok = sorted(d for d in xs if d is not None)
        lost = sum(1 for d in xs if d is None)
        if not ok:
            return "observer: %d samples, %d lost, err=%s" % (len(xs), lost, self.err)
        p = lambda q: ok[min(len(ok) - 1, int(q * len(ok)))]
        return "observer: n=%d lost=%d p50=%.1fms p90=%.1fms max=%.1fms err=%s" % (
            len(xs), lost, p(0.5) * 1e3, p(0.9) * 1e3, ok[-1] * 1e3, self.err)

    def finish(self):
        self.stop_ev.set()
        self.join(15)
        self.a.close(); self.b.close()


class Sampler(threading.Thread):
    def __init__(self, server, period=0.5):
        super().__init__(daemon=True)
        self.server, self.period = server, period
        self.samples = []
        self.stop_ev = threading.Event()

    def run(self):
        while not self.stop_ev.is_set():
            self.samples.append((time.time(), self.server.stats()))
            self.stop_ev.wait(self.period)

    def summary(self):
        rss = [s.get("VmRSS", 0) for _, s in self.samples]
        th = [s.get("Threads", 0) for _, s in self.samples]
        hwm = max((s.get("VmHWM", 0) for _, s in self.samples), default=0)
        if not rss:
            return "no samples"
        return "RSS start=%dMB max=%dMB end=%dMB HWM=%dMB threads start=%d max=%d end=%d" % (
            rss[0] // 1024, max(rss) // 1024, rss[-1] // 1024, hwm // 1024, th[0], max(th), th[-1])

    def finish(self):
        self.stop_ev.set()
        self.join(5)


# ---- posing as a linked peer (no shared secret, from loopback) ----

def peer_connect(port, name, boot=None, src="127.0.0.1", version="1", timeout=5.0):
    """Returns (sock, frames received during handshake) after READY, or raises."""
    boot = boot if boot is not None else int(time.time() * 1000)
    s = socket.socket(); s.settimeout(timeout)
    s.bind((src, 0)); s.connect(("127.0.0.1", port))
    s.sendall(frame("LINKCHAT-HELLO\t%s\t%s\t%d\t%s" % (version, name, boot, os.urandom(16).hex())))
    ch = recv_frame(s).decode("utf-8", "replace")
    if not ch.startswith("CHALLENGE"):
        raise RuntimeError("no challenge: " + ch[:200])
    s.sendall(frame("PROOF\t"))
    r = recv_frame(s).decode("utf-8", "replace")
    if r != "READY":
        raise RuntimeError("not ready: " + r[:200])
    return s, boot


def peer_sync(s, name, boot, seq=0, users="", links=""):
    """Send our ORIGIN and SYNCED; answer nothing else."""
    s.sendall(frame("ORIGIN\t%s\t%d\t%d\t1\t%s\t%s" % (name, boot, seq, users, links)))
    s.sendall(frame("SYNCED"))


class PeerReader(threading.Thread):
    """Reads a peer link in the background, answers PING, keeps the rest.
    Send through .send() so a PONG never lands inside another frame."""

    def send(self, payload):
        with self.lock:
            self.s.sendall(frame(payload))

    def __init__(self, s):
        super().__init__(daemon=True)
        s.settimeout(None)
        self.s = s
        self.lock = threading.Lock()
        self.frames = []
        self.closed = None

    def run(self):
        try:
            while True:
                f = recv_frame(self.s).decode("utf-8", "replace")
                if f.startswith("PING\t"):
                    self.send("PONG\t" + f[5:])
                else:
                    self.frames.append(f)
        except Exception as e:  # noqa
            self.closed = repr(e)


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def _observer_main(port, period, src, conn):
    obs = Observer(port, period=period, src=src)
    obs.start()
    conn.recv()            # wait for "stop"
    obs.finish()
    conn.send((obs.lat, obs.err))


class ObserverProc:
    """The observer pair in a process of its own, so the attack's threads (and Python's GIL)
    do not add to the latency it measures.  Same interface as Observer."""

    def __init__(self, port, period=0.25, src="127.0.0.1"):
        import multiprocessing as mp
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.p = ctx.Process(target=_observer_main, args=(port, period, src, child), daemon=True)
        self.lat, self.err = [], None

    def start(self):
        self.p.start()

    def summary(self, since=0):
        return Observer.summary(self, since)

    def finish(self):
        try:
            self.conn.send("stop")
            if self.conn.poll(30):
                self.lat, self.err = self.conn.recv()
        finally:
            self.p.join(5)
            if self.p.is_alive():
                self.p.kill()
