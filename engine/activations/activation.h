#pragma once
// The activations a layer may use, and dispatch from the enum to the value/derivative pair.
#include "core/names.h"

#include "activations/linear.h"
#include "activations/relu.h"
#include "activations/sigmoid.h"
#include "activations/tanh.h"

namespace descent {

enum class Activation { linear, sigmoid, tanh, relu };

inline constexpr NameTable<Activation, 4> kActivationNames{{{
    {Activation::linear, "linear"},
    {Activation::sigmoid, "sigmoid"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
}}};

inline const char* activation_name(Activation g) { return kActivationNames.name(g); }

// A = g(Z)
template <class T>
void activate(Activation g, const ConstRef<T>& Z, Ref<T> A) {
  switch (g) {
    case Activation::linear: Linear::value<T>(Z, A); break;
    case Activation::sigmoid: Sigmoid::value<T>(Z, A); break;
    case Activation::tanh: Tanh::value<T>(Z, A); break;
    case Activation::relu: ReLU::value<T>(Z, A); break;
  }
}

// dZ = dA * g'(Z)
template <class T>
void activation_backward(Activation g, const ConstRef<T>& Z, const ConstRef<T>& A,
                         const ConstRef<T>& dA, Ref<T> dZ) {
  switch (g) {
    case Activation::linear: Linear::backward<T>(Z, A, dA, dZ); break;
    case Activation::sigmoid: Sigmoid::backward<T>(Z, A, dA, dZ); break;
    case Activation::tanh: Tanh::backward<T>(Z, A, dA, dZ); break;
    case Activation::relu: ReLU::backward<T>(Z, A, dA, dZ); break;
  }
}

}  // namespace descent
