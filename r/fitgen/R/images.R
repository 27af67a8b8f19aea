# image_data_generator() and the flow_images_from_*() iterators of R keras 2, made by
# FitGen's ImageDataGenerator (Keras 2's arguments and outputs, computed with OpenCV).

py_call <- function(call, f, ...) {
  support <- fitgen_py()
  py_value(function() support$call(f, ...), call)
}

#' Image augmentation and normalization (Keras 2's `image_data_generator()`)
#'
#' Every argument of R keras's `image_data_generator()`, with Keras 2's meaning, plus
#' FitGen's `interpolation_order` and `dtype`. Use the result as the `generator` of
#' [flow_images_from_directory()], [flow_images_from_data()] or
#' [flow_images_from_dataframe()].
#'
#' @param featurewise_center,featurewise_std_normalization Subtract the dataset's mean per
#'   channel / divide by its standard deviation (call [fit_image_data_generator()] first).
#' @param samplewise_center,samplewise_std_normalization The same per image.
#' @param zca_whitening,zca_epsilon ZCA whitening (call [fit_image_data_generator()]).
#' @param rotation_range Degrees: rotations drawn from `(-rotation_range, rotation_range)`.
#' @param width_shift_range,height_shift_range Below 1 a fraction of the width / height,
#'   1 or more pixels; a numeric vector gives discrete choices.
#' @param brightness_range `c(low, high)`: pixel values multiplied by a factor in it.
#' @param shear_range Shear angle in degrees (`0.2` is almost nothing).
#' @param zoom_range `z` draws zooms in `[1 - z, 1 + z]`, or `c(low, high)`; below 1 zooms in.
#' @param channel_shift_range A value in `(-c, c)` added to every channel.
#' @param fill_mode,cval How points outside the image are filled: `"nearest"`,
#'   `"constant"` (with `cval`), `"reflect"` or `"wrap"`.
#' @param horizontal_flip,vertical_flip Flip half of the images.
#' @param rescale Multiply pixel values by this after augmentation, e.g. `1/255`.
#' @param preprocessing_function A function of one image (an array of rank 3) returning an
#'   image of the same shape, applied after augmentation. An R function is called on R's
#'   thread (the images are then read between training steps).
#' @param data_format `"channels_last"` (default) or `"channels_first"`.
#' @param validation_split Fraction of the images kept for `subset = "validation"`.
#' @param interpolation_order FitGen's: 0 nearest, 1 bilinear (default), 3 bicubic, for
#'   rotations, shifts and zooms.
#' @param dtype FitGen's: the output type, `"float32"` by default.
#' @return An image data generator (a Python `ImageDataGenerator`).
#' @examples
#' \dontrun{
#' datagen <- image_data_generator(rescale = 1 / 255, rotation_range = 20,
#'                                 zoom_range = c(0.8, 1.2), horizontal_flip = TRUE)
#' }
#' @export
image_data_generator <- function(featurewise_center = FALSE, samplewise_center = FALSE,
                                 featurewise_std_normalization = FALSE,
                                 samplewise_std_normalization = FALSE, zca_whitening = FALSE,
                                 zca_epsilon = 1e-6, rotation_range = 0, width_shift_range = 0,
                                 height_shift_range = 0, brightness_range = NULL,
                                 shear_range = 0, zoom_range = 0, channel_shift_range = 0,
                                 fill_mode = "nearest", cval = 0, horizontal_flip = FALSE,
                                 vertical_flip = FALSE, rescale = NULL,
                                 preprocessing_function = NULL, data_format = NULL,
                                 validation_split = 0, interpolation_order = 1,
                                 dtype = NULL) {
  call <- sys.call()
  flags <- list(featurewise_center = featurewise_center, samplewise_center = samplewise_center,
                featurewise_std_normalization = featurewise_std_normalization,
                samplewise_std_normalization = samplewise_std_normalization,
                zca_whitening = zca_whitening, horizontal_flip = horizontal_flip,
                vertical_flip = vertical_flip)
  # Not Map(..., MoreArgs = list(call = call)): mapply would evaluate the call again.
  args <- lapply(stats::setNames(nm = names(flags)),
                 function(name) check_flag(flags[[name]], name, call))
  args <- c(args, list(
    zca_epsilon = check_number(zca_epsilon, "zca_epsilon", call, 0),
    rotation_range = check_number(rotation_range, "rotation_range", call, 0),
    width_shift_range = check_numbers(width_shift_range, "width_shift_range", call, null = FALSE),
    height_shift_range = check_numbers(height_shift_range, "height_shift_range", call,
                                       null = FALSE),
    brightness_range = check_numbers(brightness_range, "brightness_range", call, lengths = 2),
    shear_range = check_number(shear_range, "shear_range", call, 0),
    zoom_range = check_numbers(zoom_range, "zoom_range", call, lengths = c(1, 2), null = FALSE),
    channel_shift_range = check_number(channel_shift_range, "channel_shift_range", call, 0),
    fill_mode = check_string(fill_mode, "fill_mode", call,
                             c("nearest", "constant", "reflect", "wrap")),
    cval = check_number(cval, "cval", call),
    rescale = check_number(rescale, "rescale", call, null = TRUE),
    data_format = check_string(data_format, "data_format", call,
                               c("channels_last", "channels_first"), null = TRUE),
    validation_split = check_number(validation_split, "validation_split", call, 0),
    interpolation_order = check_count(interpolation_order, "interpolation_order", call),
    dtype = check_string(dtype, "dtype", call, null = TRUE)
  ))
  if (!is.null(args$validation_split) && args$validation_split >= 1) {
    bad_argument("validation_split", "a fraction below 1", validation_split, call)
  }
  if (!is.null(preprocessing_function)) {
    if (is.function(preprocessing_function)) {
      user_function <- preprocessing_function
      preprocessing_function <- fitgen_py()$RFunction(
        function(image) encode_value(user_function(decode_value(image))))
    } else if (!inherits(preprocessing_function, "python.builtin.object")) {
      bad_argument("preprocessing_function", "a function of one image", preprocessing_function,
                   call)
    }
  }
  args["preprocessing_function"] <- list(preprocessing_function)
  fitgen_py()
  data <- reticulate::import("fitgen_gui.data")
  do.call(py_call, c(list(call, data$ImageDataGenerator), args), quote = TRUE)
}

