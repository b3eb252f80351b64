#pragma once
// A network's parameters as JSON, block by block (W1, b1, ...; W_l row-major, as in the
// spec's explicit weights), and back. Loading checks every name and shape.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/parameters.h"
#include "spec/spec_error.h"

namespace descent {

template <class T>
nlohmann::ordered_json weights_to_json(const Parameters<T>& p) {
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  for (size_t id = 0; id < p.blocks().size(); ++id) {
    const auto& b = p.blocks()[id];
    const auto M = p.value(static_cast<int>(id));
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (int i = 0; i < b.rows; ++i)
      for (int j = 0; j < b.cols; ++j) values.push_back(static_cast<double>(M(i, j)));
    blocks.push_back({{"name", b.name}, {"rows", b.rows}, {"cols", b.cols}, {"values", values}});
  }
  return {{"format", "descent-weights"}, {"version", 1}, {"blocks", blocks}};
}

// Sets p's values from JSON made by weights_to_json for a network of the same shape.
template <class T>
void weights_from_json(Parameters<T>& p, const nlohmann::json& j) {
  const auto fail = [](const std::string& field, const std::string& given, const std::string& allowed) {
    throw SpecError(field, given, allowed);
  };
  if (!j.is_object() || !j.contains("blocks") || !j["blocks"].is_array())
    fail("weights", "not a weights file", "allowed: a JSON file exported by Descent ({\"blocks\": [...]})");
  const auto& blocks = j["blocks"];
  if (blocks.size() != p.blocks().size())
    fail("weights.blocks", std::to_string(blocks.size()) + " blocks",
         "allowed: " + std::to_string(p.blocks().size()) + " blocks, as this network has");
  Vector<T> theta = p.theta;
  for (size_t id = 0; id < blocks.size(); ++id) {
    const auto& b = p.blocks()[id];
    const auto& given = blocks[id];
    const std::string field = "weights.blocks[" + std::to_string(id) + "]";
    const std::string shape = b.name + " of " + std::to_string(b.rows) + " x " + std::to_string(b.cols);
    if (!given.is_object() || given.value("name", "") != b.name || given.value("rows", -1) != b.rows ||
        given.value("cols", -1) != b.cols || !given.contains("values") || !given["values"].is_array() ||
        given["values"].size() != static_cast<size_t>(b.size()))
      fail(field, given.is_object() ? given.value("name", "?") : "not an object", "allowed: " + shape);
    for (int i = 0; i < b.rows; ++i)
      for (int jj = 0; jj < b.cols; ++jj) {
        const auto& v = given["values"][static_cast<size_t>(i * b.cols + jj)];
        if (!v.is_number() || !std::isfinite(v.get<double>()))
          fail(field + ".values", v.dump(), "allowed: finite numbers");
        theta[b.offset + jj * b.rows + i] = static_cast<T>(v.get<double>());  // column-major buffer
      }
  }
  p.theta = theta;
}

}  // namespace descent
