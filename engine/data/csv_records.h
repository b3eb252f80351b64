#pragma once
// The records of a CSV text split as data/csv.cpp's reader splits them, without its checks:
// for readers that must find columns by name before the full read (a model's new data, a
// separate set's header checked against the training set's).
#include <string>
#include <vector>

namespace descent {

// One record of the text as the CSV reader splits it (RFC 4180: a quote opens a cell only at
// its start, "" inside quotes is a quote). Spans are byte offsets into the text.
struct CsvRecord {
  struct Span { size_t begin, end; };
  std::vector<Span> cells;  // raw, quotes and spaces included
  size_t end = 0;           // where its line end starts
  size_t next = 0;          // where the next record starts
  bool blank = false;       // an empty or all-space line, which the reader skips
  bool unclosed = false;    // a quote that never closes: the reader refuses the rest
};

bool csv_space(char c);  // a space or a tab, trimmed around cells
// The record that starts at byte `pos` (after csv_start for the first).
CsvRecord csv_record(const std::string& text, size_t pos);
// A cell's value as the reader gives it: spaces trimmed, quotes removed.
std::string csv_value(const std::string& text, CsvRecord::Span s);
// Where the first record starts: after a UTF-8 byte-order mark, if any.
size_t csv_start(const std::string& text);
// The column names of a CSV's header (its first non-blank record, cells unquoted).
std::vector<std::string> csv_header(const std::string& text);

}  // namespace descent
