#pragma once
// All trainable parameters live in one contiguous buffer, theta, with its gradient dtheta
// beside it; each tensor (W1, b1, ..., WL, bL) is a view at an offset. The optimizer loops
// once over theta, the UI copies it once, and gradient checking perturbs theta[i] directly.
#include <string>
#include <vector>

#include "core/types.h"

namespace descent {

template <class T>
class Parameters {
 public:
  struct Block {
    std::string name;  // "W1", "b1", ...
    int rows, cols;
    Eigen::Index offset;
    Eigen::Index size() const { return Eigen::Index(rows) * cols; }
  };

  // Registers a (rows x cols) tensor; returns its id. Only before allocate().
  int add(std::string name, int rows, int cols) {
    const Eigen::Index offset = blocks_.empty() ? 0 : blocks_.back().offset + blocks_.back().size();
    blocks_.push_back(Block{std::move(name), rows, cols, offset});
    return static_cast<int>(blocks_.size()) - 1;
  }

  void allocate() {
    const Eigen::Index n = blocks_.empty() ? 0 : blocks_.back().offset + blocks_.back().size();
    theta = Vector<T>::Zero(n);
    dtheta = Vector<T>::Zero(n);
  }

  MatrixMap<T> value(int id) { return view(theta, id); }
  MatrixMap<T> grad(int id) { return view(dtheta, id); }
  ConstMatrixMap<T> value(int id) const { return cview(theta, id); }
  ConstMatrixMap<T> grad(int id) const { return cview(dtheta, id); }

  const std::vector<Block>& blocks() const { return blocks_; }
  Eigen::Index size() const { return theta.size(); }

  Vector<T> theta;   // (P): every parameter, in registration order
  Vector<T> dtheta;  // (P): dJ/dtheta, same layout

 private:
  MatrixMap<T> view(Vector<T>& v, int id) {
    const Block& b = blocks_[id];
    return MatrixMap<T>(v.data() + b.offset, b.rows, b.cols);
  }
  ConstMatrixMap<T> cview(const Vector<T>& v, int id) const {
    const Block& b = blocks_[id];
    return ConstMatrixMap<T>(v.data() + b.offset, b.rows, b.cols);
  }

  std::vector<Block> blocks_;
};

}  // namespace descent
