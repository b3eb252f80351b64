#pragma once
// The spec's "data": one source split by "split", or a source per set
// ({train, train_dev?, dev?, test?}, each a source or {from: "train", take: N}).
#include <nlohmann/json.hpp>

#include "data/data_spec.h"
#include "spec/fields.h"

namespace descent {

inline constexpr int kMaxSamples = 100000;  // examples in a source, a batch or a held-out set

// Reads "data" from f, defaults from d; every error names its field.
DataSpec parse_data(Fields f, const DataSpec& d);

// "data" as parse_data reads it back (a separate form writes each set given).
nlohmann::ordered_json data_json(const DataSpec& d);

}  // namespace descent
