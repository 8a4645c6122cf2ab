#!/usr/bin/python3
"""Times exact k-NN in numpy (blocked GEMM), scikit-learn (brute force, kd-tree), torch and faiss
(IndexFlatL2) on the shapes of bench/knn-bench.sh, for comparison with latentcheck's search (see
docs/benchmarks.md).

Usage: bench/knn_reference.py [--repeats R] [--threads T] [--shapes n,m,d ...]
                              [--libs numpy sklearn-brute sklearn-kd torch faiss]
Libraries that do not import are skipped. Debian's /usr/bin/python3 has numpy 1.24, python3-sklearn 1.2,
python3-torch 1.13 and python3-faiss 1.7.3; another python3 may hold a newer numpy. Each library's
answer is checked on the first queries against an exact float64 search: the printed "differ" column
counts queries whose neighbour indices differ other than by an exact tie in float64. OPENBLAS_CORETYPE is removed from the
environment so that OpenBLAS picks its own kernel for this CPU.
"""
import argparse
import os
import sys

os.environ.pop("OPENBLAS_CORETYPE", None)

import time  # noqa: E402

import numpy as np  # noqa: E402

DEFAULT_SHAPES = ["10000,100000,64", "10000,1000000,16", "2000,100000,512", "100000,100000,2"]


def numpy_gemm(q, r, k):
    """Blocked ||x||^2 + ||y||^2 - 2 x.y in float32, then argpartition / argmin per block."""
    rn = np.einsum("ij,ij->i", r, r)
    block = max(1, min(len(q), (1 << 25) // len(r)))
    out = np.empty((len(q), k), dtype=np.int64)
    for s in range(0, len(q), block):
        qb = q[s:s + block]
        dist = rn[None, :] - 2 * (qb @ r.T)
        dist += np.einsum("ij,ij->i", qb, qb)[:, None]
        if k == 1:
            out[s:s + block, 0] = np.argmin(dist, axis=1)
        else:
            part = np.argpartition(dist, k - 1, axis=1)[:, :k]
            order = np.take_along_axis(dist, part, axis=1).argsort(axis=1)
            out[s:s + block] = np.take_along_axis(part, order, axis=1)
    return out


def sklearn_runner(algorithm, threads):
    from sklearn.neighbors import NearestNeighbors

    def run(q, r, k):
        nn = NearestNeighbors(n_neighbors=k, algorithm=algorithm, n_jobs=threads).fit(r)
        return nn.kneighbors(q, return_distance=True)
    return run


def torch_runner(threads):
    import torch
    torch.set_num_threads(threads)

    def run(q, r, k):
        tq = torch.from_numpy(q)
        tr = torch.from_numpy(r)
        block = max(1, min(len(q), (1 << 25) // len(r)))
        out = []
        with torch.no_grad():
            for s in range(0, len(q), block):
                dist = torch.cdist(tq[s:s + block], tr, compute_mode="use_mm_for_euclid_dist")
                out.append(torch.topk(dist, k, dim=1, largest=False).indices.numpy())
        return np.concatenate(out)
    return run


def faiss_runner(threads):
    import faiss
    faiss.omp_set_num_threads(threads)

    def run(q, r, k):
        index = faiss.IndexFlatL2(r.shape[1])
        index.add(r)
        return index.search(q, k)[1]
    return run


def indices_of(answer):
    """The neighbour indices of a runner's answer (sklearn returns distances and indices)."""
    if isinstance(answer, tuple):
        return np.asarray(answer[1])
    return None if answer is None else np.asarray(answer)


def differ(q, r, k, found, checked=200):
    """Queries among the first `checked` whose indices differ from an exact float64 search beyond exact ties."""
    if found is None:
        return "-"
    bad = 0
    r64 = r.astype(np.float64)
    for i in range(min(checked, len(q))):
        dist = ((r64 - q[i].astype(np.float64)) ** 2).sum(axis=1)
        kth = np.partition(dist, k - 1)[k - 1]
        got = np.asarray(found[i][:k], dtype=np.int64)
        # Right when every index found lies within the exact k-th distance and none repeats.
        if len(set(got.tolist())) != k or np.any(dist[got] > kth):
            bad += 1
    return str(bad)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--shapes", nargs="*", default=DEFAULT_SHAPES)
    p.add_argument("--libs", nargs="*", default=["numpy", "sklearn-brute", "sklearn-kd", "torch", "faiss"])
    p.add_argument("--kd-max-dim", type=int, default=3, help="run the kd-tree only up to this dimension")
    a = p.parse_args()
    versions = [f"numpy {np.__version__}"]
    for module, libs in (("sklearn", ("sklearn-brute", "sklearn-kd")), ("torch", ("torch",)), ("faiss", ("faiss",))):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            versions.append(f"{module} absent (skipped)")
            a.libs = [lib for lib in a.libs if lib not in libs]
    print(f"{sys.executable}: {', '.join(versions)}, {a.threads} threads, load {os.getloadavg()[0]:.1f}",
          flush=True)
    print(f"{'library':<14} {'n x m x d':<22} {'k':>3} {'seconds':>10} {'GFLOP/s':>10} {'differ':>7}", flush=True)
    factories = {
        "numpy": lambda: numpy_gemm,
        "sklearn-brute": lambda: sklearn_runner("brute", a.threads),
        "sklearn-kd": lambda: sklearn_runner("kd_tree", a.threads),
        "torch": lambda: torch_runner(a.threads),
        "faiss": lambda: faiss_runner(a.threads),
    }
    runners = {lib: factories[lib]() for lib in a.libs}
    rng = np.random.default_rng(1)
    for shape in a.shapes:
        n, m, d = (int(x) for x in shape.split(","))
        q = rng.standard_normal((n, d), dtype=np.float32)
        r = rng.standard_normal((m, d), dtype=np.float32)
        for lib in a.libs:
            if lib == "sklearn-kd" and d > a.kd_max_dim:
                continue
            for k in (1, 5):
                best = float("inf")
                for _ in range(a.repeats):
                    t0 = time.perf_counter()
                    answer = runners[lib](q, r, k)
                    best = min(best, time.perf_counter() - t0)
                print(f"{lib:<14} {n} x {m} x {d:<10} {k:>3} {best:>10.3f} {2 * n * m * d / best * 1e-9:>10.1f}"
                      f" {differ(q, r, k, indices_of(answer)):>7}   (load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