#' Compute the statistics of featurewise normalization (`fit_image_data_generator()`)
#'
#' Needed for `featurewise_center`, `featurewise_std_normalization` and `zca_whitening`.
#'
#' @param object An [image_data_generator()].
#' @param x Sample images: an array of rank 4 (images, rows, columns, channels).
#' @param augment Compute the statistics on augmented copies.
#' @param rounds With `augment`, how many augmented copies of each image.
#' @param seed A random seed.
#' @return `object`, invisibly (its statistics are set).
#' @export
fit_image_data_generator <- function(object, x, augment = FALSE, rounds = 1, seed = NULL) {
  call <- sys.call()
  if (!is.array(x) || length(dim(x)) != 4) bad_argument("x", "an array of rank 4", x, call)
  py_call(call, object$fit, encode_value(x), augment = check_flag(augment, "augment", call),
          rounds = check_count(rounds, "rounds", call, 1),
          seed = check_count(seed, "seed", call, null = TRUE))
  invisible(object)
}

check_generator <- function(generator, call) {
  if (!inherits(generator, "python.builtin.object") || is.null(generator$flow_from_directory)) {
    bad_argument("generator", "an image_data_generator()", generator, call)
  }
  generator
}

check_size <- function(target_size, call) {
  if (!is.numeric(target_size) || length(target_size) != 2 || anyNA(target_size) ||
      any(target_size < 1) || any(target_size != round(target_size))) {
    bad_argument("target_size", "c(height, width) in pixels", target_size, call)
  }
  reticulate::tuple(as.list(as.integer(target_size)))
}

common_flow_args <- function(call, batch_size, shuffle, seed, save_to_dir, save_prefix,
                             save_format, subset) {
  list(batch_size = check_count(batch_size, "batch_size", call, 1),
       shuffle = check_flag(shuffle, "shuffle", call),
       seed = check_count(seed, "seed", call, null = TRUE),
       save_to_dir = check_path(save_to_dir, "save_to_dir", call, null = TRUE),
       save_prefix = check_string(save_prefix, "save_prefix", call),
       save_format = check_string(save_format, "save_format", call),
       subset = check_string(subset, "subset", call, c("training", "validation"), null = TRUE))
}

