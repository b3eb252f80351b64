#pragma once
// A spec nested in a search request: its errors name the request's field ("base.batch_size").
#include <string>

#include <nlohmann/json.hpp>

#include "spec/spec.h"

namespace descent {

// Runs fn; a SpecError it throws comes out with its field under `path`.
template <class Fn>
auto at_field(const std::string& path, Fn fn) {
  try {
    return fn();
  } catch (const SpecError& e) {
    throw SpecError(path + (e.field() == "spec" ? "" : "." + e.field()), e.given(), e.allowed());
  }
}

inline Spec parse_spec_at(const nlohmann::json& document, const std::string& path) {
  return at_field(path, [&] { return parse_spec(document); });
}

// The spec at request[key], or the default spec when the key is missing.
inline Spec spec_field(const nlohmann::json& request, const char* key) {
  const auto it = request.find(key);
  return it == request.end() ? default_spec() : parse_spec_at(*it, key);
}

}  // namespace descent
