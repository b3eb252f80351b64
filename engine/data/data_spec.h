#pragma once
// What the spec says about the data: where it comes from, how it is split, normalised and
// augmented. Parsed and validated by spec/spec.cpp; used by data/ to build the sets.
#include <string>
#include <vector>

#include "core/names.h"

namespace descent {

enum class DataSource {
  circles, moons, xor_, blobs, spiral, flower, linear, plane, sine,  // generated
  digits, iris, wine, breast_cancer,                                 // real, built in
  csv, inline_                                                       // given by the user
};

inline constexpr NameTable<DataSource, 15> kDataSourceNames{{{
    {DataSource::circles, "circles"},   {DataSource::moons, "moons"},
    {DataSource::xor_, "xor"},          {DataSource::blobs, "blobs"},
    {DataSource::spiral, "spiral"},     {DataSource::flower, "flower"},
    {DataSource::linear, "linear"},     {DataSource::plane, "plane"},
    {DataSource::sine, "sine"},         {DataSource::digits, "digits"},
    {DataSource::iris, "iris"},         {DataSource::wine, "wine"},
    {DataSource::breast_cancer, "breast_cancer"},
    {DataSource::csv, "csv"},           {DataSource::inline_, "inline"},
}}};

enum class Task { classification, regression };

// One source of examples: a generator, a built-in set, a CSV text or inline numbers.
struct SourceSpec {
  DataSource source = DataSource::circles;
  int samples = 400;    // generators: examples before the split
  double noise = 0.1;   // generators: std of the Gaussian noise (sine/plane: of the target)
  double factor = 0.5;  // circles: inner radius / outer radius
  int classes = 3;      // blobs: clusters; spiral: arms; flower: ignored (2)
  // csv: the file's text, the label column's name (or "" for the last column), the task.
  std::string csv;
  std::string label;
  Task task = Task::classification;
  // inline: x as rows of features (m rows of n_x), y as labels or targets (m).
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  // Generators draw from the stream of (seed + seed_offset) for their set (data/sets.h).
  int seed_offset = 0;
};

// A set given apart from the training set: from its own source, or carved out of the
// training source ({from: "train", take}).
struct SetSource {
  bool given = false;       // false: the spec has no such set
  bool from_train = false;  // take examples of the training source, chosen by the seed
  int take = 0;             // how many, when from_train
  SourceSpec source;        // otherwise
};

// The spec's `data`: one source split by `split` (separate false: this SourceSpec is it), or
// separate sets (data: {train, train_dev?, dev?, test?}: this SourceSpec is the training set's),
// each taken as given, in order, never shuffled across sets.
struct DataSpec : SourceSpec {
  bool separate = false;
  SetSource train_dev, dev, test;  // train_dev: held out of training, from train's distribution
};

// How the examples are split. Either ratios (summing to 1) or absolute counts (dev_count and
// test_count >= 0, the rest is train) when use_counts.
enum class Mismatch { none, shift, rotate, noise };

inline constexpr NameTable<Mismatch, 4> kMismatchNames{{{
    {Mismatch::none, "none"}, {Mismatch::shift, "shift"}, {Mismatch::rotate, "rotate"}, {Mismatch::noise, "noise"},
}}};

struct SplitSpec {
  double train = 0.7, dev = 0.3, test = 0.0;
  bool use_counts = false;
  int dev_count = 0, test_count = 0;
  bool stratify = false;  // keep each class's share in every set
  // Dev and test drawn from another distribution than train: every dev/test input is
  // shifted by `amount` (in units of the feature's std), rotated by `amount` radians (2-D
  // inputs) or given extra Gaussian noise of std `amount` (in units of the feature's std).
  Mismatch mismatch = Mismatch::none;
  double mismatch_amount = 0.5;
};

struct AugmentSpec {
  bool flip = false;   // images: mirror left-right with probability 1/2
  int shift = 0;       // images: move by up to this many pixels in x and y (zeros come in)
  double jitter = 0;   // any input: add N(0, jitter^2) to each feature
  bool active() const { return flip || shift > 0 || jitter > 0; }
};

}  // namespace descent
