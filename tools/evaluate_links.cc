// evaluate_links: trains the link judge's URL model and measures the judge on ISCX-URL-2016
// and PhishTank (docs/evaluation-links.md has the figures and the commands).
//
//   evaluate_links train --out models/links.sgl     # fit the model on our ISCX train part
//   evaluate_links evaluate                         # figures on the held-out parts
//   evaluate_links sweep                            # precision and recall per threshold
//   evaluate_links reasons                          # how often each reason fires, per class
//   evaluate_links dump                             # score per example of the validation parts
//   evaluate_links export-fasttext DIR              # the same split for the fastText baseline
//   evaluate_links judge --model "" < urls.txt      # score, verdict and reasons per line
//
// Splits are made here, deterministically, from the FNV-1a hash of the URL's bytes, so that
// every run and every machine agrees: ISCX rows with hash % 10 in {0, 1} are the test part,
// 2 the validation part (thresholds are chosen on it), the rest the training part. PhishTank
// rows with an even hash are its test part; of the others a third is the development part and
// two thirds the training part, less every URL on a site that has a URL in the development or
// test part. The data sets' own held-out splits are not in the snapshot, so ours are cut from
// their train.csv files.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "classifier/csv_reader.h"
#include "classifier/metrics.h"
#include "core/url_extract.h"
#include "detectors/links/link_judge.h"
#include "detectors/links/url_model.h"

namespace sg = stalkguard;
namespace cls = stalkguard::classifier;
namespace links = stalkguard::links;

namespace {

enum class Part { kTrain, kValidation, kTest, kDev };

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ull;
  }
  return h;
}

Part IscxPart(std::string_view url) {
  const uint64_t bucket = Fnv1a(url) % 10;
  return bucket < 2 ? Part::kTest : bucket == 2 ? Part::kValidation : Part::kTrain;
}

// PhishTank: even hash is the test part; of the rest, a third is the development part and two
// thirds a training part, which the model learns from only with `train --phishtank true`.
Part PhishtankPart(std::string_view url) {
  const uint64_t h = Fnv1a(url);
  if (h % 2 == 0) return Part::kTest;
  return (h >> 1) % 3 == 0 ? Part::kDev : Part::kTrain;
}

struct Example {
  std::string url;
  bool malicious = false;
  std::string label;  // the data set's own label
  Part part = Part::kTrain;
  bool phishtank = false;
  bool ham = false;  // a link from a SpamAssassin ham message, or another harmless text
  float share = 1;   // of its host's training weight, when a host gives several links
};

struct Data {
  std::vector<Example> examples;
  std::set<std::string> held_out_hosts;  // hosts of the ham links' development and test parts
};

sg::Result<Data> LoadData(const std::string& dir) {
  Data data;
  SG_ASSIGN_OR_RETURN(cls::CsvTable iscx, cls::ReadCsvFile(dir + "/urls_iscx2016/train.csv"));
  const int url = iscx.Column("url"), label = iscx.Column("label");
  if (url < 0 || label < 0) {
    return sg::MakeError(sg::ErrorCode::kInvalidInput, "ISCX train.csv: no url or label column");
  }
  for (const auto& row : iscx.rows) {
    Example e;
    e.url = row[url];
    e.label = row[label];
    e.malicious = e.label != "benign";
    e.part = IscxPart(e.url);
    data.examples.push_back(std::move(e));
  }
  SG_ASSIGN_OR_RETURN(cls::CsvTable phish, cls::ReadCsvFile(dir + "/phishtank_2020/train.csv"));
  const int purl = phish.Column("url");
  if (purl < 0) {
    return sg::MakeError(sg::ErrorCode::kInvalidInput, "PhishTank train.csv: no url column");
  }
  for (const auto& row : phish.rows) {
    Example e;
    e.url = row[purl];
    e.label = "phishtank";
    e.malicious = true;
    e.phishtank = true;
    e.part = PhishtankPart(e.url);
    data.examples.push_back(std::move(e));
  }
  return data;
}

