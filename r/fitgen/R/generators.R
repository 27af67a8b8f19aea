# fit_generator(), evaluate_generator() and predict_generator() with R keras 2's signatures
# and meaning, run by FitGen's Keras 2 loop on Keras 3 (fitgen_gui.training.generator_training).

check_model <- function(object, call) {
  if (!inherits(object, "python.builtin.object")) {
    bad_argument("object", "a Keras model (from keras3, or fitgen_keras()$Sequential(...))",
                 object, call)
  }
  object
}

# What a generator argument becomes in Python: an R function is called once per batch on
# R's thread; a Python object (a flow_images_from_*() iterator, a Python generator) is used
# as it is; for validation, list(x, y) or list(x, y, weights) are arrays.
as_batches <- function(data, name, role, call, arrays = FALSE) {
  if (is.null(data)) return(NULL)
  if (is.function(data)) {
    batches <- function() encode_value(data())
    return(fitgen_py()$RFunctionBatches(batches, role))
  }
  if (inherits(data, "python.builtin.object")) return(data)
  if (arrays && is.list(data) && length(data) %in% c(2, 3)) return(encode_value(unname(data)))
  what <- paste0("an R function returning list(inputs, targets), a flow_images_from_*() ",
                 "iterator or a Python generator",
                 if (arrays) ", or list(x, y) arrays" else "")
  bad_argument(name, what, data, call)
}

reads_r <- function(data) {
  is.function(data) ||
    (inherits(data, "python.builtin.object") && isTRUE(fitgen_py()$needs_main_thread(data)))
}

# R runs on one thread: data that call R are read on the training thread (workers 0).
check_workers <- function(workers, call, ...) {
  workers <- check_count(workers, "workers", call)
  if (workers > 1 && any(vapply(list(...), reads_r, logical(1))) && !isTRUE(.fitgen$said_workers)) {
    .fitgen$said_workers <- TRUE
    fitgen_warn(sprintf(paste0(
      "workers = %d is not used: R runs on one thread, so data that call an R function ",
      "(a generator function, a preprocessing_function) are read on the training thread, ",
      "between training steps (workers = 0)."), workers), call)
  }
  workers
}

check_verbose <- function(verbose, call) {
  if (identical(verbose, "auto")) return(1L)
  if (!is.numeric(verbose) || length(verbose) != 1 || !verbose %in% 0:2) {
    bad_argument("verbose", "0 (silent), 1 (progress bar) or 2 (one line per epoch)",
                 verbose, call)
  }
  as.integer(verbose)
}

check_callbacks <- function(callbacks, call) {
  if (is.null(callbacks)) return(NULL)
  if (inherits(callbacks, "python.builtin.object")) callbacks <- list(callbacks)
  if (!is.list(callbacks) ||
      !all(vapply(callbacks, inherits, logical(1), "python.builtin.object"))) {
    bad_argument("callbacks", "a list of Keras callbacks", callbacks, call)
  }
  unname(callbacks)
}

# R keras's class_weight: a named list (names are class indices from 0, or class names).
check_class_weight <- function(class_weight, call) {
  if (is.null(class_weight)) return(NULL)
  if (is.numeric(class_weight) && !is.null(names(class_weight))) {
    class_weight <- as.list(class_weight)
  }
  if (!is.list(class_weight) || is.null(names(class_weight)) ||
      any(!nzchar(names(class_weight))) ||
      !all(vapply(class_weight, function(w) is.numeric(w) && length(w) == 1, logical(1)))) {
    bad_argument("class_weight", paste0(
      "a named list of weights, e.g. list(\"0\" = 1, \"1\" = 4) (class indices from 0) ",
      "or list(cats = 1, dogs = 4) (class names)"), class_weight, call)
  }
  lapply(class_weight, as.double)
}

check_validation_freq <- function(value, call) {
  if (!is.numeric(value) || anyNA(value) || any(value < 1) || any(value != round(value))) {
    bad_argument("validation_freq", "a whole number of at least 1, or a vector of epochs",
                 value, call)
  }
  if (length(value) == 1) as.integer(value) else as.list(as.integer(value))
}

