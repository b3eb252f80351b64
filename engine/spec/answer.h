#pragma once
// Errors cross to JavaScript as data: every JSON entry point of the engine answers
// {"ok": true, ...} or {"ok": false, "error": {field, given, allowed, message}} and never throws.
// An error may quote the user's bytes (a CSV cell, a request that is not JSON): bytes that are
// not UTF-8 are answered as U+FFFD, never as an exception out of a catch block.
#include <exception>
#include <new>
#include <string>

#include <nlohmann/json.hpp>

#include "spec/spec_error.h"

namespace descent {

inline std::string failure(const std::string& field, const std::string& given, const std::string& allowed,
                           const std::string& message) {
  return nlohmann::json{{"ok", false},
                        {"error", {{"field", field}, {"given", given}, {"allowed", allowed}, {"message", message}}}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Runs fn (returning the answer), turning any exception into an error answer.
template <class Fn>
std::string guarded(Fn fn, const char* too_large = "out of memory: the request is too large for this host") {
  try {
    return fn();
  } catch (const SpecError& e) {
    return failure(e.field(), e.given(), e.allowed(), e.what());
  } catch (const std::bad_alloc&) {
    return failure("", "", "", too_large);
  } catch (const std::exception& e) {
    return failure("", "", "", e.what());
  }
}

}  // namespace descent
