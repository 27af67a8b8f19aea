# R conditions for what goes wrong, and the checks of R arguments.
#
# Every error is a condition of class "fitgen_error" whose message is FitGen's sentence (what
# was received, what to do), never a Python traceback: Python errors are caught where R calls
# Python and re-signalled. A bad argument is a "fitgen_argument_error" naming the argument
# (its `argument` field). Python warnings come back with each result and are given as R
# warnings of class "fitgen_warning".

fitgen_abort <- function(message, class = NULL, call = NULL, ...) {
  stop(structure(
    class = c(class, "fitgen_error", "error", "condition"),
    list(message = message, call = call, ...)
  ))
}

fitgen_warn <- function(message, call = NULL, class = NULL) {
  warning(structure(
    class = c(class, "fitgen_warning", "warning", "condition"),
    list(message = message, call = call)
  ))
}

bad_argument <- function(name, what, value, call) {
  fitgen_abort(sprintf("`%s` must be %s; got %s.", name, what, describe_value(value)),
               "fitgen_argument_error", call, argument = name)
}

describe_value <- function(value) {
  if (is.null(value)) return("NULL")
  if (is.function(value)) return("a function")
  if (inherits(value, "python.builtin.object")) {
    return(paste("a Python", class(value)[[1]]))
  }
  if (is.atomic(value) && length(value) == 1) {
    return(if (is.character(value)) sprintf("\"%s\"", value) else format(value))
  }
  if (is.atomic(value) && length(value) <= 4) {
    return(sprintf("c(%s)", paste(format(value), collapse = ", ")))
  }
  sprintf("a %s of length %d", class(value)[[1]], length(value))
}

first_line <- function(text) {
  lines <- strsplit(trimws(text), "\n", fixed = TRUE)[[1]]
  if (length(lines)) lines[[1]] else ""
}

# The Python exception behind an R error raised by reticulate, or NULL.
python_exception <- function(error) {
  if (inherits(error, "python.builtin.BaseException")) return(error)
  last <- tryCatch(reticulate::py_last_error(), error = function(e) NULL)
  if (is.null(last)) return(NULL)
  # The last Python error must be this one (an R error leaves an older one behind).
  message <- conditionMessage(error)
  if (!is.null(last$type) && !grepl(last$type, message, fixed = TRUE)) return(NULL)
  attr(last, "exception", exact = TRUE)
}

# Run `f` (a call into Python); give its Python errors as FitGen conditions and the
# warnings it collected as R warnings; return its value.
py_value <- function(f, call) {
  result <- tryCatch(f(), error = function(e) {
    if (inherits(e, "fitgen_error")) stop(e)
    exc <- python_exception(e)
    info <- NULL
    if (!is.null(exc) && !is.null(.fitgen$support)) {
      info <- tryCatch(.fitgen$support$describe_error(exc), error = function(e2) NULL)
    }
    if (is.null(info)) {
      if (is.null(exc) && !inherits(e, "Rcpp::exception")) stop(e)  # an R error of R code
      text <- sub("\n+(Detailed traceback|Run `reticulate::py_last_error|Traceback).*$", "",
                  conditionMessage(e))
      info <- list(message = trimws(text), type = "Exception", user_error = FALSE)
    }
    fitgen_abort(info$message, c(paste0("fitgen_", info$type),
                                 if (isTRUE(info$user_error)) "fitgen_user_error"),
                 call, python_type = info$type, fields = unlist(info$fields))
  })
  if (is.list(result) && identical(sort(names(result)), c("value", "warnings"))) {
    for (text in unlist(result$warnings)) fitgen_warn(text, call)
    return(decode_value(result$value))
  }
  decode_value(result)
}

check_number <- function(value, name, call, minimum = -Inf, null = FALSE) {
  if (null && is.null(value)) return(NULL)
  if (!is.numeric(value) || length(value) != 1 || is.na(value) || value < minimum) {
    what <- if (is.finite(minimum)) sprintf("a number of at least %s", minimum) else "a number"
    bad_argument(name, paste0(what, if (null) " (or NULL)"), value, call)
  }
  as.double(value)
}

check_count <- function(value, name, call, minimum = 0, null = FALSE) {
  if (null && is.null(value)) return(NULL)
  if (!is.numeric(value) || length(value) != 1 || is.na(value) || value < minimum ||
      value != round(value)) {
    bad_argument(name, sprintf("a whole number of at least %d%s", as.integer(minimum),
                               if (null) " (or NULL)" else ""), value, call)
  }
  as.integer(value)
}

# Batches: a whole number, or a fraction such as samples / batch_size (rounded up, as
# Keras 2 did).
check_steps <- function(value, name, call) {
  if (is.null(value)) return(NULL)
  if (!is.numeric(value) || length(value) != 1 || is.na(value) || value <= 0) {
    bad_argument(name, "a positive number of batches (or NULL)", value, call)
  }
  as.integer(ceiling(value - 1e-9))
}

check_flag <- function(value, name, call) {
  if (!is.logical(value) || length(value) != 1 || is.na(value)) {
    bad_argument(name, "TRUE or FALSE", value, call)
  }
  value
}

check_string <- function(value, name, call, choices = NULL, null = FALSE) {
  if (null && is.null(value)) return(NULL)
  if (!is.character(value) || length(value) != 1 || is.na(value) ||
      (!is.null(choices) && !value %in% choices)) {
    what <- if (is.null(choices)) "a string" else
      paste("one of", paste(sprintf("\"%s\"", choices), collapse = ", "))
    bad_argument(name, paste0(what, if (null) " (or NULL)"), value, call)
  }
  value
}

check_numbers <- function(value, name, call, lengths = NULL, null = TRUE) {
  if (null && is.null(value)) return(NULL)
  if (!is.numeric(value) || anyNA(value) || length(value) == 0 ||
      (!is.null(lengths) && !length(value) %in% lengths)) {
    what <- if (identical(lengths, 2)) "a pair of numbers, e.g. c(0.8, 1.2)" else
      "a number or a numeric vector"
    bad_argument(name, paste0(what, if (null) " (or NULL)"), value, call)
  }
  if (length(value) == 1) as.double(value) else as.list(as.double(value))
}

check_path <- function(value, name, call, null = FALSE) {
  if (null && is.null(value)) return(NULL)
  check_string(value, name, call)
  path.expand(value)
}

# `...` of a function that passes FitGen's extra arguments on: every one named and known.
check_dots <- function(dots, known, call) {
  if (!length(dots)) return(list())
  names <- names(dots)
  if (is.null(names) || any(!nzchar(names))) {
    fitgen_abort("Extra arguments must be named (for example validation_freq = 2).",
                 "fitgen_argument_error", call)
  }
  unknown <- setdiff(names, known)
  if (length(unknown)) {
    fitgen_abort(sprintf("Unknown argument%s %s; the extra arguments here are %s.",
                         if (length(unknown) > 1) "s" else "",
                         paste(sprintf("`%s`", unknown), collapse = ", "),
                         paste(sprintf("`%s`", known), collapse = ", ")),
                 "fitgen_argument_error", call, argument = unknown[[1]])
  }
  dots
}
