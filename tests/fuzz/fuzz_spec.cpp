// libFuzzer target: the experiment spec as a host sends it. The input bytes are the request
// text of SessionApi::load (what the Web Worker and the CLI pass on): parse_spec, then, for a
// spec that is cheap enough to build, the data, the split and the network, a few steps, the
// decision grid and a gradient check. Every answer must be JSON {"ok": true, ...} or
// {"ok": false, "error": {field, given, allowed, message}}; anything else, a crash, a leak or
// undefined behaviour (ASan + UBSan) is a bug. A spec that parses must also load back from
// its own to_json (what a host shows and shares) to the same spec.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "spec/answer.h"
#include "spec/spec.h"
#include "train/session_api.h"

namespace {

using descent::DataSource;

[[noreturn]] void fail() { __builtin_trap(); }

// An answer of the engine: JSON with "ok", and an error message when not ok.
bool answered_ok(const std::string& answer) {
  const auto j = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) fail();
  if (j["ok"].get<bool>()) return true;
  const auto& e = j["error"];
  if (!e.is_object() || !e["message"].is_string() || e["message"].get<std::string>().empty()) fail();
  return false;
}

// An upper bound of the work a Session of this spec does when it loads and takes a step:
// examples times (features + units). The fuzzer looks for bugs, not for specs that are slow
// or large by design (100000 examples through 64 layers of 4096 units); those are skipped.
double cost(const descent::Spec& s, size_t request_bytes) {
  // Examples and features of one source.
  auto size = [&](const descent::SourceSpec& src, double& m, double& n_x) {
    m = src.samples, n_x = 64;  // generated or built in (digits: 1797 x 64)
    if (src.source == DataSource::csv) m = n_x = static_cast<double>(request_bytes);
    if (src.source == DataSource::inline_) {
      m = static_cast<double>(src.x.size());
      n_x = src.x.empty() ? 0 : static_cast<double>(src.x[0].size());
    }
    if (src.source == DataSource::digits) m = 1797;
  };
  double m = 0, n_x = 0;
  size(s.data, m, n_x);
  for (const auto* set : {&s.data.train_dev, &s.data.dev, &s.data.test})  // separate sets
    if (set->given && !set->from_train) {
      double m_set = 0, n_set = 0;
      size(set->source, m_set, n_set);
      m += m_set;
    }
  double params = 0, units = n_x, prev = n_x;
  for (const auto& layer : s.layers) {
    params += (prev + 1) * layer.units;
    units += layer.units;
    prev = layer.units;
  }
  return (m + 64) * (units + params);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string request(reinterpret_cast<const char*>(data), size);

  // 1. The parser alone, as every JSON entry point guards it.
  descent::Spec spec;
  bool parsed = false;
  const std::string answer = descent::guarded([&] {
    spec = descent::parse_spec(request);
    parsed = true;
    return nlohmann::ordered_json{{"ok", true}, {"spec", descent::to_json(spec)}}.dump();
  });
  if (answered_ok(answer) != parsed) fail();
  if (!parsed) return 0;

  // 2. The complete spec loads back to itself.
  const auto shown = descent::to_json(spec).dump();
  if (descent::to_json(descent::parse_spec(shown)).dump() != shown) fail();

  // 3. The host's entry: build the run, step it, draw it, check it.
  if (cost(spec, size) > 4e6) return 0;
  descent::SessionApi api;
  if (!answered_ok(api.load(request))) return 0;
  answered_ok(api.step(3));
  answered_ok(api.grid(4));
  answered_ok(api.points());
  if (cost(spec, size) < 2e5) answered_ok(api.gradcheck());
  answered_ok(api.reset());
  return 0;
}
