"""numpy/scipy's FD and KID on the features FeatureBench writes (bench-a.npy, bench-b.npy), for docs/features.md.

    python3 bench/feature_metrics_numpy.py [folder]     # default /tmp

FD as pytorch-fid computes it (float64 means and covariances, scipy.linalg.sqrtm of the product) and in the
symmetric eigen form latentcheck uses; KID as torch-fidelity (100 subsets of 1000, cubic polynomial kernel,
unbiased MMD^2). Prints the median of 3 passes after one warm-up, and the peak resident memory.
"""
import resource
import sys
import time

import numpy as np
import scipy.linalg

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
a = np.load(folder + "/bench-a.npy")
b = np.load(folder + "/bench-b.npy")


def fd_sqrtm():
    m1, m2 = a.mean(0, dtype=np.float64), b.mean(0, dtype=np.float64)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = scipy.linalg.sqrtm(s1.dot(s2), disp=False)[0].real
    return ((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)


def fd_eigen():
    m1, m2 = a.mean(0, dtype=np.float64), b.mean(0, dtype=np.float64)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    w, v = np.linalg.eigh(s1)
    r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    e = np.linalg.eigvalsh(r @ s2 @ r)
    return ((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(e, 0, None)).sum()


def kid():
    rng = np.random.default_rng(0)
    d = a.shape[1]
    vals = []
    for _ in range(100):
        x = a[rng.choice(len(a), 1000, replace=False)].astype(np.float64)
        y = b[rng.choice(len(b), 1000, replace=False)].astype(np.float64)
        kxx, kyy, kxy = (x @ x.T / d + 1) ** 3, (y @ y.T / d + 1) ** 3, (x @ y.T / d + 1) ** 3
        m = 1000
        vals.append((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
                    - 2 * kxy.mean())
    return float(np.mean(vals))


for name, f in (("FD (scipy sqrtm)", fd_sqrtm), ("FD (eigen form)", fd_eigen), ("KID (100 x 1000)", kid)):
    times = []
    for _ in range(4):
        t0 = time.perf_counter()
        v = f()
        times.append(time.perf_counter() - t0)
    print("%s: %.2f s (median of 3), value %.6g" % (name, sorted(times[1:])[1], v))
print("numpy %s, scipy %s; peak RSS %d MB (inputs %d MB)" % (np.__version__, scipy.__version__,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10, (a.nbytes + b.nbytes) >> 20))
