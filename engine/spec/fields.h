#pragma once
// Reads one JSON object of the spec with its dotted path, so every error names the field,
// the value given and what is allowed. Missing keys take their defaults; keys the spec
// does not know are refused (a typo must not be silently ignored).
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/names.h"
#include "spec/spec_error.h"

namespace descent {

class Fields {
 public:
  using json = nlohmann::json;

  Fields(const json& object, std::string path);

  double number(const char* key, double fallback, double lo, double hi, bool lo_open = false);
  int integer(const char* key, int fallback, int lo, int hi);
  // A number >= 0 and < 1 (an averaging beta).
  double beta(const char* key, double fallback);
  // A whole number too large for int (a seed), kept in a double: exact up to 2^53.
  double whole(const char* key, double fallback, double lo, double hi);
  std::string choice(const char* key, const std::string& fallback,
                     const std::vector<const char*>& allowed);
  // A value of an enum, by its name in the enum's table.
  template <class E, size_t N>
  E choice(const char* key, E fallback, const NameTable<E, N>& table) {
    return *table.parse(choice(key, table.name(fallback), table.names()));
  }
  bool boolean(const char* key, bool fallback);
  // A string, at most max_bytes long.
  std::string text(const char* key, const std::string& fallback, size_t max_bytes = 50u << 20);
  // Whether the key is present (and marks it known).
  bool has(const char* key) { return find(key) != nullptr; }
  // Whether the key is present, without marking it known.
  bool contains(const char* key) const { return object_.contains(key); }
  // The nested object at key (an empty one when missing).
  Fields object(const char* key);
  // The array at key, or nullptr when missing.
  const json* array(const char* key);

  // Refuses keys that no getter asked for.
  void finish() const;

  std::string path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  // "layers" and 2 -> "layers[2]"
  static std::string element(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }
  static std::string show(const json& value);

 private:
  const json* find(const char* key);

  const json& object_;
  std::string path_;
  std::set<std::string> known_;
};

}  // namespace descent
