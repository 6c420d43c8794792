#!/usr/bin/env python3
"""`dyad serve` against hostile clients, over real sockets (issue 10 item 6).

Starts the server (python3's standard library only) on a free port with small limits, then:
slow clients (headers or body a byte at a time: slowloris) are cut off with 408 within the
header/body timeout while other clients are served; more connections than the thread pool;
oversized headers (431), URI (414) and bodies (413); path traversal on the dashboard's files
(`..`, `%2e%2e`, absolute paths, symlinks: never the file outside the web root); missing, wrong
and malformed bearer tokens on /v1/ingest (401; 403 with ingest off); unknown parameters and bad
values (400 JSON). Ends with SIGTERM: the server must exit 0 within seconds. Under an ASan build
LeakSanitizer runs at that exit and fails it on a leak; `--wrap valgrind` runs the server under
valgrind's memcheck and fails on any error or definite/indirect leak (timing checks loosened).

Usage: hardening_test.py DYAD [--wrap 'valgrind ...'] [--label NAME]
Prints one line per check and ends with "N passed, M failed"; exits 1 on a failure.
"""
import argparse
import http.client
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "hardening-token-0123456789"
SECRET = "dyad-hardening-secret-outside-the-web-root"
passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}" + (f": {detail}" if detail else ""))
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    sys.stdout.flush()


