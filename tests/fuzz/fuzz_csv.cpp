// libFuzzer target: the CSV reader behind the data source "csv". The input bytes are the
// file's text, read as a classification (label: the last column) and as a regression. Every
// call must return a data set or throw SpecError naming data.csv (whose error answer is valid
// JSON); anything else, a crash, a
// leak or undefined behaviour (ASan + UBSan) is a bug. A data set must be consistent:
//   X: (n_x x m) finite, Y: (1 x m), class indices in 0..classes-1 with classes >= 2.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "data/csv.h"
#include "spec/answer.h"
#include "spec/spec_error.h"

namespace {

[[noreturn]] void fail() { __builtin_trap(); }

void read(const std::string& text, const std::string& label, descent::Task task) {
  descent::Dataset d;
  try {
    d = descent::read_csv(text, label, task);
  } catch (const descent::SpecError& e) {
    if (e.field() != "data.csv" || e.given().empty() || e.allowed().empty()) fail();
    // The error as a host receives it: valid JSON, whatever bytes the cells held.
    const auto answer = nlohmann::json::parse(descent::failure(e.field(), e.given(), e.allowed(), e.what()), nullptr, false);
    if (answer.is_discarded() || answer["ok"] != false) fail();
    return;
  }
  const auto m = d.X.cols();
  if (m < 2 || d.X.rows() < 1 || d.Y.rows() != 1 || d.Y.cols() != m) fail();
  if (d.feature_names.size() != static_cast<size_t>(d.X.rows())) fail();
  if (!d.X.allFinite() || !d.Y.allFinite()) fail();
  if (task == descent::Task::regression) {
    if (d.classes != 0) fail();
    return;
  }
  if (d.classes < 2 || d.class_names.size() != static_cast<size_t>(d.classes)) fail();
  for (Eigen::Index i = 0; i < m; ++i)
    if (!(d.Y(0, i) >= 0 && d.Y(0, i) < d.classes && d.Y(0, i) == std::floor(d.Y(0, i)))) fail();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  read(text, "", descent::Task::classification);
  read(text, "", descent::Task::regression);
  read(text, "y", descent::Task::classification);  // a named label column, present or not
  return 0;
}
