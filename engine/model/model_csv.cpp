#include "model/model_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>

#include "data/csv.h"
#include "data/csv_records.h"
#include "spec/spec_error.h"

namespace descent {
namespace {


std::string quoted(const std::string& name) { return "\"" + clip(name, 40) + "\""; }

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + quoted(name);
  return out;
}

// A CSV cell: quoted when it holds a comma, a quote or a line end.
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

bool number(const std::string& cell, double& out) {
  if (cell.empty() || csv_space(cell[0])) return false;
  char* end = nullptr;
  out = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size() && std::isfinite(out);
}

}  // namespace


ModelInput read_model_csv(const std::string& text, const Model& model, bool with_labels, const std::string& field) {
  // The reader's own checks first (size, NUL, empty): on the text as given.
  if (text.size() > kCsvMaxBytes || text.find('\0') != std::string::npos || text.size() == csv_start(text))
    read_csv(text, "", Task::regression, field);

  // The text again with the label column (if any) left out and a numeric column of zeros
  // added as the reader's label: every feature cell then goes through the reader's checks, at
  // its own row and under its own column name, whatever the labels are.
  const std::vector<std::string> header = csv_header(text);
  const auto at = std::find(header.begin(), header.end(), model.label());
  const size_t label_col = at == header.end() ? header.size() : static_cast<size_t>(at - header.begin());
  if (with_labels && label_col == header.size())
    throw SpecError(field, "missing the label column " + quoted(model.label()),
                    "allowed: the columns " + list(model.feature_names()) + " and " + quoted(model.label()));
  std::string marker = "descent:row";
  while (std::find(header.begin(), header.end(), marker) != header.end()) marker += "_";

  std::string copy = text.substr(0, csv_start(text));
  std::vector<std::string> labels;
  std::vector<int> label_rows;
  int row = 0, data_rows = 0;
  std::string last_line;  // the last row of examples, as copied
  bool in_header = true;
  for (size_t pos = csv_start(text); pos < text.size();) {
    const CsvRecord r = csv_record(text, pos);
    ++row;
    if (r.unclosed || r.blank) {  // as it is: the reader skips it or refuses it
      copy.append(text, pos, r.next - pos);
      pos = r.next;
      continue;
    }
    if (!in_header && r.cells.size() != header.size())  // as the reader says it, counting the label
      throw SpecError(field, "ragged: row " + std::to_string(row) + " has " + std::to_string(r.cells.size()) +
                                 (r.cells.size() == 1 ? " cell" : " cells"),
                      "the header has " + std::to_string(header.size()));
    const size_t line_begin = copy.size();
    bool first = true;
    for (size_t j = 0; j < r.cells.size(); ++j) {
      if (j == label_col) continue;
      if (!first) copy += ',';
      copy.append(text, r.cells[j].begin, r.cells[j].end - r.cells[j].begin);
      first = false;
    }
    if (!first) copy += ',';
    copy += in_header ? marker : "0";
    if (!in_header) {
      ++data_rows;
      last_line = copy.substr(line_begin);
    }
    if (!in_header && label_col < r.cells.size()) {
      labels.push_back(csv_value(text, r.cells[label_col]));
      label_rows.push_back(row);
    }
    in_header = false;
    copy.append(text, r.end, r.next - r.end);
    pos = r.next;
  }
  // A single row is enough to predict or evaluate, where the reader wants 2 to train: it reads
  // the row twice and the copy is dropped.
  if (data_rows == 1) copy += (copy.back() == '\n' || copy.back() == '\r' ? "" : "\n") + last_line + "\n";
  Dataset d = read_csv(copy, marker, Task::regression, field);
  if (data_rows == 1) d.X.conservativeResize(Eigen::NoChange, 1);

  // Columns by name: each of the model's features exactly once, nothing else.
  const auto& names = model.feature_names();
  for (const auto& name : d.feature_names)
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw SpecError(field, "an unknown column " + quoted(name),
                      "allowed: the model's features " + list(names) + " and its label column " +
                          quoted(model.label()));
  ModelInput in;
  in.X.resize(static_cast<Eigen::Index>(names.size()), d.size());
  for (size_t i = 0; i < names.size(); ++i) {
    const auto it = std::find(d.feature_names.begin(), d.feature_names.end(), names[i]);
    if (it == d.feature_names.end())
      throw SpecError(field, "missing the feature column " + quoted(names[i]),
                      "allowed: the model's features " + list(names) + ", in any order");
    in.X.row(static_cast<Eigen::Index>(i)) = d.X.row(it - d.feature_names.begin());
  }
  in.has_label = label_col < header.size();
  if (!with_labels) return in;

  // The labels: the model's class names (or numbers equal to one), or a regression's targets.
  const std::string where_label = ", column " + quoted(model.label());
  const auto& classes = model.class_names();
  in.y.resize(1, d.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& cell = labels[i];
    const std::string where = "row " + std::to_string(label_rows[i]) + where_label;
    double v = 0;
    if (model.is_regression()) {
      if (!number(cell, v))
        throw SpecError(field, "not numeric: " + where + ": " + quoted(cell) + " is not a number",
                        "allowed: a number in the label column of a regression");
      in.y(0, static_cast<Eigen::Index>(i)) = v;
      continue;
    }
    if (cell.empty())
      throw SpecError(field, "missing a label: " + where + " is empty", "allowed: one of the model's classes " + list(classes));
    auto c = std::find(classes.begin(), classes.end(), cell);
    if (c == classes.end() && number(cell, v))
      c = std::find_if(classes.begin(), classes.end(), [&](const std::string& name) {
        double w = 0;
        return number(name, w) && w == v;
      });
    const bool named_by_numbers = std::any_of(classes.begin(), classes.end(), [](const std::string& name) {
      double w = 0;
      return number(name, w);
    });
    if (c == classes.end() && !named_by_numbers && number(cell, v) && v >= 0 && v < classes.size() && v == std::floor(v))
      c = classes.begin() + static_cast<long>(v);  // the class index, as the built-in sets' label column
    if (c == classes.end())
      throw SpecError(field, "an unknown class: " + where + ": " + quoted(cell),
                      "allowed: one of the model's classes " + list(classes) +
                          (named_by_numbers ? "" : " or its index from 0"));
    in.y(0, static_cast<Eigen::Index>(i)) = static_cast<double>(c - classes.begin());
  }
  return in;
}

std::string predictions_csv(Model& model, const std::string& text, const std::string& field) {
  const ModelInput input = read_model_csv(text, model, /*with_labels=*/false, field);
  const auto A = model.predict(input.X);  // (n_L x m)
  std::ostringstream out;
  out << std::setprecision(9);  // every float exactly
  const auto& classes = model.class_names();
  out << "predicted";
  for (const auto& name : classes) out << ',' << csv_cell("p_" + name);
  out << '\n';
  if (model.is_regression()) {
    for (Eigen::Index i = 0; i < A.cols(); ++i) out << A(0, i) << '\n';
    return out.str();
  }
  const auto predicted = model.predicted_classes(A);
  for (int i = 0; i < static_cast<int>(A.cols()); ++i) {
    out << csv_cell(classes[static_cast<size_t>(predicted[static_cast<size_t>(i)])]);
    for (size_t c = 0; c < classes.size(); ++c) out << ',' << model.probability(A, static_cast<int>(c), i);
    out << '\n';
  }
  return out.str();
}

}  // namespace descent
