# The training history that R keras's fit_generator() returned: `$params` and `$metrics`,
# printed as the final epoch's values, plotted per metric (training and validation together),
# and a long data frame for your own plots.

keras_training_history <- function(params, metrics, epochs = NULL) {
  metrics <- lapply(metrics, function(values) as.numeric(unlist(values)))
  order <- c(intersect("loss", names(metrics)),
             setdiff(names(metrics)[!startsWith(names(metrics), "val_")], "loss"),
             intersect("val_loss", names(metrics)),
             setdiff(names(metrics)[startsWith(names(metrics), "val_")], "val_loss"))
  metrics <- metrics[order]
  params$metrics <- names(metrics)
  params$do_validation <- isTRUE(params$do_validation)
  # Epochs counted from 1, as R counts and the progress output shows them.
  params$epoch <- if (length(epochs)) as.integer(epochs) + 1L else
    seq_len(max(c(0L, lengths(metrics))))
  structure(list(params = params, metrics = metrics), class = "keras_training_history")
}

#' @export
print.keras_training_history <- function(x, ...) {
  epochs <- length(x$params$epoch)
  steps <- x$params$steps
  cat(sprintf("Trained %d epoch%s%s%s\n", epochs, if (epochs == 1) "" else "s",
              if (!is.null(steps)) sprintf(" of %d steps", as.integer(steps)) else "",
              if (isTRUE(x$params$do_validation)) ", validated after each" else ""))
  if (epochs && length(x$metrics)) {
    cat("Final epoch (plot to see history):\n")
    last <- vapply(x$metrics, function(v) v[[length(v)]], numeric(1))
    labels <- formatC(names(last), width = max(nchar(names(last))))
    cat(paste0(labels, ": ", formatC(last, digits = 4, format = "g"), "\n"), sep = "")
  }
  invisible(x)
}

#' Training history as a data frame
#'
#' @param x A `keras_training_history` from [fit_generator()].
#' @param row.names,optional Unused (for the generic).
#' @param ... Unused.
#' @return One row per epoch and metric: `epoch` (from 1), `value`, `metric` (`loss`,
#'   `accuracy`..., without the `val_` prefix) and `data` (`training` or `validation`).
#' @export
as.data.frame.keras_training_history <- function(x, row.names = NULL, optional = FALSE, ...) {
  names <- names(x$metrics)
  if (!length(names)) {
    return(data.frame(epoch = integer(), value = numeric(), metric = factor(),
                      data = factor()))
  }
  epochs <- x$params$epoch
  frame <- do.call(rbind, lapply(names, function(name) {
    values <- x$metrics[[name]]
    data.frame(epoch = epochs[seq_along(values)], value = values,
               metric = sub("^val_", "", name),
               data = if (startsWith(name, "val_")) "validation" else "training",
               stringsAsFactors = FALSE)
  }))
  frame$metric <- factor(frame$metric, unique(sub("^val_", "", names)))
  frame$data <- factor(frame$data, c("training", "validation"))
  rownames(frame) <- NULL
  frame
}

#' Plot a training history
#'
#' One panel per metric, training and validation values together, as R keras drew it.
#'
#' @param x A `keras_training_history` from [fit_generator()].
#' @param y Unused.
#' @param metrics Metrics to plot (e.g. `c("loss", "accuracy")`); all by default.
#' @param method `"auto"` uses \pkg{ggplot2} when it is installed, else base graphics.
#' @param smooth With \pkg{ggplot2}, a loess line through 10 or more epochs.
#' @param ... Passed to [graphics::plot()] (base graphics).
#' @return A ggplot object (`method = "ggplot2"`), or `x` invisibly.
#' @importFrom graphics legend lines par plot
#' @export
plot.keras_training_history <- function(x, y, metrics = NULL,
                                        method = c("auto", "ggplot2", "base"),
                                        smooth = TRUE, ...) {
  method <- match.arg(method)
  if (method == "auto") {
    method <- if (requireNamespace("ggplot2", quietly = TRUE)) "ggplot2" else "base"
  }
  frame <- as.data.frame(x)
  if (is.null(metrics)) metrics <- levels(frame$metric)
  unknown <- setdiff(metrics, levels(frame$metric))
  if (length(unknown)) {
    fitgen_abort(sprintf("The history has no metric %s; it has %s.",
                         paste(unknown, collapse = ", "),
                         paste(levels(frame$metric), collapse = ", ")),
                 "fitgen_argument_error", sys.call(), argument = "metrics")
  }
  frame <- frame[frame$metric %in% metrics, , drop = FALSE]
  frame$metric <- droplevels(frame$metric)
  if (method == "ggplot2") {
    if (!requireNamespace("ggplot2", quietly = TRUE)) {
      fitgen_abort("method = \"ggplot2\" needs the ggplot2 package: install.packages(\"ggplot2\").")
    }
    plot <- ggplot2::ggplot(frame, ggplot2::aes(.data$epoch, .data$value,
                                                colour = .data$data, fill = .data$data)) +
      ggplot2::geom_point(shape = 21, colour = "black") +
      ggplot2::geom_line() +
      ggplot2::facet_grid(metric ~ ., switch = "y", scales = "free_y") +
      ggplot2::labs(x = "epoch", y = NULL, colour = NULL, fill = NULL)
    if (smooth && length(unique(frame$epoch)) >= 10) {
      plot <- plot + ggplot2::geom_smooth(se = FALSE, method = "loess", formula = y ~ x)
    }
    return(plot)
  }
  old <- par(mfrow = c(length(metrics), 1), mar = c(3, 4, 1.5, 1))
  on.exit(par(old), add = TRUE)
  for (metric in metrics) {
    part <- frame[frame$metric == metric, , drop = FALSE]
    training <- part[part$data == "training", , drop = FALSE]
    validation <- part[part$data == "validation", , drop = FALSE]
    plot(part$epoch, part$value, type = "n", xlab = "epoch", ylab = metric, ...)
    lines(training$epoch, training$value, type = "o", pch = 1)
    if (nrow(validation)) lines(validation$epoch, validation$value, type = "o", pch = 4, lty = 2)
    legend("topright", legend = c(metric, if (nrow(validation)) paste0("val_", metric)),
           pch = c(1, if (nrow(validation)) 4), lty = c(1, if (nrow(validation)) 2), bty = "n")
  }
  invisible(x)
}
