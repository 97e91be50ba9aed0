"""scikit-learn's IsolationForest as an oracle for Medallion's TypeScript forest.

Input matrices are raw little-endian float64, row-major (``--matrix FILE --rows N
--cols F``); everything printed on stdout is one JSON object. One thread throughout
(n_jobs=1, BLAS/OpenMP pools limited to 1), so timings compare with one Node thread.

  fit    fit on the matrix and export the fitted trees (features already mapped through
         estimators_features_), offset_, max_samples_, plus score_samples /
         decision_function / predict on the training rows and, with --score FILE
         --score-rows M, on other rows.
  sweep  fit once per seed in --seeds and return score_samples of the training rows
         for each (sklearn's own seed-to-seed spread, for statistical comparisons);
         with --export-trees, each fitted forest's export too.
  bench  median fit and scoring wall time over --repeats runs, with the scores.

Forest parameters mirror sklearn's: --n-estimators 100, --max-samples auto|INT|FLOAT,
--max-features INT|FLOAT (1.0), --contamination auto|FLOAT, --bootstrap, --seed INT.
A number written with a '.' is a float (a fraction), without one an int (a count),
exactly as sklearn tells them apart.

  python isolation_forest.py fit --matrix x.f64 --rows 1000 --cols 8 --seed 3
"""

import os

# Before numpy loads: its BLAS and OpenMP pools must start single-threaded.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import IsolationForest  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402


def number_or_keyword(keyword):
    def parse(text):
        if keyword is not None and text == keyword:
            return text
        return float(text) if "." in text or "e" in text.lower() else int(text)

    return parse


def read_matrix(path, rows, cols):
    data = np.fromfile(path, dtype="<f8")
    if data.size != rows * cols:
        raise SystemExit(f"{path}: {data.size} values, expected {rows} x {cols}")
    return data.reshape(rows, cols)


def make_forest(args, seed):
    return IsolationForest(
        n_estimators=args.n_estimators,
        max_samples=args.max_samples,
        max_features=args.max_features,
        contamination=args.contamination,
        bootstrap=args.bootstrap,
        random_state=seed,
        n_jobs=1,
    )


def export_forest(forest, args):
    estimators = []
    for estimator, features in zip(forest.estimators_, forest.estimators_features_):
        tree = estimator.tree_
        leaf = tree.children_left == -1
        # A tree sees only its features' columns; map them back to the full matrix.
        feature = np.where(leaf, tree.feature, np.asarray(features)[np.maximum(tree.feature, 0)])
        estimators.append(
            {
                "children_left": tree.children_left.tolist(),
                "children_right": tree.children_right.tolist(),
                "feature": feature.tolist(),
                "threshold": tree.threshold.tolist(),
                "n_node_samples": tree.n_node_samples.tolist(),
            }
        )
    return {
        "offset_": float(forest.offset_),
        "max_samples_": int(forest.max_samples_),
        "max_features_": int(forest._max_features),
        "n_features_in_": int(forest.n_features_in_),
        "estimators": estimators,
        "params": {
            "n_estimators": args.n_estimators,
            "max_samples": args.max_samples,
            "max_features": args.max_features,
            "contamination": args.contamination,
            "bootstrap": args.bootstrap,
            "random_state": args.seed,
        },
        "sklearn_version": sklearn.__version__,
    }


def outputs(forest, x):
    return {
        "score_samples": forest.score_samples(x).tolist(),
        "decision_function": forest.decision_function(x).tolist(),
        "predict": forest.predict(x).tolist(),
    }


def cmd_fit(args, x):
    forest = make_forest(args, args.seed).fit(x)
    result = {"export": export_forest(forest, args), "train": outputs(forest, x)}
    if args.score:
        result["score"] = outputs(forest, read_matrix(args.score, args.score_rows, x.shape[1]))
    return result


def cmd_sweep(args, x):
    seeds = [int(s) for s in args.seeds.split(",")]
    scores, exports = [], []
    for seed in seeds:
        forest = make_forest(args, seed).fit(x)
        scores.append(forest.score_samples(x).tolist())
        if args.export_trees:
            args.seed = seed
            exports.append(export_forest(forest, args))
    result = {"seeds": seeds, "score_samples": scores}
    if args.export_trees:
        result["exports"] = exports
    return result


def cmd_bench(args, x):
    fits, scores_times = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        forest = make_forest(args, args.seed).fit(x)
        fits.append(time.perf_counter() - start)
        start = time.perf_counter()
        scores = forest.score_samples(x)
        scores_times.append(time.perf_counter() - start)
    median = lambda values: sorted(values)[len(values) // 2]  # noqa: E731
    return {
        "fit_seconds": median(fits),
        "score_seconds": median(scores_times),
        "rows": int(x.shape[0]),
        "score_samples": scores.tolist(),
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["fit", "sweep", "bench"])
    parser.add_argument("--matrix", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--cols", type=int, required=True)
    parser.add_argument("--n-estimators", type=int, default=100)
    parser.add_argument("--max-samples", type=number_or_keyword("auto"), default="auto")
    parser.add_argument("--max-features", type=number_or_keyword(None), default=1.0)
    parser.add_argument("--contamination", type=number_or_keyword("auto"), default="auto")
    parser.add_argument("--bootstrap", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--export-trees", action="store_true")
    parser.add_argument("--score")
    parser.add_argument("--score-rows", type=int)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if isinstance(args.contamination, int):
        args.contamination = float(args.contamination)
    x = read_matrix(args.matrix, args.rows, args.cols)
    with threadpool_limits(limits=1):
        result = {"fit": cmd_fit, "sweep": cmd_sweep, "bench": cmd_bench}[args.mode](args, x)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
