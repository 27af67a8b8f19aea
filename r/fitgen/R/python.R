# Finding FitGen's Python and importing it, once, on first use.
#
# Nothing Python is touched when the package loads: `library(fitgen)` is instant and never
# fails, and a session may still choose its Python (reticulate binds one per process) before
# the first FitGen call.

.fitgen <- new.env(parent = emptyenv())

python_in_venv <- function(folder) {
  candidates <- if (.Platform$OS.type == "windows") {
    file.path(folder, "Scripts", "python.exe")
  } else {
    file.path(folder, "bin", c("python", "python3"))
  }
  found <- candidates[file.exists(candidates)]
  if (length(found)) found[[1]] else NULL
}

# The python of the first `.venv` in `start` or a folder above it.
venv_above <- function(start) {
  folder <- normalizePath(start, mustWork = FALSE)
  repeat {
    python <- python_in_venv(file.path(folder, ".venv"))
    if (!is.null(python)) return(python)
    parent <- dirname(folder)
    if (identical(parent, folder)) return(NULL)
    folder <- parent
  }
}

how_to_point <- paste0(
  "set RETICULATE_PYTHON or FITGEN_PYTHON (or options(fitgen.python = ...)) to the python of an environment ",
  "where FitGen is installed, e.g. Sys.setenv(FITGEN_PYTHON = \"~/fitgen/.venv/bin/python\"), ",
  "or start R inside a FitGen checkout (its .venv is found)."
)

#' Which Python FitGen uses, and how it was found
#'
#' FitGen's R functions run FitGen's Python engine through \pkg{reticulate}. The Python is,
#' in this order: the one reticulate already runs in this session; `RETICULATE_PYTHON`;
#' the option `fitgen.python` or the environment variable `FITGEN_PYTHON` (a python
#' executable, a virtual environment, or a folder with a `.venv` in it or above it); the
#' `.venv` of the working directory or of a folder above it (a FitGen checkout after
#' `make install`).
#'
#' @return A list: `python` (the executable) and `how` (which rule found it), or an error
#'   saying how to point FitGen at a Python.
#' @examples
#' \dontrun{
#' fitgen_python()
#' }
#' @export
fitgen_python <- function() {
  if (reticulate::py_available(initialize = FALSE)) {
    return(list(python = reticulate::py_config()$python,
                how = "the Python reticulate already runs in this session"))
  }
  env <- Sys.getenv("RETICULATE_PYTHON")
  if (nzchar(env)) return(list(python = path.expand(env), how = "RETICULATE_PYTHON"))
  chosen <- getOption("fitgen.python", Sys.getenv("FITGEN_PYTHON"))
  if (!is.null(chosen) && nzchar(chosen)) {
    source <- if (!is.null(getOption("fitgen.python"))) "option fitgen.python" else "FITGEN_PYTHON"
    path <- path.expand(chosen)
    if (file.exists(path) && !dir.exists(path)) return(list(python = path, how = source))
    if (dir.exists(path)) {
      python <- python_in_venv(path)
      if (is.null(python)) python <- venv_above(path)
      if (!is.null(python)) return(list(python = python, how = source))
    }
    fitgen_abort(sprintf("%s is '%s', which is neither a python executable nor a folder with a .venv; %s",
                         source, chosen, how_to_point), "fitgen_python_error")
  }
  python <- venv_above(getwd())
  if (!is.null(python)) {
    return(list(python = python, how = "the .venv above the working directory"))
  }
  fitgen_abort(paste("FitGen's Python was not found:", how_to_point), "fitgen_python_error")
}

# The Python module fitgen_gui.r_support, imported on first use.
fitgen_py <- function() {
  if (!is.null(.fitgen$support)) return(.fitgen$support)
  found <- fitgen_python()
  if (!reticulate::py_available(initialize = FALSE)) {
    # Named before reticulate looks for a Python itself: its search warns about any
    # pyproject.toml in the working directory (it takes one for a Poetry project).
    if (!nzchar(Sys.getenv("RETICULATE_PYTHON"))) Sys.setenv(RETICULATE_PYTHON = found$python)
    reticulate::use_python(found$python, required = TRUE)
  }
  support <- tryCatch(
    reticulate::import("fitgen_gui.r_support"),
    error = function(e) {
      fitgen_abort(sprintf(
        "The Python '%s' (%s) cannot import FitGen (%s): install FitGen into it, or %s",
        found$python, found$how, first_line(conditionMessage(e)), how_to_point),
        "fitgen_python_error")
    })
  .fitgen$support <- support
  support
}

#' Whether FitGen's Python can be used
#'
#' @return `TRUE` when FitGen's Python is found and imports FitGen, else `FALSE` (never an
#'   error); useful to skip examples and tests.
#' @export
fitgen_available <- function() {
  isTRUE(tryCatch(!is.null(fitgen_py()), error = function(e) FALSE))
}

#' The Keras module of FitGen's Python
#'
#' For building models without R's \pkg{keras3} package: `keras <- fitgen_keras()`, then
#' `keras$Sequential(...)`, `keras$layers$Dense(...)`. With \pkg{keras3} installed, its
#' models work as well (they are the same Python objects).
#'
#' @return The Python module `keras` (Keras 3), imported without TensorFlow's start-up
#'   messages.
#' @examples
#' \dontrun{
#' keras <- fitgen_keras()
#' model <- keras$Sequential(list(
#'   keras$Input(shape = c(32L, 32L, 3L)),
#'   keras$layers$Conv2D(8L, 3L, activation = "relu"),
#'   keras$layers$GlobalAveragePooling2D(),
#'   keras$layers$Dense(3L, activation = "softmax")
#' ))
#' }
#' @export
fitgen_keras <- function() {
  support <- fitgen_py()
  py_value(function() support$call(support$import_engine), sys.call())
  reticulate::import("keras")
}