// Links of real personal and mailing-list mail that nobody flagged: the URLs in the ham
// messages of the SpamAssassin corpus. A host's part follows its smallest URL, which alone
// stands for it in the development and test parts, so that one newsletter's thousand tracking
// links count once: ~4,100 sites that people were really sent. A training host gives up to
// `per_host` links (the smallest, then others in hash order), sharing one host's weight.
// ISCX's benign class is 296 popular sites, too narrow to show how often ordinary links get
// flagged or to teach a model what ordinary links look like.
sg::Status AddHamLinks(const std::string& dir, const links::LinkJudge& judge, size_t per_host,
                       Data& data) {
  SG_ASSIGN_OR_RETURN(cls::CsvTable table, cls::ReadCsvFile(dir + "/spamassassin/train.csv"));
  const int text = table.Column("text"), label = table.Column("label");
  if (text < 0 || label < 0) {
    return sg::MakeError(sg::ErrorCode::kInvalidInput, "spamassassin train.csv: no text or label");
  }
  std::map<std::string, std::set<std::string>> by_host;
  for (const auto& row : table.rows) {
    if (row[label] != "ham") continue;
    for (const std::string& url : sg::ExtractUrls(row[text])) {
      const std::string host = judge.Judge(url).host;
      if (!host.empty()) by_host[host].insert(url);
    }
  }
  for (const auto& [host, urls] : by_host) {
    const std::string& smallest = *urls.begin();
    const uint64_t bucket = Fnv1a(smallest) % 4;
    const Part part = bucket == 0 ? Part::kTest : bucket == 1 ? Part::kDev : Part::kTrain;
    if (part != Part::kTrain) data.held_out_hosts.insert(host);
    std::vector<std::string> chosen = {smallest};
    if (part == Part::kTrain && per_host > 1) {
      std::vector<std::string> others(std::next(urls.begin()), urls.end());
      std::sort(others.begin(), others.end(), [](const std::string& a, const std::string& b) {
        return std::pair(Fnv1a(a), a) < std::pair(Fnv1a(b), b);
      });
      for (size_t i = 0; i < others.size() && chosen.size() < per_host; ++i) {
        chosen.push_back(others[i]);
      }
    }
    for (const std::string& url : chosen) {
      Example e;
      e.url = url;
      e.label = "ham";
      e.ham = true;
      e.part = part;
      e.share = 1.0f / static_cast<float>(std::sqrt(static_cast<double>(chosen.size())));
      data.examples.push_back(std::move(e));
    }
  }
  return sg::OkStatus();
}

// Links in other harmless texts (Wikipedia talk pages, tweets, text messages that are not
// spam), one per host, for training only: a few hundred more kinds of site. Hosts of the ham
// links' development and test parts and shorteners are left out.
sg::Status AddTextLinks(const std::string& dir, const links::LinkJudge& judge, Data& data) {
  struct Source {
    const char* file;
    const char* label_column;  // "" when every row is harmless
    const char* harmless;
  };
  static constexpr Source kSources[] = {
      {"jigsaw_toxic_subset/train.csv", "", ""},
      {"cyber_trolls/train.csv", "", ""},
      {"cyberbullying_tweets_partial/train.csv", "", ""},
      {"davidson_hate_offensive/train.csv", "", ""},
      {"sms_spam/train.csv", "label", "ham"},
  };
  std::map<std::string, std::string> by_host;
  for (const Source& source : kSources) {
    SG_ASSIGN_OR_RETURN(cls::CsvTable table, cls::ReadCsvFile(dir + "/" + source.file));
    const int text = table.Column("text");
    const int label = *source.label_column ? table.Column(source.label_column) : -1;
    if (text < 0 || (*source.label_column && label < 0)) {
      return sg::MakeError(sg::ErrorCode::kInvalidInput,
                           std::string(source.file) + ": no text or label column");
    }
    for (const auto& row : table.rows) {
      if (label >= 0 && row[label] != source.harmless) continue;
      for (const std::string& url : sg::ExtractUrls(row[text])) {
        const links::LinkVerdict v = judge.Judge(url);
        if (v.host.empty() || v.host.find('.') == std::string::npos ||
            data.held_out_hosts.contains(v.host)) {
          continue;
        }
        bool shortener = false;
        for (const auto& reason : v.reasons) shortener |= reason.code == "shortener";
        if (shortener) continue;
        auto [it, inserted] = by_host.emplace(v.host, url);
        if (!inserted && url < it->second) it->second = url;
      }
    }
  }
  for (const auto& [host, url] : by_host) {
    Example e;
    e.url = url;
    e.label = "text";
    e.ham = true;
    e.part = Part::kTrain;
    data.examples.push_back(std::move(e));
  }
  return sg::OkStatus();
}

