"""Load-test a page under gunicorn: N concurrent clients for a fixed time, then req/s and latencies.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lontar_bench LONTAR_DATA_DIR=$PWD/var/bench \\
    python bench/track_load.py --pairs var/bench/tracking-pairs.csv \\
        --url '/lacak/{number}/{secret}/' --clients 24 --duration 30

`--url` is a path template: `{number}` and `{secret}` come from a random line of the pairs file that
`bench/generate_applications.py` writes, `{office}` from `--office`. With `--body` the request is a POST
of that JSON template instead (e.g. the API: `--url /api/v1/lacak/ --body '{"number": "{number}",
"secret": "{secret}"}'`). Every answer must have `--expect` status (200), else it counts as an error.

The harness starts gunicorn itself (`gunicorn lontar.wsgi --chdir src -c gunicorn.conf.py` with
`--workers`/`--threads`, access log off, on `--bind`) unless `--no-server` is given, waits for /healthz,
warms up for `--warmup` seconds, then runs `--clients` closed-loop clients (each sends its next request
when the previous answer arrived; keep-alive connections) spread over `--processes` processes so the
load generator is not held back by one Python interpreter, and stops gunicorn at the end.

The load generator shares the 2 cores with the server. Both CPU times are measured (the clients'
from their own processes, the server's from /proc for the gunicorn master and workers), and the report
gives each as cores used on average, so the reader sees how much of the machine the server had.
The run is bounded: `--duration` seconds, at most `--max-requests` per client, only to `--bind`
(127.0.0.1 by default).
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import math
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def load_pairs(path: Path) -> list[dict]:
    with path.open() as handle:
        return [{"number": row[0], "secret": row[1]} for row in csv.reader(handle) if row]


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a live process (from /proc; 0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def server_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    found = [master]
    if children.exists():
        found += [int(pid) for pid in children.read_text().split()]
    return found


def start_server(args) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--chdir", str(ROOT / "src"),
        "--workers", str(args.workers), "--threads", str(args.threads), "--bind", args.bind,
        "--access-logfile", "/dev/null", "--max-requests", "0", "--pythonpath", str(ROOT / "bench"),
    ]  # fmt: skip
    env = {**os.environ, "DEBUG": "false"}
    if args.settings:
        env["DJANGO_SETTINGS_MODULE"] = args.settings
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{args.bind}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on {args.bind}: {server.stderr.read()[-2000:]}")


def client_loop(args_dict: dict, pairs: list[dict], seconds: float, clients: int, results) -> None:
    """One load process: `clients` threads, each a closed loop on its own keep-alive connection."""
    import threading

    host, port = args_dict["bind"].split(":")
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def one_client(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        mine, bad = [], []
        for _ in range(args_dict["max_requests"]):
            if time.monotonic() >= stop_at:
                break
            pair = rng.choice(pairs)
            values = {**pair, "office": args_dict["office"]}
            path = args_dict["url"].format(**values)
            started = time.perf_counter()
            try:
                if args_dict["body"]:
                    body = args_dict["body"]
                    for key, value in values.items():
                        body = body.replace("{" + key + "}", str(value))
                    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
                else:
                    connection.request("GET", path)
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=10)
                bad.append(type(exc).__name__)
                continue
            elapsed = time.perf_counter() - started
            if status == args_dict["expect"]:
                mine.append(elapsed)
            else:
                bad.append(str(status))
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=one_client, args=(os.getpid() * 1000 + i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    usage = os.times()
    results.put({"latencies": latencies, "errors": errors, "cpu": usage.user + usage.system})


def drive(args, pairs: list[dict], seconds: float) -> dict:
    """Run the clients for `seconds`; returns latencies (s), errors and the load's CPU seconds."""
    results = multiprocessing.Queue()
    per_process = [args.clients // args.processes] * args.processes
    for i in range(args.clients % args.processes):
        per_process[i] += 1
    options = {k: getattr(args, k) for k in ("bind", "url", "body", "office", "expect", "max_requests")}
    processes = [
        multiprocessing.Process(target=client_loop, args=(options, pairs, seconds, n, results))
        for n in per_process
        if n
    ]
    for process in processes:
        process.start()
    collected = [results.get(timeout=seconds + 60) for _ in processes]
    for process in processes:
        process.join()
    return {
        "latencies": [x for c in collected for x in c["latencies"]],
        "errors": [x for c in collected for x in c["errors"]],
        "cpu": sum(c["cpu"] for c in collected),
    }


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="/lacak/{number}/{secret}/", help="path template")
    parser.add_argument("--body", default="", help="JSON body template: POST instead of GET")
    parser.add_argument("--pairs", type=Path, default=ROOT / "var/bench/tracking-pairs.csv")
    parser.add_argument("--office", default="", help="value of {office} in the template")
    parser.add_argument("--expect", type=int, default=200)
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--processes", type=int, default=2, help="load-generator processes")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--max-requests", type=int, default=100_000, help="per client, a hard bound")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--bind", default="127.0.0.1:8077")
    parser.add_argument("--settings", default="", help="DJANGO_SETTINGS_MODULE for the server")
    parser.add_argument("--no-server", action="store_true", help="measure a server already running")
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    if not args.bind.startswith(("127.", "localhost")):
        raise SystemExit("the load goes only to this machine's loopback addresses")
    pairs = load_pairs(args.pairs) if "{number}" in args.url + args.body else [{"number": "", "secret": ""}]
    server = None if args.no_server else start_server(args)
    try:
        drive(args, pairs, args.warmup)
        pids = server_pids(server.pid) if server else []
        server_cpu_before = sum(process_cpu_seconds(pid) for pid in pids)
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        run = drive(args, pairs, args.duration)
        wall = time.monotonic() - started
        server_cpu = sum(process_cpu_seconds(pid) for pid in pids) - server_cpu_before
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    ordered = sorted(run["latencies"])
    if not ordered:
        raise SystemExit(f"no successful request; errors: {run['errors'][:10]}")
    report = {
        "label": args.label,
        "url": args.url,
        "method": "POST" if args.body else "GET",
        "workers": args.workers,
        "threads": args.threads,
        "clients": args.clients,
        "seconds": round(wall, 1),
        "requests": len(ordered),
        "errors": len(run["errors"]),
        "error_kinds": sorted(set(run["errors"]))[:10],
        "req_per_s": round(len(ordered) / wall, 1),
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 0.95) * 1000, 1),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
        "server_cores": round(server_cpu / wall, 2) if server else None,
        "load_generator_cores": round(run["cpu"] / wall, 2),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
