library(testthat)
library(fitgen)

test_check("fitgen")
