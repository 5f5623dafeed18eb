"""The table make bench prints for one database: each page at each data size against the targets of issue 19."""

from bench.pages import PAGES

# The targets of issue 19, item 5.
CACHED_TO_STATIC = 0.90
# Cold requests/s against the minimal view's, at the sizes the targets name (0: the seed alone).
COLD_TO_MINIMAL = {0: 0.10, 20000: 0.05}
# Render time against the render time at RENDER_BASE interviews, at the sizes the targets name.
RENDER_BASE = 200
RENDER_GROWTH = {20000: 1.5}
WORKER_MIB = 120
WORKER_GROWTH = 1.2
# Item 4: generate_demo fills the largest size in less time than this.
LARGEST = 20000
GENERATE_SECONDS = 300
MISSING = "—"


def run_errors(run):
    """Return the errors of `run`, or of all the runs its row stands for."""
    return run.get("errors", run["status_errors"] + run["socket_errors"])


def size_label(size):
    return f"{size:,}" if size else "seed"


def ratio(value, target=None, at_least=True, digits=2):
    """Return `value` with the verdict of its `target`, if one applies."""
    if target is None:
        return f"{value:.{digits}f}"
    ok = value >= target if at_least else value <= target
    return f"{value:.{digits}f} {'ok' if ok else 'FAIL'}"


def page_row(name, size, result, results):
    """Return the cells of page `name` at data size `size`, or dashes where the page does not exist."""
    render = result["renders"][name]
    if render is None:
        return [name, size_label(size), *[MISSING] * 8]
    cached, cold = result["cached"][name], result["cold"][name]
    base = results.get(RENDER_BASE, {}).get("renders", {}).get(name)
    if base is None:
        growth = MISSING
    elif size == RENDER_BASE:
        growth = ""
    else:
        growth = ratio(render["render_ms"] / base["render_ms"], RENDER_GROWTH.get(size), at_least=False)
    first = next(other["renders"][name] for other in results.values() if other["renders"][name] is not None)
    queries = str(render["queries"])
    if render is not first:
        queries += " ok" if render["queries"] == first["queries"] else " FAIL"
    return [
        name,
        size_label(size),
        f"{cached['rps']:.0f}",
        ratio(cached["ratio"], CACHED_TO_STATIC),
        f"{cold['rps']:.0f}",
        # Cold pages answer a few percent of the minimal view's requests: a third digit tells them apart.
        ratio(cold["ratio"], COLD_TO_MINIMAL.get(size), digits=3),
        f"{render['render_ms']:.1f}",
        growth,
        queries,
        str(run_errors(cached) + run_errors(cold)),
    ]


def table(results, args, machine):
    """Return `results` (each data size's measures) as one text table, each target's value next to its verdict."""
    header = [
        "page",
        "data",
        "cached req/s",
        f"÷static ≥{CACHED_TO_STATIC:.2f}",
        "cold req/s",
        "÷minimal " + ", ".join(f"≥{target:.2f} {size_label(size)}" for size, target in COLD_TO_MINIMAL.items()),
        "render ms",
        f"×{size_label(RENDER_BASE)} "
        + ", ".join(f"≤{target} {size_label(size)}" for size, target in RENDER_GROWTH.items()),
        "queries",
        "errors",
    ]
    rows = [page_row(name, size, result, results) for name in PAGES for size, result in results.items()]
    for size, result in results.items():
        static = result["cached"]["static"]
        rows.append(["static", size_label(size), f"{static['rps']:.0f}", *[""] * 6, str(run_errors(static))])
    for size, result in results.items():
        minimal = result["cold"]["minimal"]
        rows.append(["minimal", size_label(size), "", "", f"{minimal['rps']:.0f}", *[""] * 4, str(run_errors(minimal))])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join([*lines, "", *footer(results, args, machine)])


def footer(results, args, machine):
    """Return the lines under the table: the workers' memory against its targets, then what was measured how."""
    memory = {size: result["worker_mib"] for size, result in results.items()}
    each = ", ".join(
        f"{size_label(size)} {mib:.0f} MiB {'ok' if mib < WORKER_MIB else 'FAIL'}" for size, mib in memory.items()
    )
    growth = max(memory.values()) / min(memory.values())
    data = []
    if 0 in results:
        data.append("the seed (1 interview) alone")
    if generated := ", ".join(size_label(size) for size in results if size):
        data.append(f"the seed with {generated} interviews from generate_demo")
    generate = ", ".join(
        f"{size_label(size)} {result['generate_seconds']:.0f} s"
        + (f" {'ok' if result['generate_seconds'] < GENERATE_SECONDS else 'FAIL'}" if size == LARGEST else "")
        for size, result in results.items()
        if size
    )
    return [
        f"gunicorn worker memory (largest worker after the runs, target <{WORKER_MIB} MiB): {each}; "
        f"max/min {ratio(growth, WORKER_GROWTH, at_least=False)} (target ≤{WORKER_GROWTH})",
        *([f"generate_demo (target <{GENERATE_SECONDS} s at {size_label(LARGEST)}): {generate}"] if generate else []),
        f"data: {' and '.join(data)}, the facet index built at each size; "
        f"wrk: {args.seconds} s per address, {args.connections} connections, 2 threads, gzip accepted; "
        f"render: median of {args.renders}, page cache off; machine: {machine}.",
    ]