image_flow_args <- function(call, target_size, color_mode, classes, class_mode, interpolation) {
  if (!is.null(classes) && (!is.character(classes) || anyNA(classes))) {
    bad_argument("classes", "a character vector of class names (or NULL)", classes, call)
  }
  list(target_size = check_size(target_size, call),
       color_mode = check_string(color_mode, "color_mode", call,
                                 c("rgb", "rgba", "grayscale")),
       classes = if (is.null(classes)) NULL else as.list(classes),
       class_mode = check_string(class_mode, "class_mode", call, null = TRUE),
       interpolation = check_string(interpolation, "interpolation", call))
}

#' Batches of images from class folders (Keras 2's `flow_images_from_directory()`)
#'
#' `directory` holds one sub-folder per class (sorted names are the classes, indices from
#' 0). The result is an iterator for [fit_generator()] and its kin, a
#' `keras.utils.PyDataset` with `$n`, `$samples`, `$batch_size`, `$class_indices`,
#' `$classes` and `$filenames`; `reticulate::iter_next()` or `it[[0]]` give one batch.
#'
#' @param directory The folder of class sub-folders.
#' @param generator An [image_data_generator()] (default: no augmentation).
#' @param target_size `c(height, width)` every image is resized to.
#' @param color_mode `"rgb"`, `"rgba"` or `"grayscale"`.
#' @param classes The class sub-folders to use, in label order (default: all, sorted).
#' @param class_mode `"categorical"` (one-hot), `"binary"`, `"sparse"` (indices),
#'   `"input"`, or `NULL` (images only, for prediction).
#' @param batch_size Images per batch.
#' @param shuffle Shuffle the images each epoch.
#' @param seed A random seed: the same seed gives the same batches.
#' @param save_to_dir,save_prefix,save_format Save the augmented images there.
#' @param follow_links Follow symbolic links to class folders.
#' @param subset `"training"` or `"validation"` with the generator's `validation_split`.
#' @param interpolation Resizing: `"nearest"` (Keras 2's default), `"bilinear"`,
#'   `"bicubic"`, `"lanczos"`, `"box"`, `"hamming"`.
#' @param ... FitGen's further arguments: `keep_aspect_ratio`, `fast_resize`,
#'   `allow_missing_classes`, `extensions` (more file types, e.g. `c(".gif", ".webp")`),
#'   `verbose` (`FALSE` leaves out "Found N images").
#' @return An image iterator.
#' @examples
#' \dontrun{
#' train <- flow_images_from_directory("data/train",
#'   generator = image_data_generator(rescale = 1 / 255, horizontal_flip = TRUE),
#'   target_size = c(150, 150), batch_size = 20, class_mode = "binary")
#' train$class_indices
#' }
#' @export
flow_images_from_directory <- function(directory, generator = image_data_generator(),
                                       target_size = c(256, 256), color_mode = "rgb",
                                       classes = NULL, class_mode = "categorical",
                                       batch_size = 32, shuffle = TRUE, seed = NULL,
                                       save_to_dir = NULL, save_prefix = "",
                                       save_format = "png", follow_links = FALSE,
                                       subset = NULL, interpolation = "nearest", ...) {
  call <- sys.call()
  extra <- check_dots(list(...), c("keep_aspect_ratio", "fast_resize", "allow_missing_classes",
                                   "extensions", "verbose"), call)
  if (!is.null(extra$extensions)) extra$extensions <- as.list(extra$extensions)
  args <- c(list(check_path(directory, "directory", call)),
            image_flow_args(call, target_size, color_mode, classes, class_mode, interpolation),
            common_flow_args(call, batch_size, shuffle, seed, save_to_dir, save_prefix,
                             save_format, subset),
            list(follow_links = check_flag(follow_links, "follow_links", call)), extra)
  do.call(py_call, c(list(call, check_generator(generator, call)$flow_from_directory), args), quote = TRUE)
}