class Server:
    """A `dyad serve` process; its stderr goes to a file (the sanitizer reports land there)."""

    def __init__(self, dyad, tmp, name, extra, wrap, start_timeout):
        self.log_path = os.path.join(tmp, name + ".log")
        self.log = open(self.log_path, "w+")
        cmd = wrap + [dyad, "serve", "--port", "0"] + extra
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.log)
        self.port = None
        deadline = time.time() + start_timeout
        while time.time() < deadline and self.proc.poll() is None:
            with open(self.log_path) as f:
                m = re.search(r"dyad serve: http://127\.0\.0\.1:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.1)
        if self.port is None:
            self.proc.kill()
            raise SystemExit(f"{name}: the server did not start:\n" + open(self.log_path).read())

    def stderr(self):
        with open(self.log_path) as f:
            return f.read()

    def terminate(self, timeout):
        """SIGTERM; the exit code (None when it had to be killed)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def request(port, method, target, body=None, headers=None, timeout=30):
    """(status, headers, body bytes) of one request on a new connection."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.putrequest(method, target, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        if body is not None:
            c.putheader("Content-Length", str(len(body)))
        c.endheaders(body)
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        c.close()


def raw(port, data, timeout=30):
    """Sends `data` as is and reads until the server closes; (status or None, bytes)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not b:
                break
            chunks.append(b)
            if b"\r\n\r\n" in b"".join(chunks) and b"Connection: close" not in b"".join(chunks):
                # kept alive: one response is all we wait for
                head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                m = re.search(rb"Content-Length: (\d+)", head)
                if m and len(rest) >= int(m.group(1)):
                    break
        out = b"".join(chunks)
        m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
        return (int(m.group(1)) if m else None), out
    finally:
        s.close()


def json_error(status, headers, body, want):
    """Whether a response is the JSON error `want`."""
    if status != want or not headers.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        return json.loads(body)["error"]["status"] == want
    except (ValueError, KeyError, TypeError):
        return False


def body_of(resp):
    return resp.partition(b"\r\n\r\n")[2]


class SlowClient(threading.Thread):
    """Sends `head` and then `drip` a byte every `interval` s until the server closes; records
    how long that took and the status it answered (if any)."""

    def __init__(self, port, head, drip, interval):
        super().__init__(daemon=True)
        self.port, self.head, self.drip, self.interval = port, head, drip, interval
        self.seconds = None
        self.status = None

    def run(self):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        start = time.time()
        got = b""
        try:
            s.sendall(self.head)
            s.settimeout(self.interval)
            for i in range(len(self.drip)):
                s.sendall(self.drip[i:i + 1])
                try:
                    b = s.recv(65536)
                    if not b:
                        break
                    got += b
                except socket.timeout:
                    continue
            else:
                s.settimeout(60)
            s.settimeout(60)
            while True:
                b = s.recv(65536)
                if not b:
                    break
                got += b
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass
        finally:
            self.seconds = time.time() - start
            s.close()
        m = re.match(rb"HTTP/1\.[01] (\d{3})", got)
        self.status = int(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dyad")
    ap.add_argument("--wrap", default="", help="command to run the server under (valgrind ...)")
    args = ap.parse_args()
    wrap = shlex.split(args.wrap)
    slow = 10.0 if wrap else 1.0  # how much slower the server runs wrapped

    tmp = tempfile.mkdtemp(prefix="dyad-serve-hardening-")
    web = os.path.join(tmp, "web")
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<html>dashboard</html>")
    with open(os.path.join(web, "assets", "app.js"), "w") as f:
        f.write("console.log(1);")
    with open(os.path.join(tmp, "secret.txt"), "w") as f:
        f.write(SECRET)
    os.symlink(os.path.join(tmp, "secret.txt"), os.path.join(web, "link.txt"))
    os.symlink(tmp, os.path.join(web, "up"))
    token_file = os.path.join(tmp, "token")
    with open(token_file, "w") as f:
        f.write(TOKEN + "\n")

    threads = 4
    header_timeout, body_timeout = 2.0 * slow, 2.0 * slow
    limits = ["--http-threads", str(threads), "--header-timeout", str(header_timeout),
              "--body-timeout", str(body_timeout), "--read-timeout", str(2 * slow),
              "--keep-alive", str(1 * slow), "--max-header-bytes", "16384",
              "--max-body-bytes", "65536", "--rate", "0"]
    start_timeout = 600 if wrap else 120
    srv = Server(args.dyad, tmp, "server", limits + [
        "--db", os.path.join(tmp, "events.db"), "--allow-ingest", "--token-file", token_file,
        "--web", web], wrap, start_timeout)
    off = None
    try:
        port = srv.port
        st, _, b = request(port, "GET", "/v1/health")
        check("health", st == 200 and json.loads(b)["status"] == "ok", f"{st}")

        # ---- bearer tokens on /v1/ingest -------------------------------------------------
        story = b"John Kerry met Sergei Lavrov in Moscow on Tuesday."
        plain = {"Content-Type": "text/plain"}
        for name, auth in [("missing", None), ("wrong", "Bearer " + TOKEN[:-1] + "X"),
                           ("prefix", "Bearer " + TOKEN[:8]), ("longer", "Bearer " + TOKEN + "0"),
                           ("no scheme", TOKEN), ("basic", "Basic " + TOKEN),
                           ("lowercase scheme", "bearer " + TOKEN), ("two spaces", "Bearer  " + TOKEN),
                           ("empty bearer", "Bearer "), ("scheme only", "Bearer")]:
            h = dict(plain)
            if auth is not None:
                h["Authorization"] = auth
            st, hd, b = request(port, "POST", "/v1/ingest", story, h)
            check(f"ingest token {name} -> 401", json_error(st, hd, b, 401) and
                  hd.get("WWW-Authenticate") == "Bearer", f"{st}")
        h = dict(plain, Authorization="Bearer " + TOKEN)
        st, _, b = request(port, "POST", "/v1/ingest?date=2013-04-30&id=kerry", story, h)
        check("ingest right token -> 201", st == 201 and json.loads(b)["events"] >= 1, f"{st} {b[:80]}")

        # ---- unknown parameters and bad values -----------------------------------------
        for target in ["/v1/events?sort=date", "/v1/events?limit=0", "/v1/events?limit=ten",
                       "/v1/events?from=2013-13-01", "/v1/events?source=usa",
                       "/v1/events?country=%27;DROP%20TABLE%20events;--", "/v1/events?limit=1&limit=1",
                       "/v1/events?=1", "/v1/events?q=%zz", "/v1/events?after=1%20OR%201=1",
                       "/v1/series?by=year", "/v1/dyads?limit=x", "/v1/health?verbose=1",
                       "/v1/events/abc", "/v1/explain?text=a&date=2013-02-30"]:
            st, hd, b = request(port, "GET", target)
            check(f"400 {target}", json_error(st, hd, b, 400), f"{st} {b[:100]!r}")
        st, _, b = request(port, "GET", "/v1/events?q=Sergei")
        check("events q=Sergei finds the ingested story", st == 200 and
              len(json.loads(b)["events"]) >= 1, f"{st}")
        st, hd, b = request(port, "DELETE", "/v1/events")
        check("DELETE -> 405 with Allow", json_error(st, hd, b, 405) and hd.get("Allow") == "GET",
              f"{st}")

        # ---- oversized requests ----------------------------------------------------------
        st, hd, b = request(port, "POST", "/v1/code", b"x" * 70000, plain)
        check("body over --max-body-bytes -> 413", json_error(st, hd, b, 413), f"{st}")
        st, resp = raw(port, b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n" +
                       b"".join(b"4000\r\n" + b"y" * 0x4000 + b"\r\n" for _ in range(5)) + b"0\r\n\r\n")
        check("chunked body over the limit -> 413", st == 413, f"{st}")
        # A chunked body that never ends is cut off (the bytes after the headers are bounded),
        # not read into memory until the client stops.
        s = socket.create_connection(("127.0.0.1", port), timeout=30 * slow)
        s.sendall(b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"10000\r\n" + b"c" * 0x10000 + b"\r\n"
        sent = 0
        try:
            while sent < (200 << 20):
                s.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        s.close()
        check("endless chunked body cut off", sent < (20 << 20), f"after {sent >> 10} KiB sent")
        st, resp = raw(port, b"GET /v1/health?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        check("URI over 8192 bytes -> 414", st == 414, f"{st}")
        st, resp = raw(port, b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20000 +
                       b"\r\n\r\n")
        check("one 20 KB header -> 431", st == 431, f"{st}")
        st, resp = raw(port, b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" +
                       b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(300)) + b"\r\n")
        check("300 headers of 100 bytes -> 431", st == 431, f"{st}")
        st, resp = raw(port, b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        check("a normal request after those -> 200", st == 200, f"{st}")

        # ---- path traversal on the dashboard's files -------------------------------------
        st, _, b = request(port, "GET", "/")
        check("dashboard index", st == 200 and b == b"<html>dashboard</html>", f"{st}")
        for target in [b"/../secret.txt", b"/%2e%2e/secret.txt", b"/%2E%2E/%2E%2E/secret.txt",
                       b"/assets/../../secret.txt", b"/assets/%2e%2e/%2e%2e/secret.txt",
                       b"/..%2fsecret.txt", b"/%2e%2e%2fsecret.txt", b"/%5c..%5csecret.txt",
                       b"/..\\secret.txt", b"//etc/passwd", b"/%2fetc%2fpasswd",
                       b"/" + tmp.encode() + b"/secret.txt", b"/link.txt", b"/up/secret.txt",
                       b"/index.html%00.js", b"http://127.0.0.1/../secret.txt",
                       b"/assets/..%252f..%252fsecret.txt"]:
            st, resp = raw(port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            check(f"traversal {target.decode(errors='replace')} -> {st}",
                  st in (400, 404) and SECRET.encode() not in resp and b"root:" not in resp)

        # ---- slow clients ---------------------------------------------------------------
        # Slowloris: threads-1 clients send their headers a byte every 0.25 s; each is cut off
        # (408) at the header timeout, and meanwhile another client is served at once.
        drip = b"X-Slow: " + b"z" * 400 + b"\r\n\r\n"
        slowloris = [SlowClient(port, b"GET /v1/health HTTP/1.1\r\nHost: x\r\n", drip, 0.25)
                     for _ in range(threads - 1)]
        for c in slowloris:
            c.start()
        time.sleep(0.5)
        t0 = time.time()
        served = [request(port, "GET", "/v1/health", timeout=30)[0] for _ in range(5)]
        took = time.time() - t0
        for c in slowloris:
            c.join(60 * slow)
        cut = [c.seconds for c in slowloris]
        check("slowloris: others served meanwhile", served == [200] * 5 and
              (took < 1.0 * slow or wrap), f"5 requests in {took:.2f} s")
        check("slowloris: each cut off with 408 at the header timeout",
              all(c.status == 408 for c in slowloris) and
              all(s is not None and header_timeout - 0.5 <= s <= header_timeout + 2 * slow
                  for s in cut), f"statuses {[c.status for c in slowloris]}, after "
              f"{[round(s, 2) if s else s for s in cut]} s (timeout {header_timeout})")
        # A slow body: headers at once, then the body a byte every 0.25 s: 408 at the body timeout.
        sb = SlowClient(port, b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                              b"Content-Length: 400\r\n\r\n", b"w" * 400, 0.25)
        sb.start()
        sb.join(60 * slow)
        check("slow body: cut off with 408 at the body timeout", sb.status == 408 and
              body_timeout - 0.5 <= sb.seconds <= body_timeout + 2 * slow,
              f"{sb.status} after {sb.seconds:.2f} s (timeout {body_timeout})")
        # A client that connects and sends nothing is closed after the keep-alive time.
        s = socket.create_connection(("127.0.0.1", port), timeout=30 * slow)
        t0 = time.time()
        closed = s.recv(1) == b""
        check("silent connection closed", closed and time.time() - t0 < 3 * slow,
              f"after {time.time() - t0:.2f} s")
        s.close()

        # More connections than threads: 6x the pool of silent connections, then 40 requests
        # on 8 threads: all served (the silent ones are closed after --keep-alive).
        idle = [socket.create_connection(("127.0.0.1", port), timeout=30 * slow)
                for _ in range(6 * threads)]
        results = []
        lock = threading.Lock()

        def worker():
            for _ in range(5):
                try:
                    st = request(port, "GET", "/v1/events?limit=5", timeout=60 * slow)[0]
                except OSError as e:
                    st = repr(e)
                with lock:
                    results.append(st)

        t0 = time.time()
        ws = [threading.Thread(target=worker) for _ in range(8)]
        for w in ws:
            w.start()
        for w in ws:
            w.join()
        took = time.time() - t0
        gone = 0
        for s in idle:
            try:
                s.settimeout(30 * slow)
                gone += s.recv(1) == b""
            except OSError:
                pass
            s.close()
        check(f"{6 * threads} silent + 8x5 concurrent requests on {threads} threads: all 200",
              results == [200] * 40, f"{sorted(set(map(str, results)))} in {took:.2f} s")
        check("the silent connections were all closed by the server", gone == 6 * threads,
              f"{gone}/{6 * threads}")
        st, _, _ = request(port, "GET", "/v1/health")
        check("still serving", st == 200, f"{st}")

        # ---- ingest off: 403 whatever the token ----------------------------------------
        off = Server(args.dyad, tmp, "server-readonly", ["--db", os.path.join(tmp, "events.db"),
                                                         "--rate", "0"], wrap, start_timeout)
        for auth in (None, "Bearer " + TOKEN):
            h = dict(plain)
            if auth:
                h["Authorization"] = auth
            st, hd, b = request(off.port, "POST", "/v1/ingest", story, h)
            check(f"ingest off, token {'given' if auth else 'missing'} -> 403",
                  json_error(st, hd, b, 403), f"{st}")
    finally:
        for name, s in (("read-only server", off), ("server", srv)):
            if s is None:
                continue
            rc = s.terminate(120 if wrap else 10)
            err = s.stderr()
            reports = [l for l in err.splitlines() if re.search(
                r"ERROR: (Address|Leak|Thread)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer|"
                r"definitely lost: [1-9]|indirectly lost: [1-9]|ERROR SUMMARY: [1-9]", l)]
            check(f"{name}: SIGTERM -> exit 0, no sanitizer or valgrind report",
                  rc == 0 and not reports, f"exit {rc}; " + "; ".join(reports[:5]))
            if rc != 0 or reports:
                print(err[-4000:])
            if wrap:
                m = re.search(r"ERROR SUMMARY: (\d+) errors", err)
                lost = re.findall(r"(definitely|indirectly|possibly) lost: ([\d,]+) bytes", err)
                print(f"     valgrind: {m.group(0) if m else 'no summary'}; " +
                      ", ".join(f"{k} lost {v} bytes" for k, v in lost))
        subprocess.run(["rm", "-rf", tmp])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
