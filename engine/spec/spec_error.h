#pragma once
// The one error type of the experiment spec: which field, what was given, what is allowed.
#include <stdexcept>
#include <string>

namespace descent {

class SpecError : public std::runtime_error {
 public:
  SpecError(std::string field, std::string given, std::string allowed)
      : std::runtime_error(field + " is " + given + "; " + allowed),
        field_(std::move(field)),
        given_(std::move(given)),
        allowed_(std::move(allowed)) {}

  const std::string& field() const { return field_; }    // "optimizer.learning_rate"
  const std::string& given() const { return given_; }    // "-1"
  const std::string& allowed() const { return allowed_; }  // "allowed: a number > 0 ..."

 private:
  std::string field_, given_, allowed_;
};

}  // namespace descent
