// Data sources: the generators (shape, balance, determinism, geometry), the CSV reader (a good
// file and every refusal, message by message), the built-in sets and inline data.
//   X: (n_x x m)   Y: (1 x m)
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "data/builtin.h"
#include "data/csv.h"
#include "data/generators.h"
#include "data/source.h"
#include "spec/spec_error.h"

namespace descent {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The message of the SpecError that f throws ("" when it throws none).
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

// How many examples of each class.
std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(d.classes, 0);
  for (int i = 0; i < d.size(); ++i) ++counts.at(static_cast<size_t>(d.Y(0, i)));
  return counts;
}

// ---- Generators ------------------------------------------------------------------------

struct Generator {
  const char* name;
  std::function<Dataset(int n, double noise, Rng& rng)> make;
  int n_x, classes;
};

class GeneratorTest : public ::testing::TestWithParam<Generator> {};

TEST_P(GeneratorTest, ShapeClassesAndBalance) {
  Rng rng(7);
  const Dataset d = GetParam().make(301, 0.1, rng);
  EXPECT_EQ(d.X.rows(), GetParam().n_x);
  EXPECT_EQ(d.X.cols(), 301);
  EXPECT_EQ(d.Y.rows(), 1);
  EXPECT_EQ(d.Y.cols(), 301);
  EXPECT_EQ(d.classes, GetParam().classes);
  EXPECT_TRUE(d.X.allFinite() && d.Y.allFinite());
  if (d.is_regression()) return;
  for (int count : class_counts(d)) EXPECT_NEAR(count, 301.0 / d.classes, 1.0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.Y(0, i), i % d.classes);  // interleaved
}

TEST_P(GeneratorTest, SameSeedSameDataAnotherSeedOther) {
  Rng a(42), b(42), c(43);
  const Dataset da = GetParam().make(200, 0.2, a), db = GetParam().make(200, 0.2, b);
  const Dataset dc = GetParam().make(200, 0.2, c);
  EXPECT_TRUE(da.X == db.X && da.Y == db.Y);  // bitwise
  EXPECT_FALSE(da.X == dc.X);
}

