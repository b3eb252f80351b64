#include "data/csv_records.h"

#include <algorithm>

namespace descent {

bool csv_space(char c) { return c == ' ' || c == '\t'; }
namespace {
bool csv_line_end(char c) { return c == '\n' || c == '\r'; }
}  // namespace

CsvRecord csv_record(const std::string& text, size_t pos) {
  CsvRecord r;
  const size_t n = text.size();
  for (;;) {
    const size_t begin = pos;
    while (pos < n && csv_space(text[pos])) ++pos;
    if (pos < n && text[pos] == '"') {
      for (++pos;; ++pos) {
        if (pos >= n) {
          r.unclosed = true;
          r.end = r.next = n;
          return r;
        }
        if (text[pos] == '"') {
          if (pos + 1 < n && text[pos + 1] == '"') ++pos;
          else break;
        }
      }
      ++pos;
    }
    while (pos < n && text[pos] != ',' && !csv_line_end(text[pos])) ++pos;
    r.cells.push_back({begin, pos});
    if (pos < n && text[pos] == ',') {
      ++pos;
      continue;
    }
    r.end = pos;
    if (pos < n && text[pos] == '\r' && pos + 1 < n && text[pos + 1] == '\n') ++pos;
    r.next = pos < n ? pos + 1 : n;
    const auto& c = r.cells[0];
    r.blank = r.cells.size() == 1 && std::all_of(text.begin() + c.begin, text.begin() + c.end, csv_space);
    return r;
  }
}

std::string csv_value(const std::string& text, CsvRecord::Span s) {
  size_t b = s.begin, e = s.end;
  while (b < e && csv_space(text[b])) ++b;
  while (e > b && csv_space(text[e - 1])) --e;
  if (b == e || text[b] != '"') return text.substr(b, e - b);
  std::string out;
  for (size_t i = b + 1; i < e; ++i) {
    if (text[i] == '"') {
      if (i + 1 < e && text[i + 1] == '"') ++i;
      else break;
    }
    out += text[i];
  }
  return out;
}

size_t csv_start(const std::string& text) { return text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0; }

std::vector<std::string> csv_header(const std::string& text) {
  std::vector<std::string> names;
  for (size_t pos = csv_start(text); pos < text.size();) {
    const CsvRecord r = csv_record(text, pos);
    if (!r.blank) {
      for (const auto& c : r.cells) names.push_back(csv_value(text, c));
      break;
    }
    pos = r.next;
  }
  return names;
}

}  // namespace descent
