# FitGen's no-code engine from R: the `fitgen train | resume | runs | evaluate | predict |
# export` commands as functions returning run folders, data frames and matrices.

# A column from Python (a list, NULL for a missing value) as an R vector.
as_column <- function(values) {
  if (!is.list(values)) return(values)
  if (!length(values)) return(logical())
  unlist(lapply(values, function(v) if (is.null(v) || length(v) != 1) NA else v))
}

as_frame <- function(columns) {
  frame <- as.data.frame(lapply(columns, as_column), stringsAsFactors = FALSE,
                         check.names = FALSE)
  rownames(frame) <- NULL
  frame
}

engine_call <- function(call, name, ...) {
  support <- fitgen_py()
  py_value(function() support$call(support[[name]], ...), call)
}

# What a run's outcome means in R: its warnings as warnings, a failure as an error.
run_outcome <- function(outcome, call) {
  for (text in unlist(outcome$warnings)) fitgen_warn(text, call, "fitgen_run_warning")
  if (identical(outcome$status, "failed")) {
    fitgen_abort(outcome$message, c("fitgen_run_failed",
                                    if (isTRUE(outcome$user_error)) "fitgen_user_error"),
                 call, run_dir = outcome$run_dir)
  }
  if (identical(outcome$status, "stopped")) {
    fitgen_warn(sprintf("The run was stopped; resume it with fitgen_resume(\"%s\").",
                        outcome$run_dir), call)
  }
  outcome$run_dir
}

check_run <- function(run, call, name = "run") {
  if (!is.character(run) || length(run) != 1 || is.na(run)) {
    bad_argument(name, "a run folder (a path, e.g. fitgen_runs()$path[1])", run, call)
  }
  path.expand(run)
}

#' Train a model from class folders, as FitGen's app and `fitgen train` do
#'
#' A new run folder in `runs_dir` gets the settings (`config.json`), the per-epoch history
#' (`history.csv`), checkpoints and the final model; the console shows the progress.
#' Settings are named arguments: the common ones by their short names (`epochs`,
#' `batch_size`, `target_size`, `model`, `weights`, `learning_rate`, `optimizer`,
#' `validation_split`, `class_weight`, `seed`, `workers`, `name`...), any other by its name
#' in `config.json`, either bare when it is unique (`rotation_range`, `horizontal_flip`,
#' `early_stopping`) or as `section.name` (`callbacks.early_stopping = TRUE`).
#'
#' Without `val_dir` or `validation_split`, a `val` folder beside `train_dir` is used, as
#' `fitgen train` does.
#'
#' @param train_dir The training folder: one sub-folder of images per class.
#' @param val_dir The validation folder, with the same class sub-folders.
#' @param ... Settings (see Description), e.g. `epochs = 10, target_size = c(128, 128)`.
#' @param config Settings to start from: a list in `config.json`'s layout
#'   (`list(training = list(epochs = 5))`), or the path of a `config.json` or of a run
#'   folder (its settings). Named arguments are applied on top.
#' @param runs_dir The folder that holds the run folders.
#' @param verbose Print the run's console text.
#' @param trust_data_file Run the Python data file that `config` names (FitGen runs one
#'   only when asked; a `data_file` given here is trusted).
#' @return The run folder (a path), once the run has finished. A run that fails is an
#'   error of class `fitgen_run_failed` with FitGen's message (and `$run_dir`).
#' @examples
#' \dontrun{
#' run <- fitgen_train("data/train", "data/val", epochs = 10, target_size = c(128, 128),
#'                     model = "mobilenet_v3_small", weights = "imagenet")
#' fitgen_history(run)
#' }
#' @export
fitgen_train <- function(train_dir = NULL, val_dir = NULL, ..., config = NULL,
                         runs_dir = "runs", verbose = TRUE, trust_data_file = FALSE) {
  call <- sys.call()
  settings <- list(...)
  if (length(settings) && (is.null(names(settings)) || any(!nzchar(names(settings))))) {
    fitgen_abort("Settings must be named, e.g. fitgen_train(\"train\", epochs = 5).",
                 "fitgen_argument_error", call)
  }
  if (!is.null(train_dir)) settings$train_dir <- check_path(train_dir, "train_dir", call)
  if (!is.null(val_dir)) settings$val_dir <- check_path(val_dir, "val_dir", call)
  if (is.character(config)) config <- check_path(config, "config", call)
  else if (!is.null(config) && !is.list(config)) {
    bad_argument("config", "a list of settings or the path of a config.json", config, call)
  }
  outcome <- engine_call(call, "train", settings, config,
                         runs_dir = check_path(runs_dir, "runs_dir", call),
                         verbose = check_flag(verbose, "verbose", call),
                         trust_data_file = check_flag(trust_data_file, "trust_data_file", call))
  run_outcome(outcome, call)
}

