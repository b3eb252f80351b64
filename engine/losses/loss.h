#pragma once
// The loss follows from the output activation: sigmoid -> binary cross-entropy,
// softmax -> softmax cross-entropy, linear -> mean squared error. Each pair gives the
// output layer dZ_L directly, without the activation's own derivative.
#include "activations/activation.h"
#include "losses/binary_cross_entropy.h"
#include "losses/mean_squared_error.h"
#include "losses/softmax_cross_entropy.h"

namespace descent {

enum class LossKind { binary_cross_entropy, softmax_cross_entropy, mean_squared_error };

inline constexpr NameTable<LossKind, 3> kLossNames{{{
    {LossKind::binary_cross_entropy, "binary_cross_entropy"},
    {LossKind::softmax_cross_entropy, "softmax_cross_entropy"},
    {LossKind::mean_squared_error, "mean_squared_error"},
}}};

inline LossKind loss_for(Activation output) {
  switch (output) {
    case Activation::sigmoid: return LossKind::binary_cross_entropy;
    case Activation::softmax: return LossKind::softmax_cross_entropy;
    default: return LossKind::mean_squared_error;
  }
}

// Z, A: the output layer's (k x m) pre-activation and activation; Y: (k x m) targets.
template <class T>
double loss_cost(LossKind loss, const ConstRef<T>& Z, const ConstRef<T>& A, const ConstRef<T>& Y) {
  switch (loss) {
    case LossKind::binary_cross_entropy: return BinaryCrossEntropy::cost<T>(A, Y);
    case LossKind::softmax_cross_entropy: return SoftmaxCrossEntropy::cost<T>(Z, Y);
    case LossKind::mean_squared_error: return MeanSquaredError::cost<T>(A, Y);
  }
  return 0.0;
}

// The cost without the log(0) convention: finite whenever Z is (binary cross-entropy from
// the logits; the other two are already computed stably).
template <class T>
double loss_stable_cost(LossKind loss, const ConstRef<T>& Z, const ConstRef<T>& A, const ConstRef<T>& Y) {
  if (loss == LossKind::binary_cross_entropy) return BinaryCrossEntropy::stable_cost<T>(Z, Y);
  return loss_cost<T>(loss, Z, A, Y);
}

template <class T>
double loss_error(LossKind loss, const ConstRef<T>& A, const ConstRef<T>& Y) {
  switch (loss) {
    case LossKind::binary_cross_entropy: return BinaryCrossEntropy::error<T>(A, Y);
    case LossKind::softmax_cross_entropy: return SoftmaxCrossEntropy::error<T>(A, Y);
    case LossKind::mean_squared_error: return MeanSquaredError::error<T>(A, Y);
  }
  return 0.0;
}

// dZ_L = m dJ/dZ_L
template <class T>
void loss_output_dZ(LossKind loss, const ConstRef<T>& A, const ConstRef<T>& Y, Ref<T> dZ) {
  switch (loss) {
    case LossKind::binary_cross_entropy: BinaryCrossEntropy::output_dZ<T>(A, Y, dZ); break;
    case LossKind::softmax_cross_entropy: SoftmaxCrossEntropy::output_dZ<T>(A, Y, dZ); break;
    case LossKind::mean_squared_error: MeanSquaredError::output_dZ<T>(A, Y, dZ); break;
  }
}

}  // namespace descent
