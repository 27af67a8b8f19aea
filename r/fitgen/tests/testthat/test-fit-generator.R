test_that("flow_images_from_directory + fit_generator train 2 epochs with validation", {
  skip_without_fitgen()
  d <- demo_dir()
  train <- flow_images_from_directory(
    file.path(d, "train"), generator = image_data_generator(horizontal_flip = TRUE,
                                                            rescale = 1 / 255),
    target_size = c(32, 32), batch_size = 6)
  val <- flow_images_from_directory(file.path(d, "val"),
                                    generator = image_data_generator(rescale = 1 / 255),
                                    target_size = c(32, 32), batch_size = 9)
  history <- tiny_model() |> fit_generator(train, steps_per_epoch = 2, epochs = 2,
                                           validation_data = val, validation_steps = 1,
                                           verbose = 0)
  expect_s3_class(history, "keras_training_history")
  expect_equal(history$params$epochs, 2)
  expect_length(history$metrics$loss, 2)
  expect_length(history$metrics$val_loss, 2)
  expect_true(all(is.finite(history$metrics$val_loss)))
  expect_output(print(history), "val_loss")
  frame <- as.data.frame(history)
  expect_setequal(unique(frame$data), c("training", "validation"))
  png(tempfile(fileext = ".png"))
  on.exit(grDevices::dev.off())
  expect_silent(plot(history, method = "base"))
})

test_that("an R function is a generator, read on the training thread", {
  skip_without_fitgen()
  calls <- 0
  gen <- function() {
    calls <<- calls + 1
    list(array(runif(4 * 32 * 32 * 3), c(4, 32, 32, 3)), diag(3)[sample(3, 4, TRUE), ])
  }
  expect_warning(
    history <- fit_generator(tiny_model(), gen, steps_per_epoch = 3, epochs = 2,
                             verbose = 0, workers = 4),
    "workers", class = "fitgen_warning")
  expect_length(history$metrics$loss, 2)
  expect_gte(calls, 6)
  model <- tiny_model()
  r <- evaluate_generator(model, gen, steps = 2)
  expect_true(is.finite(r$loss))
  p <- predict_generator(model, function() list(array(0.5, c(4, 32, 32, 3))), steps = 2)
  expect_equal(dim(p), c(8L, 3L))
})

test_that("class_weight as an R named list is what the same weights from Python give", {
  skip_without_fitgen()
  reticulate::py_run_string(paste(
    "import numpy as np",
    "def fitgen_test_batches():",
    "    rng = np.random.default_rng(0)",
    "    x = rng.random((6, 32, 32, 3), dtype='float32')",
    "    y = np.eye(3, dtype='float32')[[0, 0, 0, 0, 1, 2]]",
    "    while True:",
    "        yield x, y", sep = "\n"))
  main <- reticulate::import_main()
  one_epoch_loss <- function(class_weight, from_python = FALSE) {
    model <- tiny_model()
    if (from_python) {
      fit <- reticulate::import("fitgen_gui.training.generator_training")$fit_generator
      h <- fit(model, main$fitgen_test_batches(), 1L, epochs = 1L, verbose = 0L,
               class_weight = class_weight)
      return(as.numeric(h$history$loss[[1]]))
    }
    h <- fit_generator(model, main$fitgen_test_batches(), steps_per_epoch = 1, verbose = 0,
                       class_weight = class_weight)
    h$metrics$loss[[1]]
  }
  weights <- list("0" = 1, "1" = 5, "2" = 0.5)
  from_r <- one_epoch_loss(weights)
  py_weights <- reticulate::py_eval("{0: 1.0, 1: 5.0, 2: 0.5}", convert = FALSE)
  expect_equal(from_r, one_epoch_loss(py_weights, from_python = TRUE), tolerance = 1e-5)
  expect_false(isTRUE(all.equal(from_r, one_epoch_loss(NULL), tolerance = 1e-3)))
})

test_that("a bad argument gives an R error naming it, FitGen's errors no traceback", {
  skip_without_fitgen()
  gen <- function() list(array(0, c(2, 32, 32, 3)), diag(3)[c(1, 2), ])
  err <- expect_error(fit_generator(tiny_model(), gen, steps_per_epoch = "ten"),
                      "steps_per_epoch", class = "fitgen_argument_error")
  expect_equal(err$argument, "steps_per_epoch")
  expect_error(image_data_generator(horizontal_flip = "yes"), "horizontal_flip",
               class = "fitgen_argument_error")
  expect_error(image_data_generator(zoom_range = c(1, 2, 3)), "zoom_range",
               class = "fitgen_argument_error")
  err <- expect_error(flow_images_from_directory(file.path(tempdir(), "no-such-folder")),
                      "does not exist", class = "fitgen_user_error")
  expect_false(grepl("Traceback", conditionMessage(err)))
  err <- expect_error(fit_generator(tiny_model(), function() stop("my R bug"),
                                    steps_per_epoch = 1, verbose = 0),
                      "my R bug", class = "fitgen_error")
  expect_false(grepl("Traceback", conditionMessage(err)))
})

test_that("generator_next gives a batch with R's dimensions", {
  skip_without_fitgen()
  it <- flow_images_from_directory(file.path(demo_dir(), "val"), target_size = c(32, 32),
                                   batch_size = 4, shuffle = FALSE, verbose = FALSE)
  batch <- generator_next(it)
  expect_equal(dim(batch[[1]]), c(4L, 32L, 32L, 3L))
  expect_equal(dim(batch[[2]]), c(4L, 3L))
  expect_equal(rowSums(batch[[2]]), rep(1, 4))
})
