#' fitgen: Keras 2's generator functions and FitGen's runs, on Keras 3
#'
#' R keras 2's [fit_generator()], [evaluate_generator()], [predict_generator()],
#' [image_data_generator()] and `flow_images_from_*()` for Keras 3 models, and FitGen's
#' no-code engine: [fitgen_train()], [fitgen_runs()], [fitgen_history()],
#' [fitgen_resume()], [fitgen_evaluate()], [fitgen_predict()], [fitgen_export()]. Both run
#' FitGen's Python engine through \pkg{reticulate}; [fitgen_python()] says which Python.
#'
#' @keywords internal
"_PACKAGE"

# The ggplot2 pronoun, found in the data mask when plotting.
utils::globalVariables(".data")
