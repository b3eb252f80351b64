// The only Embind code: the engine's SessionApi, one line per method. Answers are JSON
// strings ({ok: true, ...} or {ok: false, error}); the worker parses them. The decision
// grid and the network view's arrays leave the heap as copies (typed_memory_view, then slice).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "bench/benchmark.h"
#include "bench/simd_peak.h"
#include "core/gemm.h"
#include "landscape/landscape.h"
#include "landscape/surface_api.h"
#include "search/search.h"
#include "train/session_api.h"

namespace {

// The benchmark without an allocation counter (WASM has no malloc interposition).
std::string benchmark(const std::string& request) { return descent::benchmark(request); }

// A copy of v off the heap (a typed array of v's element type), or null.
template <class V>
emscripten::val copy(const V* v) {
  if (!v) return emscripten::val::null();
  return emscripten::val(emscripten::typed_memory_view(v->size(), v->data())).call<emscripten::val>("slice");
}

emscripten::val grid_values(const descent::SessionApi& api) { return copy(&api.grid_values()); }
// The arrays of the last network() answer: Float32Array, Uint8Array, Float64Array, or null.
emscripten::val network_floats(const descent::SessionApi& api, const std::string& name, int layer) {
  return copy(api.network_floats(name, layer));
}
emscripten::val network_mask(const descent::SessionApi& api, int layer) { return copy(api.network_mask(layer)); }
emscripten::val network_inputs(const descent::SessionApi& api, const std::string& name) {
  return copy(api.network_inputs(name));
}

}  // namespace

EMSCRIPTEN_BINDINGS(descent) {
  using descent::SessionApi;
  emscripten::function("surfacePaths", &descent::surface_paths);
  emscripten::function("landscape", &descent::landscape);
  emscripten::function("benchmark", &benchmark);
  emscripten::function("simdPeak", &descent::simd_peak);
  emscripten::function("search", &descent::search);
  // The product kernel's threads: setThreads(n) -> the threads in use (1 in the single-threaded build).
  emscripten::function("setThreads", &descent::kernels::set_threads);
  emscripten::function("threads", &descent::kernels::threads);
  emscripten::class_<SessionApi>("Session")
      .constructor<>()
      .function("load", &SessionApi::load)
      .function("step", &SessionApi::step)
      .function("reset", &SessionApi::reset)
      .function("gradcheck", &SessionApi::gradcheck)
      .function("grid", &SessionApi::grid)
      .function("gridValues", &grid_values)
      .function("points", &SessionApi::points)
      .function("weights", &SessionApi::weights)
      .function("loadWeights", &SessionApi::load_weights)
      .function("loadModel", &SessionApi::load_model)
      .function("model", &SessionApi::model)
      .function("predict", &SessionApi::predict)
      .function("landscape", &SessionApi::landscape)
      .function("set", &SessionApi::set)
      .function("network", &SessionApi::network)
      .function("networkFloats", &network_floats)
      .function("networkMask", &network_mask)
      .function("networkInputs", &network_inputs)
      .function("setWeight", &SessionApi::set_weight)
      .function("paramHistory", &SessionApi::param_history);
}
