#!/usr/bin/python3
"""The memorization audit and PRDC computed from faiss searches, for comparison with latentcheck's
`audit` and `coverage` commands (docs/benchmarks.md, "The audit and PRDC against faiss"; driven by
bench/audit-vs-faiss.sh, which times this script and latentcheck in interleaved rounds).

Usage:
  bench/audit_reference.py audit SAMPLES.npy TRAIN.npy HOLDOUT.npy [--threads T] [--check RESULT.json]
  bench/audit_reference.py prdc REAL.npy GENERATED.npy [--k 5] [--threads T] [--check RESULT.json]

Runs with Debian's /usr/bin/python3 (numpy, python3-faiss 1.7.3, IndexFlatL2). The searches are the
ones latentcheck makes:
- audit: samples among the training rows (k = 50), held-out rows among them (k = 1; latentcheck
  searched both at k = 50 before 2026-12-08, and so did this script), samples among the held-out rows
  (k = 1), samples among an equal-size subsample of the training rows (k = 1), training rows and
  held-out rows among the samples (k = 1: membership), and 20 k-means cells fitted on 10,000 training
  rows (faiss.Kmeans) for the data-copying test's cell assignment;
- prdc: each set within itself (k + 1, the row itself dropped) and each set among the other
  (K = 4k candidates), with a full scan of the rare crowded balls, as latentcheck's Prdc does.
The neighbour distances that decide a metric are re-measured in float64 from the rows found, as
latentcheck measures every reported distance: faiss's float32 GEMM distances alone call hundreds of
near rows "exact duplicates" (rounding, not copies). With --check the metrics that do not depend on a
seeded draw (copyFraction, carliniCopyFraction, exactDuplicates, dcrTrainMedian, dcrHoldoutMedian,
membershipAuc; the four PRDC numbers) are compared with latentcheck's --json output and the script
exits 1 when one differs by more than 1e-9 relative (the medians: latentcheck's are exact, faiss's
neighbours are re-measured exactly, so only a differently found neighbour could move them).
Prints one JSON line: the metrics, the seconds taken and the check's outcome.
"""
import argparse
import json
import os
import sys
import time

os.environ.pop("OPENBLAS_CORETYPE", None)

import numpy as np  # noqa: E402
import faiss  # noqa: E402

CARLINI_ALPHA = 0.5
RATIO_THRESHOLD = 1.0 / 3


def search(queries, reference, k):
    index = faiss.IndexFlatL2(reference.shape[1])
    index.add(reference)
    return index.search(queries, k)[1]


def exact(queries, reference, indices):
    """Euclidean distances in float64 between each query and the rows `indices` (queries x k)."""
    out = np.empty(indices.shape)
    for s in range(0, len(queries), 1024):
        q = queries[s:s + 1024].astype(np.float64)[:, None, :]
        r = reference[indices[s:s + 1024]].astype(np.float64)
        out[s:s + 1024] = np.sqrt(((q - r) ** 2).sum(axis=2))
    return out


def nearest(queries, reference, k):
    """The k nearest rows by faiss, re-ranked by their float64 distances (ties to the lower index)."""
    idx = search(queries, reference, k)
    dist = exact(queries, reference, idx)
    order = np.lexsort((idx, dist))
    return np.take_along_axis(idx, order, axis=1), np.take_along_axis(dist, order, axis=1)


def auc_less(x, y):
    """P(X < Y) + P(X = Y) / 2 by ranks (Mann-Whitney)."""
    from scipy.stats import rankdata
    both = np.concatenate([x, y])
    ranks = rankdata(both)
    u = ranks[:len(x)].sum() - len(x) * (len(x) + 1) / 2
    return 1 - u / (len(x) * len(y))


def audit(a):
    samples = np.load(a.files[0]).astype(np.float32)
    train = np.load(a.files[1]).astype(np.float32)
    holdout = np.load(a.files[2]).astype(np.float32)
    t0 = time.time()
    n = min(50, len(train) - 1)
    steps = {}
    clock = [t0]

    def lap(name):
        now = time.time()
        steps[name] = round(now - clock[0], 3)
        clock[0] = now
    _, dist = nearest(samples, train, n)
    # The held-out rows' nearest training rows: latentcheck's data-copying test reads them; this script
    # makes the search for its time and does not compute that test.
    nearest(holdout, train, 1)
    lap("training")
    d1 = dist[:, 0]
    d2 = dist[:, 1]
    mean = dist.mean(axis=1)
    ratio = np.where(d1 == 0, 0, d1 / np.where(d2 == 0, 1, d2))
    carlini = np.where(d1 == 0, 0, d1 / (CARLINI_ALPHA * mean))
    _, h = nearest(samples, holdout, 1)
    h1 = h[:, 0]
    lap("samples-holdout")
    rng = np.random.default_rng(0)
    size = min(len(train), len(holdout))
    sub = train[np.sort(rng.choice(len(train), size, replace=False))] if len(train) > size else train
    _, te = nearest(samples, sub, 1)
    lap("equal-size")
    closer = np.mean(np.where(te[:, 0] < h1, 1.0, np.where(te[:, 0] == h1, 0.5, 0.0)))
    _, tg = nearest(train, samples, 1)
    _, hg = nearest(holdout, samples, 1)
    membership = auc_less(tg[:, 0], hg[:, 0])
    lap("membership")
    fit = train[np.sort(rng.choice(len(train), min(len(train), 10000), replace=False))]
    km = faiss.Kmeans(train.shape[1], 20, niter=300, seed=1)
    km.train(fit)
    km.index.search(holdout, 1)
    km.index.search(samples, 1)
    lap("kmeans")
    seconds = time.time() - t0
    metrics = {
        "copyFraction": float(np.mean(ratio < RATIO_THRESHOLD)),
        "carliniCopyFraction": float(np.mean(carlini < 1)),
        "exactDuplicates": int(np.sum(d1 == 0)),
        "dcrTrainMedian": float(np.median(d1)),
        "dcrHoldoutMedian": float(np.median(h1)),
        "membershipAuc": float(membership),
        "overfittingScore": float(closer),
    }
    metrics["steps"] = steps
    return metrics, seconds, ["copyFraction", "carliniCopyFraction", "exactDuplicates", "dcrTrainMedian",
                              "dcrHoldoutMedian", "membershipAuc"]


