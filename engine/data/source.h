#pragma once
// The whole data set the spec asks for, before any split: generated, built in, read from the
// CSV text given, or given inline.
//   m: examples   X: (n_x x m)   Y: (1 x m): the class index, or the target of a regression
#include "core/rng.h"
#include "data/data_spec.h"
#include "data/dataset.h"

namespace descent {

// Builds the data set of `spec`. Generators draw from `rng` (circles: make_circles(samples,
// noise, factor); blobs and spiral: `classes` clusters or arms); built-in sets ignore `rng`;
// csv: read_csv(spec.csv, spec.label, spec.task, "data.csv"); inline: spec.x (m rows of n_x
// numbers) and spec.y (m labels: class indices 0..k-1 with k = max + 1, or regression targets
// when spec.task is regression).
// Throws SpecError naming the field under `field` (the source's path: "data", "data.dev"):
// ".csv" (see read_csv), ".classes" (blobs and spiral: fewer than 2), ".x", ".x[i]",
// ".x[i][j]", ".y", ".y[i]".
Dataset load_data(const SourceSpec& spec, Rng& rng, const std::string& field = "data");

}  // namespace descent
