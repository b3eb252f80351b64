// The only Embind code: the engine's SessionApi, one line per method. Answers are JSON
// strings ({ok: true, ...} or {ok: false, error}); the worker parses them. The decision
// grid leaves the heap as a copy (typed_memory_view, then slice).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "bench/benchmark.h"
#include "landscape/landscape.h"
#include "landscape/surface_api.h"
#include "search/search.h"
#include "train/session_api.h"

namespace {

// The benchmark without an allocation counter (WASM has no malloc interposition).
std::string benchmark(const std::string& request) { return descent::benchmark(request); }

emscripten::val grid_values(const descent::SessionApi& api) {
  const auto& v = api.grid_values();
  return emscripten::val(emscripten::typed_memory_view(v.size(), v.data())).call<emscripten::val>("slice");
}

}  // namespace

EMSCRIPTEN_BINDINGS(descent) {
  using descent::SessionApi;
  emscripten::function("surfacePaths", &descent::surface_paths);
  emscripten::function("landscape", &descent::landscape);
  emscripten::function("benchmark", &benchmark);
  emscripten::function("search", &descent::search);
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
      .function("landscape", &SessionApi::landscape)
      .function("set", &SessionApi::set);
}
