#pragma once
// Separate sets (data: {train, train_dev?, dev?, test?}): each from its own source, taken as
// given and in order, never shuffled across sets. A set {from: "train", take: N} is N examples
// of the training source chosen by the seed (one shuffle, carved in the order train_dev, dev,
// test); the rest stay in train, in their order.
// Every set must agree with the training set: the same number of features (and the same
// column names, in order, when both name them), the same task, and only classes the training
// set has. Classes are matched by name when both sets name them (a dev CSV may list them in
// another order, or lack some), else by index. Each set then carries train's classes, names
// and image shape.
// Streams: a set's generator draws from Rng::derive(seed + seed_offset, its purpose below).
#include <cstdint>

#include "data/data_spec.h"
#include "data/split.h"

namespace descent {

// Purposes of the seed's child streams, after the session's own (1 to 6, train/session.cpp):
// the training source keeps the data stream (1) and the carving uses the split stream (2).
enum SetStream : uint64_t { kTrainData = 1, kCarve = 2, kTrainDevData = 7, kDevData = 8, kTestData = 9 };

// Throws SpecError naming the set ("data.dev"), the column or example, and what is allowed:
// features or columns that differ, another task, a class the training set lacks, a take that
// leaves no training example, and every error of the sources themselves (data/source.h).
Splits load_sets(const DataSpec& data, uint64_t seed);

}  // namespace descent
