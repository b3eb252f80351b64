// The only Embind code: the engine's SessionApi, one line per method. Answers are JSON
// strings ({ok: true, ...} or {ok: false, error}); the worker parses them.
#include <emscripten/bind.h>

#include "train/session_api.h"

EMSCRIPTEN_BINDINGS(descent) {
  using descent::SessionApi;
  emscripten::class_<SessionApi>("Session")
      .constructor<>()
      .function("load", &SessionApi::load)
      .function("step", &SessionApi::step)
      .function("reset", &SessionApi::reset)
      .function("gradcheck", &SessionApi::gradcheck)
      .function("set", &SessionApi::set);
}
