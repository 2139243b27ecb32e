#!/usr/bin/env python3
"""The Python side of the comparisons in bench/RESULTS.md: what the tutorials
in seeds/ teach, measured the same way as ipcscope's C++ counterparts.
Standard library only. Prints "key value" lines, like the C++ benches.

  bench_python.py [--smoke] [--only queue|counter] [--rounds N]

queue:   multiprocessing.Queue(maxsize=64), 1 producer and 1 consumer
         processes, the producer puts N ints then None, the consumer gets
         until None (row 2: ipcscope's queue, 1P1C, lock on, instrumented).
counter: multiprocessing.Value('q', 0) and 4 processes, each adding 1 N times,
         `with v.get_lock(): v.value += 1` (locked) and `v.value += 1`
         (unlocked: the lost update) (row 6: ipcscope's counter, 4 workers).
"""
import argparse
import multiprocessing as mp
import statistics
import sys
import time

QUEUE_CAPACITY = 64   # ipcscope-bench-ipc's kQueueCapacity
COUNTER_WORKERS = 4   # ipcscope-bench-ipc's kCounterWorkers


def report(key, value):
    print(f"{key} {value:.6g}", flush=True)


def _producer(q, n):
    for i in range(n):
        q.put(i)
    q.put(None)


def _consumer(q):
    get = q.get
    while get() is not None:
        pass


def queue_items_per_second(ctx, n):
    q = ctx.Queue(maxsize=QUEUE_CAPACITY)
    producer = ctx.Process(target=_producer, args=(q, n))
    consumer = ctx.Process(target=_consumer, args=(q,))
    t0 = time.perf_counter()
    producer.start()
    consumer.start()
    producer.join()
    consumer.join()
    seconds = time.perf_counter() - t0
    if producer.exitcode != 0 or consumer.exitcode != 0:
        sys.exit("python queue benchmark: a child failed")
    return n / seconds


def _increment_locked(v, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1


def _increment_unlocked(v, n):
    for _ in range(n):
        v.value += 1


def counter_increments_per_second(ctx, n, locked):
    v = ctx.Value('q', 0)
    target = _increment_locked if locked else _increment_unlocked
    workers = [ctx.Process(target=target, args=(v, n)) for _ in range(COUNTER_WORKERS)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - t0
    if any(w.exitcode != 0 for w in workers):
        sys.exit("python counter benchmark: a child failed")
    return COUNTER_WORKERS * n / seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round")
    parser.add_argument("--only", choices=["queue", "counter"])
    parser.add_argument("--rounds", type=int, default=0)
    args = parser.parse_args()
    rounds = args.rounds or (1 if args.smoke else 3)
    # fork, as Python 3.11 does by default on Linux (and as ipcscope's benches fork).
    ctx = mp.get_context("fork")
    if args.only in (None, "queue"):
        n = 2_000 if args.smoke else 150_000
        figures = [queue_items_per_second(ctx, n) for _ in range(rounds)]
        report("python_queue_1p1c_items_per_s", statistics.median(figures))
    if args.only in (None, "counter"):
        n = 2_000 if args.smoke else 100_000
        locked, unlocked = [], []
        for _ in range(rounds):
            locked.append(counter_increments_per_second(ctx, n, True))
            unlocked.append(counter_increments_per_second(ctx, n, False))
        report("python_counter_locked_increments_per_s", statistics.median(locked))
        report("python_counter_unlocked_increments_per_s", statistics.median(unlocked))
        report("python_counter_workers", COUNTER_WORKERS)


if __name__ == "__main__":
    main()
