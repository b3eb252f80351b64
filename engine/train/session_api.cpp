#include "train/session_api.h"

#include <exception>
#include <sstream>

#include "gradcheck/report_json.h"

namespace descent {
namespace {

std::string failure(const std::string& field, const std::string& given, const std::string& allowed,
                    const std::string& message) {
  return nlohmann::json{{"ok", false},
                        {"error", {{"field", field}, {"given", given}, {"allowed", allowed},
                                   {"message", message}}}}
      .dump();
}

std::string format(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// Runs fn, turning any exception into an error answer.
template <class Fn>
std::string guarded(Fn fn) {
  try {
    return fn();
  } catch (const SpecError& e) {
    return failure(e.field(), e.given(), e.allowed(), e.what());
  } catch (const std::bad_alloc&) {
    return failure("", "", "", "out of memory: the experiment is too large for this host");
  } catch (const std::exception& e) {
    return failure("", "", "", e.what());
  }
}

}  // namespace

std::string SessionApi::new_epochs(nlohmann::ordered_json answer) {
  nlohmann::ordered_json epochs = nlohmann::ordered_json::array();
  const auto& history = session_->history();
  const size_t L = session_->network().layers.size();
  for (; reported_ < history.size(); ++reported_)
    epochs.push_back(to_json(history[reported_], session_->layer_stats(), L));
  answer["epochs"] = std::move(epochs);
  auto& log = session_->step_log();
  if (!log.empty()) {
    nlohmann::ordered_json records = nlohmann::ordered_json::array();
    for (const auto& r : log) records.push_back(to_json(r));
    answer["steps_log"] = std::move(records);
    log.clear();  // keeps its capacity: the next steps do not allocate
  }
  if (session_->finished()) answer["summary"] = to_json(session_->summary());
  return answer.dump();
}

std::string SessionApi::load(const std::string& spec_json) {
  return guarded([&] {
    auto next = std::make_unique<Session>(parse_spec(spec_json));
    session_ = std::move(next);  // the previous run survives a spec that fails
    reported_ = 0;
    return new_epochs({{"ok", true},
                       {"spec", to_json(session_->spec())},
                       {"steps_per_epoch", session_->steps_per_epoch()}});
  });
}

std::string SessionApi::step(int max_steps) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const int taken = session_->step(max_steps < 0 ? 0 : max_steps);
    return new_epochs({{"ok", true},
                       {"steps", taken},
                       {"epoch", session_->epoch()},
                       {"finished", session_->finished()}});
  });
}

std::string SessionApi::reset() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    session_->reset();
    reported_ = 0;
    return new_epochs({{"ok", true}});
  });
}

std::string SessionApi::gradcheck() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    // Large networks: a bounded sample of each block keeps the check under a few seconds.
    return nlohmann::ordered_json{{"ok", true},
                                  {"report", to_json(session_->gradient_check(64, 200))}}
        .dump();
  });
}

std::string SessionApi::set(const std::string& key, double value) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const auto refuse = [&](const std::string& field, const std::string& allowed) {
      return failure(field, format(value), allowed, field + " is " + format(value) + "; " + allowed);
    };
    if (key == "learning_rate") {
      if (!(value > 0.0 && value <= 100.0)) return refuse("optimizer.learning_rate", "allowed: a number > 0 and <= 100");
      session_->set_learning_rate(value);
    } else if (key == "l2" || key == "l1") {
      if (!(value >= 0.0 && value <= 1e6)) return refuse("regularization." + key, "allowed: a number >= 0 and <= 1000000");
      Regularization reg = session_->network().regularization();
      (key == "l2" ? reg.l2 : reg.l1) = value;
      session_->set_regularization(reg);
    } else {
      return failure(key, key, "allowed: \"learning_rate\", \"l2\" or \"l1\"",
                     key + " cannot change during a run; allowed: \"learning_rate\", \"l2\" or \"l1\"");
    }
    return nlohmann::json{{"ok", true}}.dump();
  });
}

}  // namespace descent