#' Train a model on batches from a generator (Keras 2's `fit_generator()`)
#'
#' Keras 2's `fit_generator()` with its documented meaning, on a compiled Keras 3 model:
#' an epoch is exactly `steps_per_epoch` batches cut from one continuous stream (no batch
#' is read twice), `class_weight` works with every kind of generator, a fractional
#' `steps_per_epoch` (`samples / batch_size`) is rounded up, and a generator that runs dry
#' stops training with a warning. FitGen's Python engine runs the loop.
#'
#' A generator is an R function returning `list(inputs, targets)` or
#' `list(inputs, targets, sample_weights)` each time it is called (returning `NULL` ends
#' the data), an iterator from [flow_images_from_directory()],
#' [flow_images_from_data()] or [flow_images_from_dataframe()], or a Python generator or
#' `keras.utils.PyDataset`. R runs on one thread, so an R function is called on the
#' training thread between training steps (`workers = 0`); the image iterators are read
#' ahead by `workers` threads while the model trains.
#'
#' @param object A compiled Keras 3 model, built with \pkg{keras3} or [fitgen_keras()].
#' @param generator The training data (see Details).
#' @param steps_per_epoch Batches per epoch; defaults to the length of an image iterator,
#'   and is required for an R function or a Python generator. A fraction is rounded up.
#' @param epochs The final epoch: training runs epochs `initial_epoch` to `epochs - 1`
#'   (counted from 0, as Keras counts).
#' @param verbose 0 silent, 1 a progress bar, 2 one line per epoch.
#' @param callbacks A list of Keras callbacks.
#' @param validation_data A generator as `generator`, or `list(x, y)` /
#'   `list(x, y, sample_weights)` arrays, evaluated at the end of each epoch.
#' @param validation_steps Batches to evaluate at each validation; defaults to the length
#'   of an image iterator, required for an R function or a Python generator.
#' @param class_weight A named list of weights for the training loss: names are class
#'   indices from 0 (`list("0" = 1, "1" = 4)`, as R keras read them) or the generator's
#'   class names (`list(cats = 1, dogs = 4)`).
#' @param max_queue_size Most batches read ahead.
#' @param initial_epoch The epoch to start at (counted from 0), to resume a run.
#' @param workers Threads reading batches ahead (0: on the training thread). Data that
#'   call R are always read on the training thread; a larger value says so once.
#' @param ... FitGen's further arguments: `validation_freq` (validate every N epochs, or
#'   after the epochs listed), `shuffle` (the batch order of an image iterator, each
#'   epoch), `use_multiprocessing`, `strict_shapes`; `view_metrics` is accepted and ignored
#'   (plot the history instead).
#' @return A `keras_training_history`: `$params` (`epochs`, `steps`, `verbose`,
#'   `do_validation`, `metrics`) and `$metrics` (one numeric vector per metric, one value
#'   per epoch: `loss`, `val_loss`...). It prints, plots and converts with
#'   `as.data.frame()`.
#' @seealso [flow_images_from_directory()], [evaluate_generator()],
#'   [plot.keras_training_history()]
#' @examples
#' \dontrun{
#' train <- flow_images_from_directory("data/train",
#'   generator = image_data_generator(rescale = 1 / 255, horizontal_flip = TRUE),
#'   target_size = c(150, 150), batch_size = 20, class_mode = "binary")
#' val <- flow_images_from_directory("data/val",
#'   generator = image_data_generator(rescale = 1 / 255),
#'   target_size = c(150, 150), batch_size = 20, class_mode = "binary")
#' history <- model |> fit_generator(train, steps_per_epoch = 100, epochs = 30,
#'                                   validation_data = val, validation_steps = 50)
#' plot(history)
#' }
#' @export
fit_generator <- function(object, generator, steps_per_epoch, epochs = 1, verbose = 1,
                          callbacks = NULL, validation_data = NULL, validation_steps = NULL,
                          class_weight = NULL, max_queue_size = 10, initial_epoch = 0,
                          workers = 1, ...) {
  call <- sys.call()
  extra <- check_dots(list(...), c("validation_freq", "shuffle", "use_multiprocessing",
                                   "strict_shapes", "view_metrics"), call)
  extra$view_metrics <- NULL
  if (!is.null(extra$validation_freq)) {
    extra$validation_freq <- check_validation_freq(extra$validation_freq, call)
  }
  for (flag in intersect(names(extra), c("shuffle", "use_multiprocessing", "strict_shapes"))) {
    extra[[flag]] <- check_flag(extra[[flag]], flag, call)
  }
  check_model(object, call)
  steps <- if (missing(steps_per_epoch)) NULL else
    check_steps(steps_per_epoch, "steps_per_epoch", call)
  args <- list(
    object,
    as_batches(generator, "generator", "training", call),
    steps,
    epochs = check_count(epochs, "epochs", call),
    verbose = check_verbose(verbose, call),
    callbacks = check_callbacks(callbacks, call),
    validation_data = as_batches(validation_data, "validation_data", "validation", call,
                                 arrays = TRUE),
    validation_steps = check_steps(validation_steps, "validation_steps", call),
    class_weight = check_class_weight(class_weight, call),
    max_queue_size = check_count(max_queue_size, "max_queue_size", call, minimum = 1),
    initial_epoch = check_count(initial_epoch, "initial_epoch", call),
    workers = check_workers(workers, call, generator, validation_data)
  )
  support <- fitgen_py()
  result <- py_value(function() do.call(support$fit_generator, c(args, extra)), call)
  keras_training_history(result$params, result$metrics, unlist(result$epochs))
}

