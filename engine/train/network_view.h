#pragma once
// What the page's network diagram shows ("see inside the network"): every dense layer's
// weights, biases and norm parameters; per-unit statistics over the training set; each
// unit's activation over the decision plane (2-feature data); the dropout mask of the last
// mini-batch. Also the two things a learner does to one parameter: set it, and ask for its
// history over the run.
//   n_x  input features   n_l  units of layer l (n_0 = n_x)   L  dense layers
//   m    training examples   R  grid points per side (R^2 points)
// Unit statistics come from one forward pass over the training set in inference mode: no
// dropout, batch norm with its running averages (as the epoch records' layer statistics).
// The grid is the decision grid's plane and point order (decision_grid.h), evaluated in
// chunks of the network's capacity, inputs normalised exactly as there.
#include <cstdint>
#include <string>
#include <vector>

#include "train/decision_grid.h"
#include "train/session.h"

namespace descent {

struct LayerView {
  int units = 0, fan_in = 0;  // n_l, n_{l-1}
  Activation activation = Activation::relu;
  NormKind norm = NormKind::none;
  double keep_prob = 1;
  bool has_bias = true;            // false under batch norm (its beta plays b's part)
  std::vector<float> W;            // (n_l * n_{l-1}), row-major: W[j * n_{l-1} + i] = W_l(j, i)
  std::vector<float> b;            // (n_l): zeros without a bias
  std::vector<float> gamma, beta;  // (n_l), one per unit (a channel's value for each of its units); empty without a norm
  std::vector<float> mean, std;    // (n_l): of A_l(j, :) over the training set
  std::vector<float> dead;         // (n_l): ReLU family, fraction with Z~ <= 0; else empty
  std::vector<float> saturated;    // (n_l): sigmoid a < 0.01 or > 0.99, tanh |a| > 0.99; else empty
  std::vector<float> weight_norm;  // (n_l): ||W_l(j, :)||_2
  std::vector<std::uint8_t> mask;  // (n_l): 1 kept, 0 dropped, first example of the last batch; or empty
  std::vector<float> grid;         // (n_l * R^2): unit j at grid point p at [j * R^2 + p]; or empty
};

struct NetworkView {
  int epoch = 0;
  long long step = 0;
  int features = 0;                        // n_x
  std::vector<std::string> feature_names;  // (n_x): the data's, or "x1", "x2", ...
  int image_width = 0, image_height = 0;   // image data only (digits: 8 x 8)
  // (n_x): the inputs the network sees are (x - input_mean) / input_std; 0 and 1 without normalisation.
  std::vector<double> input_mean, input_std;
  std::vector<LayerView> layers;  // L: hidden layers, then the output layer
  GridInfo grid;                  // resolution 0: no grid
};

// The grid of all layers together holds at most this many values (512 KB): a wide network
// gets a coarser grid than asked for (grid.resolution says which).
constexpr long long kNetworkGridValues = 1 << 17;

// Fills view for the session's current weights (buffers kept from call to call). resolution:
// 0 or 2..64, used for 2-feature data only; with_mask: copy the dropout masks of the last
// mini-batch (the caller knows whether one was taken since the weights last changed).
// X_chunk: (2 x capacity) scratch for the grid. Leaves the run as it was: only the forward
// caches, which the next step overwrites, are used; no random numbers are drawn.
void network_view(Session& session, int resolution, bool with_mask, NetworkView& view, Matrix<float>& X_chunk);

// Where parameter (layer l = 1..L, unit j, input i; i = -1: the bias b_l[j]) is in theta, or a
// SpecError naming the field ("layer", "unit" or "input") and the allowed range.
Eigen::Index parameter_index(const Network<float>& net, int layer, int unit, int input);

// The history of one parameter over the run: its value at every path snapshot the session
// kept (Session::visit_path) and now; with input -1, the bias and the unit's incoming weight
// norm ||W_l(j, :)||_2. Epochs are fractional: step / steps per epoch.
struct ParamHistory {
  std::vector<double> epochs, values, norms;
  std::vector<long long> steps;
};
ParamHistory param_history(const Session& session, int layer, int unit, int input);

}  // namespace descent
