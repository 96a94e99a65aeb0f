"""What the Python binding costs beside the Rust parser, in one process and one run.

    python benches/python.py [--quick]

Needs the installed package (``bindings/python/test.sh`` builds the release wheel into
``target/python-venv``). Run against an older wheel without ``_bench_core`` it prints
the Python times only (ratios then need the Rust times of a run of the current one). Prints, per report, the Rust time of ``nianbao::parse_report``
(``_native._bench_core``: the same call repeated in Rust, GIL released), the time of
``nianbao.parse_report(text)`` and of ``parse_report(text).to_dict()`` from Python, and
their ratio to Rust; then ``parse_many`` over a batch of texts on 1 and 2 threads. Each
figure is the best of several rounds (the machine is shared), rounds interleaved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nianbao
from nianbao import _native

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
QUICK = "--quick" in sys.argv


def best(fn, repeat: int, rounds: int) -> float:  # type: ignore[no-untyped-def]
    """Best time per call over ``rounds`` rounds of ``repeat`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        times.append((time.perf_counter() - start) / repeat)
    return min(times)


def main() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))
             if "2011" not in p.name}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))})
    repeat, rounds = (20, 3) if QUICK else (100, 7)
    print(f"nianbao {nianbao.__version__}, Python {sys.version.split()[0]}; best of {rounds}"
          f" rounds of {repeat} calls")
    print("| report | KB | Rust | parse_report | ratio | + to_dict() | ratio |")
    print("|---|---|---|---|---|---|---|")
    sums = [0.0, 0.0, 0.0]
    for name, text in texts.items():
        rust = py = dct = float("inf")
        for _ in range(rounds):  # interleaved, so that load hits all three alike
            if hasattr(_native, "_bench_core"):
                rust = min(rust, _native._bench_core(text, repeat) / repeat)
            py = min(py, best(lambda: nianbao.parse_report(text), repeat, 1))  # noqa: B023
            dct = min(dct, best(lambda: nianbao.parse_report(text).to_dict(), repeat, 1))  # noqa: B023
        sums[0] += rust
        sums[1] += py
        sums[2] += dct
        print(f"| {name} | {len(text.encode()) / 1024:.1f} | {rust * 1e6:.0f} µs | {py * 1e6:.0f} µs"
              f" | {py / rust:.2f}× | {dct * 1e6:.0f} µs | {dct / rust:.2f}× |")
    print(f"| **all {len(texts)}** | | {sums[0] * 1e6:.0f} µs | {sums[1] * 1e6:.0f} µs"
          f" | {sums[1] / sums[0]:.2f}× | {sums[2] * 1e6:.0f} µs | {sums[2] / sums[0]:.2f}× |")

    report = nianbao.parse_report(texts["qijiang-gongan-2024.txt"])
    access = best(lambda: report.applications.new_received.total, 2000, rounds)  # type: ignore[union-attr,unused-ignore]
    to_dict = best(report.to_dict, 200, rounds)
    print(f"\nattribute chain report.applications.new_received.total: {access * 1e9:.0f} ns;"
          f" to_dict() alone: {to_dict * 1e6:.1f} µs")

    batch = list(texts.values()) * (20 if QUICK else 150)
    # The previous batch's reports are freed before the clock starts (freeing them is
    # the caller's work, on its thread, whenever it lets them go); that time is
    # printed on its own.
    rates = {}
    frees = []
    for threads in (1, 2, 1, 2, 1, 2):
        start = time.perf_counter()
        results = nianbao.parse_many(batch, threads=threads)
        elapsed = time.perf_counter() - start
        assert all(isinstance(r, nianbao.Report) for r in results)
        rates[threads] = max(rates.get(threads, 0.0), len(batch) / elapsed)
        start = time.perf_counter()
        del results
        frees.append((time.perf_counter() - start) / len(batch))
    print(f"parse_many, {len(batch)} texts: {rates[1]:.0f} reports/s on 1 thread,"
          f" {rates[2]:.0f} on 2 ({rates[2] / rates[1]:.2f}×); freeing the reports"
          f" afterwards {min(frees) * 1e6:.1f} µs each")


if __name__ == "__main__":
    main()
