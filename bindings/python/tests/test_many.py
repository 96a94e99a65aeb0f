"""parse_many: input order, failures in place, the GIL released, every core used."""

from __future__ import annotations

import _thread
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nianbao
from support import FIXTURE_2019, FIXTURE_2021, FIXTURES, report_file


def outcome(call: Callable[[], nianbao.Report]) -> Any:
    """What a single parse gives, comparable: the report, or the exception's type and
    details."""
    try:
        return call()
    except nianbao.ParseError as e:
        return ("ParseError", e.code, e.message, e.path)
    except OSError as e:
        return (type(e).__name__, e.errno, e.filename)


def as_outcome(result: nianbao.Report | BaseException) -> Any:
    def fail() -> nianbao.Report:
        raise result  # type: ignore[misc]

    return outcome(fail) if isinstance(result, BaseException) else result


def binary_files(directory: Path, count: int) -> list[Path]:
    """Files that fail differently and fast: file i holds i + 1 control bytes, which
    the parser refuses as binary, counting them in its message."""
    paths = []
    for i in range(count):
        path = directory / f"bad-{i}.txt"
        path.write_bytes(b"\x01" * (i + 1))
        paths.append(path)
    return paths


@pytest.mark.parametrize("threads", [None, 1, 2, 7])
def test_results_are_in_input_order(tmp_path: Path, threads: int | None) -> None:
    paths = binary_files(tmp_path, 50)
    singles = [outcome(lambda: nianbao.parse_file(p)) for p in paths]  # noqa: B023
    assert len(set(singles)) == len(paths), "the files must fail differently"
    results = nianbao.parse_many(paths, threads=threads)
    assert len(results) == len(paths)
    for path, result, single in zip(paths, results, singles):
        assert isinstance(result, nianbao.ParseError), result
        assert result.code == "binary"
        assert result.path == str(path)
        assert as_outcome(result) == single


def test_each_result_is_what_a_single_parse_gives(tmp_path: Path) -> None:
    good_text = report_file(FIXTURE_2021).read_text(encoding="utf-8")
    good_2019 = report_file(FIXTURE_2019)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(good_text.encode("gb18030"))
    broken = tmp_path / "broken.txt"
    broken.write_bytes(good_text.encode("gb18030") + b"\xff")
    items: list[str | bytes | os.PathLike[str]] = [
        good_text, tmp_path / "missing.txt", "", good_2019, gbk, "不是年报。\n" * 30,
        tmp_path, good_text, broken, good_text.encode("utf-16"), b"%PDF-1.4\n", b"",
    ]
    results = nianbao.parse_many(items, threads=3)
    assert len(results) == len(items)
    for item, result in zip(items, results):
        if isinstance(item, str):
            single = outcome(lambda: nianbao.parse_report(item))  # noqa: B023
        elif isinstance(item, bytes):
            single = outcome(lambda: nianbao.parse_bytes(item))  # noqa: B023
        else:
            single = outcome(lambda: nianbao.parse_file(item))  # noqa: B023
        assert as_outcome(result) == single, item
    assert isinstance(results[1], FileNotFoundError)
    assert isinstance(results[4], nianbao.Report) and results[4] == results[0]
    assert isinstance(results[6], IsADirectoryError)
    assert isinstance(results[8], nianbao.ParseError) and results[8].code == "encoding"
    assert results[9] == results[0]
    assert isinstance(results[10], nianbao.ParseError) and results[10].code == "invalid_pdf"
    assert isinstance(results[11], nianbao.ParseError) and results[11].code == "empty"


def test_reports_and_failures_in_place() -> None:
    """With the parser: the reports of a batch are those of single parses."""
    paths = sorted(FIXTURES.glob("*.txt"))
    results = nianbao.parse_many([paths[0], "", paths[1]])
    assert isinstance(results[0], nianbao.Report)
    assert results[0] == nianbao.parse_file(paths[0])
    assert isinstance(results[1], nianbao.ParseError) and results[1].code == "empty"
    assert isinstance(results[2], nianbao.Report)


