#pragma once
// The activations a layer may use, and dispatch from the enum to the value/derivative pair.
// a: (n_l x 1) is the per-unit slope of leaky ReLU and PReLU, ignored by the others.
#include "activations/leaky_relu.h"
#include "activations/linear.h"
#include "activations/relu.h"
#include "activations/sigmoid.h"
#include "activations/softmax.h"
#include "activations/tanh.h"
#include "core/names.h"

namespace descent {

enum class Activation { linear, sigmoid, tanh, relu, leaky_relu, prelu, softmax };

inline constexpr NameTable<Activation, 7> kActivationNames{{{
    {Activation::linear, "linear"},
    {Activation::sigmoid, "sigmoid"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::leaky_relu, "leaky_relu"},
    {Activation::prelu, "prelu"},
    {Activation::softmax, "softmax"},
}}};

inline const char* activation_name(Activation g) { return kActivationNames.name(g); }

// A = g(Z)
template <class T>
void activate(Activation g, const ConstRef<T>& Z, Ref<T> A, const Eigen::Ref<const Vector<T>>& a) {
  switch (g) {
    case Activation::linear: Linear::value<T>(Z, A); break;
    case Activation::sigmoid: Sigmoid::value<T>(Z, A); break;
    case Activation::tanh: Tanh::value<T>(Z, A); break;
    case Activation::relu: ReLU::value<T>(Z, A); break;
    case Activation::leaky_relu:
    case Activation::prelu: LeakyReLU::value<T>(Z, A, a); break;
    case Activation::softmax: Softmax::value<T>(Z, A); break;
  }
}

// dZ = dA * g'(Z)  (for softmax, the Jacobian-vector product)
template <class T>
void activation_backward(Activation g, const ConstRef<T>& Z, const ConstRef<T>& A,
                         const ConstRef<T>& dA, Ref<T> dZ, const Eigen::Ref<const Vector<T>>& a) {
  switch (g) {
    case Activation::linear: Linear::backward<T>(Z, A, dA, dZ); break;
    case Activation::sigmoid: Sigmoid::backward<T>(Z, A, dA, dZ); break;
    case Activation::tanh: Tanh::backward<T>(Z, A, dA, dZ); break;
    case Activation::relu: ReLU::backward<T>(Z, A, dA, dZ); break;
    case Activation::leaky_relu:
    case Activation::prelu: LeakyReLU::backward<T>(Z, dA, dZ, a); break;
    case Activation::softmax: Softmax::backward<T>(A, dA, dZ); break;
  }
}

}  // namespace descent
