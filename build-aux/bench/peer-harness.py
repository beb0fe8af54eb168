#!/usr/bin/env python3
# peer-harness.py BUILDDIR NODE_DIR RUNS SDK: the measuring half of build-aux/bench-peer.sh
# (which runs it on a private keyring, see there). Starts the paddock-sandbox program, signs
# in to its paper account through the sandbox's own OAuth flow (played without a browser;
# the token stays in this process, goes to the keyring as Paddock's item and to the peer on
# its standard input), seeds 10,000 orders, checks that both sides list the same 10,000
# orders, then runs each task RUNS times for each side, alternating who goes first, and
# prints the medians and their ratios. Loopback only.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import base64, hashlib, json, os, re, select, signal, statistics, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

builddir, node_dir, runs, sdk = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
N = 10000
CLI = os.environ.get("BENCH_PADDOCK_CLI") or os.path.join(builddir, "src", "cli", "paddock-cli")
PEER = [os.environ.get("NODE", "node"), os.path.join(os.path.dirname(os.path.abspath(__file__)), "peer.js"), sdk]
work = tempfile.mkdtemp(prefix="bench-peer.")


def fail(text):
    sys.exit("bench-peer: " + text)


# ---- the sandbox ---------------------------------------------------------------------------
sandbox_out = open(os.path.join(work, "sandbox.json"), "w+")
sandbox = subprocess.Popen([os.path.join(builddir, "src", "sandbox", "paddock-sandbox"), "--port", "0",
                            "--seed", "7", "--rate-limit", "1000000", "--tick-ms", "0"],
                           stdout=sandbox_out, stderr=subprocess.DEVNULL)
for _ in range(100):
    sandbox_out.seek(0)
    line = sandbox_out.readline()
    if line.endswith("\n"):
        break
    time.sleep(0.1)
else:
    fail("the sandbox did not start")
conf = json.loads(line)
root = conf["paper_url"].rsplit("/paper", 1)[0]
env = dict(os.environ)
for k, v in conf.items():
    if k.endswith("_url"):
        env["PADDOCK_" + k.upper()] = v


def post(path, body):
    req = urllib.request.Request(root + path, data=json.dumps(body).encode(), method="POST")
    return json.load(urllib.request.urlopen(req))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def sign_in():
    redirect = "http://127.0.0.1:48721/callback"   # a name only: the redirect is read, not followed
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    q = urllib.parse.urlencode({"response_type": "code", "client_id": conf["client_id"],
                                "redirect_uri": redirect, "state": "s1", "env": "paper",
                                "scope": "account:write trading data",
                                "code_challenge": challenge, "code_challenge_method": "S256"})
    page = urllib.request.urlopen(conf["authorize_url"] + "?" + q).read().decode()
    request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
    try:
        urllib.request.build_opener(NoRedirect).open(urllib.request.Request(conf["authorize_url"], data=form))
        fail("the consent page did not redirect")
    except urllib.error.HTTPError as e:
        location = e.headers["Location"]
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                   "client_id": conf["client_id"], "client_secret": conf["client_secret"],
                                   "redirect_uri": redirect, "code_verifier": verifier}).encode()
    reply = json.load(urllib.request.urlopen(urllib.request.Request(conf["live_url"] + "/oauth/token", data=form)))
    return reply["access_token"]


token = sign_in()
account = json.load(urllib.request.urlopen(urllib.request.Request(
    conf["paper_url"] + "/v2/account", headers={"Authorization": "Bearer " + token})))
subprocess.run(["secret-tool", "store", "--label=Paddock token for paper account " + account["account_number"],
                "xdg:schema", "io.github.paddockapp.Paddock.Token", "environment", "paper",
                "account-id", account["id"], "schema-version", "1"],
               input=json.dumps({"access_token": token}).encode(), check=True,
               env=dict(env, G_MESSAGES_DEBUG=""))
post("/_sandbox/seed_orders", {"count": N, "environment": "paper"})

SIDES = {
    "account": ([CLI, "account", "--json"], PEER + ["account", conf["paper_url"]]),
    "orders": ([CLI, "orders", "--all", "--json"], PEER + ["orders", conf["paper_url"]]),
    "stream": ([CLI, "stream"], PEER + ["stream", conf["paper_url"]]),
}


def start(cmd, peer, stdout):
    err = open(os.path.join(work, "stderr"), "w+b")
    p = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE if peer else subprocess.DEVNULL,
                         stdout=stdout, stderr=err)
    if peer:
        p.stdin.write(token.encode())
        p.stdin.close()
    return p, err


