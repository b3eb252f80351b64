#include "spec/fields.h"

#include <cmath>
#include <sstream>

namespace descent {
namespace {

std::string format_number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string format_whole(double x) {
  std::ostringstream out;
  out.precision(17);
  out << x;
  return out.str();
}

const nlohmann::json& empty_object() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

}  // namespace

Fields::Fields(const json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object())
    throw SpecError(path_.empty() ? "spec" : path_, show(object_), "allowed: a JSON object");
}

std::string Fields::show(const json& value) {
  // Bytes that are not UTF-8 (a request that is not JSON) show as U+FFFD.
  return clip(value.dump(-1, ' ', false, json::error_handler_t::replace), 60);
}

const nlohmann::json* Fields::find(const char* key) {
  known_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

double Fields::number(const char* key, double fallback, double lo, double hi, bool lo_open) {
  const json* v = find(key);
  if (!v) return fallback;
  const std::string allowed = "allowed: a number " + std::string(lo_open ? "> " : ">= ") +
                              format_number(lo) + " and <= " + format_number(hi);
  if (!v->is_number()) throw SpecError(path(key), show(*v), allowed);
  const double x = v->get<double>();
  if (!std::isfinite(x) || x > hi || x < lo || (lo_open && x == lo))
    throw SpecError(path(key), show(*v), allowed);
  return x;
}

double Fields::beta(const char* key, double fallback) {
  const json* v = find(key);
  if (!v) return fallback;
  const std::string allowed = "allowed: a number >= 0 and < 1";
  if (!v->is_number()) throw SpecError(path(key), show(*v), allowed);
  const double x = v->get<double>();
  if (!(x >= 0.0 && x < 1.0)) throw SpecError(path(key), show(*v), allowed);
  return x;
}

int Fields::integer(const char* key, int fallback, int lo, int hi) {
  return static_cast<int>(whole(key, fallback, lo, hi));
}

double Fields::whole(const char* key, double fallback, double lo, double hi) {
  const json* v = find(key);
  if (!v) return fallback;
  const std::string allowed = "allowed: a whole number from " + format_whole(lo) + " to " + format_whole(hi);
  if (!v->is_number()) throw SpecError(path(key), show(*v), allowed);
  const double x = v->get<double>();
  if (!std::isfinite(x) || x != std::floor(x) || x < lo || x > hi)
    throw SpecError(path(key), show(*v), allowed);
  return x;
}

std::string Fields::choice(const char* key, const std::string& fallback,
                           const std::vector<const char*>& allowed) {
  const json* v = find(key);
  if (!v) return fallback;
  std::string list;
  for (const char* name : allowed) list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  if (v->is_string())
    for (const char* name : allowed)
      if (v->get<std::string>() == name) return name;
  throw SpecError(path(key), show(*v), "allowed: one of " + list);
}

bool Fields::boolean(const char* key, bool fallback) {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_boolean()) throw SpecError(path(key), show(*v), "allowed: true or false");
  return v->get<bool>();
}

std::string Fields::text(const char* key, const std::string& fallback, size_t max_bytes) {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_string()) throw SpecError(path(key), show(*v), "allowed: a string");
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes)
    throw SpecError(path(key), std::to_string(s.size()) + " bytes long",
                    "allowed: at most " + std::to_string(max_bytes) + " bytes");
  return s;
}

Fields Fields::object(const char* key) {
  const json* v = find(key);
  return Fields(v ? *v : empty_object(), path(key));
}

const nlohmann::json* Fields::array(const char* key) {
  const json* v = find(key);
  if (v && !v->is_array()) throw SpecError(path(key), show(*v), "allowed: an array");
  return v;
}

void Fields::finish() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (known_.count(it.key())) continue;
    std::string list;
    for (const auto& k : known_) list += (list.empty() ? "\"" : ", \"") + k + "\"";
    throw SpecError(path(it.key().c_str()), "an unknown field", "allowed fields here: " + list);
  }
}

}  // namespace descent
