#include "spec/data_fields.h"

#include <utility>

namespace descent {
namespace {

constexpr int kMaxSeedOffset = 1000000;

inline constexpr NameTable<Task, 2> kTaskNames{{{
    {Task::classification, "classification"}, {Task::regression, "regression"},
}}};

// One source's fields, read from f (the caller finishes f). with_offset: a separate set,
// which may shift its generator's stream by seed_offset.
SourceSpec read_source(Fields& f, const SourceSpec& d, bool with_offset) {
  SourceSpec s;
  s.source = f.choice("source", d.source, kDataSourceNames);
  s.samples = f.integer("samples", d.samples, 4, kMaxSamples);
  s.noise = f.number("noise", d.noise, 0.0, 10.0);
  s.factor = f.number("factor", d.factor, 0.0, 1.0, /*lo_open=*/true);
  s.classes = f.integer("classes", d.classes, 2, 20);
  s.task = f.choice("task", d.task, kTaskNames);
  s.csv = f.text("csv", "");
  s.label = f.text("label", "");
  if (with_offset) s.seed_offset = f.integer("seed_offset", 0, 0, kMaxSeedOffset);
  if (s.source == DataSource::csv && s.csv.empty())
    throw SpecError(f.path("csv"), "missing or empty", "allowed: the text of a CSV file with a header row");
  const nlohmann::json* x = f.array("x");
  const nlohmann::json* y = f.array("y");
  if (s.source == DataSource::inline_) {
    if (!x || !y) throw SpecError(f.path(x ? "y" : "x"), "missing", "allowed: x as rows of features and y as labels");
    for (size_t i = 0; i < x->size(); ++i) {
      const auto& row = (*x)[i];
      if (!row.is_array()) throw SpecError(Fields::element(f.path("x"), i), Fields::show(row), "allowed: an array of numbers");
      std::vector<double> values;
      for (size_t j = 0; j < row.size(); ++j) {
        if (!row[j].is_number()) throw SpecError(Fields::element(Fields::element(f.path("x"), i), j), Fields::show(row[j]), "allowed: a number");
        values.push_back(row[j].get<double>());
      }
      s.x.push_back(std::move(values));
    }
    for (size_t i = 0; i < y->size(); ++i) {
      if (!(*y)[i].is_number()) throw SpecError(Fields::element(f.path("y"), i), Fields::show((*y)[i]), "allowed: a number");
      s.y.push_back((*y)[i].get<double>());
    }
  }
  return s;
}

// A set beside the training set: a source of its own, or {from: "train", take: N}.
SetSource read_set(Fields f, const SourceSpec& d) {
  SetSource set;
  set.given = true;
  if (f.contains("from")) {
    f.choice("from", std::string("train"), {"train"});
    set.from_train = true;
    if (!f.contains("take")) throw SpecError(f.path("take"), "missing", "allowed: how many training examples to hold out, 1 or more");
    set.take = f.integer("take", 0, 1, kMaxSamples);
  } else {
    set.source = read_source(f, d, /*with_offset=*/true);
  }
  f.finish();
  return set;
}

constexpr const char* kSetKeys[] = {"train", "train_dev", "dev", "test"};

bool names_sets(const Fields& f) {
  for (const char* key : kSetKeys)
    if (f.contains(key)) return true;
  return false;
}

}  // namespace

DataSpec parse_data(Fields f, const DataSpec& d) {
  DataSpec s;
  if (!names_sets(f)) {
    static_cast<SourceSpec&>(s) = read_source(f, d, /*with_offset=*/false);
    f.finish();
    return s;
  }
  s.separate = true;
  if (!f.contains("train"))
    throw SpecError(f.path("train"), "missing",
                    "allowed: the training set's source beside dev, test and train_dev (or data as one source, split by split)");
  {
    Fields train = f.object("train");
    if (train.contains("from"))
      throw SpecError(train.path("from"), Fields::show("train"), "allowed: only for train_dev, dev and test; train needs a source");
    static_cast<SourceSpec&>(s) = read_source(train, d, /*with_offset=*/true);
    train.finish();
  }
  for (auto [key, set] : {std::pair{"train_dev", &s.train_dev}, {"dev", &s.dev}, {"test", &s.test}})
    if (f.contains(key)) *set = read_set(f.object(key), d);
  f.finish();
  return s;
}

namespace {

nlohmann::ordered_json source_json(const SourceSpec& src, bool with_offset) {
  nlohmann::ordered_json data = {{"source", kDataSourceNames.name(src.source)}, {"samples", src.samples},
                                 {"noise", src.noise}, {"factor", src.factor}, {"classes", src.classes}};
  if (src.source == DataSource::csv || src.source == DataSource::inline_) data["task"] = kTaskNames.name(src.task);
  if (src.source == DataSource::csv) {
    data["csv"] = src.csv;
    data["label"] = src.label;
  }
  if (src.source == DataSource::inline_) {
    data["x"] = src.x;
    data["y"] = src.y;
  }
  if (with_offset) data["seed_offset"] = src.seed_offset;
  return data;
}

}  // namespace

nlohmann::ordered_json data_json(const DataSpec& d) {
  if (!d.separate) return source_json(d, /*with_offset=*/false);
  nlohmann::ordered_json data = {{"train", source_json(d, /*with_offset=*/true)}};
  for (auto [key, set] : {std::pair{"train_dev", &d.train_dev}, {"dev", &d.dev}, {"test", &d.test}})
    if (set->given)
      data[key] = set->from_train ? nlohmann::ordered_json{{"from", "train"}, {"take", set->take}}
                                  : source_json(set->source, /*with_offset=*/true);
  return data;
}

}  // namespace descent
