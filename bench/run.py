"""
make bench: measure Kormex under gunicorn with production settings on SQLite and on PostgreSQL with
Redis, over the seed alone and over the seed with generated interviews, and print one table a
database against the targets of issue 19.

For each database and data size, in a scratch database: each page's render time (median of
in-process renders, page cache off) and queries; each page's requests/s under wrk served from the
page cache and compared with a static file, then rendered from the database (KORMEX_PAGE_CACHE=off)
and compared with a minimal Django view, each page loaded right after its reference on the same
server; the largest gunicorn worker's memory after the runs.
"""

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench.pages import MINIMAL, PAGES, STATIC
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
from bench.table import run_errors, table

DATABASES = {"sqlite": "SQLite, cache in files", "postgres": "PostgreSQL, cache in Redis"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="seed,200,2000,20000",
        help="data sizes, each `seed` (the seed alone) or a number of interviews generate_demo adds to the seed",
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres, or both in that order")
    parser.add_argument("--seconds", type=int, default=3, help="seconds of load per run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--renders", type=int, default=30, help="in-process renders per page (the median is shown)")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/kormex_bench",
        help="the scratch PostgreSQL database, dropped and created again for each size",
    )
    parser.add_argument(
        "--redis-url", default="redis://127.0.0.1:6379/2", help="the scratch Redis database, emptied for each size"
    )
    args = parser.parse_args()
    # Stopped by a signal, unwind as on an error: the servers and wrk it started are stopped.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(f"make bench: stopped by signal {number}"))
    sizes = [0 if size == "seed" else int(size) for size in args.sizes.split(",")]
    databases = args.databases.split(",")
    if unknown := set(databases) - set(DATABASES):
        parser.error(f"unknown --databases {', '.join(sorted(unknown))}: choose among {', '.join(DATABASES)}")
    workdir = Path(tempfile.mkdtemp(prefix="kormex-bench-"))
    errors = []
    try:
        for database in databases:
            machine = f"{os.cpu_count()} cores, load average {load_average()} (1, 5, 15 min) at the start"
            results = {size: measure_size(database, size, args, workdir) for size in sizes}
            print(f"\n{DATABASES[database]}\n\n{table(results, args, machine)}", flush=True)
            errors += [
                f"{database} {size or 'seed'} {cache} {name}"
                for size, result in results.items()
                for cache in ["cached", "cold"]
                for name, run in result[cache].items()
                if run_errors(run)
            ]
    except Failure as failure:
        sys.exit(f"make bench: {failure}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if errors:
        sys.exit(f"Errors (non-2xx/3xx answers or socket errors) on: {', '.join(errors)}.")


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure_size(database, size, args, workdir):
    """Fill a scratch database with the seed and `size` generated interviews; measure everything on it."""
    label = f"{database} {size or 'seed'}"
    print(f"{label}: preparing the database…", file=sys.stderr, flush=True)
    sizedir = workdir / f"{database}-{size}"
    sizedir.mkdir()
    if database == "postgres":
        import redis

        recreate_postgres_database(args.database_url)
        redis.Redis.from_url(args.redis_url).flushdb()
        stores = {"DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url}
    else:
        stores = {"DATABASE_URL": f"sqlite:///{sizedir / 'db.sqlite3'}", "DJANGO_CACHE_DIR": str(sizedir / "cache")}
    env = production_environment(**stores)
    if database == "sqlite":
        env.pop("REDIS_URL", None)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_seed")
        generated = time.perf_counter()
        if size:
            manage({**env, "DJANGO_DEBUG": "true"}, "generate_demo", "--articles", str(size))
        generated = time.perf_counter() - generated
        # The deployment's step (docs/deploying.md): no measured request waits for the facet index.
        manage(env, "build_facet_index")
        manage(env, "collectstatic", "--noinput")
        return {**measure_servers(label, env, args, sizedir), "generate_seconds": generated}
    finally:
        # A size's files (1.4 GB of SQLite at 20,000 interviews) are not needed once it is measured.
        shutil.rmtree(sizedir, ignore_errors=True)


def measure_servers(label, env, args, sizedir):
    """Render the pages in-process, then load them under gunicorn from the page cache and without it."""
    cold_env = {**env, "KORMEX_PAGE_CACHE": "off"}
    print(f"{label}: rendering in-process…", file=sys.stderr, flush=True)
    renders = json.loads(python_module(cold_env, "bench.measure", str(args.renders)))
    pages = {name: path for name, path in PAGES.items() if renders[name] is not None}

    load = {"seconds": args.seconds, "connections": args.connections}
    print(f"{label}: load from the page cache…", file=sys.stderr, flush=True)
    with gunicorn(env, sizedir / "gunicorn.log") as server:
        static = static_path(STATIC)
        for path in [*pages.values(), static]:
            if (status := server.get(path)) != 200:
                raise Failure(f"{path} answered {status}.")
        cached = paired_runs(server, pages, "static", static, load)
        cached_mib = server.worker_rss_mib()
    print(f"{label}: load with the page cache off…", file=sys.stderr, flush=True)
    with gunicorn(cold_env, sizedir / "gunicorn-cold.log") as server:
        cold = paired_runs(server, pages, "minimal", MINIMAL, load)
        cold_mib = server.worker_rss_mib()
    return {"cached": cached, "cold": cold, "renders": renders, "worker_mib": max(cached_mib, cold_mib)}


def paired_runs(server, pages, reference, reference_path, load):
    """
    Load all of `pages` and the `reference` address in turn to warm the workers; then load each
    page right after the reference, so that both meet the machine in the same state, and return
    each page's run with its ratio to that reference run; the reference's own row is its median run.
    """
    # Every worker renders each page once before the runs, as the in-process renders do.
    wrk(server.url("/"), **load, paths=[reference_path, *pages.values()])
    runs, references = {}, []
    for name, path in pages.items():
        # Requests a run left queued would slow the next one: wait until the server has answered them.
        server.get(reference_path)
        references.append(wrk(server.url(reference_path), **load))
        if not references[-1]["requests"]:
            raise Failure(f"No request to {reference_path} was answered in {load['seconds']} s.")
        runs[name] = wrk(server.url(path), **load)
        runs[name]["ratio"] = runs[name]["rps"] / references[-1]["rps"]
    references.sort(key=lambda run: run["rps"])
    runs[reference] = {**references[len(references) // 2], "errors": sum(map(run_errors, references))}
    return runs


if __name__ == "__main__":
    main()