sg::Result<links::LinkJudge> MakeJudge(const std::string& config, const std::string& model) {
  links::LinkJudgeOptions options = links::DefaultLinkJudgeOptions();
  if (!config.empty()) options.config_dir = config;
  options.model_path = model;
  return links::LinkJudge::Create(options);
}

int Fail(const sg::Error& error) {
  std::fprintf(stderr, "evaluate_links: %s\n", error.message.c_str());
  return 1;
}

// The site a phishing URL belongs to: its registrable domain, or its whole host on a free or
// shared host (sharepoint.com, firebasestorage.googleapis.com), where every page is someone
// else's site.
std::string PhishSite(const links::LinkJudge& judge, const std::string& url) {
  const links::LinkVerdict v = judge.Judge(url);
  for (const auto& reason : v.reasons) {
    if (reason.code == "free_hosting") return v.host;
  }
  return v.known_site ? v.host : v.registrable_domain;
}

struct TrainSettings {
  links::UrlTrainOptions options;
  bool ham = true;          // add the ham links' training part as benign examples
  double ham_weight = 8.0;  // weight of each ham host
  size_t ham_per_host = 4;  // links of one ham host in training
  bool text_links = false;  // add links from other harmless texts (AddTextLinks)
  bool phishtank = true;    // add PhishTank's training part as malicious examples
  double phishtank_weight = 2.0;
  bool balance_domains = true;
};

// Each ISCX example counts 1/sqrt(n) for the n examples of its registrable domain: ISCX's
// benign class is 296 sites with up to a thousand URLs each, and a model fitted to that learns
// those sites rather than what a bad link looks like.
int Train(const Data& data, const std::string& config, const std::string& out,
          const TrainSettings& settings) {
  auto judge = MakeJudge(config, "");
  if (!judge) return Fail(judge.error());
  // PhishTank has many URLs per phishing site, and the split is by URL: a site of the
  // development or test part is left out of training altogether, so that those parts measure
  // sites the model has never seen, as it will be used.
  std::set<std::string> held_out_phish_sites;
  if (settings.phishtank) {
    for (const Example& e : data.examples) {
      if (e.phishtank && e.part != Part::kTrain) {
        held_out_phish_sites.insert(PhishSite(*judge, e.url));
      }
    }
  }
  std::vector<const Example*> chosen;
  size_t phish_sites_left_out = 0;
  for (const Example& e : data.examples) {
    if (e.phishtank && !settings.phishtank) continue;
    if (e.part != Part::kTrain || (e.ham && !settings.ham)) continue;
    if (e.phishtank && held_out_phish_sites.contains(PhishSite(*judge, e.url))) {
      ++phish_sites_left_out;
      continue;
    }
    chosen.push_back(&e);
  }
  if (settings.phishtank) {
    std::fprintf(stderr, "left out %zu PhishTank training URLs on sites of its other parts\n",
                 phish_sites_left_out);
  }
  size_t iscx = 0, phishtank = 0, ham = 0;
  for (const Example* e : chosen) ++(e->phishtank ? phishtank : e->ham ? ham : iscx);
  std::fprintf(stderr, "training URLs: %zu ISCX, %zu PhishTank, %zu harmless links\n", iscx,
               phishtank, ham);
  std::vector<std::vector<uint32_t>> features;
  std::vector<uint8_t> labels;
  std::vector<std::string> domains;
  std::map<std::string, size_t> per_domain;
  for (const Example* e : chosen) {
    features.push_back(judge->ModelFeatures(e->url, settings.options.bucket_bits));
    labels.push_back(e->malicious);
    domains.push_back(judge->Judge(e->url).registrable_domain);
    if (!e->ham) ++per_domain[domains.back()];
  }
  std::vector<float> weights(chosen.size(), 1.0f);
  double positives = 0, negatives = 0;
  for (size_t i = 0; i < chosen.size(); ++i) {
    if (chosen[i]->ham) {
      weights[i] = static_cast<float>(settings.ham_weight) * chosen[i]->share;
    } else if (settings.balance_domains) {
      weights[i] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(per_domain[domains[i]])));
    }
    if (chosen[i]->phishtank) weights[i] *= static_cast<float>(settings.phishtank_weight);
    (labels[i] ? positives : negatives) += weights[i];
  }
  // Both classes end up with the same total weight, so the bias does not carry ISCX's balance.
  for (size_t i = 0; i < chosen.size(); ++i) {
    weights[i] *=
        static_cast<float>((positives + negatives) / (2 * (labels[i] ? positives : negatives)));
  }
  std::fprintf(stderr,
               "training on %zu URLs (%.0f malicious, %.0f benign by weight), %u bucket bits, "
               "%d epochs\n",
               chosen.size(), positives, negatives, settings.options.bucket_bits,
               settings.options.epochs);
  const links::UrlModel model = links::TrainUrlModel(features, labels, weights, settings.options);
  if (auto status = links::WriteUrlModelFile(model, out); !status) return Fail(status.error());
  std::fprintf(stderr, "wrote %s\n", out.c_str());
  return 0;
}

