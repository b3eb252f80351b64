#include "search/search.h"

#include "search/lr_range.h"
#include "search/plan.h"
#include "search/sensitivity.h"
#include "search/zoom.h"
#include "spec/answer.h"

namespace descent {

std::string search(const std::string& request_json) {
  return guarded([&] {
    const auto request = nlohmann::json::parse(request_json, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded())
      throw SpecError("request", Fields::show(nlohmann::json(request_json)), "allowed: a valid JSON document");
    Fields f(request, "");
    if (!f.has("kind")) throw SpecError("kind", "missing", R"(allowed: one of "plan", "zoom", "sensitivity", "lr_range")");
    const std::string kind = f.choice("kind", "", {"plan", "zoom", "sensitivity", "lr_range"});
    if (kind == "plan") return plan(request, f).dump();
    if (kind == "zoom") return zoom(f).dump();
    if (kind == "sensitivity") return sensitivity(f).dump();
    return lr_range(request, f).dump();
  });
}

}  // namespace descent