#' Evaluate a model on batches from a generator (Keras 2's `evaluate_generator()`)
#'
#' @inheritParams fit_generator
#' @param generator The data: an R function returning `list(inputs, targets)`, an image
#'   iterator, or a Python generator (see [fit_generator()]).
#' @param steps Batches to evaluate; defaults to the length of an image iterator, required
#'   for an R function or a Python generator.
#' @param ... `verbose` (0 or 1) and `use_multiprocessing`.
#' @return A named list: the loss and each metric (`loss`, `accuracy`...).
#' @examples
#' \dontrun{
#' scores <- model |> evaluate_generator(val)
#' scores$accuracy
#' }
#' @export
evaluate_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1,
                               callbacks = NULL, ...) {
  call <- sys.call()
  extra <- check_dots(list(...), c("verbose", "use_multiprocessing"), call)
  if (!is.null(extra$verbose)) extra$verbose <- check_verbose(extra$verbose, call)
  check_model(object, call)
  args <- list(
    object,
    as_batches(generator, "generator", "evaluation", call),
    if (missing(steps)) NULL else check_steps(steps, "steps", call),
    max_queue_size = check_count(max_queue_size, "max_queue_size", call, minimum = 1),
    workers = check_workers(workers, call, generator),
    callbacks = check_callbacks(callbacks, call)
  )
  support <- fitgen_py()
  logs <- py_value(function() do.call(support$evaluate_generator, c(args, extra)), call)
  first <- intersect("loss", names(logs))
  logs[c(first, setdiff(names(logs), first))]
}

#' Predict on batches from a generator (Keras 2's `predict_generator()`)
#'
#' Each batch is the inputs alone, or `list(inputs, targets)` whose targets are ignored.
#'
#' @inheritParams evaluate_generator
#' @param verbose 0 silent, 1 a progress bar.
#' @param ... `use_multiprocessing`.
#' @return The predictions of all batches, one row per sample (a list of arrays for a
#'   model with several outputs).
#' @examples
#' \dontrun{
#' test <- flow_images_from_directory("data/test", target_size = c(150, 150),
#'                                    class_mode = NULL, shuffle = FALSE)
#' probabilities <- model |> predict_generator(test)
#' }
#' @export
predict_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1,
                              verbose = 0, callbacks = NULL, ...) {
  call <- sys.call()
  extra <- check_dots(list(...), c("use_multiprocessing"), call)
  check_model(object, call)
  args <- list(
    object,
    as_batches(generator, "generator", "prediction", call),
    if (missing(steps)) NULL else check_steps(steps, "steps", call),
    max_queue_size = check_count(max_queue_size, "max_queue_size", call, minimum = 1),
    workers = check_workers(workers, call, generator),
    verbose = check_verbose(verbose, call),
    callbacks = check_callbacks(callbacks, call)
  )
  support <- fitgen_py()
  py_value(function() do.call(support$predict_generator, c(args, extra)), call)
}