struct Scored {
  double score;       // the judge's score
  double heuristics;  // the score without the model reason
  double model;       // the model's probability, -1 when it did not run
  bool known_site;    // on a brand's own or a well-known domain
  const Example* example;
};

// Scores of the judge, and of `heuristics` (the same settings without the model: what
// `stalkguard link --no-model` says), on the examples of `parts`.
std::vector<Scored> ScoreAll(const links::LinkJudge& judge, const links::LinkJudge& heuristics,
                             const Data& data, std::initializer_list<Part> parts) {
  std::vector<Scored> out;
  for (const Example& e : data.examples) {
    if (std::find(parts.begin(), parts.end(), e.part) == parts.end()) continue;
    const links::LinkVerdict v = judge.Judge(e.url);
    out.push_back({v.score, heuristics.Judge(e.url).score, v.model_score, v.known_site, &e});
  }
  return out;
}

void PrintRow(const std::string& set, const char* scorer, const cls::BinaryMetrics& m,
              double threshold) {
  std::printf("| %-40s | %-10s | %6lld | %6lld | %.4f | %.4f | %.4f | %.4f | %.2f |\n", set.c_str(),
              scorer, static_cast<long long>(m.positives), static_cast<long long>(m.negatives),
              m.precision, m.recall, m.f1, m.roc_auc, threshold);
}

void PrintHeader() {
  std::printf("| %-40s | %-10s | %6s | %6s | %-6s | %-6s | %-6s | %-6s | %-4s |\n", "data",
              "scorer", "pos", "neg", "prec", "recall", "F1", "AUC", "thr");
  std::printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", std::string(42, '-').c_str(),
              std::string(12, '-').c_str(), std::string(8, '-').c_str(),
              std::string(8, '-').c_str(), std::string(8, '-').c_str(), std::string(8, '-').c_str(),
              std::string(8, '-').c_str(), std::string(8, '-').c_str(),
              std::string(6, '-').c_str());
}