#' Batches of images from arrays (Keras 2's `flow_images_from_data()`)
#'
#' @inheritParams flow_images_from_directory
#' @param x Images: an array of rank 4 (images, rows, columns, channels).
#' @param y Labels (a vector, or a matrix with one row per image), or `NULL`.
#' @param sample_weight Weights, one per image, or `NULL`.
#' @param ... FitGen's `ignore_class_split`.
#' @return An image iterator.
#' @examples
#' \dontrun{
#' x <- array(runif(8 * 32 * 32 * 3), dim = c(8, 32, 32, 3))
#' y <- rep(c(0, 1), 4)
#' batches <- flow_images_from_data(x, y, image_data_generator(horizontal_flip = TRUE),
#'                                  batch_size = 4)
#' }
#' @export
flow_images_from_data <- function(x, y = NULL, generator = image_data_generator(),
                                  batch_size = 32, shuffle = TRUE, sample_weight = NULL,
                                  seed = NULL, save_to_dir = NULL, save_prefix = "",
                                  save_format = "png", subset = NULL, ...) {
  call <- sys.call()
  extra <- check_dots(list(...), "ignore_class_split", call)
  if (!is.array(x) || length(dim(x)) != 4) bad_argument("x", "an array of rank 4", x, call)
  args <- c(list(encode_value(x), encode_value(y)),
            common_flow_args(call, batch_size, shuffle, seed, save_to_dir, save_prefix,
                             save_format, subset),
            list(sample_weight = encode_value(sample_weight)), extra)
  do.call(py_call, c(list(call, check_generator(generator, call)$flow), args), quote = TRUE)
}

# A data frame's columns as lists (a column of length 1 stays a list in Python).
table_columns <- function(dataframe) {
  lapply(as.list(dataframe), function(column) {
    if (is.factor(column)) column <- as.character(column)
    if (is.list(column)) lapply(column, function(v) as.list(as.character(v))) else as.list(column)
  })
}

#' Batches of images named in a data frame (Keras 2's `flow_images_from_dataframe()`)
#'
#' No Python pandas is needed: the columns are passed as they are.
#'
#' @inheritParams flow_images_from_directory
#' @param dataframe A data frame with a column of file names (`x_col`) and, for labels, the
#'   `y_col` column(s).
#' @param directory The folder the file names are relative to (`NULL`: they are paths).
#' @param x_col The column of file names.
#' @param y_col The label column (several for `class_mode = "raw"`).
#' @param class_mode `"categorical"`, `"binary"`, `"sparse"`, `"raw"`, `"input"`,
#'   `"multi_output"` or `NULL`.
#' @param drop_duplicates Deprecated in Keras 2 and ignored (with a warning).
#' @param ... FitGen's further arguments: `weight_col`, `validate_filenames`,
#'   `keep_aspect_ratio`, `fast_resize`.
#' @return An image iterator.
#' @examples
#' \dontrun{
#' labels <- data.frame(filename = c("a.png", "b.png"), class = c("cat", "dog"))
#' batches <- flow_images_from_dataframe(labels, directory = "images",
#'                                       target_size = c(64, 64), batch_size = 2)
#' }
#' @export
flow_images_from_dataframe <- function(dataframe, directory = NULL, x_col = "filename",
                                       y_col = "class", generator = image_data_generator(),
                                       target_size = c(256, 256), color_mode = "rgb",
                                       classes = NULL, class_mode = "categorical",
                                       batch_size = 32, shuffle = TRUE, seed = NULL,
                                       save_to_dir = NULL, save_prefix = "",
                                       save_format = "png", subset = NULL,
                                       interpolation = "nearest", drop_duplicates = NULL,
                                       ...) {
  call <- sys.call()
  extra <- check_dots(list(...), c("weight_col", "validate_filenames", "keep_aspect_ratio",
                                   "fast_resize"), call)
  if (!is.data.frame(dataframe)) bad_argument("dataframe", "a data frame", dataframe, call)
  if (!is.character(y_col) || anyNA(y_col)) {
    bad_argument("y_col", "a column name (or several)", y_col, call)
  }
  if (!is.null(drop_duplicates)) extra$drop_duplicates <- check_flag(drop_duplicates,
                                                                     "drop_duplicates", call)
  args <- c(list(table_columns(dataframe), check_path(directory, "directory", call, null = TRUE),
                 x_col = check_string(x_col, "x_col", call),
                 y_col = if (length(y_col) == 1) y_col else as.list(y_col)),
            image_flow_args(call, target_size, color_mode, classes, class_mode, interpolation),
            common_flow_args(call, batch_size, shuffle, seed, save_to_dir, save_prefix,
                             save_format, subset), extra)
  do.call(py_call, c(list(call, check_generator(generator, call)$flow_from_dataframe), args), quote = TRUE)
}