def reap(p, err, what):
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        err.seek(0)
        sys.stderr.write(err.read().decode(errors="replace")[-2000:])
        fail("%s ended with status %d" % (what, p.returncode))
    err.close()
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def run_once(task, peer, stdout=subprocess.DEVNULL):
    """wall s, CPU s, peak MB of one run; the stream's wall is burst to last update"""
    cmd = SIDES[task][1 if peer else 0]
    t0 = time.perf_counter()
    if task != "stream":
        p, err = start(cmd, peer, stdout)
        cpu, peak = reap(p, err, " ".join(cmd[:3]))
        return time.perf_counter() - t0, cpu, peak
    p, err = start(cmd, peer, subprocess.PIPE)
    ready = b"live"
    deadline = time.time() + 30
    while True:
        err.seek(0)
        text = err.read()
        if (b"\nlive" if peer else b"live:") in b"\n" + text:
            break
        if time.time() > deadline or p.poll() is not None:
            sys.stderr.write(text.decode(errors="replace"))
            fail("the stream did not go live")
        time.sleep(0.01)
    t0 = time.perf_counter()
    post("/_sandbox/burst", {"count": N, "environment": "paper"})
    lines = 0
    fd = p.stdout.fileno()
    while lines < N:
        r, _, _ = select.select([fd], [], [], 60)
        if not r:
            fail("%d of %d trade updates after 60 s" % (lines, N))
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            fail("the stream ended after %d trade updates" % lines)
        lines += chunk.count(b"\n")
        if stdout is not subprocess.DEVNULL:
            stdout.write(chunk)
    wall = time.perf_counter() - t0
    p.send_signal(signal.SIGTERM)
    cpu, peak = reap(p, err, " ".join(cmd[:3]))
    p.stdout.close()
    return wall, cpu, peak


# ---- the same work: both list the same 10,000 orders -----------------------------------------
def ids(path):
    return [o["id"] for o in json.load(open(path))]


for side in (0, 1):
    with open(os.path.join(work, "orders-%d.json" % side), "wb") as f:
        run_once("orders", side == 1, f)
a, b = ids(os.path.join(work, "orders-0.json")), ids(os.path.join(work, "orders-1.json"))
if len(a) != N or len(set(a)) != N or a != b:
    fail("the two lists differ: Paddock %d orders (%d unique), peer %d (%d unique)"
         % (len(a), len(set(a)), len(b), len(set(b))))
sizes = [os.path.getsize(os.path.join(work, "orders-%d.json" % side)) for side in (0, 1)]
with open(os.path.join(work, "updates-1.json"), "wb") as f:
    run_once("stream", True, f)
err_text = open(os.path.join(work, "stderr"), "rb").read().decode(errors="replace")
shipped = [l for l in err_text.splitlines() if l.startswith("as shipped:")]

# ---- the runs ------------------------------------------------------------------------------
results = {}
for task in ("account", "orders", "stream"):
    got = {0: [], 1: []}
    for i in range(runs):
        for side in ((0, 1) if i % 2 == 0 else (1, 0)):
            got[side].append(run_once(task, side == 1))
    results[task] = {side: [statistics.median(x[k] for x in got[side]) for k in range(3)]
                     for side in (0, 1)}

sandbox.send_signal(signal.SIGTERM)
sandbox.wait()
for name in os.listdir(work):
    os.unlink(os.path.join(work, name))
os.rmdir(work)

version = json.load(open(os.path.join(node_dir, "node_modules",
                                      "@alpacahq/alpaca-trade-api" if sdk == "4" else "alpaca-trade-api-3",
                                      "package.json")))["version"]
node = subprocess.run([PEER[0], "--version"], capture_output=True, text=True).stdout.strip()
print("peer: @alpacahq/alpaca-trade-api %s on Node %s; both against one paddock-sandbox, "
      "loopback; median of %d runs each, alternating" % (version, node, runs))
if os.environ.get("BENCH_PADDOCK_CLI"):
    print("paddock-cli: " + CLI)
print("orders: both listed the same %d orders, newest first (Paddock %d bytes of JSON, peer %d)"
      % (N, sizes[0], sizes[1]))
for line in shipped:
    print("stream: peer " + line)
print("stream: the peer below is the SDK's stream client with its authenticate message "
      "replaced by the OAuth form")
print()
print("%-34s %21s %21s %19s" % ("", "wall ms", "CPU ms (user+sys)", "peak RSS MB"))
print("%-34s %21s %21s %19s" % ("task", "Paddock  peer  ratio", "Paddock  peer  ratio",
                                "Paddock peer ratio"))
labels = {"account": "account (GET /v2/account)",
          "orders": "orders: 10,000, pages of 500",
          "stream": "stream: 10,000 trade updates"}
missed = []
for task in ("account", "orders", "stream"):
    (pw, pc, pm), (qw, qc, qm) = results[task][0], results[task][1]
    print("%-34s %7.0f %6.0f %6.2f %7.0f %6.0f %6.2f %7.0f %5.0f %5.2f"
          % (labels[task], pw * 1000, qw * 1000, pw / qw, pc * 1000, qc * 1000, pc / qc, pm, qm, pm / qm))
    if pc / qc > 0.25:
        missed.append("%s CPU %.2f" % (task, pc / qc))
    if pw / qw > 0.6:
        missed.append("%s wall %.2f" % (task, pw / qw))
print()
print("stream wall: from the burst's request to the 10,000th update read; CPU and peak: the "
      "whole process, start to exit")
print("aims: CPU ratio <= 0.25 and wall ratio <= 0.60 on every task: " +
      ("met" if not missed else "missed (" + ", ".join(missed) + ")"))
