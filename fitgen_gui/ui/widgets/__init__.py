"""Small reusable controls: form fields and composite inputs, galleries, pixmaps, the
console, the run bar, the trained-model picker, the questions before a data file runs."""
