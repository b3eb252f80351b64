#!/usr/bin/env python3
"""Converts scikit-learn's bundled data sets into the clean CSV files of this folder.

Run once by hand (the build does not run it):
    python3 engine/data/sets/convert.py [SKLEARN_DATA_DIR]
SKLEARN_DATA_DIR defaults to Debian's python3-sklearn copy,
/usr/lib/python3/dist-packages/sklearn/datasets/data.

Each output has a header row (scikit-learn's feature_names, the last column "label") and
then one row per example: the cells are copied verbatim from the source files (no number is
reformatted) and the label is scikit-learn's integer class.
Standard library only.
"""
import csv
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = "/usr/lib/python3/dist-packages/sklearn/datasets/data"

# scikit-learn's feature_names (sklearn/datasets/_base.py, load_iris/load_wine/...).
IRIS = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
WINE = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
        "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
        "od280/od315_of_diluted_wines", "proline"]
_MEASURES = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
             "concavity", "concave points", "symmetry", "fractal dimension"]
BREAST_CANCER = (["mean " + m for m in _MEASURES] + [m + " error" for m in _MEASURES] +
                 ["worst " + m for m in _MEASURES])
DIGITS = ["pixel_%d_%d" % (r, c) for r in range(8) for c in range(8)]


def read_rows(path):
    """The rows of a CSV file (gzip-compressed when the name ends in .gz), as lists of text."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        return [[cell.strip() for cell in row] for row in csv.reader(f) if row]


def convert(source, target, names, has_count_line):
    """Writes `target` from `source`: header `names` + "label", then the rows verbatim."""
    rows = read_rows(source)
    if has_count_line:  # "n_samples,n_features,class names..."
        n_samples, n_features = int(rows[0][0]), int(rows[0][1])
        rows = rows[1:]
        assert len(rows) == n_samples and n_features == len(names), source
    for row in rows:
        assert len(row) == len(names) + 1, (source, row)
        assert row[-1].isdigit(), (source, row)  # the label is an integer class
    with open(os.path.join(HERE, target), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(names + ["label"])
        writer.writerows(rows)
    print("%s: %d rows x %d features" % (target, len(rows), len(names)))


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
    convert(os.path.join(data, "digits.csv.gz"), "digits.csv", DIGITS, False)
    convert(os.path.join(data, "iris.csv"), "iris.csv", IRIS, True)
    convert(os.path.join(data, "wine_data.csv"), "wine.csv", WINE, True)
    convert(os.path.join(data, "breast_cancer.csv"), "breast_cancer.csv", BREAST_CANCER, True)


if __name__ == "__main__":
    main()
