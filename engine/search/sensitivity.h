#pragma once
// kind "sensitivity": which parameter the dev error depended on in the finished trials, beside
// the course's order of importance (Andrew Ng, "Improving Deep Neural Networks", week 3).
#include <nlohmann/json.hpp>

#include "spec/fields.h"

namespace descent {

// request {kind: "sensitivity", params, results} -> {ok, ranking: [{name, explained,
// course_priority, course_note}] (explained descending), trials_used}.
// f has read "kind"; this finishes it.
nlohmann::ordered_json sensitivity(Fields& f);

// The correlation ratio eta^2 of y on x: x sorted into min(5, distinct x) equal-count bins
// (equal x never split), between-bin variance / total variance, in [0, 1]; 0 when y is constant.
// With few trials it is biased upwards: about (bins - 1) / (n - 1) for an irrelevant x.
double correlation_ratio(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace descent
