# Shared by the tests: skip when FitGen's Python cannot be found (CRAN-like machines), a
# tiny generated class-folder dataset, and a tiny Keras 3 model (32x32 images, 3 classes).

skip_without_fitgen <- function() {
  testthat::skip_if_not(fitgen_available(), "FitGen's Python is not available")
}

demo_dir <- local({
  path <- NULL
  function() {
    if (is.null(path)) path <<- fitgen_demo_dataset(tempfile("shapes"), train = 6, val = 3)
    path
  }
})

tiny_model <- function(classes = 3L) {
  keras <- fitgen_keras()
  keras$utils$set_random_seed(1L)
  model <- keras$Sequential(list(
    keras$Input(shape = c(32L, 32L, 3L)),
    keras$layers$Conv2D(4L, 3L, activation = "relu"),
    keras$layers$GlobalAveragePooling2D(),
    keras$layers$Dense(classes, activation = "softmax")))
  model$compile(optimizer = "sgd", loss = "categorical_crossentropy",
                metrics = list("accuracy"))
  model
}