INSTANTIATE_TEST_SUITE_P(
    All, GeneratorTest,
    ::testing::Values(
        Generator{"circles", [](int n, double s, Rng& r) { return make_circles(n, s, 0.5, r); }, 2, 2},
        Generator{"moons", make_moons, 2, 2}, Generator{"xor", make_xor, 2, 2},
        Generator{"blobs", [](int n, double s, Rng& r) { return make_blobs(n, 4, s, r); }, 2, 4},
        Generator{"spiral", [](int n, double s, Rng& r) { return make_spiral(n, 3, s, r); }, 2, 3},
        Generator{"flower", make_flower, 2, 2}, Generator{"linear", make_linear, 2, 2},
        Generator{"plane", make_plane, 2, 0}, Generator{"sine", make_sine, 1, 0}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Generators, CirclesKeepTheirDraws) {  // uniform angle, then normal x, normal y
  Rng rng(3), ref(3);
  const Dataset d = make_circles(50, 0.1, 0.3, rng);
  for (int i = 0; i < 50; ++i) {
    const double radius = i % 2 == 0 ? 1.0 : 0.3, angle = 2.0 * kPi * ref.uniform();
    EXPECT_EQ(d.X(0, i), radius * std::cos(angle) + 0.1 * ref.normal());
    EXPECT_EQ(d.X(1, i), radius * std::sin(angle) + 0.1 * ref.normal());
  }
}

TEST(Generators, XorLabelsFollowTheQuadrants) {
  Rng rng(1);
  const Dataset d = make_xor(400, 0.0, rng);
  for (int i = 0; i < d.size(); ++i) {
    EXPECT_EQ(d.Y(0, i), (d.X(0, i) > 0) != (d.X(1, i) > 0) ? 1 : 0);
    EXPECT_LE(d.X.col(i).cwiseAbs().maxCoeff(), 1.0);
  }
}

TEST(Generators, LinearLabelsFollowTheSide) {
  Rng rng(2);
  const Dataset d = make_linear(400, 0.0, rng);
  for (int i = 0; i < d.size(); ++i)
    EXPECT_EQ(d.Y(0, i), std::cos(2.2) * d.X(0, i) + std::sin(2.2) * d.X(1, i) > 0 ? 1 : 0);
}

TEST(Generators, MoonsLieOnTheirHalfCircles) {
  Rng rng(4);
  const Dataset d = make_moons(200, 0.0, rng);
  for (int i = 0; i < d.size(); ++i) {
    const double x0 = d.X(0, i), x1 = d.X(1, i);
    if (d.Y(0, i) == 0) {
      EXPECT_NEAR(std::hypot(x0, x1), 1.0, 1e-12);
      EXPECT_GE(x1, 0.0);
    } else {
      EXPECT_NEAR(std::hypot(1.0 - x0, 0.5 - x1), 1.0, 1e-12);
      EXPECT_LE(x1, 0.5);
    }
  }
}

TEST(Generators, SpiralArmsTurnWithTheRadius) {
  Rng rng(5);
  const Dataset d = make_spiral(300, 3, 0.0, rng);
  for (int i = 0; i < d.size(); ++i) {
    const double r = std::hypot(d.X(0, i), d.X(1, i));
    const double theta = 4.0 * d.Y(0, i) + 4.0 * r, got = std::atan2(d.X(0, i), d.X(1, i));
    EXPECT_NEAR(std::remainder(got - theta, 2.0 * kPi), 0.0, 1e-9);
  }
}

TEST(Generators, FlowerPetalsStayWithinTheirRay) {
  Rng rng(6);
  const Dataset d = make_flower(400, 0.0, rng);
  for (int i = 0; i < d.size(); ++i) EXPECT_LE(d.X.col(i).norm(), 4.0 + 1e-12);
}

TEST(Generators, BlobPointsAreNearestTheirOwnCentre) {
  Rng rng(8);
  const int k = 5;
  const Dataset d = make_blobs(500, k, 0.5, rng);
  int nearest_own = 0;
  for (int i = 0; i < d.size(); ++i) {
    int best = 0;
    double best_dist = 1e300;
    for (int j = 0; j < k; ++j) {
      const double angle = 2.0 * kPi * j / k;
      const double dist = std::hypot(d.X(0, i) - 2.0 * std::cos(angle), d.X(1, i) - 2.0 * std::sin(angle));
      if (dist < best_dist) best = j, best_dist = dist;
    }
    nearest_own += best == d.Y(0, i);
  }
  EXPECT_GE(nearest_own, 0.9 * d.size());
}

TEST(Generators, RegressionTargetsFollowTheirFunction) {
  Rng rng(9);
  const Dataset sine = make_sine(200, 0.0, rng), plane = make_plane(200, 0.0, rng);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(sine.Y(0, i), std::sin(sine.X(0, i)));
    EXPECT_LE(std::abs(sine.X(0, i)), kPi);
    EXPECT_NEAR(plane.Y(0, i), 0.6 * plane.X(0, i) - 0.4 * plane.X(1, i) + 0.2, 1e-15);
  }
}

TEST(Generators, RefuseFewerThanTwoClasses) {
  Rng rng(1);
  EXPECT_THROW(make_blobs(10, 1, 0.1, rng), std::invalid_argument);
  EXPECT_THROW(make_spiral(10, 0, 0.1, rng), std::invalid_argument);
}

// ---- CSV -------------------------------------------------------------------------------

TEST(Csv, ReadsQuotesCrlfSpacesAndStringLabels) {
  const std::string text =
      "\xEF\xBB\xBFsepal, \"petal \"\"w\"\"\" ,species\r\n1.5, 2,\"setosa\"\r\n  3 ,4e-1, versicolor\r\n"
      "\r\n5,-6,\"a,\r\nb\"\r\n";
  const Dataset d = read_csv(text, "species", Task::classification);
  ASSERT_EQ(d.features(), 2);
  ASSERT_EQ(d.size(), 3);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"sepal", "petal \"w\""}));
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"a,\r\nb", "setosa", "versicolor"}));
  EXPECT_EQ(d.classes, 3);
  EXPECT_EQ(d.X, (Matrix<double>(2, 3) << 1.5, 3, 5, 2, 0.4, -6).finished());
  EXPECT_EQ(d.Y, (Matrix<double>(1, 3) << 1, 2, 0).finished());
}

TEST(Csv, NumericLabelsSortByValueAndTheLabelMayBeAnyColumn) {
  const Dataset d = read_csv("a,y,b\n1,10,2\n3,9,4\n5,2,6\n7,9,8", "y", Task::classification);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"2", "9", "10"}));
  EXPECT_EQ(d.X, (Matrix<double>(2, 4) << 1, 3, 5, 7, 2, 4, 6, 8).finished());
  EXPECT_EQ(d.Y, (Matrix<double>(1, 4) << 2, 1, 0, 1).finished());
}