#' Continue a run from its checkpoint, as `fitgen resume` does
#'
#' Weights, optimizer state and the epoch counter are restored from the checkpoint of
#' `from_epoch` (default: the latest; a run stopped inside an epoch continues at its
#' batch); the epochs after it are set aside in the run's `set-aside/` folder, not deleted.
#'
#' @param run A run folder.
#' @param from_epoch The epoch (from 1) of a kept checkpoint.
#' @param epochs A new final epoch (to train longer than planned).
#' @inheritParams fitgen_train
#' @return The run folder, once the run has finished.
#' @examples
#' \dontrun{
#' fitgen_resume(fitgen_runs()$path[1], epochs = 20)
#' }
#' @export
fitgen_resume <- function(run, from_epoch = NULL, epochs = NULL, verbose = TRUE,
                          trust_data_file = FALSE) {
  call <- sys.call()
  outcome <- engine_call(call, "resume", check_run(run, call),
                         from_epoch = check_count(from_epoch, "from_epoch", call, 1, null = TRUE),
                         epochs = check_count(epochs, "epochs", call, 1, null = TRUE),
                         verbose = check_flag(verbose, "verbose", call),
                         trust_data_file = check_flag(trust_data_file, "trust_data_file", call))
  run_outcome(outcome, call)
}

#' The runs in a folder, as `fitgen runs` lists them
#'
#' @param runs_dir The folder that holds the run folders.
#' @return A data frame, newest run first: `name`, `status` (finished, stopped, running,
#'   failed...), `epochs_done`, `epochs_planned`, `best_metric`, `best_value`,
#'   `best_epoch` (from 1), `model` (which epoch `model.keras` is), `checkpoints` and `path`.
#' @examples
#' \dontrun{
#' runs <- fitgen_runs()
#' fitgen_history(runs$path[1])
#' }
#' @export
fitgen_runs <- function(runs_dir = "runs") {
  call <- sys.call()
  as_frame(engine_call(call, "runs", check_path(runs_dir, "runs_dir", call)))
}

#' A run's metrics per epoch (its `history.csv`)
#'
#' @param run A run folder.
#' @return A data frame: `epoch` (from 1) and one column per metric (`loss`, `accuracy`,
#'   `val_loss`, `val_accuracy`, `learning_rate`...).
#' @export
fitgen_history <- function(run) {
  call <- sys.call()
  as_frame(engine_call(call, "history", check_run(run, call)))
}

#' How good a trained model is, per class (`fitgen evaluate`)
#'
#' Predicts every image of the run's validation data (or its training data, or another
#' folder with the same classes) and writes `evaluation.json` in the run folder.
#'
#' @param run A run folder (or a `.keras` model file, or an export folder).
#' @param data `"val"`, `"train"`, or a folder of class sub-folders.
#' @param epoch The epoch (from 1) of a kept checkpoint (default: the final model).
#' @param trust_data_file Run the run's Python data file to evaluate on its `val_data`.
#' @param save Write `evaluation.json`.
#' @return A `fitgen_evaluation` list: `accuracy`, `per_class` (a data frame: `class`,
#'   `precision`, `recall`, `f1`, `support`), `confusion` (a matrix, rows the true class
#'   and columns the predicted one, named by class), `predictions` (a data frame: `file`,
#'   `true`, `predicted`, `confidence`), `sentence` (the result in plain words),
#'   `warnings`, `most_confused` and `path` (the JSON written). It prints as `fitgen
#'   evaluate` does.
#' @examples
#' \dontrun{
#' result <- fitgen_evaluate(run)
#' result$accuracy
#' result$confusion
#' }
#' @export
fitgen_evaluate <- function(run, data = "val", epoch = NULL, trust_data_file = FALSE,
                            save = TRUE) {
  call <- sys.call()
  out <- engine_call(call, "evaluate", check_run(run, call),
                     check_path(data, "data", call),
                     epoch = check_count(epoch, "epoch", call, 1, null = TRUE),
                     trust_data_file = check_flag(trust_data_file, "trust_data_file", call),
                     save = check_flag(save, "save", call))
  classes <- unlist(out$classes)
  confusion <- matrix(as.integer(unlist(out$confusion_matrix)), nrow = length(classes),
                      byrow = TRUE, dimnames = list(true = classes, predicted = classes))
  most <- out$most_confused
  structure(list(
    accuracy = out$accuracy,
    per_class = as_frame(out$per_class),
    confusion = confusion,
    predictions = as_frame(out$predictions),
    sentence = out$sentence,
    warnings = as.character(unlist(out$warnings)),
    most_confused = if (length(most)) as_frame(list(
      true = lapply(most, `[[`, "true"), predicted = lapply(most, `[[`, "predicted"),
      count = lapply(most, `[[`, "count"), of = lapply(most, `[[`, "of"))) else
        data.frame(true = character(), predicted = character(), count = integer(),
                   of = integer()),
    data = out$data, model = out$model, path = out$path
  ), class = "fitgen_evaluation")
}

