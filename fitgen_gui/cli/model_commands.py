"""``fitgen evaluate | predict | export``: using a trained model from a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fitgen_gui.cli.common import EXIT_FAILED, EXIT_OK, UserError, load_engine

__all__ = ["add_commands"]


def _progress(label: str):
    def show(done: int, total: int) -> None:
        if sys.stderr is not None and sys.stderr.isatty():
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r{label} {done}/{total}{end}")
            sys.stderr.flush()

    return show


def format_evaluation(evaluation) -> str:
    """The per-class table, the confusion matrix and the sentence, as text."""
    classes = evaluation.classes
    width = max(8, *(len(c) for c in classes)) + 1
    lines = [f"Accuracy: {evaluation.accuracy:.4f} ({evaluation.data} data, "
             f"{evaluation.model})", evaluation.sentence]
    lines += [f"WARNING: {w}" for w in evaluation.warnings]
    lines.append("")
    lines.append(f"{'class':<{width}} precision    recall        f1   support")
    for name in classes:
        row = evaluation.per_class[name]
        lines.append(f"{name:<{width}} {row['precision']:9.4f} {row['recall']:9.4f} "
                     f"{row['f1']:9.4f} {row['support']:9d}")
    lines.append("")
    lines.append("Confusion matrix (rows: true class, columns: predicted)")
    short = [c[:7] for c in classes]
    lines.append(" " * width + " ".join(f"{s:>7}" for s in short))
    for name, row in zip(classes, evaluation.confusion_matrix, strict=True):
        lines.append(f"{name:<{width}}" + " ".join(f"{v:>7d}" for v in row))
    return "\n".join(lines)


def cmd_evaluate(args: argparse.Namespace) -> int:
    load_engine()
    from fitgen_gui.training.evaluation import evaluate, evaluation_path
    from fitgen_gui.training.model_source import open_model

    source = open_model(args.run, args.epoch)
    evaluation = evaluate(source, args.data or "val", progress=_progress("Evaluating"),
                          data_file_trusted=args.trust_data_file)
    print(format_evaluation(evaluation))
    if args.out:
        path = Path(args.out)
    elif source.run is not None:
        path = evaluation_path(source.run.path, args.epoch)
    else:
        path = Path(source.path).with_name("evaluation.json")
    try:
        evaluation.write(path)
    except OSError as exc:
        raise UserError(f"Cannot write '{path}': {exc.strerror or exc}. Give another file "
                        "with --out FILE.json.") from None
    print(f"Saved {path}")
    return EXIT_OK


def cmd_predict(args: argparse.Namespace) -> int:
    load_engine()
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.prediction import predict_paths, to_csv

    source = open_model(args.model, args.epoch)
    rows = predict_paths(source, args.paths, progress=_progress("Predicting"))
    if not rows:
        raise UserError("No image files found in " + ", ".join(args.paths) + ".")
    text = to_csv(rows, source.class_names)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"Cannot write '{args.out}': {exc.strerror or exc}. Give another "
                            "file with --out.") from None
        failed = sum(1 for r in rows if r.error)
        print(f"Predicted {len(rows) - failed} images ({failed} could not be read) into "
              f"{args.out}.")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    load_engine()
    from datetime import datetime

    from fitgen_gui.training.export_data import export_files
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.tf_export import FORMATS, export_model

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    source = open_model(args.run, args.epoch)
    if args.out:
        out = Path(args.out)
    elif source.run is not None:
        out = source.run.path / "exports" / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    else:
        raise UserError("Give the export folder (--out DIR).")
    parity, calibration, arrays = export_files(source, trusted=args.trust_data_file)
    results = export_model(source, formats, out, parity_files=parity,
                           calibration_files=calibration, parity_arrays=arrays,
                           overwrite=args.overwrite, progress=lambda t: print(t + "…"))
    for result in results:
        if not result.ok:
            print(f"{result.format:<12} FAILED: {result.error}", file=sys.stderr)
        elif result.agreement is None:
            print(f"{result.format:<12} ok -> {result.folder}")
        else:
            difference = result.max_probability_difference
            print(f"{result.format:<12} ok: {result.agreement:.1%} of {result.counted} "
                  f"images agree (largest probability difference {difference:.2g}); "
                  f"{result.size_bytes / 2**20:.1f} MB in {result.seconds:.1f} s "
                  f"-> {result.folder}")
        for note in result.notes:
            print(f"{'':<12} {note}")
    print(f"Report: {out / 'export-report.json'}")
    return EXIT_OK if all(r.ok for r in results) and len(results) == len(
        [f for f in formats if f in FORMATS]) else EXIT_FAILED


def add_commands(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser("evaluate", help="how good a trained model is, per class")
    evaluate.add_argument("run", help="a run folder (or a .keras model file)")
    evaluate.add_argument("--data", help="'val' (default), 'train', or a folder of class "
                                         "sub-folders")
    evaluate.add_argument("--epoch", type=int, help="a kept checkpoint's epoch (default: "
                                                    "model.keras)")
    evaluate.add_argument("--out", help="where to write the JSON (default: "
                                        "RUN/evaluation.json)")
    evaluate.add_argument("--trust-data-file", action="store_true",
                          help="run the run's data file to evaluate on its val_data")
    evaluate.set_defaults(func=cmd_evaluate)

    predict = commands.add_parser("predict", help="predict the class of new images")
    predict.add_argument("model", help="a run folder, an export folder or a .keras file")
    predict.add_argument("paths", nargs="+", help="image files or folders")
    predict.add_argument("--out", help="a CSV file (default: print the CSV)")
    predict.add_argument("--epoch", type=int, help="a kept checkpoint's epoch")
    predict.set_defaults(func=cmd_predict)

    export = commands.add_parser("export", help="export a model, self-tested")
    export.add_argument("run", help="a run folder (or a .keras model file)")
    export.add_argument("--format", default="keras,saved_model,onnx,tflite",
                        help="comma-separated: keras, saved_model, onnx, tflite, tflite-int8")
    export.add_argument("--out", help="the export folder (default: RUN/exports/<time>)")
    export.add_argument("--epoch", type=int, help="a kept checkpoint's epoch")
    export.add_argument("--overwrite", action="store_true",
                        help="replace the export folder if it exists")
    export.add_argument("--trust-data-file", action="store_true",
                        help="run the run's data file for the self-test's images")
    export.set_defaults(func=cmd_export)
