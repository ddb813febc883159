#!/usr/bin/env python3
"""Writes N synthetic 1-Hz MAP recordings (time_s,map_mmhg) for the folder-scoring harness.

Plain Python, no packages: a mean-reverting walk around 80 mmHg with a few slow dips below 65 and some missing
seconds, so the scorer meets the same work (cleaning, gaps, alarms) as on a real monitor export. Seeded.
"""
import math, os, random, sys

def main(out_dir, count, hours, seed):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(seed)
    seconds = int(hours * 3600)
    for n in range(count):
        level, x = 75 + 10 * rng.random(), 0.0
        dips = [(rng.uniform(600, seconds - 600), rng.uniform(300, 900), rng.uniform(10, 25)) for _ in range(rng.randint(2, 6))]
        with open(os.path.join(out_dir, f"rec{n:03d}.csv"), "w") as f:
            f.write("time_s,map_mmhg\n")
            for t in range(seconds):
                x += -x / 120 + rng.gauss(0, 0.6)
                dip = sum(d * math.exp(-((t - c) / w) ** 2) for c, w, d in dips)
                value = level + x - dip + 3 * math.sin(2 * math.pi * t / 17)
                f.write(f"{t},{value:.0f}\n" if rng.random() > 0.002 else f"{t},\n")

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50, float(sys.argv[3]) if len(sys.argv) > 3 else 10, 7)
