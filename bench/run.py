"""
make bench: measure Kormex under gunicorn with production settings over the seed content and over
generated content, and print one table against the targets of issue 6.

For each data size, in a scratch database: each page's requests/s, p50 and p99 under wrk, served
from the page cache (warm) and compared with a static file, then rendered from the database
(KORMEX_PAGE_CACHE=off) and compared with a minimal Django view, each page loaded right after
its reference on the same server; each page's render time (median of in-process renders, page
cache off) and queries; the largest gunicorn worker's memory after the runs.
"""

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from bench.pages import MINIMAL, PAGES
from bench.server import (
    Failure,
    gunicorn,
    manage,
    production_environment,
    python_module,
    recreate_postgres_database,
    static_path,
    wrk,
)

STATIC = "css/site.css"
# The targets of issue 6, item 6.
CACHED_TO_STATIC = 0.90
COLD_TO_MINIMAL = {"seed": 0.10, "generated": 0.06}
RENDER_GROWTH = 1.3
WORKER_MIB = 100
WORKER_GROWTH = 1.1


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="generated articles for the second size")
    parser.add_argument("--seconds", type=int, default=3, help="seconds of load per run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--renders", type=int, default=30, help="in-process renders per page (the median is shown)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database, dropped and created again for each size, instead of temporary SQLite files",
    )
    parser.add_argument("--redis-url", help="a scratch Redis database for the cache instead of temporary files")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kormex-bench-"))
    try:
        sizes = {"seed": 0, "generated": args.articles}
        results = {label: measure_size(label, articles, args, workdir) for label, articles in sizes.items()}
    except Failure as failure:
        sys.exit(f"make bench: {failure}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table(results, args))
    errors = [
        f"{label} {cache} {name}"
        for label, result in results.items()
        for cache in ["cached", "cold"]
        for name, run in result[cache].items()
        if run_errors(run)
    ]
    if errors:
        sys.exit(f"Errors (non-2xx/3xx answers or socket errors) on: {', '.join(errors)}.")


def measure_size(label, articles, args, workdir):
    """Fill a scratch database with the seed and `articles` generated articles; measure everything on it."""
    print(f"{label}: preparing the database…", file=sys.stderr, flush=True)
    database = args.database_url or f"sqlite:///{workdir / label}.sqlite3"
    if args.database_url:
        recreate_postgres_database(database)
    cache = {"REDIS_URL": args.redis_url} if args.redis_url else {"DJANGO_CACHE_DIR": str(workdir / f"cache-{label}")}
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
    env = production_environment(DATABASE_URL=database, **cache)
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    if articles:
        manage({**env, "DJANGO_DEBUG": "true"}, "generate_demo", "--articles", str(articles))
    manage(env, "collectstatic", "--noinput")
    cold_env = {**env, "KORMEX_PAGE_CACHE": "off"}

    print(f"{label}: rendering in-process…", file=sys.stderr, flush=True)
    renders = json.loads(python_module(cold_env, "bench.measure", str(args.renders)))

    load = {"seconds": args.seconds, "connections": args.connections}
    print(f"{label}: load from the page cache…", file=sys.stderr, flush=True)
    with gunicorn(env, workdir / f"gunicorn-{label}.log") as server:
        static = static_path(STATIC)
        for path in [*PAGES.values(), static]:
            if (status := server.get(path)) != 200:
                raise Failure(f"{path} answered {status}.")
        cached = paired_runs(server, "static", static, load)
        cached_mib = server.worker_rss_mib()
    print(f"{label}: load with the page cache off…", file=sys.stderr, flush=True)
    with gunicorn(cold_env, workdir / f"gunicorn-{label}-cold.log") as server:
        cold = paired_runs(server, "minimal", MINIMAL, load)
        cold_mib = server.worker_rss_mib()
    return {"cached": cached, "cold": cold, "renders": renders, "worker_mib": max(cached_mib, cold_mib)}


def paired_runs(server, reference, reference_path, load):
    """
    Load each page right after the `reference` address, so that both meet the machine in the same
    state, and return each page's run with its ratio to that reference run; the reference's own
    row is its median run.
    """
    runs, references = {}, []
    for name, path in PAGES.items():
        # Requests a run left queued would slow the next one: wait until the server has answered them.
        server.get(reference_path)
        references.append(wrk(server.url(reference_path), **load))
        if not references[-1]["requests"]:
            raise Failure(f"No request to {reference_path} was answered in {load['seconds']} s.")
        runs[name] = {**wrk(server.url(path), **load), "ratio": None}
        runs[name]["ratio"] = runs[name]["rps"] / references[-1]["rps"]
    references.sort(key=lambda run: run["rps"])
    runs[reference] = {**references[len(references) // 2], "errors": sum(map(run_errors, references))}
    return runs


def run_errors(run):
    """Return the errors of `run`, or of all the runs its row stands for."""
    return run.get("errors", run["status_errors"] + run["socket_errors"])


def verdict(ok):
    return "ok" if ok else "FAIL"


def table(results, args):
    """Return the results as one text table, each target's value next to its verdict."""
    seed, generated = results["seed"], results["generated"]
    header = [
        "page",
        "data",
        "cached req/s",
        "p50 ms",
        "p99 ms",
        f"÷static ≥{CACHED_TO_STATIC:.2f}",
        "cold req/s",
        "p50 ms",
        "p99 ms",
        "÷minimal ≥{:.2f}/{:.2f}".format(*COLD_TO_MINIMAL.values()),
        "render ms",
        f"×seed ≤{RENDER_GROWTH}",
        "queries",
        "errors",
    ]
    rows = []
    for name in PAGES:
        for label, result in results.items():
            cached, cold = result["cached"][name], result["cold"][name]
            to_static, to_minimal = cached["ratio"], cold["ratio"]
            render, queries = result["renders"][name]["render_ms"], result["renders"][name]["queries"]
            growth = render / seed["renders"][name]["render_ms"]
            seed_queries = seed["renders"][name]["queries"]
            rows.append(
                [
                    name,
                    label,
                    f"{cached['rps']:.0f}",
                    f"{cached['p50_ms']:.1f}",
                    f"{cached['p99_ms']:.1f}",
                    f"{to_static:.2f} {verdict(to_static >= CACHED_TO_STATIC)}",
                    f"{cold['rps']:.0f}",
                    f"{cold['p50_ms']:.1f}",
                    f"{cold['p99_ms']:.1f}",
                    f"{to_minimal:.3f} {verdict(to_minimal >= COLD_TO_MINIMAL[label])}",
                    f"{render:.1f}",
                    "" if label == "seed" else f"{growth:.2f} {verdict(growth <= RENDER_GROWTH)}",
                    f"{queries}" + ("" if label == "seed" else f" {verdict(queries == seed_queries)}"),
                    str(run_errors(cached) + run_errors(cold)),
                ]
            )
    for name, kind in [("static", "cached"), ("minimal", "cold")]:
        for label, result in results.items():
            run = result[kind][name]
            numbers = [f"{run['rps']:.0f}", f"{run['p50_ms']:.1f}", f"{run['p99_ms']:.1f}", ""]
            blank = ["", "", "", ""]
            cells = numbers + blank if kind == "cached" else blank + numbers
            rows.append([name, label, *cells, "", "", "", str(run_errors(run))])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    seed_mib, generated_mib = seed["worker_mib"], generated["worker_mib"]
    growth = generated_mib / seed_mib
    lines += [
        "",
        f"gunicorn worker memory (largest worker after the runs): seed {seed_mib:.0f} MiB "
        f"{verdict(seed_mib < WORKER_MIB)}, generated {generated_mib:.0f} MiB {verdict(generated_mib < WORKER_MIB)} "
        f"(target <{WORKER_MIB} MiB); ×{growth:.2f} {verdict(growth <= WORKER_GROWTH)} (target ≤{WORKER_GROWTH}×)",
        f"data: seed (1 article) and {args.articles} generated articles; wrk: {args.seconds} s per address, "
        f"{args.connections} connections, gzip accepted; render: median of {args.renders}, page cache off.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