#' @export
print.fitgen_evaluation <- function(x, ...) {
  cat(sprintf("Accuracy: %.4f (%s data, %s)\n%s\n", x$accuracy, x$data, x$model, x$sentence))
  for (text in x$warnings) cat("WARNING:", text, "\n")
  cat("\n")
  table <- x$per_class
  table[c("precision", "recall", "f1")] <- lapply(table[c("precision", "recall", "f1")],
                                                  round, 4)
  print(table, row.names = FALSE)
  cat("\nConfusion matrix (rows: true class, columns: predicted)\n")
  print(x$confusion)
  invisible(x)
}

#' Predict the class of new images (`fitgen predict`)
#'
#' @param run A run folder, an export folder or a `.keras` model file.
#' @param files Image files and folders (searched recursively).
#' @param epoch The epoch (from 1) of a kept checkpoint (default: the final model).
#' @return A data frame, one row per file, as `fitgen predict` writes its CSV: `file`,
#'   `predicted`, `confidence`, one probability column per class, and `error` (why a file
#'   could not be read; empty otherwise).
#' @examples
#' \dontrun{
#' fitgen_predict(run, "new_photos/")
#' }
#' @export
fitgen_predict <- function(run, files, epoch = NULL) {
  call <- sys.call()
  if (!is.character(files) || !length(files) || anyNA(files)) {
    bad_argument("files", "image files or folders (a character vector)", files, call)
  }
  as_frame(engine_call(call, "predict", check_run(run, call), as.list(path.expand(files)),
                       epoch = check_count(epoch, "epoch", call, 1, null = TRUE)))
}

#' Export a trained model, each format self-tested (`fitgen export`)
#'
#' Writes each format to `out/<format>/` with `labels.txt`, `preprocessing.json` and a
#' README, then checks that it predicts what FitGen predicts on the validation images.
#'
#' @param run A run folder (or a `.keras` model file).
#' @param formats Any of `"keras"`, `"saved_model"`, `"onnx"`, `"tflite"`, `"tflite-int8"`.
#' @param out The export folder (default: `RUN/exports/<date>_<time>`).
#' @param epoch The epoch (from 1) of a kept checkpoint (default: the final model).
#' @param overwrite Replace `out` if it exists.
#' @param trust_data_file Run the run's Python data file for the self-test's images.
#' @return A data frame, one row per format: `format`, `ok`, `folder`, `images` (of the
#'   self-test), `agreement`, `max_probability_difference`, `size_bytes`, `seconds`,
#'   `error`; attributes `folder` and `report` (`export-report.json`). A format that
#'   failed is also a warning.
#' @examples
#' \dontrun{
#' fitgen_export(run, c("keras", "onnx"))
#' }
#' @export
fitgen_export <- function(run, formats = c("keras", "saved_model", "onnx", "tflite"),
                          out = NULL, epoch = NULL, overwrite = FALSE,
                          trust_data_file = FALSE) {
  call <- sys.call()
  if (!is.character(formats) || !length(formats) || anyNA(formats)) {
    bad_argument("formats", "a character vector of formats", formats, call)
  }
  result <- engine_call(call, "export", check_run(run, call), as.list(formats),
                        check_path(out, "out", call, null = TRUE),
                        epoch = check_count(epoch, "epoch", call, 1, null = TRUE),
                        overwrite = check_flag(overwrite, "overwrite", call),
                        trust_data_file = check_flag(trust_data_file, "trust_data_file", call))
  table <- as_frame(result$results)
  for (i in which(!table$ok)) {
    fitgen_warn(sprintf("Export to %s failed: %s", table$format[i], table$error[i]), call)
  }
  attr(table, "folder") <- result$folder
  attr(table, "report") <- result$report
  table
}

#' Write FitGen's demo dataset (3 classes of shapes)
#'
#' Circles, squares and triangles, 64x64 PNG images in `train/` and `val/` class folders:
#' enough to try every function of this package in a minute.
#'
#' @param directory Where to write it.
#' @param train,val Images per class in `train/` and `val/`.
#' @param seed A random seed.
#' @return `directory` (a path).
#' @examples
#' \dontrun{
#' shapes <- fitgen_demo_dataset(tempfile("shapes"), train = 12, val = 4)
#' list.files(file.path(shapes, "train"))
#' }
#' @export
fitgen_demo_dataset <- function(directory, train = 120, val = 40, seed = 0) {
  call <- sys.call()
  counts <- list(train = check_count(train, "train", call, 1),
                 val = check_count(val, "val", call, 1))
  fitgen_py()
  demo <- reticulate::import("fitgen_gui.data.demo_dataset")
  path <- py_value(function() fitgen_py()$call(demo$write_demo_dataset,
                                               check_path(directory, "directory", call),
                                               seed = check_count(seed, "seed", call),
                                               counts = counts), call)
  normalizePath(as.character(reticulate::py_str(path)), mustWork = FALSE)
}
