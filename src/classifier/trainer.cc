#include "classifier/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "classifier/classifier.h"
#include "classifier/metrics.h"

namespace stalkguard::classifier {
namespace {

// The examples of some splits as a sparse matrix of distinct feature ids.
struct Matrix {
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> ids;
  std::vector<float> norm;  // the length factor inference multiplies the sum by
  std::vector<std::array<int8_t, kNumOutputs>> labels;
  std::vector<std::array<float, kNumOutputs>> weight;  // per output (set and output weights)
  std::vector<const LabeledText*> source;
  std::vector<uint32_t> set;  // index into the data sets
  std::vector<std::string> set_names;

  size_t rows() const { return norm.size(); }
};

double SetWeight(const TrainOptions& options, const std::string& name, int output) {
  const auto specific =
      options.set_output_weights.find(name + "." + std::string(kOutputNames[output]));
  if (specific != options.set_output_weights.end()) return specific->second;
  const auto it = options.set_weights.find(name);
  return it == options.set_weights.end() ? 1.0 : it->second;
}

Matrix BuildMatrix(const std::vector<DataSet>& sets, const std::vector<Split>& splits,
                   const TrainOptions& options) {
  const FeatureExtractor extractor(options.features);
  FeatureScratch scratch;
  Matrix m;
  for (size_t set_index = 0; set_index < sets.size(); ++set_index) {
    const DataSet& set = sets[set_index];
    m.set_names.push_back(set.name);
    std::array<float, kNumOutputs> weight;
    for (int o = 0; o < kNumOutputs; ++o) {
      weight[o] = static_cast<float>(SetWeight(options, set.name, o));
    }
    for (const LabeledText& example : set.examples) {
      if (std::find(splits.begin(), splits.end(), SplitOf(example.text)) == splits.end()) {
        continue;
      }
      const auto ids = extractor.ExtractUnique(example.text, scratch);
      m.ids.insert(m.ids.end(), ids.begin(), ids.end());
      m.offsets.push_back(m.ids.size());
      m.norm.push_back(options.length_norm == LengthNorm::kInverseSqrt && !ids.empty()
                           ? 1.0f / std::sqrt(static_cast<float>(ids.size()))
                           : 1.0f);
      m.labels.push_back(example.labels);
      m.weight.push_back(weight);
      m.source.push_back(&example);
      m.set.push_back(static_cast<uint32_t>(set_index));
    }
  }
  return m;
}

double Dot(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += static_cast<double>(a[i]) * b[i];
  return sum;
}

// The regularised logistic loss of one output over the examples that label it.
class Problem {
 public:
  // `buckets`: the number of distinct feature ids in `m`.
  Problem(const Matrix& m, int output, const TrainOptions& options, uint32_t buckets)
      : m_(m), buckets_(buckets) {
    double total = 0;
    for (size_t i = 0; i < m.rows(); ++i) {
      const int8_t label = m.labels[i][output];
      // A row of weight 0 adds nothing to the loss or the naive-Bayes counts.
      if (label == kUnknown || m.weight[i][output] == 0) continue;
      rows_.push_back(static_cast<uint32_t>(i));
      y_.push_back(static_cast<float>(label));
      c_.push_back(m.weight[i][output]);
      total += m.weight[i][output];
      (label ? positives_ : negatives_) += 1;
    }
    for (float& c : c_) c = static_cast<float>(c / total);
    // Naive-Bayes log-count ratios r_f; the penalty on feature f is l2 / r_f^2, which is NB-LR's
    // "L2 on w with features scaled by r" written for the weights inference uses.
    const std::string name(kOutputNames[output]);
    const auto l2_override = options.output_l2.find(name);
    const double l2 = l2_override == options.output_l2.end() ? options.l2 : l2_override->second;
    const auto nb_override = options.output_naive_bayes.find(name);
    const bool naive_bayes =
        nb_override == options.output_naive_bayes.end() ? options.naive_bayes : nb_override->second;
    const auto power_override = options.output_nb_power.find(name);
    const double power =
        power_override == options.output_nb_power.end() ? options.nb_power : power_override->second;
    penalty_.assign(buckets, static_cast<float>(l2));
    if (naive_bayes && power != 0) {
      std::vector<double> p(buckets, options.nb_alpha), q(buckets, options.nb_alpha);
      for (size_t k = 0; k < rows_.size(); ++k) {
        const uint32_t i = rows_[k];
        std::vector<double>& counts = y_[k] > 0 ? p : q;
        for (uint64_t j = m.offsets[i]; j < m.offsets[i + 1]; ++j)
          counts[m.ids[j]] += m.weight[i][output];
      }
      double p_sum = 0, q_sum = 0;
      for (uint32_t f = 0; f < buckets; ++f) {
        p_sum += p[f];
        q_sum += q[f];
      }
      for (uint32_t f = 0; f < buckets; ++f) {
        const double r = std::log((p[f] / p_sum) / (q[f] / q_sum));
        const double rho = std::max(std::abs(r), options.nb_floor);
        penalty_[f] =
            static_cast<float>(power == 1 ? l2 / (rho * rho) : l2 / std::pow(rho, 2 * power));
      }
    }
    if (options.idf) {
      std::vector<uint32_t> df(buckets, 0);
      for (const uint32_t i : rows_) {
        for (uint64_t j = m.offsets[i]; j < m.offsets[i + 1]; ++j) ++df[m.ids[j]];
      }
      const double n = static_cast<double>(rows_.size());
      for (uint32_t f = 0; f < buckets; ++f) {
        const double idf = std::log((1 + n) / (1 + df[f])) + 1;
        penalty_[f] = static_cast<float>(penalty_[f] / (idf * idf));
      }
    }
  }