// Figures of one scorer on one part: ISCX (malicious against benign) and per ISCX label;
// PhishTank paired with the part's ISCX benign URLs, and with its ham links (ROC-AUC and
// precision need negatives); the share of ham links flagged.
void Report(const std::vector<Scored>& scored, const char* scorer, double threshold,
            double (*pick)(const Scored&), const std::string& part) {
  cls::BinaryMeter iscx, iscx_unknown, pt_iscx, pt_ham, ham;
  std::map<std::string, cls::BinaryMeter> per_label;
  for (const Scored& s : scored) {
    const Example& e = *s.example;
    const double score = pick(s);
    if (e.phishtank) {
      pt_iscx.Add(score, true);
      pt_ham.Add(score, true);
    } else if (e.ham) {
      pt_ham.Add(score, false);
      ham.Add(score, false);
    } else {
      iscx.Add(score, e.malicious);
      if (!s.known_site) iscx_unknown.Add(score, e.malicious);
      if (e.malicious) {
        per_label[e.label].Add(score, true);
      } else {
        pt_iscx.Add(score, false);
      }
    }
  }
  for (const Scored& s : scored) {
    if (s.example->phishtank || s.example->ham || s.example->malicious) continue;
    for (auto& [label, meter] : per_label) meter.Add(pick(s), false);
  }
  PrintRow("ISCX " + part, scorer, iscx.Compute(threshold), threshold);
  PrintRow("  ISCX " + part + " without known sites", scorer, iscx_unknown.Compute(threshold),
           threshold);
  for (const auto& [label, meter] : per_label) {
    PrintRow("  ISCX " + part + ": " + label + " vs benign", scorer, meter.Compute(threshold),
             threshold);
  }
  PrintRow("PhishTank " + part + " vs ISCX benign", scorer, pt_iscx.Compute(threshold), threshold);
  PrintRow("PhishTank " + part + " vs ham links", scorer, pt_ham.Compute(threshold), threshold);
  if (!ham.empty()) {
    // No positives: the row's "recall" is meaningless; what counts is the share flagged.
    int64_t flagged = 0;
    for (const Scored& s : scored) flagged += s.example->ham && pick(s) >= threshold;
    std::printf("| %-40s | %-10s | %6d | %6lld | ham links flagged: %lld (%.2f%%)\n",
                ("ham links " + part).c_str(), scorer, 0, static_cast<long long>(ham.size()),
                static_cast<long long>(flagged),
                100.0 * static_cast<double>(flagged) / static_cast<double>(ham.size()));
  }
}

int Evaluate(const Data& data, const std::string& config, const std::string& model,
             double threshold, bool validation) {
  auto judge = MakeJudge(config, model);
  if (!judge) return Fail(judge.error());
  auto heuristics = MakeJudge(config, "");
  if (!heuristics) return Fail(heuristics.error());
  // The validation part of ISCX goes with the development parts of PhishTank and ham links.
  const std::vector<Scored> scored =
      validation ? ScoreAll(*judge, *heuristics, data, {Part::kValidation, Part::kDev})
                 : ScoreAll(*judge, *heuristics, data, {Part::kTest});
  const std::string part = validation ? "validation" : "test";
  PrintHeader();
  Report(
      scored, "judge", threshold, [](const Scored& s) { return s.score; }, part);
  Report(
      scored, "heuristics", threshold, [](const Scored& s) { return s.heuristics; }, part);
  if (judge->has_model()) {
    Report(
        scored, "model", 0.5, [](const Scored& s) { return std::max(s.model, 0.0); }, part);
  }
  return 0;
}

// Precision and recall at thresholds from 0.30 to 0.99 on the validation parts, to choose
// verdict.suspicious in weights.toml.
int Sweep(const Data& data, const std::string& config, const std::string& model) {
  auto judge = MakeJudge(config, model);
  if (!judge) return Fail(judge.error());
  const std::vector<Scored> scored =
      ScoreAll(*judge, *judge, data, {Part::kValidation, Part::kDev});
  std::printf(
      "thr   ISCX-prec ISCX-rec  ISCX-F1  unknown-prec unknown-rec  PT-dev-recall  "
      "ham-dev-flagged\n");
  for (int t = 30; t <= 99; t += 1) {
    const double threshold = t / 100.0;
    cls::BinaryMeter iscx, iscx_unknown;
    size_t pt = 0, pt_hit = 0, ham = 0, ham_hit = 0;
    for (const Scored& s : scored) {
      if (s.example->phishtank) {
        ++pt;
        pt_hit += s.score >= threshold;
      } else if (s.example->ham) {
        ++ham;
        ham_hit += s.score >= threshold;
      } else {
        iscx.Add(s.score, s.example->malicious);
        if (!s.known_site) iscx_unknown.Add(s.score, s.example->malicious);
      }
    }
    const cls::BinaryMetrics m = iscx.Compute(threshold);
    const cls::BinaryMetrics u = iscx_unknown.Compute(threshold);
    std::printf("%.2f  %.4f    %.4f    %.4f   %.4f       %.4f       %.4f         %.4f\n", threshold,
                m.precision, m.recall, m.f1, u.precision, u.recall,
                pt ? static_cast<double>(pt_hit) / static_cast<double>(pt) : 0.0,
                ham ? static_cast<double>(ham_hit) / static_cast<double>(ham) : 0.0);
  }
  return 0;
}

