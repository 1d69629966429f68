"""Time the disposition inbox, the incoming register and search as real users of the generated kota.

    DJANGO_SETTINGS_MODULE=lontar.settings \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lontar_bench \\
    python bench/measure.py --runs 200 --label before [--explain inbox_kasi_view]

Each scenario calls what the view calls (the selectors), or the view itself through Django's test
Client with a signed-in session (`*_view`: routing, middleware, selectors and template rendering).
Every scenario is warmed up, then timed `--runs` times; the report gives p50/p95/p99 in milliseconds,
the number of SQL queries of one run, and the load average before and after. Results are also written
to var/bench/results-<label>.json. `--explain NAME` prints EXPLAIN (ANALYZE, BUFFERS) of every query
of that scenario.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lontar.settings")
    import django

    django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signals
from django.db import connection, reset_queries
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lontar.core.permissions import forget_cached_roles
from lontar.core.search.selectors import search
from lontar.correspondence.models import OPEN_DISPOSITION_STATES, Disposition
from lontar.correspondence.selectors.incoming import RegisterFilter, inbox, inbox_counts, register

ROOT = Path(__file__).resolve().parents[1]
OFFICE = "kecb00"  # the busiest office: a kecamatan


def users() -> dict:
    user_model = get_user_model()
    office_users = user_model.objects.filter(username__endswith=f".{OFFICE}")
    busiest = {}
    for prefix in ("kasi", "staf"):
        busiest[prefix] = (
            office_users.filter(username__startswith=prefix)
            .annotate(
                open=Count(
                    "pk",
                    filter=Q(
                        pk__in=Disposition.objects.filter(status__in=OPEN_DISPOSITION_STATES).values(
                            "recipient"
                        )
                    ),
                )
            )
            .order_by("username")
        )
    open_counts = dict(
        Disposition.objects.filter(status__in=OPEN_DISPOSITION_STATES, recipient__in=office_users)
        .values_list("recipient__username")
        .annotate(n=Count("pk"))
    )

    def busiest_of(prefix):
        names = [u for u in open_counts if u.startswith(prefix)]
        return max(names, key=lambda u: open_counts[u])

    by_name = {u.username: u for u in office_users}
    return {
        "camat": by_name[f"pimpinan.{OFFICE}"],
        "kasi": by_name[busiest_of("kasi")],
        "staf": by_name[busiest_of("staf")],
        "front_desk": by_name[f"fo.{OFFICE}"],
        "open_counts": open_counts,
    }


def sender_name_query() -> str:
    """A person's name that appears as a sender in the busiest office (seeded data, so stable)."""
    from lontar.correspondence.models import IncomingLetter

    letter = (
        IncomingLetter.objects.filter(organisation__code="Kec.B00", sender_institution="")
        .order_by("id")
        .only("sender_name")
        .first()
    )
    return letter.sender_name if letter else "Sutrisno"


def fresh(user):
    """The user as a new request sees it: no permission caches from the previous run."""
    forget_cached_roles(user)
    return user


