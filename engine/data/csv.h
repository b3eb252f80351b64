#pragma once
// A data set from the text of a CSV file (RFC 4180): a header row of column names, then one
// row per example; the label column is named by `label`, every other column is a feature.
//   m: rows after the header   n_x: columns - 1   X: (n_x x m)   Y: (1 x m)
#include <string>

#include "data/data_spec.h"
#include "data/dataset.h"

namespace descent {

// The limits of a CSV file's size.
inline constexpr size_t kCsvMaxBytes = 50u * 1024u * 1024u;  // 50 MB of text
inline constexpr int kCsvMaxRows = 100000;                   // examples, after the header
inline constexpr int kCsvMaxColumns = 4096;

// Parses `text` into a data set. `label` names the label column ("" = the last column).
// Classification: labels are integers or strings; the classes are the distinct labels in
// sorted order (numeric order when every label is a number), named in class_names, and Y
// holds each row's class index. Regression (task): the label column is numeric, classes = 0.
// Accepts \n, \r\n and \r line ends, a UTF-8 byte-order mark, a trailing newline, blank lines,
// spaces around cells and quoted cells with "" for a quote. Rows are counted from 1, the
// header being row 1 (blank lines count too, so rows are lines when no cell holds a newline).
// Throws SpecError on `field` for an empty file, a header only or a single example, fewer
// than 2 columns, repeated column names, ragged rows, unclosed quotes, non-numeric or
// non-finite numbers, an empty label, a missing label column, a single class, a NUL byte, and
// more than kCsvMaxBytes, kCsvMaxRows or kCsvMaxColumns.
Dataset read_csv(const std::string& text, const std::string& label, Task task,
                 const std::string& field = "data.csv");

}  // namespace descent