def test_items_are_checked_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"item 2: expected str .*, bytes .* or os.PathLike"):
        nianbao.parse_many(["text", b"bytes", bytearray(b"bytes")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="item 1: .* got NoneType"):
        nianbao.parse_many([b"bytes", None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="item 0"):
        nianbao.parse_many([42])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not one str"):
        nianbao.parse_many("a text")
    with pytest.raises(TypeError, match="not one bytes object"):
        nianbao.parse_many(b"some bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads"):
        nianbao.parse_many(["x"], threads=0)
    with pytest.raises(ValueError, match="threads"):
        nianbao.parse_many(["x"], threads=-2)
    assert nianbao.parse_many([]) == []
    # any iterable, generators included
    paths = binary_files(tmp_path, 3)
    results = nianbao.parse_many(p for p in paths)
    assert [r.path for r in results if isinstance(r, nianbao.ParseError)] == [str(p) for p in paths]


# ------------------------------------------------------------------------------------
# Threads. The work is a batch of file paths: reading, decoding and parsing happen in
# Rust with the GIL released.


def _timed(items: list[Any], threads: int) -> float:
    start = time.perf_counter()
    nianbao._native.parse_many(items, threads)
    return time.perf_counter() - start


def _batch(seconds: float, threads: int) -> list[Any]:
    """A batch of report paths that takes at least ``seconds`` on ``threads`` threads
    (doubled until it does)."""
    items: list[Any] = [report_file(FIXTURE_2021)] * 32
    while _timed(items, threads) < seconds and len(items) < 1 << 20:
        items = items * 2
    return items


def _spin_rate(seconds: float) -> float:
    """Increments per second of a Python loop that has the GIL to itself."""
    count, stop = [0], threading.Event()

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    thread = threading.Thread(target=spin)
    thread.start()
    time.sleep(seconds)
    stop.set()
    thread.join()
    return count[0] / seconds


def test_parse_many_releases_the_gil() -> None:
    """A Python thread keeps running while parse_many works: the GIL is released.

    Were it held for the whole call, the other thread could only run in the few switch
    intervals before and after the call."""
    items = _batch(0.5, threads=1)
    rate = _spin_rate(0.2)
    count, stop = [0], threading.Event()

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    thread = threading.Thread(target=spin)
    thread.start()
    time.sleep(0.05)
    before = count[0]
    elapsed = _timed(items, threads=1)
    during = count[0] - before
    stop.set()
    thread.join()
    # Held, it would get about 0.015 of its solo rate here; released, 0.9 on an idle
    # machine and 0.3 on a machine loaded by three other processes.
    outside_call = rate * 4 * sys.getswitchinterval()
    assert during > outside_call + 0.1 * rate * elapsed, (
        f"{during} increments during a {elapsed:.2f} s call (alone: {rate:.0f}/s)"
    )


def _threads_during(items: list[Any], threads: int | None) -> int:
    """The most OS threads this process had at once while parse_many(items, threads)
    ran, less those it had before (Linux: /proc/self/task)."""
    tasks = Path("/proc/self/task")
    seen, done = [0], threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen[0] = max(seen[0], len(os.listdir(tasks)))
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    time.sleep(0.05)
    baseline = seen[0]  # this thread and the watcher
    nianbao._native.parse_many(items, threads)
    done.set()
    watcher.join()
    return seen[0] - baseline


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_parse_many_runs_its_threads_at_once() -> None:
    """threads=N works on N threads at the same time (the calling one and N-1 more),
    and threads=None on one per core; with the GIL released (above) they run in
    parallel."""
    items = _batch(0.3, threads=1)
    assert _threads_during(items, 1) == 0
    assert _threads_during(items, 2) == 1
    assert _threads_during(items, 4) == 3
    cores = len(os.sched_getaffinity(0))
    assert 1 <= _threads_during(items, None) + 1 <= cores
    if cores >= 2:
        assert _threads_during(items, None) >= 1


# ------------------------------------------------------------------------------------
# Progress, and stopping a batch.


def test_progress_is_called_while_a_batch_runs_and_at_its_end() -> None:
    items = _batch(0.3, threads=2)
    total = len(items)
    calls: list[tuple[int, int]] = []
    results = nianbao.parse_many(items, threads=2, progress=lambda done, n: calls.append((done, n)))
    assert len(results) == total
    assert calls[-1] == (total, total)
    assert all(n == total for _, n in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done), "done never goes back"
    # a batch of 0.3 s or more is looked up every 0.1 s while it runs
    assert any(0 < d < total for d in done[:-1]), calls
    # the same results as without progress; a small batch gets the last call only
    paths = [report_file(FIXTURE_2019), report_file(FIXTURE_2021)]
    calls.clear()
    assert nianbao.parse_files(paths, progress=lambda d, n: calls.append((d, n))) == nianbao.parse_files(paths)
    assert calls == [(2, 2)]
    assert nianbao.parse_many([], progress=lambda d, n: calls.append((d, n))) == []
    assert calls[-1] == (0, 0)


def test_an_exception_in_progress_stops_the_batch_and_is_raised() -> None:
    items = _batch(0.3, threads=2)
    calls: list[int] = []

    def stop(done: int, total: int) -> None:
        calls.append(done)
        raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):
        nianbao.parse_many(items, threads=2, progress=stop)
    assert len(calls) == 1 and calls[0] < len(items), "stopped at its first call, not at the end"
    with pytest.raises(TypeError, match=r"progress must be a callable taking \(done, total\)"):
        nianbao.parse_files([], progress=42)  # type: ignore[arg-type]


def test_ctrl_c_stops_a_batch() -> None:
    """A KeyboardInterrupt (Ctrl-C: here a SIGINT simulated by _thread.interrupt_main)
    arriving while the GIL is released stops the batch at its next look-up, instead of
    after the whole batch."""
    items = _batch(1.0, threads=2)
    # progress records done → total by a method written in C, which runs no Python
    # code: the signal is then seen by the batch's own look-up, not inside progress
    seen: dict[int, int] = {}
    timer = threading.Timer(0.25, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            nianbao.parse_many(items, threads=2, progress=seen.__setitem__)
    finally:
        timer.cancel()
    assert seen, "the batch was looked up before it stopped"
    assert max(seen) < len(items), "it stopped before its end (no final progress call)"
