test_that("fitgen_train + fitgen_evaluate + runs/history/predict on a tiny dataset", {
  skip_without_fitgen()
  d <- demo_dir()
  runs <- tempfile("runs")
  said <- character()
  run <- withCallingHandlers(
    fitgen_train(file.path(d, "train"), file.path(d, "val"), epochs = 2,
                 batch_size = 6, target_size = c(32, 32), model = "small_cnn",
                 runs_dir = runs, verbose = FALSE),
    fitgen_warning = function(w) {
      said <<- c(said, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  expect_true(any(grepl("Very few training images", said)))  # FitGen's warning, in R
  expect_true(dir.exists(run))
  expect_true(file.exists(file.path(run, "history.csv")))
  listed <- fitgen_runs(runs)
  expect_s3_class(listed, "data.frame")
  expect_equal(nrow(listed), 1)
  history <- fitgen_history(run)
  expect_s3_class(history, "data.frame")
  expect_equal(nrow(history), 2)
  result <- fitgen_evaluate(run)
  expect_true(result$accuracy >= 0 && result$accuracy <= 1)
  expect_s3_class(result$per_class, "data.frame")
  expect_equal(dimnames(result$confusion)$true, c("circle", "square", "triangle"))
  expect_equal(sum(result$confusion), 9)
  files <- list.files(file.path(d, "val"), recursive = TRUE, full.names = TRUE)[1:2]
  predicted <- fitgen_predict(run, files)
  expect_s3_class(predicted, "data.frame")
  expect_equal(nrow(predicted), 2)
  resumed <- suppressWarnings(fitgen_resume(run, epochs = 3, verbose = FALSE))
  expect_equal(nrow(fitgen_history(resumed)), 3)
  exported <- fitgen_export(run, formats = "keras", out = tempfile("export"))
  expect_true(all(exported$ok))
})

test_that("fitgen_train names a setting it does not know", {
  skip_without_fitgen()
  expect_error(fitgen_train(file.path(demo_dir(), "train"), no_such_setting = 1,
                            runs_dir = tempfile("runs"), verbose = FALSE),
               "no_such_setting", class = "fitgen_error")
})
