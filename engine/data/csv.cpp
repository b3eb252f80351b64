#include "data/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

#include "spec/spec_error.h"

namespace descent {
namespace {

using Names = std::vector<std::string>;

// A cell as the user wrote it, in quotes, cut to 40 characters.
std::string show(const std::string& cell) {
  return "\"" + clip(cell, 40) + "\"";
}

// "row 5, column \"petal_width\"" (the column's number when it has no name).
std::string where(int row, size_t col, const Names& header) {
  const bool named = col < header.size() && !header[col].empty();
  return "row " + std::to_string(row) + ", column " + (named ? show(header[col]) : std::to_string(col + 1));
}

enum class Number { ok, not_a_number, not_finite };

// Clinger's fast path for the common cell [-]digits[.digits] with at most 15 significant
// digits and 22 decimals: both mantissa and 10^decimals are exact doubles, so one division
// gives the correctly rounded value, as strtod would (and several times faster under WASM).
bool parse_simple(const std::string& cell, double& out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = cell[0] == '-' || cell[0] == '+' ? 1 : 0;
  int64_t mantissa = 0;
  int digits = 0, decimals = 0;
  bool dot = false, any = false;
  for (; i < cell.size(); ++i) {
    const char c = cell[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    any = true;
    decimals += dot;
    if (mantissa == 0 && c == '0') continue;  // a leading zero is no significant digit
    if (++digits > 15 || decimals > 22) return false;
    mantissa = mantissa * 10 + (c - '0');
  }
  if (!any || decimals > 22) return false;
  out = static_cast<double>(mantissa) / kPow10[decimals];
  if (cell[0] == '-') out = -out;
  return true;
}

// Parses a whole cell as a decimal number (no hex, no spaces inside).
Number parse_number(const std::string& cell, double& out) {
  if (cell.empty()) return Number::not_a_number;
  const bool plain = std::all_of(cell.begin(), cell.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
  if (!plain) {
    std::string word;
    for (char c : cell) word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!word.empty() && (word[0] == '+' || word[0] == '-')) word.erase(0, 1);
    return word == "nan" || word == "inf" || word == "infinity" ? Number::not_finite : Number::not_a_number;
  }
  if (parse_simple(cell, out)) return Number::ok;
  char* end = nullptr;
  out = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size()) return Number::not_a_number;
  return std::isfinite(out) ? Number::ok : Number::not_finite;  // 1e999 overflows to inf
}

// Reads the text one record (row) at a time, RFC 4180 style.
class Reader {
 public:
  Reader(const std::string& text, size_t start, const std::string& field)
      : text_(text), pos_(start), field_(field) {}

  // Reads the next record into cells[0..count) (reusing their strings); false at the end.
  // Its row number is row(); header names the columns in messages.
  bool next(Names& cells, size_t& count, const Names& header) {
    if (pos_ >= text_.size()) return false;
    ++row_;
    count = 0;
    blank_ = true;
    for (;;) {
      if (count == cells.size()) cells.emplace_back();
      std::string& cell = cells[count++];
      read_cell(cell, count - 1, header);
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_++];
      if (c == ',') {
        blank_ = false;
        continue;
      }
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      return true;
    }
  }
  int row() const { return row_; }
  bool blank() const { return blank_; }  // the last record was an empty or all-space line

 private:
  static bool space(char c) { return c == ' ' || c == '\t'; }

