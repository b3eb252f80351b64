// The course's initialisation experiment comes out of the engine: circles (the course's
// make_circles: 300 training and 100 test points, noise 0.05, inner radius 0.8), a
// [2, 10, 5, 1] ReLU network, full-batch gradient descent, lr 0.01, 15000 iterations.
#include <cmath>

#include <gtest/gtest.h>

#include "train/session.h"

using namespace descent;

namespace {

Spec course_spec(InitScheme scheme, double scale) {
  Spec s = default_spec();
  s.seed = 2;
  s.data.samples = 400;
  s.data.noise = 0.05;
  s.data.factor = 0.8;
  s.split = {0.75, 0.0, 0.25};
  LayerConfig l1, l2, out;
  l1.units = 10;
  l2.units = 5;
  out.units = 1;
  out.activation = Activation::sigmoid;
  s.layers = {l1, l2, out};
  s.init.scheme = scheme;
  s.init.scale = scale;
  s.optimizer.learning_rate = 0.01;
  s.batch_size = 300;  // the whole training set: batch gradient descent
  s.epochs = 15000;
  return s;
}

const std::vector<EpochMetrics>& train(Session& s) {
  while (!s.finished()) s.step(100000);
  return s.history();
}

}  // namespace

TEST(CourseResults, InitialisationZerosRandomTimesTenAndHe) {
  Session zeros(course_spec(InitScheme::zeros, 1.0));
  Session random(course_spec(InitScheme::random, 10.0));
  Session he(course_spec(InitScheme::he, 1.0));
  const auto& z = train(zeros);
  const auto& r = train(random);
  const auto& h = train(he);
  std::cout << "zeros: cost " << z.front().train_loss << " -> " << z.back().train_loss << ", test error "
            << z.back().test_error << "\nrandom x10: cost " << r.front().train_loss << " -> " << r.back().train_loss
            << ", test error " << r.back().test_error << "\nhe: cost " << h.front().train_loss << " -> "
            << h.back().train_loss << ", test error " << h.back().test_error << "\n";

  // Zeros: symmetry is never broken; the cost stays at ln 2 and accuracy at chance.
  EXPECT_NEAR(z.front().train_loss, std::log(2.0), 1e-6);
  EXPECT_NEAR(z.back().train_loss, std::log(2.0), 1e-4);
  EXPECT_NEAR(z.back().train_error, 0.5, 0.02);
  EXPECT_NEAR(z.back().test_error, 0.5, 0.05);

  // Random x10: a huge (here infinite: saturated sigmoids) starting cost, and it ends far worse than He.
  EXPECT_GT(r.front().train_loss, 5.0);
  EXPECT_GT(r.back().test_error, h.back().test_error + 0.2);

  // He: >= 95% accuracy on the test set.
  EXPECT_LE(h.back().test_error, 0.05);
  EXPECT_LT(h.back().train_loss, 0.15);
}