def scenarios(people) -> dict:
    camat, kasi, staf, desk = people["camat"], people["kasi"], people["staf"], people["front_desk"]
    clients = {}
    for name, user in (("camat", camat), ("kasi", kasi), ("staf", staf), ("front_desk", desk)):
        client = Client()
        client.force_login(user)
        clients[name] = client

    def view(client, url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    sender = sender_name_query()
    queries = {
        "word": "banjir",
        "stem_perizinan": "perizinan",
        "stem_izin": "izin",
        "two_words": "rapat koordinasi",
        "sender": sender,
        "partial": "rekonsil",
        "typo": "posyandhu",
    }
    result = {
        "inbox_kasi": lambda: (inbox(fresh(kasi), "terbuka"), inbox_counts(kasi)),
        "inbox_staf": lambda: (inbox(fresh(staf), "terbuka"), inbox_counts(staf)),
        "inbox_staf_unread": lambda: (inbox(fresh(staf), "belum-dibaca"), inbox_counts(staf)),
        "inbox_kasi_view": view(clients["kasi"], "/surat/disposisi/"),
        "inbox_staf_view": view(clients["staf"], "/surat/disposisi/"),
        "register_camat_status": lambda: register(fresh(camat), RegisterFilter(status="didisposisikan")),
        "register_desk_sender": lambda: register(fresh(desk), RegisterFilter(sender="Dinas Kesehatan")),
        "register_staf_first": lambda: register(fresh(staf), RegisterFilter()),
        "register_camat_view": view(clients["camat"], "/surat/masuk/?status=didisposisikan"),
        "register_staf_view": view(clients["staf"], "/surat/masuk/"),
    }
    for key, text in queries.items():
        result[f"search_camat_{key}"] = lambda text=text: search(fresh(camat), text)
        result[f"search_staf_{key}"] = lambda text=text: search(fresh(staf), text)
    result["search_staf_view"] = view(clients["staf"], "/cari/?q=perizinan")
    result["search_desk_view"] = view(clients["front_desk"], "/cari/?q=banjir+drainase")
    result["_queries"] = queries
    return result


def percentile(values, p) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_it(fn, runs: int, warmup: int, max_seconds: float) -> dict:
    for _ in range(warmup):
        fn()
    with CaptureQueriesContext(connection) as captured:
        out = fn()
    samples = []
    deadline = time.monotonic() + max_seconds
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        if time.monotonic() > deadline and len(samples) >= 20:
            break  # a slow scenario: fewer runs, reported as n
    rows = out[0] if isinstance(out, tuple) else out
    return {
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
        "mean": statistics.fmean(samples),
        "n": len(samples),
        "queries": len(captured.captured_queries),
        "rows": len(rows) if isinstance(rows, list) else None,
        "sql": [q["sql"] for q in captured.captured_queries],
    }


def explain(sql_list) -> None:
    with connection.cursor() as cursor:
        for sql in sql_list:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            print("\n--- " + sql[:2000])
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(row[0] for row in cursor.fetchall()))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--max-seconds", type=float, default=60, help="stop a scenario's runs after this")
    parser.add_argument("--label", default="run")
    parser.add_argument("--only", default="", help="comma-separated prefixes of scenario names")
    parser.add_argument("--explain", default="", help="comma-separated scenario names")
    args = parser.parse_args(argv)
    settings.ALLOWED_HOSTS = ["*"]
    # Each test-Client request would empty connection.queries_log; keep it to count the view's queries.
    signals.request_started.disconnect(reset_queries)
    people = users()
    plan = scenarios(people)
    queries = plan.pop("_queries")
    print(
        f"users: camat={people['camat'].username} kasi={people['kasi'].username} "
        f"({people['open_counts'][people['kasi'].username]} open) staf={people['staf'].username} "
        f"({people['open_counts'][people['staf'].username]} open) front desk={people['front_desk'].username}"
    )
    print(f"search queries: {queries}")
    only = [p for p in args.only.split(",") if p]
    wanted_explain = {n for n in args.explain.split(",") if n}
    load_before = os.getloadavg()
    results = {}
    print(f"{'scenario':32} {'p50':>8} {'p95':>8} {'p99':>8} {'n':>4} {'queries':>7} {'rows':>5}  load")
    for name, fn in plan.items():
        if only and not any(name.startswith(p) for p in only):
            continue
        stats = time_it(fn, args.runs, args.warmup, args.max_seconds)
        results[name] = {k: v for k, v in stats.items() if k != "sql"}
        load = os.getloadavg()[0]
        print(
            f"{name:32} {stats['p50']:8.1f} {stats['p95']:8.1f} {stats['p99']:8.1f} {stats['n']:4d} "
            f"{stats['queries']:7d} "
            f"{stats['rows'] if stats['rows'] is not None else '-':>5}  {load:.2f}",
            flush=True,
        )
        if name in wanted_explain:
            explain(stats["sql"])
    load_after = os.getloadavg()
    out = ROOT / "var" / "bench" / f"results-{args.label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "label": args.label,
                "runs": args.runs,
                "load_before": load_before,
                "load_after": load_after,
                "queries": queries,
                "results": results,
            },
            indent=2,
        )
    )
    print(f"load average before {load_before}, after {load_after}; written {out}")


if __name__ == "__main__":
    main()
