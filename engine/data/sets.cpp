#include "data/sets.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/csv_records.h"
#include "data/source.h"
#include "spec/spec_error.h"

namespace descent {
namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Dataset load_source(const SourceSpec& src, uint64_t seed, uint64_t purpose, const std::string& field) {
  Rng rng(Rng::derive(seed + static_cast<uint64_t>(src.seed_offset), purpose));
  return load_data(src, rng, field);
}

// The CSV field of a set when its source is a file (the columns and labels are its), else the set.
std::string where(const SourceSpec& src, const std::string& field) {
  return src.source == DataSource::csv ? field + ".csv" : field;
}

// The label column's name of a CSV source: `label`, or the header's last column.
std::string label_column(const SourceSpec& src) {
  if (!src.label.empty()) return src.label;
  const auto header = csv_header(src.csv);
  return header.empty() ? "label" : header.back();
}

void agree_on_features(const Dataset& train, const Dataset& set, const SourceSpec& src, const std::string& field) {
  const int n = train.features(), n_set = set.features();
  const bool named = !train.feature_names.empty() && !set.feature_names.empty();
  if (named && train.feature_names != set.feature_names) {
    size_t j = 0;
    while (j < set.feature_names.size() && j < train.feature_names.size() &&
           set.feature_names[j] == train.feature_names[j])
      ++j;
    const std::string got = j < set.feature_names.size()
                                ? in_quotes(set.feature_names[j]) + " in feature column " + std::to_string(j + 1)
                                : "missing feature column " + std::to_string(j + 1) + " (" + in_quotes(train.feature_names[j]) + ")";
    throw SpecError(where(src, field), got,
                    "allowed: the training set's feature columns in its order: " + listed(train.feature_names));
  }
  if (n_set != n)
    throw SpecError(where(src, field), std::to_string(n_set) + " features",
                    "allowed: " + std::to_string(n) + " features, as data.train");
}

// Class indices of `set` in train's numbering; names when both sets name their classes.
void agree_on_classes(const Dataset& train, Dataset& set, const SourceSpec& src, const std::string& field) {
  if (train.is_regression() != set.is_regression())
    throw SpecError(field + ".task", set.is_regression() ? "\"regression\"" : "\"classification\"",
                    std::string("allowed: ") + (train.is_regression() ? "\"regression\"" : "\"classification\"") +
                        ", as data.train");
  if (set.is_regression()) return;
  const bool named = !train.class_names.empty() && !set.class_names.empty();
  std::vector<int> to_train(static_cast<size_t>(set.classes), -1);  // set's class c -> train's
  for (int c = 0; c < set.classes; ++c) {
    if (!named) {
      to_train[c] = c < train.classes ? c : -1;
      continue;
    }
    const auto it = std::find(train.class_names.begin(), train.class_names.end(), set.class_names[c]);
    if (it != train.class_names.end()) to_train[c] = static_cast<int>(it - train.class_names.begin());
  }
  for (int i = 0; i < set.size(); ++i) {
    const int c = static_cast<int>(set.Y(0, i));
    if (to_train[c] >= 0) {
      set.Y(0, i) = to_train[c];
      continue;
    }
    const std::string example = "example " + std::to_string(i + 1);
    if (named) {
      const std::string column = src.source == DataSource::csv ? " in column " + in_quotes(label_column(src)) : "";
      throw SpecError(where(src, field), "class " + in_quotes(set.class_names[c]) + column + " (" + example + ")",
                      "allowed: the training set's classes: " + listed(train.class_names));
    }
    const std::string at = src.source == DataSource::inline_ ? field + ".y[" + std::to_string(i) + "]" : where(src, field);
    throw SpecError(at, "class " + std::to_string(c) + (src.source == DataSource::inline_ ? "" : " (" + example + ")"),
                    "allowed: the training set's classes: 0 to " + std::to_string(train.classes - 1));
  }
}

// `set` in train's terms: checked, then given train's classes, names and image shape.
void agree(const Dataset& train, Dataset& set, const SourceSpec& src, const std::string& field) {
  agree_on_features(train, set, src, field);
  agree_on_classes(train, set, src, field);
  set.describe_as(train);
}

}  // namespace

Splits load_sets(const DataSpec& data, uint64_t seed) {
  Splits out;
  Dataset all = load_source(data, seed, kTrainData, "data.train");
  struct Other { const SetSource* spec; Dataset* set; uint64_t purpose; const char* field; };
  const Other others[] = {{&data.train_dev, &out.train_dev, kTrainDevData, "data.train_dev"},
                          {&data.dev, &out.dev, kDevData, "data.dev"},
                          {&data.test, &out.test, kTestData, "data.test"}};

  // Carving: one shuffle of the training source, then train_dev, dev and test in turn.
  std::vector<int> order(static_cast<size_t>(all.size()));
  std::iota(order.begin(), order.end(), 0);
  bool carves = false;
  for (const Other& o : others) carves = carves || (o.spec->given && o.spec->from_train);
  if (carves) {
    Rng rng(Rng::derive(seed, kCarve));
    rng.shuffle(order.begin(), order.end());
  }
  size_t next = 0;
  for (const Other& o : others) {
    if (!o.spec->given || !o.spec->from_train) continue;
    const size_t left = order.size() - next;
    if (static_cast<size_t>(o.spec->take) >= left)
      throw SpecError(std::string(o.field) + ".take", std::to_string(o.spec->take),
                      "allowed: 1 to " + std::to_string(left - 1) + ": the training source has " + std::to_string(left) +
                          " examples left and at least one must stay in train");
    std::vector<int> picked(order.begin() + static_cast<long>(next), order.begin() + static_cast<long>(next) + o.spec->take);
    std::sort(picked.begin(), picked.end());  // in the source's order
    *o.set = take_examples(all, picked);
    next += static_cast<size_t>(o.spec->take);
  }
  std::vector<int> rest(order.begin() + static_cast<long>(next), order.end());
  std::sort(rest.begin(), rest.end());
  out.train = carves ? take_examples(all, rest) : std::move(all);

  Dataset empty = take_examples(out.train, {});
  for (const Other& o : others) {
    if (!o.spec->given) {
      *o.set = empty;
    } else if (!o.spec->from_train) {
      *o.set = load_source(o.spec->source, seed, o.purpose, o.field);
      agree(out.train, *o.set, o.spec->source, o.field);
    }
  }
  return out;
}

}  // namespace descent