// How often each heuristic reason fires on benign and malicious URLs of the training parts
// (ISCX train, PhishTank and ham development parts): the evidence behind weights.toml.
int Reasons(const Data& data, const std::string& config) {
  auto judge = MakeJudge(config, "");
  if (!judge) return Fail(judge.error());
  struct Count {
    size_t benign = 0, iscx_bad = 0, phishtank = 0, ham = 0;
  };
  std::map<std::string, Count> counts;
  Count total;
  for (const Example& e : data.examples) {
    if (e.part != Part::kTrain && e.part != Part::kDev) continue;
    const links::LinkVerdict v = judge->Judge(e.url);
    auto bump = [&e](Count& c) {
      (e.phishtank ? c.phishtank : e.ham ? c.ham : e.malicious ? c.iscx_bad : c.benign)++;
    };
    bump(total);
    for (const auto& r : v.reasons) bump(counts[r.code]);
  }
  auto rate = [](size_t n, size_t of) { return of ? static_cast<double>(n) / of : 0.0; };
  std::printf(
      "%-20s %7s %7s %7s %7s   (%% of %zu ISCX benign, %zu ISCX bad, %zu PhishTank, "
      "%zu ham links)\n",
      "reason", "benign", "bad", "PT", "ham", total.benign, total.iscx_bad, total.phishtank,
      total.ham);
  for (const auto& [code, c] : counts) {
    std::printf("%-20s %6.2f%% %6.2f%% %6.2f%% %6.2f%%\n", code.c_str(),
                100 * rate(c.benign, total.benign), 100 * rate(c.iscx_bad, total.iscx_bad),
                100 * rate(c.phishtank, total.phishtank), 100 * rate(c.ham, total.ham));
  }
  return 0;
}

// One line per example of the validation and development parts: set, label, judge score,
// model score, URL and reasons, to read what is missed and what is flagged.
int Dump(const Data& data, const std::string& config, const std::string& model) {
  auto judge = MakeJudge(config, model);
  if (!judge) return Fail(judge.error());
  for (const Example& e : data.examples) {
    if (e.part != Part::kValidation && e.part != Part::kDev) continue;
    const links::LinkVerdict v = judge->Judge(e.url);
    std::printf("%s\t%d\t%.3f\t%.3f\t%s\t", e.label.c_str(), e.malicious ? 1 : 0, v.score,
                v.model_score, e.url.c_str());
    for (const auto& r : v.reasons) std::printf(" %s", r.code.c_str());
    std::printf("\n");
  }
  return 0;
}

// fastText's input format on the same split: "__label__1 <url as space-separated characters>".
int ExportFastText(const Data& data, const std::string& dir) {
  std::ofstream train(dir + "/links.train.txt"), valid(dir + "/links.test.txt"),
      pt(dir + "/links.phishtank-test.txt"), ham(dir + "/links.ham-test.txt");
  if (!train || !valid || !pt || !ham) {
    std::fprintf(stderr, "evaluate_links: cannot write into %s\n", dir.c_str());
    return 1;
  }
  auto line = [](const Example& e) {
    std::string out = e.malicious ? "__label__1 " : "__label__0 ";
    for (char c : e.url) {
      if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
      out += c;
      out += ' ';
    }
    return out;
  };
  for (const Example& e : data.examples) {
    if (e.ham) {
      if (e.part == Part::kTest) ham << line(e) << "\n";
      continue;
    }
    if (e.phishtank) {
      if (e.part == Part::kTest) pt << line(e) << "\n";
    } else if (e.part == Part::kTrain) {
      train << line(e) << "\n";
    } else if (e.part == Part::kTest) {
      valid << line(e) << "\n";
    }
  }
  return 0;
}