TEST(Csv, RegressionTakesTheLastColumnByDefault) {
  const Dataset d = read_csv("x,t\r1,0.5\r2,-1.25\r", "", Task::regression);
  EXPECT_EQ(d.classes, 0);
  EXPECT_EQ(d.X, (Matrix<double>(1, 2) << 1, 2).finished());
  EXPECT_EQ(d.Y, (Matrix<double>(1, 2) << 0.5, -1.25).finished());
}

TEST(Csv, NumbersReadAsStrtodReadsThem) {  // the fast path for plain decimals included
  Rng rng(10);
  std::string text = "x,y\n";
  std::vector<std::string> cells;
  for (int i = 0; i < 2000; ++i) {
    std::string cell = rng.below(2) ? "-" : "";
    const int n = 1 + static_cast<int>(rng.below(18)), dot = static_cast<int>(rng.below(n + 1));
    for (int j = 0; j < n; ++j) cell += (j == dot ? "." : "") + std::to_string(rng.below(10));
    if (i % 7 == 0) cell += "e-" + std::to_string(rng.below(30));
    cells.push_back(cell);
    text += cell + "," + std::to_string(i % 2) + "\n";
  }
  const Dataset d = read_csv(text, "y", Task::classification);
  for (int i = 0; i < 2000; ++i) EXPECT_EQ(d.X(0, i), std::strtod(cells[i].c_str(), nullptr)) << cells[i];
}

TEST(Csv, RefusesEachMalformedFileWithItsPlace) {
  const std::string ok4 = "a,b,c,petal_width\n1,2,3,0\n1,2,3,1\n1,2,3,0\n";  // rows 1-4
  std::string wide, tall = "x,y\n";
  for (int j = 0; j <= kCsvMaxColumns; ++j) wide += (j ? ",c" : "c") + std::to_string(j);
  for (int i = 0; i <= kCsvMaxRows; ++i) tall += "1," + std::to_string(i % 2) + "\n";
  const std::string empty = "; the file is empty; allowed: a header row of column names, then one row per example";
  const std::string two_rows = "; allowed: at least 2 rows of examples after the header";
  const std::string number = " is not a number; allowed: a number in every column but the label";
  const std::string finite = "; allowed: finite numbers (no NaN or Inf)";
  const std::string quoting = "; allowed: RFC 4180 quoting, with \"\" for a quote inside quotes";
  const Task C = Task::classification;
  const struct { std::string text, label; Task task; std::string message; } cases[] = {
      {"", "", C, "0 bytes" + empty},
      {"\r\n \n", "", C, "2 blank lines" + empty},
      {"a,b\n\n", "", C, "a header only; no examples" + two_rows},
      {"a,b\n1,0\n", "", C, "a header and 1 example (row 2)" + two_rows},
      {"y\n1\n2\n", "", C, "1 column (\"y\"); allowed: at least 2 columns: the features and the label"},
      {"a,b,a\n1,2,0\n", "", C, "ambiguous: columns 1 and 3 are both named \"a\"; allowed: distinct column names"},
      {ok4 + "1,2,3,1\n1,2,3,0\n1,2,3\n", "", C, "ragged: row 7 has 3 cells; the header has 4"},
      {ok4 + "1,2,3,abc\n", "", Task::regression, "not numeric: row 5, column \"petal_width\": \"abc\" is not a "
                                                  "number; allowed: a number in the label column of a regression"},
      {ok4 + "1,2, x1 ,0\n", "", C, "not numeric: row 5, column \"c\": \"x1\"" + number},
      {ok4 + "1,,3,0\n", "", C, "not numeric: row 5, column \"b\": \"\"" + number},
      {ok4 + "0x10,2,3,0\n", "", C, "not numeric: row 5, column \"a\": \"0x10\"" + number},
      {ok4 + "1,NaN,3,0\n", "", C, "not finite: row 5, column \"b\": \"NaN\"" + finite},
      {ok4 + "1,2,-inf,0\n", "", C, "not finite: row 5, column \"c\": \"-inf\"" + finite},
      {ok4 + "1e999,2,3,0\n", "", C, "not finite: row 5, column \"a\": \"1e999\"" + finite},
      {ok4, "species", C,
       "missing the label column \"species\"; allowed: one of the columns \"a\", \"b\", \"c\", \"petal_width\""},
      {ok4 + "1,2,3,\"\"\n", "", C,
       "missing a label: row 5, column \"petal_width\" is empty; allowed: a class name or number in every row"},
      {"a,b\n1,x\n2, x\n", "", C, "a single class: every label is \"x\"; allowed: at least 2 classes"},
      {"a,b\n1,\"x\n", "", C, "malformed: row 2, column \"b\" opens a quote that never closes" + quoting},
      {"a,b\n1,\"x\"y,\n", "", C, "malformed: row 2, column \"b\" has text after its closing quote" + quoting},
      {std::string(kCsvMaxBytes + 1, 'a'), "", C,
       "too large: 52428801 bytes of text; allowed: at most 50 MB (52428800 bytes)"},
      {tall, "", C, "too large: 100001 rows of examples; allowed: at most 100000 rows"},
      {wide, "", C, "too large: 4097 columns; allowed: at most 4096 columns"},
      {std::string("a,b\n1,\0", 7), "", C, "not a text CSV file: byte 7 is a NUL; allowed: comma-separated text"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.message);
    EXPECT_EQ(error_of([&] { read_csv(c.text, c.label, c.task); }), "data.csv is " + c.message);
  }
  try {
    read_csv("", "", Task::regression, "upload");
    FAIL();
  } catch (const SpecError& e) {
    EXPECT_EQ(e.field(), "upload");
  }
}

