#pragma once
// The one error type of the experiment spec: which field, what was given, what is allowed.
#include <stdexcept>
#include <string>

namespace descent {

// text cut to at most max_bytes (the last 3 being "...") without splitting a UTF-8 character,
// so that a message quoting the user's text stays valid UTF-8.
inline std::string clip(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t n = max_bytes - 3;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // a continuation byte
  return text.substr(0, n) + "...";
}

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
