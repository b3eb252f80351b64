#pragma once
// The spec's names of an enum's values, in one table per enum: name(), parse() and the
// list of allowed names for error messages all read the same table.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace descent {

template <class E, size_t N>
struct NameTable {
  std::array<std::pair<E, const char*>, N> entries;

  const char* name(E value) const {
    for (const auto& [v, n] : entries)
      if (v == value) return n;
    return "?";
  }
  std::optional<E> parse(const std::string& text) const {
    for (const auto& [v, n] : entries)
      if (text == n) return v;
    return std::nullopt;
  }
  std::vector<const char*> names() const {
    std::vector<const char*> out;
    for (const auto& entry : entries) out.push_back(entry.second);
    return out;
  }
};

}  // namespace descent
