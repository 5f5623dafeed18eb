"""
make loadtest: a bounded load (wrk, on 127.0.0.1 only) against gunicorn with production settings on
PostgreSQL and Redis, across a mix of public addresses; exit non-zero on any answer other than
2xx/3xx and on any socket error.

The PostgreSQL database is dropped and created again, and the Redis database emptied: give
scratch ones.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from bench.pages import SEED_ARTICLE
from bench.server import (
    Failure,
    gunicorn,
    manage,
    production_environment,
    recreate_postgres_database,
    static_path,
    wrk,
)

# What readers and crawlers ask for, in every language; a few addresses are listed twice to weigh them.
PATHS = [
    "/",
    "/",
    "/articles/",
    f"/articles/{SEED_ARTICLE}/",
    f"/articles/{SEED_ARTICLE}/",
    "/themes/",
    "/themes/trade-and-the-fta/",
    "/themes/aerospace/?kind=dated",
    "/facts/",
    "/facts/?theme=trade-and-the-fta&theme=investment-and-nearshoring",
    "/facts/?from=2020&to=2025&kind=figure",
    "/facts/?page=3",
    "/timeline/",
    "/search/?q=FTA",
    "/search/?q=satellite&theme=aerospace",
    "/data/",
    "/facts.csv?theme=public-data",
    "/facts.json?theme=aerospace&kind=dated",
    "/feeds/rss/",
    "/feeds/atom/",
    "/themes/energy/feed/rss/",
    "/sitemap.xml",
    "/robots.txt",
    "/es/",
    "/es/themes/comercio-y-el-tlc/",
    "/es/facts/?theme=comercio-y-el-tlc",
    "/ko/",
    "/ko/themes/",
    f"/ko/articles/{SEED_ARTICLE}/",
    "/healthz",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a scratch PostgreSQL database (dropped and created)")
    parser.add_argument("--redis-url", required=True, help="a scratch Redis database (emptied)")
    parser.add_argument("--articles", type=int, default=200, help="generated articles beside the seed")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    try:
        report = run(args)
    except Failure as failure:
        sys.exit(f"make loadtest: {failure}")
    print(report["text"])
    if report["errors"]:
        sys.exit(f"make loadtest: {report['errors']} errors.")


def run(args):
    import redis

    print("Preparing the database…", file=sys.stderr, flush=True)
    recreate_postgres_database(args.database_url)
    redis.Redis.from_url(args.redis_url).flushdb()
    env = production_environment(DATABASE_URL=args.database_url, REDIS_URL=args.redis_url)
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    manage({**env, "DJANGO_DEBUG": "true"}, "generate_demo", "--articles", str(args.articles))
    manage(env, "collectstatic", "--noinput")
    paths = [*PATHS, static_path("css/site.css")]
    with (
        tempfile.TemporaryDirectory(prefix="kormex-loadtest-") as workdir,
        gunicorn(env, Path(workdir) / "gunicorn.log") as server,
    ):
        for path in paths:
            if (status := server.get(path)) >= 400:
                raise Failure(f"{path} answered {status} before the load started.")
        print(f"Loading {len(paths)} addresses for {args.seconds} s…", file=sys.stderr, flush=True)
        result = wrk(server.url("/"), seconds=args.seconds, connections=args.connections, paths=paths)
        worker_mib = server.worker_rss_mib()
    errors = result["status_errors"] + result["socket_errors"]
    text = "\n".join(
        [
            f"{result['requests']} requests in {args.seconds} s over {args.connections} connections "
            f"({len(paths)} addresses in turn): {result['rps']:.0f} requests/s, "
            f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms",
            f"answers other than 2xx/3xx: {result['status_errors']}; socket errors: {result['socket_errors']}",
            f"largest gunicorn worker after the load: {worker_mib:.0f} MiB",
            "PASS: no errors" if not errors else "FAIL",
        ]
    )
    return {"text": text, "errors": errors}


if __name__ == "__main__":
    main()
