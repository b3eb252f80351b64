#pragma once
// A seeded random source that gives the same numbers on every host.
// std::normal_distribution and friends are implementation-defined (libstdc++ natively,
// libc++ under Emscripten), so the engine draws from xoshiro256** and its own transforms.
#include <cmath>
#include <cstdint>

namespace descent {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) { reseed(seed); }

  void reseed(uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
    has_spare_ = false;
  }

  // A child stream for one purpose (data, init, shuffling, dropout...) so that changing
  // how many numbers one purpose draws never changes the others.
  static uint64_t derive(uint64_t seed, uint64_t purpose) {
    uint64_t x = seed ^ (0x9E3779B97F4A7C15ull * (purpose + 1));
    return splitmix64(x);
  }

  uint64_t next_u64() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), without modulo bias: draws below 2^64 mod n are rejected.
  uint64_t below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
      const uint64_t x = next_u64();
      if (x >= threshold) return x % n;
    }
  }

  // Standard normal by the Box-Muller transform; the second value is kept for the next call.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * 3.14159265358979323846 * u2;
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

  // Fisher-Yates shuffle of any random-access range.
  template <class It>
  void shuffle(It first, It last) {
    for (auto n = last - first; n > 1; --n) {
      auto j = static_cast<decltype(n)>(below(static_cast<uint64_t>(n)));
      std::swap(first[n - 1], first[j]);
    }
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace descent
