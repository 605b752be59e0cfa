#!/usr/bin/env python3
"""scikit-learn on the same bits bitlens reads: IDX images (gzip or not) as LEVELS thermometer bits per
pixel (bit j set when the pixel exceeds (j+1)*256/(LEVELS+1), as io/idx.hpp does), trained on the
training images and measured once on the test images.

    bench/compare/sklearn_idx.py TRAIN_IMAGES TEST_IMAGES LEVELS THREADS

The labels are read from the *-labels-idx1-ubyte(.gz) file beside each images file. Prints one JSON
object per model: logistic regression and a random forest of 100 trees (both at scikit-learn's
defaults otherwise; logistic regression stops at 200 iterations, its convergence warning silenced),
with their test accuracy and training seconds.
"""
import gzip
import json
import sys
import time
import warnings

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(images_path, levels):
    labels_path = images_path.replace("images-idx3-ubyte", "labels-idx1-ubyte")
    x = read_idx(images_path).reshape(-1, 28 * 28).astype(np.int32)
    thresholds = [(j + 1) * 256 // (levels + 1) for j in range(levels)]
    bits = np.concatenate([(x > t)[:, :, None] for t in thresholds], axis=2).reshape(len(x), -1).astype(np.uint8)
    return bits, read_idx(labels_path)


def main():
    warnings.filterwarnings("ignore")
    train_images, test_images, levels, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    xtr, ytr = load(train_images, levels)
    xte, yte = load(test_images, levels)
    models = {
        "logistic regression": LogisticRegression(max_iter=200),
        "random forest (100 trees)": RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=1),
    }
    for name, model in models.items():
        start = time.monotonic()
        model.fit(xtr, ytr)
        seconds = time.monotonic() - start
        acc = float((model.predict(xte) == yte).mean())
        print(json.dumps({"model": name, "test_accuracy": acc, "train_seconds": round(seconds, 1)}), flush=True)


if __name__ == "__main__":
    main()