  int64_t positives() const { return positives_; }
  int64_t negatives() const { return negatives_; }
  size_t dimension() const { return size_t{buckets_} + 1; }  // weights, then the bias

  double Evaluate(const std::vector<float>& x, std::vector<float>& grad) const {
    std::fill(grad.begin(), grad.end(), 0.0f);
    double loss = 0;
    const float bias = x[buckets_];
    double bias_grad = 0;
    for (size_t k = 0; k < rows_.size(); ++k) {
      const uint32_t i = rows_[k];
      const uint64_t begin = m_.offsets[i], end = m_.offsets[i + 1];
      float sum = 0;
      for (uint64_t j = begin; j < end; ++j) sum += x[m_.ids[j]];
      const double margin = bias + m_.norm[i] * sum;
      // log(1 + exp(-z)) for z = +-margin, computed without overflow.
      const double z = y_[k] > 0 ? margin : -margin;
      loss += c_[k] * (z > 0 ? std::log1p(std::exp(-z)) : -z + std::log1p(std::exp(z)));
      const double p = 1.0 / (1.0 + std::exp(-margin));
      const double g = c_[k] * (p - y_[k]);
      bias_grad += g;
      const float gf = static_cast<float>(g * m_.norm[i]);
      for (uint64_t j = begin; j < end; ++j) grad[m_.ids[j]] += gf;
    }
    for (uint32_t f = 0; f < buckets_; ++f) {
      loss += 0.5 * penalty_[f] * static_cast<double>(x[f]) * x[f];
      grad[f] += penalty_[f] * x[f];
    }
    grad[buckets_] = static_cast<float>(bias_grad);
    return loss;
  }