// ---- Built-in sets ---------------------------------------------------------------------

// Each set's first example, as in scikit-learn's source file (sklearn/datasets/data/).
TEST(Builtin, DigitsAre1797ImagesOf8x8) {
  const Dataset d = load_builtin(DataSource::digits);
  EXPECT_EQ(d.features(), 64);
  EXPECT_EQ(d.size(), 1797);
  EXPECT_EQ(d.classes, 10);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
  EXPECT_EQ(d.X.maxCoeff(), 16);
  EXPECT_EQ(d.X.minCoeff(), 0);
  EXPECT_TRUE(d.is_image() && d.channels == 1 && d.height == 8 && d.width == 8);
  EXPECT_EQ(d.feature_names[9], "pixel_1_1");
  const std::vector<double> first = {0, 0, 5,  13, 9, 1,  0,  0, 0, 0, 13, 15, 10, 15, 5,  0, 0, 3, 15, 2, 0, 11,
                                     8, 0, 0,  4,  12, 0, 0,  8, 8, 0, 0,  5,  8,  0,  0,  9, 8, 0, 0,  4, 11, 0,
                                     1, 12, 7, 0,  0, 2,  14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0};
  for (int j = 0; j < 64; ++j) EXPECT_EQ(d.X(j, 0), first[j]);
  EXPECT_EQ(d.Y(0, 0), 0);
}

TEST(Builtin, IrisWineAndBreastCancer) {
  const Dataset iris = load_builtin(DataSource::iris);
  EXPECT_EQ(iris.features(), 4);
  EXPECT_EQ(iris.size(), 150);
  EXPECT_EQ(class_counts(iris), (std::vector<int>{50, 50, 50}));
  EXPECT_EQ(iris.class_names[2], "virginica");
  EXPECT_EQ(iris.feature_names[3], "petal width (cm)");
  EXPECT_EQ(iris.X.col(0), (Vector<double>(4) << 5.1, 3.5, 1.4, 0.2).finished());

  const Dataset wine = load_builtin(DataSource::wine);
  EXPECT_EQ(wine.features(), 13);
  EXPECT_EQ(wine.size(), 178);
  EXPECT_EQ(class_counts(wine), (std::vector<int>{59, 71, 48}));
  EXPECT_EQ(wine.X.col(0), (Vector<double>(13) << 14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64,
                            1.04, 3.92, 1065).finished());

  const Dataset cancer = load_builtin(DataSource::breast_cancer);
  EXPECT_EQ(cancer.features(), 30);
  EXPECT_EQ(cancer.size(), 569);
  EXPECT_EQ(class_counts(cancer), (std::vector<int>{212, 357}));
  EXPECT_EQ(cancer.class_names, (std::vector<std::string>{"malignant", "benign"}));
  const std::vector<double> first = {17.99,  10.38,   122.8,   1001,    0.1184,  0.2776, 0.3001, 0.1471,
                                     0.2419, 0.07871, 1.095,   0.9053,  8.589,   153.4,  0.006399, 0.04904,
                                     0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33,  184.6,  2019,
                                     0.1622, 0.6656,  0.7119,  0.2654,  0.4601,  0.1189};
  for (int j = 0; j < 30; ++j) EXPECT_EQ(cancer.X(j, 0), first[j]);
  EXPECT_EQ(cancer.Y(0, 0), 0);
  EXPECT_FALSE(iris.is_image() || wine.is_image() || cancer.is_image());
  EXPECT_EQ(error_of([] { load_builtin(DataSource::moons); }),
            "data.source is \"moons\"; allowed: a built-in set: \"digits\", \"iris\", \"wine\" or \"breast_cancer\"");
}