def ball_counts(centres, radii, others, candidates, cand_dist):
    """For each centre: how many of `others` lie strictly inside its ball (a full scan when crowded)."""
    inside = (cand_dist < radii[:, None]).sum(axis=1)
    crowded = np.nonzero(cand_dist[:, -1] < radii)[0]
    if len(crowded):
        o = others.astype(np.float64)
        for i in crowded:
            full = np.sqrt(((o - centres[i].astype(np.float64)) ** 2).sum(axis=1))
            inside[i] = int((full < radii[i]).sum())
    return inside


def prdc(a):
    real = np.load(a.files[0]).astype(np.float32)
    fake = np.load(a.files[1]).astype(np.float32)
    k = a.k
    t0 = time.time()
    _, rr = nearest(real, real, k + 1)
    _, ff = nearest(fake, fake, k + 1)
    r = rr[:, k]  # the k-th other row (the row itself is first, at 0)
    s = ff[:, k]
    kk = min(len(fake), 4 * k * -(-len(fake) // len(real)))
    i_rf, d_rf = nearest(real, fake, kk)
    i_fr, d_fr = nearest(fake, real, kk)
    # density and precision: generated rows inside real balls, from the real rows' candidates
    inside_real = ball_counts(real, r, fake, i_rf, d_rf)
    in_ball = d_rf < r[:, None]
    precise = np.zeros(len(fake), dtype=bool)
    precise[i_rf[in_ball]] = True
    crowded = np.nonzero(d_rf[:, -1] < r)[0]
    f64 = fake.astype(np.float64)
    for i in crowded:
        full = np.sqrt(((f64 - real[i].astype(np.float64)) ** 2).sum(axis=1))
        precise |= full < r[i]
    inside_fake = ball_counts(fake, s, real, i_fr, d_fr)
    recalled = np.zeros(len(real), dtype=bool)
    recalled[i_fr[d_fr < s[:, None]]] = True
    r64 = real.astype(np.float64)
    for j in np.nonzero(d_fr[:, -1] < s)[0]:
        full = np.sqrt(((r64 - fake[j].astype(np.float64)) ** 2).sum(axis=1))
        recalled |= full < s[j]
    del inside_fake
    seconds = time.time() - t0
    metrics = {
        "precision": float(precise.mean()),
        "recall": float(recalled.mean()),
        "density": float(inside_real.sum() / (k * len(fake))),
        "coverage": float(np.mean(d_rf[:, 0] < r)),
    }
    return metrics, seconds, ["precision", "recall", "density", "coverage"]


def latentcheck_metrics(path):
    with open(path) as f:
        result = json.JSONDecoder().raw_decode(f.read().lstrip())[0]
    if "metrics" in result:
        return result["metrics"]
    for run in result.get("runs", []):
        for check in run["checks"]:
            if check["check"] == "prdc":
                return check["metrics"]
    for check in result.get("checks", []):
        if check.get("check") == "prdc":
            return check["metrics"]
    raise SystemExit(f"{path}: no metrics found")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["audit", "prdc"])
    p.add_argument("files", nargs="+")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--check")
    a = p.parse_args()
    faiss.omp_set_num_threads(a.threads)
    metrics, seconds, compared = audit(a) if a.what == "audit" else prdc(a)
    out = {"pipeline": f"faiss {faiss.__version__} IndexFlatL2", "what": a.what, "seconds": round(seconds, 3),
           "metrics": metrics}
    status = 0
    if a.check:
        theirs = latentcheck_metrics(a.check)
        differ = {key: [metrics[key], theirs.get(key)] for key in compared
                  if theirs.get(key) is None or abs(metrics[key] - theirs[key]) > 1e-9 * max(1.0, abs(theirs[key]))}
        out["checked"] = compared
        out["differ"] = differ
        status = 1 if differ else 0
    print(json.dumps(out), flush=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