  void read_cell(std::string& cell, size_t col, const Names& header) {
    cell.clear();
    const size_t n = text_.size();
    while (pos_ < n && space(text_[pos_])) ++pos_;
    if (pos_ < n && text_[pos_] == '"') {
      blank_ = false;
      for (++pos_;; ++pos_) {
        if (pos_ >= n) malformed(col, header, " opens a quote that never closes");
        if (text_[pos_] == '"') {
          if (pos_ + 1 < n && text_[pos_ + 1] == '"') ++pos_;  // "" is a quote
          else break;
        }
        cell += text_[pos_];
      }
      ++pos_;
      while (pos_ < n && space(text_[pos_])) ++pos_;
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        malformed(col, header, " has text after its closing quote");
      return;
    }
    const size_t begin = pos_;
    while (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    size_t last = pos_;
    while (last > begin && space(text_[last - 1])) --last;
    cell.assign(text_, begin, last - begin);
    if (!cell.empty()) blank_ = false;
  }

  [[noreturn]] void malformed(size_t col, const Names& header, const char* what) const {
    throw SpecError(field_, "malformed: " + where(row_, col, header) + what,
                    "allowed: RFC 4180 quoting, with \"\" for a quote inside quotes");
  }

  const std::string& text_;
  size_t pos_;
  const std::string& field_;
  int row_ = 0;
  bool blank_ = true;
};

// Checks the header: 2 to kCsvMaxColumns columns, distinct names.
void check_header(const Names& header, const std::string& field) {
  if (header.size() < 2)
    throw SpecError(field, "1 column (" + show(header[0]) + ")",
                    "allowed: at least 2 columns: the features and the label");
  if (header.size() > static_cast<size_t>(kCsvMaxColumns))
    throw SpecError(field, "too large: " + std::to_string(header.size()) + " columns",
                    "allowed: at most " + std::to_string(kCsvMaxColumns) + " columns");
  std::map<std::string, size_t> seen;
  for (size_t j = 0; j < header.size(); ++j) {
    auto [it, fresh] = seen.emplace(header[j], j);
    if (!fresh)
      throw SpecError(field, "ambiguous: columns " + std::to_string(it->second + 1) + " and " +
                                 std::to_string(j + 1) + " are both named " + show(header[j]),
                      "allowed: distinct column names");
  }
}

// The index of the label column ("" = the last one).
size_t label_column(const Names& header, const std::string& label, const std::string& field) {
  if (label.empty()) return header.size() - 1;
  const auto it = std::find(header.begin(), header.end(), label);
  if (it != header.end()) return static_cast<size_t>(it - header.begin());
  std::string list;
  for (const auto& name : header) list += (list.empty() ? "" : ", ") + show(name);
  throw SpecError(field, "missing the label column " + show(label), "allowed: one of the columns " + list);
}

// Turns the label texts into class indices in Y, sorted numerically when all are numbers.
void assign_classes(const Names& labels, Dataset& d, const std::string& field) {
  std::vector<double> values(labels.size());
  bool numeric = true;
  for (size_t i = 0; i < labels.size() && numeric; ++i)
    numeric = parse_number(labels[i], values[i]) == Number::ok;
  std::vector<int> index(labels.size());
  if (numeric) {
    std::map<double, std::string> names;  // the first spelling of each value names it
    for (size_t i = 0; i < labels.size(); ++i) names.emplace(values[i], labels[i]);
    std::map<double, int> ids;
    for (const auto& [value, name] : names) {
      ids[value] = static_cast<int>(d.class_names.size());
      d.class_names.push_back(name);
    }
    for (size_t i = 0; i < labels.size(); ++i) index[i] = ids[values[i]];
  } else {
    std::map<std::string, int> ids;
    for (const auto& label : labels) ids.emplace(label, 0);
    for (auto& [name, id] : ids) {
      id = static_cast<int>(d.class_names.size());
      d.class_names.push_back(name);
    }
    for (size_t i = 0; i < labels.size(); ++i) index[i] = ids[labels[i]];
  }
  d.classes = static_cast<int>(d.class_names.size());
  if (d.classes < 2)
    throw SpecError(field, "a single class: every label is " + show(labels[0]), "allowed: at least 2 classes");
  for (size_t i = 0; i < labels.size(); ++i) d.Y(0, static_cast<Eigen::Index>(i)) = index[i];
}

}  // namespace

Dataset read_csv(const std::string& text, const std::string& label, Task task, const std::string& field) {
  if (text.size() > kCsvMaxBytes)
    throw SpecError(field, "too large: " + std::to_string(text.size()) + " bytes of text",
                    "allowed: at most 50 MB (" + std::to_string(kCsvMaxBytes) + " bytes)");
  if (const void* nul = std::memchr(text.data(), '\0', text.size()))
    throw SpecError(field, "not a text CSV file: byte " +
                               std::to_string(static_cast<const char*>(nul) - text.data() + 1) + " is a NUL",
                    "allowed: comma-separated text");
  const size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a UTF-8 byte-order mark
  const std::string empty_file = "the file is empty; allowed: a header row of column names, then one row per example";
  if (text.size() == start) throw SpecError(field, std::to_string(text.size()) + " bytes", empty_file);

  Reader reader(text, start, field);
  Names header, cells;
  size_t count = 0;
  while (reader.next(header, count, {}) && reader.blank()) {}
  if (reader.blank()) {
    const int lines = reader.row();
    throw SpecError(field, std::to_string(lines) + (lines == 1 ? " blank line" : " blank lines"), empty_file);
  }
  header.resize(count);
  check_header(header, field);
  const size_t n_cols = header.size(), y_col = label_column(header, label, field);

  // features: row-major (m x n_x) = column-major (n_x x m), the layout of X.
  std::vector<double> features;
  std::vector<double> targets;
  Names labels;
  int m = 0, first_row = 0;
  while (reader.next(cells, count, header)) {
    if (reader.blank()) continue;
    if (++m > kCsvMaxRows) continue;  // counted only, for the message below
    if (first_row == 0) first_row = reader.row();
    if (count != n_cols)
      throw SpecError(field, "ragged: row " + std::to_string(reader.row()) + " has " + std::to_string(count) +
                                 (count == 1 ? " cell" : " cells"),
                      "the header has " + std::to_string(n_cols));
    for (size_t j = 0; j < n_cols; ++j) {
      const bool is_label = j == y_col;
      if (is_label && task == Task::classification) {
        if (cells[j].empty())
          throw SpecError(field, "missing a label: " + where(reader.row(), j, header) + " is empty",
                          "allowed: a class name or number in every row");
        labels.push_back(cells[j]);
        continue;
      }
      double x = 0;
      const Number parsed = parse_number(cells[j], x);
      if (parsed == Number::not_a_number)
        throw SpecError(field,
                        "not numeric: " + where(reader.row(), j, header) + ": " + show(cells[j]) + " is not a number",
                        is_label ? "allowed: a number in the label column of a regression"
                                 : "allowed: a number in every column but the label");
      if (parsed == Number::not_finite)
        throw SpecError(field, "not finite: " + where(reader.row(), j, header) + ": " + show(cells[j]),
                        "allowed: finite numbers (no NaN or Inf)");
      (is_label ? targets : features).push_back(x);
    }
  }
  if (m > kCsvMaxRows)
    throw SpecError(field, "too large: " + std::to_string(m) + " rows of examples",
                    "allowed: at most " + std::to_string(kCsvMaxRows) + " rows");
  if (m == 0)
    throw SpecError(field, "a header only", "no examples; allowed: at least 2 rows of examples after the header");
  if (m == 1)
    throw SpecError(field, "a header and 1 example (row " + std::to_string(first_row) + ")",
                    "allowed: at least 2 rows of examples after the header");

  Dataset d;
  const int n_x = static_cast<int>(n_cols) - 1;
  d.X = ConstMatrixMap<double>(features.data(), n_x, m);
  d.Y.resize(1, m);
  for (size_t j = 0; j < n_cols; ++j)
    if (j != y_col) d.feature_names.push_back(header[j]);
  if (task == Task::regression) {
    d.classes = 0;
    d.Y = ConstMatrixMap<double>(targets.data(), 1, m);
  } else {
    assign_classes(labels, d, field);
  }
  return d;
}

}  // namespace descent