// One line per URL of standard input: score, verdict, model score and reason codes, for
// looking at what the judge does with a list.
int JudgeLines(const std::string& config, const std::string& model) {
  auto judge = MakeJudge(config, model);
  if (!judge) return Fail(judge.error());
  std::string line;
  while (std::getline(std::cin, line)) {
    const links::LinkVerdict v = judge->Judge(line);
    std::printf("%.3f %-10s m=%.3f %s ", v.score, std::string(links::ToString(v.verdict)).c_str(),
                v.model_score, line.c_str());
    for (const auto& r : v.reasons) std::printf(" %s", r.code.c_str());
    std::printf("\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train and evaluate the link judge on ISCX-URL-2016 and PhishTank"};
  app.require_subcommand(1);
  std::string data_dir = "../shared/data";
  std::string config;
  std::string model = "models/links.sgl";
  app.add_option("--data", data_dir, "directory holding urls_iscx2016/ and phishtank_2020/");
  app.add_option("--config", config, "link config directory (default: config/links)");

  auto* train = app.add_subcommand("train", "fit the URL model on the training parts");
  std::string out = "models/links.sgl";
  TrainSettings settings;
  links::UrlTrainOptions& options = settings.options;
  train->add_option("--out", out, "model file to write");
  train->add_option("--bits", options.bucket_bits, "hash bucket bits")->check(CLI::Range(8, 24));
  train->add_option("--epochs", options.epochs, "passes over the data");
  train->add_option("--learning-rate", options.learning_rate, "AdaGrad step");
  train->add_option("--l2", options.l2, "L2 penalty per update");
  train->add_option("--ham", settings.ham, "also train on the ham links' training part");
  train->add_option("--ham-weight", settings.ham_weight, "weight of one ham link");
  train->add_option("--ham-per-host", settings.ham_per_host, "links of one ham host")
      ->check(CLI::Range(1, 1000));
  train->add_option("--text-links", settings.text_links,
                    "also train on links from other harmless texts");
  train->add_option("--phishtank", settings.phishtank, "also train on PhishTank's training part");
  train->add_option("--phishtank-weight", settings.phishtank_weight,
                    "weight of PhishTank examples, times 1/sqrt(URLs of their domain)");
  train->add_option("--balance-domains", settings.balance_domains,
                    "weigh ISCX examples by 1/sqrt(URLs of their domain)");

  auto* evaluate = app.add_subcommand("evaluate", "figures on the held-out test parts");
  double threshold = -1;
  bool validation = false;
  evaluate->add_option("--model", model, "model file; \"\" for heuristics only");
  evaluate->add_option("--threshold", threshold,
                       "score counted as positive (default: verdict.suspicious of weights.toml)");
  evaluate->add_flag("--validation", validation, "use the validation parts instead");

  auto* sweep = app.add_subcommand("sweep", "precision and recall per threshold, validation");
  sweep->add_option("--model", model, "model file");

  app.add_subcommand("reasons", "how often each reason fires per class (training parts)");

  auto* dump = app.add_subcommand("dump", "score per example of the validation parts");
  dump->add_option("--model", model, "model file");

  auto* fasttext = app.add_subcommand("export-fasttext", "write the split for fastText");
  std::string fasttext_dir;
  fasttext->add_option("dir", fasttext_dir, "output directory")->required();

  auto* judge_lines = app.add_subcommand("judge", "judge URLs from stdin, one per line");
  judge_lines->add_option("--model", model, "model file; \"\" for heuristics only");

  CLI11_PARSE(app, argc, argv);
  if (judge_lines->parsed()) return JudgeLines(config, model);

  auto data = LoadData(data_dir);
  if (!data) return Fail(data.error());
  {
    auto judge = MakeJudge(config, "");
    if (!judge) return Fail(judge.error());
    // Only training reads more than one link per host.
    const size_t per_host = train->parsed() ? settings.ham_per_host : 1;
    if (auto status = AddHamLinks(data_dir, *judge, per_host, *data); !status) {
      return Fail(status.error());
    }
    if (train->parsed() && settings.text_links) {
      if (auto status = AddTextLinks(data_dir, *judge, *data); !status) return Fail(status.error());
    }
  }
  if (train->parsed()) return Train(*data, config, out, settings);
  if (evaluate->parsed()) {
    if (threshold < 0) {
      // The threshold the judge itself uses: the lowest score it calls suspicious.
      auto judge = MakeJudge(config, "");
      if (!judge) return Fail(judge.error());
      threshold = judge->suspicious_threshold();
    }
    return Evaluate(*data, config, model, threshold, validation);
  }
  if (sweep->parsed()) return Sweep(*data, config, model);
  if (fasttext->parsed()) return ExportFastText(*data, fasttext_dir);
  if (dump->parsed()) return Dump(*data, config, model);
  return Reasons(*data, config);
}
