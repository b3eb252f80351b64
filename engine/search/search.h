#pragma once
// Hyperparameter search, the course's way (week 3, "Tuning process"): random trials on the
// right scale, coarse to fine, and which parameter mattered; plus the learning-rate range
// test. One JSON entry point for every host, dispatching on request.kind:
//   "plan"         the trials' specs (search/plan.h)
//   "zoom"         narrowed ranges around the best results (search/zoom.h)
//   "sensitivity"  the share of dev-error variance each parameter explains (search/sensitivity.h)
//   "lr_range"     the learning-rate range test (search/lr_range.h)
// Answers {ok: true, ...} or {ok: false, error: {field, given, allowed, message}}; never throws.
#include <string>

namespace descent {

std::string search(const std::string& request_json);

}  // namespace descent