 private:
  const Matrix& m_;
  uint32_t buckets_;
  std::vector<uint32_t> rows_;
  std::vector<float> y_;
  std::vector<float> c_;
  std::vector<float> penalty_;
  int64_t positives_ = 0;
  int64_t negatives_ = 0;
};

// Limited-memory BFGS with a backtracking (Armijo) line search; returns the final loss and
// sets `done` to the iterations taken.
double MinimiseLbfgs(const Problem& problem, int iterations, std::vector<float>& x, int& done) {
  constexpr int kHistory = 8;
  const size_t n = problem.dimension();
  x.assign(n, 0.0f);
  std::vector<float> g(n), x_new(n), g_new(n), d(n);
  double f = problem.Evaluate(x, g);
  std::deque<std::vector<float>> s_list, y_list;
  std::deque<double> rho_list;
  done = 0;
  for (int it = 0; it < iterations; ++it, ++done) {
    // Two-loop recursion: d = -H g.
    for (size_t i = 0; i < n; ++i) d[i] = -g[i];
    std::vector<double> alpha(s_list.size());
    for (int k = static_cast<int>(s_list.size()) - 1; k >= 0; --k) {
      alpha[k] = rho_list[k] * Dot(s_list[k], d);
      const float a = static_cast<float>(alpha[k]);
      for (size_t i = 0; i < n; ++i) d[i] -= a * y_list[k][i];
    }
    if (!s_list.empty()) {
      const double gamma = 1.0 / (rho_list.back() * Dot(y_list.back(), y_list.back()));
      for (float& v : d) v = static_cast<float>(v * gamma);
    } else {
      const double norm = std::sqrt(Dot(g, g));
      if (norm == 0) break;
      for (float& v : d) v = static_cast<float>(v / norm);
    }
    for (size_t k = 0; k < s_list.size(); ++k) {
      const double beta = rho_list[k] * Dot(y_list[k], d);
      const float c = static_cast<float>(alpha[k] - beta);
      for (size_t i = 0; i < n; ++i) d[i] += c * s_list[k][i];
    }
    double slope = Dot(g, d);
    if (slope >= 0) {  // not a descent direction: forget the curvature seen so far
      s_list.clear();
      y_list.clear();
      rho_list.clear();
      for (size_t i = 0; i < n; ++i) d[i] = -g[i];
      slope = Dot(g, d);
    }
    double step = 1.0, f_new = f;
    bool accepted = false;
    for (int tries = 0; tries < 30; ++tries) {
      const float s = static_cast<float>(step);
      for (size_t i = 0; i < n; ++i) x_new[i] = x[i] + s * d[i];
      f_new = problem.Evaluate(x_new, g_new);
      if (f_new <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    std::vector<float> s_vec(n), y_vec(n);
    for (size_t i = 0; i < n; ++i) {
      s_vec[i] = x_new[i] - x[i];
      y_vec[i] = g_new[i] - g[i];
    }
    const double sy = Dot(s_vec, y_vec);
    if (sy > 1e-12) {
      if (s_list.size() == kHistory) {
        s_list.pop_front();
        y_list.pop_front();
        rho_list.pop_front();
      }
      s_list.push_back(std::move(s_vec));
      y_list.push_back(std::move(y_vec));
      rho_list.push_back(1.0 / sy);
    }
    const double improvement = f - f_new;
    x.swap(x_new);
    g.swap(g_new);
    f = f_new;
    if (improvement < 1e-9 * std::max(1.0, std::abs(f))) break;
  }
  return f;
}

// Solves a * x = b (dense, small) by Gaussian elimination with partial pivoting; false when
// singular.
template <size_t N>
bool SolveDense(std::array<std::array<double, N>, N> a, std::array<double, N> b,
                std::array<double, N>& x) {
  for (size_t col = 0; col < N; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < N; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    if (std::abs(a[pivot][col]) < 1e-12) return false;
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    for (size_t r = col + 1; r < N; ++r) {
      const double f = a[r][col] / a[col][col];
      for (size_t c = col; c < N; ++c) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  for (size_t r = N; r-- > 0;) {
    double sum = b[r];
    for (size_t c = r + 1; c < N; ++c) sum -= a[r][c] * x[c];
    x[r] = sum / a[r][r];
  }
  return true;
}

// A logistic regression on a few inputs per sample (input(sample, k), k < N), fitted by Newton
// steps with a backtracking line search from `c`, towards Platt's smoothed targets so that a
// separable set does not push the coefficients to infinity; `penalty` is an L2 penalty per
// coefficient. Samples have `positive` and `weight`.
template <size_t N, typename Sample, typename Input>
std::array<double, N> FitLogistic(const std::vector<Sample>& samples, Input input,
                                  std::array<double, N> c, const std::array<double, N>& penalty) {
  double positives = 0, negatives = 0;
  for (const Sample& s : samples) (s.positive ? positives : negatives) += 1;
  const double hi = (positives + 1) / (positives + 2);
  const double lo = 1 / (negatives + 2);
  auto margin = [&](const Sample& s, const std::array<double, N>& at) {
    double z = 0;
    for (size_t k = 0; k < N; ++k) z += at[k] * input(s, k);
    return z;
  };
  auto loss_at = [&](const std::array<double, N>& at) {
    double loss = 0;
    for (size_t k = 0; k < N; ++k) loss += 0.5 * penalty[k] * at[k] * at[k];
    for (const Sample& s : samples) {
      const double z = margin(s, at);
      const double t = s.positive ? hi : lo;
      const double log_p = z > 0 ? -std::log1p(std::exp(-z)) : z - std::log1p(std::exp(z));
      const double log_q = z > 0 ? -z - std::log1p(std::exp(-z)) : -std::log1p(std::exp(z));
      loss -= s.weight * (t * log_p + (1 - t) * log_q);
    }
    return loss;
  };
  double loss = loss_at(c);
  for (int it = 0; it < 100; ++it) {
    std::array<double, N> grad{};
    std::array<std::array<double, N>, N> hessian{};
    for (size_t k = 0; k < N; ++k) {
      grad[k] = penalty[k] * c[k];
      hessian[k][k] = penalty[k] + 1e-9;
    }
    for (const Sample& s : samples) {
      const double p = 1 / (1 + std::exp(-margin(s, c)));
      const double g = s.weight * (p - (s.positive ? hi : lo));
      const double h = s.weight * p * (1 - p);
      for (size_t k = 0; k < N; ++k) {
        grad[k] += g * input(s, k);
        for (size_t j = 0; j < N; ++j) hessian[k][j] += h * input(s, k) * input(s, j);
      }
    }
    for (double& g : grad) g = -g;
    std::array<double, N> direction{};
    if (!SolveDense(hessian, grad, direction)) break;
    double step = 1;
    while (step > 1e-8) {
      std::array<double, N> next = c;
      for (size_t k = 0; k < N; ++k) next[k] += step * direction[k];
      const double next_loss = loss_at(next);
      if (next_loss <= loss) {
        const double gain = loss - next_loss;
        c = next;
        loss = next_loss;
        if (gain < 1e-10) it = 100;
        break;
      }
      step *= 0.5;
    }
    if (step <= 1e-8) break;
  }
  return c;
}

// One calibration example of an output: every output's margin on it, its label, its weight.
struct CalibrationSample {
  std::array<float, kNumOutputs> margins;
  bool positive;
  double weight;
};

// Platt scaling of `output`: a, b of sigmoid(a * margin + b).
std::pair<double, double> FitPlatt(const std::vector<CalibrationSample>& samples, int output) {
  const auto input = [output](const CalibrationSample& s, size_t k) {
    return k == 0 ? static_cast<double>(s.margins[output]) : 1.0;
  };
  const auto [a, b] = FitLogistic<2>(samples, input, {1, 0}, {0, 0});
  return {a, b};
}

// Stacking: an output's score read from the margins of all six outputs and a constant, fitted
// on the calibration split the way Platt scaling fits one margin. The coefficients of the other
// outputs carry an L2 penalty (l2 times the total weight, so it means the same for every
// output): with nothing to gain from them the fit is Platt scaling.
using StackCoefficients = std::array<double, kNumOutputs + 1>;  // margins, then the constant

StackCoefficients FitStack(const std::vector<CalibrationSample>& samples, int output, double l2) {
  double total = 0;
  for (const CalibrationSample& s : samples) total += s.weight;
  StackCoefficients penalty{}, start{};
  for (int k = 0; k < kNumOutputs; ++k) penalty[k] = k == output ? 0 : l2 * total;
  start[output] = 1;
  const auto input = [](const CalibrationSample& s, size_t k) {
    return k < static_cast<size_t>(kNumOutputs) ? static_cast<double>(s.margins[k]) : 1.0;
  };
  return FitLogistic(samples, input, start, penalty);
}

struct FloatWeights {
  std::array<std::vector<float>, kNumOutputs> w;  // buckets + 1 each, bias last
};

// The weights of stacked outputs replaced by the stack's mix of every output's weights: the
// mix of margins is itself linear in the features, so inference stays one sum per output.
void ApplyStack(const std::array<std::optional<StackCoefficients>, kNumOutputs>& stack,
                FloatWeights& weights) {
  const FloatWeights original = weights;
  for (int o = 0; o < kNumOutputs; ++o) {
    if (!stack[o]) continue;
    const StackCoefficients& c = *stack[o];
    std::vector<float>& w = weights.w[o];
    for (size_t f = 0; f < w.size(); ++f) {
      double sum = 0;
      for (int k = 0; k < kNumOutputs; ++k) sum += c[k] * original.w[k][f];
      w[f] = static_cast<float>(sum);
    }
    w.back() += static_cast<float>(c[kNumOutputs]);
  }
}

// The matrix with its buckets renumbered densely, most frequent first: the optimiser's weight
// and gradient vectors shrink to the buckets in use, and the n-grams most examples share sit
// together in cache, which makes each pass over the data several times faster.
struct Compacted {
  Matrix m;
  std::vector<uint32_t> bucket_of;  // compact index -> bucket
};

Compacted Compact(const Matrix& m, uint32_t buckets) {
  std::vector<uint32_t> count(buckets, 0);
  for (const uint32_t id : m.ids) ++count[id];
  Compacted c;
  for (uint32_t b = 0; b < buckets; ++b) {
    if (count[b] > 0) c.bucket_of.push_back(b);
  }
  std::stable_sort(c.bucket_of.begin(), c.bucket_of.end(),
                   [&](uint32_t a, uint32_t b) { return count[a] > count[b]; });
  std::vector<uint32_t> index(buckets, 0);
  for (uint32_t i = 0; i < c.bucket_of.size(); ++i) index[c.bucket_of[i]] = i;
  c.m = m;
  for (uint32_t& id : c.m.ids) id = index[id];
  for (size_t i = 0; i < c.m.rows(); ++i) {
    std::sort(c.m.ids.begin() + static_cast<int64_t>(c.m.offsets[i]),
              c.m.ids.begin() + static_cast<int64_t>(c.m.offsets[i + 1]));
  }
  return c;
}

Result<FloatWeights> FitAll(const Matrix& full, const TrainOptions& options, uint32_t buckets,
                            std::ostream* log) {
  const Compacted compacted = Compact(full, buckets);
  const Matrix& m = compacted.m;
  const auto used = static_cast<uint32_t>(compacted.bucket_of.size());
  FloatWeights weights;
  std::mutex mu;
  std::string failure;
  int next = 0;
  auto worker = [&] {
    while (true) {
      int output;
      {
        std::lock_guard<std::mutex> lock(mu);
        while (next < kNumOutputs && !options.only_outputs.empty() &&
               std::find(options.only_outputs.begin(), options.only_outputs.end(), next) ==
                   options.only_outputs.end()) {
          weights.w[next++].assign(size_t{buckets} + 1, 0.0f);
        }
        if (next >= kNumOutputs || !failure.empty()) return;
        output = next++;
      }
      const auto start = std::chrono::steady_clock::now();
      const Problem problem(m, output, options, used);
      if (problem.positives() == 0 || problem.negatives() == 0) {
        std::lock_guard<std::mutex> lock(mu);
        failure = std::string(kOutputNames[output]) + " has no positive or no negative examples";
        return;
      }
      std::vector<float> x;
      int iterations = 0;
      const double loss = MinimiseLbfgs(problem, options.iterations, x, iterations);
      std::vector<float>& w = weights.w[output];
      w.assign(size_t{buckets} + 1, 0.0f);
      for (uint32_t i = 0; i < used; ++i) w[compacted.bucket_of[i]] = x[i];
      w[buckets] = x[used];
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::lock_guard<std::mutex> lock(mu);
      if (log != nullptr) {
        *log << "  " << kOutputNames[output] << ": " << problem.positives() << " positive, "
             << problem.negatives() << " negative, loss " << loss << " after " << iterations
             << " iterations, " << seconds << " s\n";
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, options.threads); ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  if (!failure.empty()) return MakeError(ErrorCode::kInvalidInput, failure);
  return weights;
}

bool Fitted(const TrainOptions& options, int output) {
  return options.only_outputs.empty() ||
         std::find(options.only_outputs.begin(), options.only_outputs.end(), output) !=
             options.only_outputs.end();
}

// weights[o] = (1 - share) * weights[o] + share * other[o] for each of `outputs`.
void Mix(const FloatWeights& other, const std::vector<int>& outputs,
         const std::map<std::string, double>& shares, FloatWeights& weights) {
  for (const int o : outputs) {
    const auto s = static_cast<float>(shares.at(std::string(kOutputNames[o])));
    for (size_t f = 0; f < weights.w[o].size(); ++f) {
      weights.w[o][f] = (1 - s) * weights.w[o][f] + s * other.w[o][f];
    }
  }
}

// For each output in options.output_specialist, a fit on the rows of its specialist sets alone
// (the others weigh 0, in the loss and in the naive-Bayes counts alike), averaged into
// `weights` with the output's share.
Status MixSpecialists(const Matrix& m, const TrainOptions& options, uint32_t buckets,
                      std::ostream* log, FloatWeights& weights) {
  for (const auto& [name, share] : options.output_specialist) {
    const auto output = OutputFromName(name);
    if (!output) return MakeError(ErrorCode::kInvalidInput, "no output named " + name);
    if (share == 0 || !Fitted(options, *output)) continue;
    const auto sets = options.specialist_sets.find(name);
    if (sets == options.specialist_sets.end()) {
      return MakeError(ErrorCode::kInvalidInput, "no specialist sets for " + name);
    }
    for (const std::string& set : sets->second) {
      if (std::find(m.set_names.begin(), m.set_names.end(), set) == m.set_names.end()) {
        return MakeError(ErrorCode::kInvalidInput,
                         "no data set named " + set + " (specialist sets of " + name + ")");
      }
    }
    TrainOptions specialist = options;
    specialist.only_outputs = {*output};
    if (const auto l2 = options.specialist_l2.find(name); l2 != options.specialist_l2.end()) {
      specialist.output_l2[name] = l2->second;
    }
    Matrix narrowed = m;
    for (size_t i = 0; i < narrowed.rows(); ++i) {
      const std::string& set = narrowed.set_names[narrowed.set[i]];
      if (std::find(sets->second.begin(), sets->second.end(), set) == sets->second.end()) {
        narrowed.weight[i][*output] = 0;
      }
    }
    if (log != nullptr) *log << "specialist:\n";
    SG_ASSIGN_OR_RETURN(const FloatWeights fit, FitAll(narrowed, specialist, buckets, log));
    Mix(fit, {*output}, options.output_specialist, weights);
  }
  return OkStatus();
}

// FitAll, then for the outputs in options.output_blend a second fit with naive-Bayes scaling
// switched the other way, and for those in options.output_specialist a fit on their
// specialist sets alone, each averaged in with the output's share.
Result<FloatWeights> FitBlended(const Matrix& m, const TrainOptions& options, uint32_t buckets,
                                std::ostream* log) {
  SG_ASSIGN_OR_RETURN(FloatWeights weights, FitAll(m, options, buckets, log));
  TrainOptions other = options;
  other.only_outputs.clear();
  for (const auto& [name, share] : options.output_blend) {
    const auto output = OutputFromName(name);
    if (!output) return MakeError(ErrorCode::kInvalidInput, "no output named " + name);
    // Nothing to blend into an output that was not fitted, or with a share of 0.
    if (share == 0 || !Fitted(options, *output)) continue;
    other.only_outputs.push_back(*output);
    const auto nb = options.output_naive_bayes.find(name);
    other.output_naive_bayes[name] =
        !(nb == options.output_naive_bayes.end() ? options.naive_bayes : nb->second);
    if (const auto l2 = options.blend_l2.find(name); l2 != options.blend_l2.end()) {
      other.output_l2[name] = l2->second;
    }
  }
  if (!other.only_outputs.empty()) {
    if (log != nullptr) *log << "blend:\n";
    SG_ASSIGN_OR_RETURN(const FloatWeights second, FitAll(m, other, buckets, log));
    Mix(second, other.only_outputs, options.output_blend, weights);
  }
  SG_RETURN_IF_ERROR(MixSpecialists(m, options, buckets, log, weights));
  return weights;
}

void Quantise(const FloatWeights& fw, const TrainOptions& options, uint32_t buckets, Model& model) {
  model.weights.assign(size_t{buckets} * kRowStride, 0);
  for (int o = 0; o < kNumOutputs; ++o) {
    const std::vector<float>& w = fw.w[o];
    std::vector<float> magnitudes;
    magnitudes.reserve(buckets);
    for (uint32_t f = 0; f < buckets; ++f) {
      if (w[f] != 0) magnitudes.push_back(std::abs(w[f]));
    }
    float limit = 1e-6f;
    if (!magnitudes.empty()) {
      const size_t at = std::min(
          magnitudes.size() - 1,
          static_cast<size_t>(options.clip_quantile * static_cast<double>(magnitudes.size())));
      std::nth_element(magnitudes.begin(), magnitudes.begin() + at, magnitudes.end());
      limit = std::max(limit, magnitudes[at]);
    }
    const float scale = limit / 127.0f;
    for (uint32_t f = 0; f < buckets; ++f) {
      const float q = std::round(w[f] / scale);
      model.weights[size_t{f} * kRowStride + o] =
          static_cast<int8_t>(std::clamp(q, -127.0f, 127.0f));
    }
    model.outputs[o].scale = scale;
    model.outputs[o].bias = w[buckets];
  }
}

}  // namespace

Result<Model> Train(const std::vector<DataSet>& sets, const TrainOptions& options,
                    std::ostream* log) {
  const auto start = std::chrono::steady_clock::now();
  const uint32_t buckets = uint32_t{1} << options.features.bucket_bits;
  const Matrix train = BuildMatrix(sets, {Split::kTrain}, options);
  const Matrix calibration = BuildMatrix(sets, {Split::kCalibration}, options);
  if (log != nullptr) {
    *log << "features: " << train.rows() << " training and " << calibration.rows()
         << " calibration examples, " << train.ids.size() << " feature occurrences\n";
  }
  SG_ASSIGN_OR_RETURN(FloatWeights weights, FitBlended(train, options, buckets, log));

  Model model;
  model.features = options.features;
  model.length_norm = options.length_norm;
  model.input_preparation = std::string(internal::kInputPreparation);
  Quantise(weights, options, buckets, model);

  // Calibrate the quantised model on examples it was not trained on.
  const Classifier uncalibrated(model);
  ClassifierScratch scratch;
  // Every set counts the same in calibration, however many examples it has: the threshold of
  // "spam" should suit short messages as much as e-mail, that of "toxic" tweets as much as
  // talk-page comments.
  std::array<std::vector<CalibrationSample>, kNumOutputs> samples;
  std::array<std::vector<uint32_t>, kNumOutputs> sample_set;
  std::array<std::vector<double>, kNumOutputs> per_set;
  for (auto& counts : per_set) counts.assign(sets.size(), 0);
  for (size_t i = 0; i < calibration.rows(); ++i) {
    const auto m = uncalibrated.Margins(calibration.source[i]->text, scratch);
    for (int o = 0; o < kNumOutputs; ++o) {
      if (calibration.labels[i][o] == kUnknown) continue;
      samples[o].push_back({m, calibration.labels[i][o] == 1, 1.0});
      sample_set[o].push_back(calibration.set[i]);
      per_set[o][calibration.set[i]] += 1;
    }
  }
  std::array<std::optional<StackCoefficients>, kNumOutputs> stack;
  for (int o = 0; o < kNumOutputs; ++o) {
    double present = 0;
    for (const double n : per_set[o]) present += n > 0;
    for (size_t k = 0; k < samples[o].size(); ++k) {
      samples[o][k].weight =
          static_cast<double>(samples[o].size()) / (present * per_set[o][sample_set[o][k]]);
    }
    OutputCalibration& c = model.outputs[o];
    BinaryMeter meter;
    if (std::find(options.stack_outputs.begin(), options.stack_outputs.end(), o) !=
        options.stack_outputs.end()) {
      stack[o] = FitStack(samples[o], o, options.stack_l2);
      for (const CalibrationSample& s : samples[o]) {
        double z = (*stack[o])[kNumOutputs];
        for (int k = 0; k < kNumOutputs; ++k) z += (*stack[o])[k] * s.margins[k];
        meter.Add(1 / (1 + std::exp(-z)), s.positive, s.weight);
      }
      if (log != nullptr) {
        *log << "  stacked " << kOutputNames[o] << " on " << samples[o].size() << " examples:";
        for (int k = 0; k < kNumOutputs; ++k) {
          *log << " " << kOutputNames[k] << " " << (*stack[o])[k];
        }
        *log << ", constant " << (*stack[o])[kNumOutputs];
      }
    } else {
      const auto [a, b] = FitPlatt(samples[o], o);
      for (const CalibrationSample& s : samples[o]) {
        meter.Add(1 / (1 + std::exp(-(a * s.margins[o] + b))), s.positive, s.weight);
      }
      c.platt_a = static_cast<float>(a);
      c.platt_b = static_cast<float>(b);
      if (log != nullptr) {
        *log << "  calibrated " << kOutputNames[o] << " on " << samples[o].size() << " examples: a "
             << a << ", b " << b;
      }
    }
    c.threshold = static_cast<float>(std::clamp(meter.BestF1Threshold(), 0.05, 0.95));
    if (log != nullptr) *log << ", threshold " << c.threshold << "\n";
  }
  // A stacked output is calibrated by its mix of weights.
  auto quantise_stacked = [&](FloatWeights w) {
    const auto calibrations = model.outputs;
    ApplyStack(stack, w);
    Quantise(w, options, buckets, model);
    for (int o = 0; o < kNumOutputs; ++o) {
      model.outputs[o].platt_a = stack[o] ? 1.0f : calibrations[o].platt_a;
      model.outputs[o].platt_b = stack[o] ? 0.0f : calibrations[o].platt_b;
      model.outputs[o].threshold = calibrations[o].threshold;
    }
  };
  if (!options.refit) quantise_stacked(std::move(weights));

  if (options.refit) {
    const Matrix all = BuildMatrix(sets, {Split::kTrain, Split::kCalibration}, options);
    if (log != nullptr) *log << "refit on " << all.rows() << " examples\n";
    SG_ASSIGN_OR_RETURN(FloatWeights refit, FitBlended(all, options, buckets, log));
    quantise_stacked(std::move(refit));
  }
  if (log != nullptr) {
    *log << "trained in "
         << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
         << " s\n";
  }
  return model;
}

}  // namespace stalkguard::classifier
