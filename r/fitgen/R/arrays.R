# Arrays cross between R and Python as raw bytes, column-major as R keeps them
# (fitgen_gui.r_support.from_r / to_r): reticulate's own array conversion needs the NumPy
# its binary was built for, and Debian's reticulate 1.28 fails on NumPy 2.

encode_array <- function(x) {
  dims <- if (is.null(dim(x))) length(x) else dim(x)
  kind <- if (is.double(x)) "double" else if (is.integer(x)) "integer" else "logical"
  values <- if (kind == "double") as.double(x) else as.integer(x)
  list(fitgen_array = TRUE, dtype = kind, dim = as.list(as.integer(dims)),
       data = writeBin(values, raw(), size = if (kind == "double") 8L else 4L,
                       endian = "little"))
}

# An R value for Python: its numeric and logical vectors and arrays as bytes, lists element
# by element (names kept); anything else as it is.
encode_value <- function(x) {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.atomic(x) && (is.numeric(x) || is.logical(x)) && !is.factor(x)) {
    return(encode_array(x))
  }
  if (is.list(x) && !is.data.frame(x)) {
    out <- lapply(x, encode_value)
    names(out) <- names(x)
    return(out)
  }
  x
}

# A value from Python: its arrays (bytes) as R arrays; a 1-d array is a vector.
decode_value <- function(x) {
  if (is.list(x) && isTRUE(x$fitgen_array)) {
    dims <- as.integer(unlist(x$dim))
    n <- prod(dims)
    values <- if (identical(x$dtype, "double")) {
      readBin(x$data, "double", n = n, size = 8L, endian = "little")
    } else {
      readBin(x$data, "integer", n = n, size = 4L, endian = "little")
    }
    if (length(dims) > 1) dim(values) <- dims
    return(values)
  }
  if (is.list(x) && !inherits(x, "python.builtin.object")) {
    out <- lapply(x, decode_value)
    names(out) <- names(x)
    return(out)
  }
  x
}

#' The next batch of an image iterator or a generator
#'
#' For looking at what a generator gives, as R keras's `generator_next()` did.
#'
#' @param generator An iterator from `flow_images_from_*()`, a Python generator, or an R
#'   generator function.
#' @param completed What to return when the generator has no more batches.
#' @return A batch as R values: `list(inputs, targets)` (or the inputs alone), arrays with
#'   R's dimensions (images, rows, columns, channels).
#' @examples
#' \dontrun{
#' batch <- generator_next(flow_images_from_directory("data/train", batch_size = 4))
#' dim(batch[[1]])
#' }
#' @export
generator_next <- function(generator, completed = NULL) {
  call <- sys.call()
  if (is.function(generator)) return(generator())
  if (!inherits(generator, "python.builtin.object")) {
    bad_argument("generator", "an image iterator or a generator", generator, call)
  }
  support <- fitgen_py()
  batch <- py_value(function() support$next_batch(generator), call)
  if (is.null(batch)) completed else batch
}