// ---- load_data: dispatch and inline data -----------------------------------------------

TEST(LoadData, DispatchesToTheGenerators) {
  DataSpec spec;
  spec.samples = 60, spec.noise = 0.2, spec.factor = 0.7, spec.classes = 4;
  Rng a(11), b(11);
  const Dataset circles = load_data(spec, a), direct = make_circles(60, 0.2, 0.7, b);
  EXPECT_TRUE(circles.X == direct.X && circles.Y == direct.Y);
  spec.source = DataSource::spiral;
  EXPECT_TRUE(load_data(spec, a).X == make_spiral(60, 4, 0.2, b).X);
  spec.classes = 1;
  EXPECT_EQ(error_of([&] { load_data(spec, a); }), "data.classes is 1; allowed: at least 2 for blobs and spiral");
  spec.source = DataSource::csv, spec.csv = "x,y\n1,a\n2,a\n";
  EXPECT_EQ(error_of([&] { load_data(spec, a); }),
            "data.csv is a single class: every label is \"a\"; allowed: at least 2 classes");
  spec.source = DataSource::iris;
  EXPECT_EQ(load_data(spec, a).size(), 150);
}

TEST(LoadData, InlineDataIsCopiedColumnPerExample) {
  DataSpec spec;
  spec.source = DataSource::inline_;
  spec.x = {{1, 2}, {3, 4}, {5, 6}};
  spec.y = {0, 2, 1};
  Rng rng(1);
  const Dataset d = load_data(spec, rng);
  EXPECT_EQ(d.classes, 3);
  EXPECT_EQ(d.X, (Matrix<double>(2, 3) << 1, 3, 5, 2, 4, 6).finished());
  EXPECT_EQ(d.Y, (Matrix<double>(1, 3) << 0, 2, 1).finished());
  spec.task = Task::regression, spec.y = {0.5, -1.5, 2};
  EXPECT_EQ(load_data(spec, rng).classes, 0);
}

TEST(LoadData, InlineDataRefusesEachMistake) {
  using Rows = std::vector<std::vector<double>>;
  const double nan = std::nan("");
  const Task C = Task::classification;
  const std::string index = "; allowed: a class index: a whole number from 0 to 999";
  const struct { Rows x; std::vector<double> y; Task task; std::string message; } cases[] = {
      {{{1}}, {0}, C, "data.x is 1 example; allowed: at least 2 examples (rows of features)"},
      {{{1}, {2}}, {0}, C, "data.y is 1 value; allowed: one per row of data.x (2)"},
      {{{}, {}}, {0, 1}, C, "data.x[0] is empty; allowed: at least 1 feature"},
      {{{1, 2}, {3, 4}, {5}}, {0, 1, 0}, C, "data.x[2] is 1 number; allowed: 2 numbers, as data.x[0]"},
      {{{1, 2}, {3, nan}}, {0, 1}, C, "data.x[1][1] is nan; allowed: a finite number"},
      {{{1}, {2}, {3}, {4}, {5}, {6}}, {0, 1, 0, 1, 0, 1.5}, C, "data.y[5] is 1.5" + index},
      {{{1}, {2}}, {-1, 1}, C, "data.y[0] is -1" + index},
      {{{1}, {2}}, {0, 0}, C, "data.y is all 0; allowed: at least 2 classes (labels 0..k-1, k >= 2)"},
      {{{1}, {2}}, {0, nan}, Task::regression, "data.y[1] is nan; allowed: a finite number"},
  };
  for (const auto& c : cases) {
    DataSpec spec;
    spec.source = DataSource::inline_, spec.x = c.x, spec.y = c.y, spec.task = c.task;
    Rng rng(1);
    EXPECT_EQ(error_of([&] { load_data(spec, rng); }), c.message);
  }
}

}  // namespace
}  // namespace descent
