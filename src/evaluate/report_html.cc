// EvaluateReport::ToHtml and Headline: the page a user reads to decide whether to trust the data.
// Scores are laid out in C++ (tables, heat maps as coloured cells); only the distribution charts
// are drawn by the page's script with Chart.js, inlined so the file works offline.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include "ersatz/evaluate.h"
#include "privacy/summary.h"
#include "evaluate/report_page.h"

namespace ersatz {
namespace {

constexpr std::size_t kMaxHeatmapColumns = 40;

std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Text inside <script>: "</" must not appear, or the browser would end the script there.
std::string ScriptSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Num(double v, int decimals = 3) {
  return std::isnan(v) ? "—" : fmt::format("{:.{}f}", v, decimals);
}
std::string Pct(double v) { return std::isnan(v) ? "—" : fmt::format("{:.1f}%", 100 * v); }

// Grades of 0–1 similarity scores (column shapes, pair trends, accuracy).
std::string ScoreGrade(double v) {
  if (std::isnan(v)) return "None";
  return v >= 0.95 ? "Excellent" : v >= 0.9 ? "Good" : v >= 0.8 ? "Moderate" : v >= 0.7 ? "Poor"
                                                                                 : "Very Poor";
}
std::string DiscriminatorGrade(double auc) {
  if (std::isnan(auc)) return "None";
  return auc <= 0.55 ? "Excellent" : auc <= 0.6 ? "Good" : auc <= 0.7 ? "Moderate"
                                                   : auc <= 0.85 ? "Poor" : "Very Poor";
}
std::string UtilityGrade(double ratio) {
  if (std::isnan(ratio)) return "None";
  return ratio >= 0.98 ? "Excellent" : ratio >= 0.95 ? "Good" : ratio >= 0.9 ? "Moderate"
                                                      : ratio >= 0.8 ? "Poor" : "Very Poor";
}

std::string Badge(const std::string& grade) {
  const std::string css = grade == "Very Poor" ? "Very" : grade == "No alarm" ? "NoAlarm" : grade;
  return fmt::format("<span class=\"grade g-{}\">{}</span>", css,
                     grade == "None" ? "not computed" : Escape(grade));
}

std::string Card(const std::string& label, const std::string& value, const std::string& grade,
                 const std::string& explain) {
  return fmt::format(
      "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div>{}"
      "<div class=\"explain\">{}</div></div>\n",
      label, value, grade.empty() ? "" : Badge(grade), explain);
}

// The guarantee a reader should see first: ε and δ of the whole fit and what they protect, or
// that there is none (the privacy card's measurements are attacks that failed, not a bound).
std::string GuaranteeCard(const std::optional<DifferentialPrivacySummary>& dp) {
  if (!dp) {
    return Card("Differential privacy", "none", "",
                "no formal guarantee: <code>fit --epsilon E</code> trains with one");
  }
  return Card("Differential privacy", fmt::format("ε = {:.3g}", dp->epsilon), "",
              fmt::format("δ = {:.2g}, per {}; every statistic and DP-SGD step included", dp->delta,
                          Escape(dp->unit)));
}

// Background of a heat-map cell: blue for positive, red for negative, opacity |v|; differences
// reach full colour at 0.2 (they are small, and small ones matter).
std::string HeatColor(double v, bool difference) {
  if (std::isnan(v)) return "#eceff3";
  const double a = std::min(1.0, std::fabs(v) / (difference ? 0.2 : 1.0));
  if (difference) return fmt::format("rgba(194,65,12,{:.2f})", a);
  return v >= 0 ? fmt::format("rgba(60,110,180,{:.2f})", a) : fmt::format("rgba(185,28,28,{:.2f})", a);
}

std::string Heatmap(const std::string& title, const std::vector<std::string>& names,
                    const std::map<std::pair<int, int>, std::pair<double, double>>& cells,
                    int which) {
  std::string html = fmt::format("<div><h3>{}</h3><table class=\"heat\"><tr><th></th>", title);
  for (const auto& n : names) html += fmt::format("<th class=\"col\">{}</th>", Escape(n));
  html += "</tr>";
  for (int i = 0; i < int(names.size()); ++i) {
    html += fmt::format("<tr><th>{}</th>", Escape(names[i]));
    for (int j = 0; j < int(names.size()); ++j) {
      double v = std::nan("");
      if (i == j) {
        v = which == 2 ? 0.0 : 1.0;
      } else if (auto it = cells.find({std::min(i, j), std::max(i, j)}); it != cells.end()) {
        const auto [real, synthetic] = it->second;
        v = which == 0 ? real : which == 1 ? synthetic : std::fabs(real - synthetic);
      }
      html += fmt::format("<td style=\"background:{}\" title=\"{} × {}: {}\"></td>",
                          HeatColor(v, which == 2), Escape(names[i]), Escape(names[j]), Num(v));
    }
    html += "</tr>";
  }
  return html + "</table></div>\n";
}

std::string FidelitySection(const EvaluateReport& r) {
  std::string html = "<h2>Columns, weakest first</h2>\n<p class=\"lead\">Each column's "
                     "distribution in the synthetic data against the real one. Shape: "
                     "KSComplement (numeric) or TVComplement (categorical), 1 = identical.</p>\n";
  std::vector<std::size_t> order(r.columns.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return r.columns[a].shape < r.columns[b].shape;
  });
  html += "<table class=\"data\"><tr><th>column</th><th>kind</th><th>metric</th><th>shape</th>"
          "<th>accuracy (≤10 bins)</th><th>JS distance</th><th>grade</th></tr>\n";
  for (std::size_t i : order) {
    const ColumnReport& c = r.columns[i];
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=num>{}</td>"
                        "<td class=num>{}</td><td class=num>{}</td><td>{}</td></tr>\n",
                        Escape(c.name), c.kind, c.metric, Num(c.shape), Num(c.accuracy),
                        Num(c.js_distance), Badge(ScoreGrade(c.shape)));
  }
  html += "</table>\n<p class=\"legend\">Distributions:<span style=\"background:#3c6eb4\"></span>"
          "real<span style=\"background:#e67828\"></span>synthetic</p>\n<div class=\"charts\">\n";
  for (std::size_t i : order) {
    const ColumnReport& c = r.columns[i];
    html += fmt::format("<div class=\"chart\"><h3>{} <span class=\"muted\">{} {}</span></h3>"
                        "<div class=\"box\"><canvas data-column=\"{}\"></canvas></div></div>\n",
                        Escape(c.name), c.metric, Num(c.shape), i);
  }
  html += "</div>\n";

  html += "<h2>Column pairs, weakest first</h2>\n<p class=\"lead\">How well each pair's "
          "relationship survives: CorrelationSimilarity (numeric pairs, 1 − |ρ<sub>real</sub> − "
          "ρ<sub>syn</sub>|/2) or ContingencySimilarity (others). Association: Pearson ρ or "
          "Cramér's V.</p>\n<table class=\"data\"><tr><th>pair</th><th>metric</th><th>score</th>"
          "<th>real association</th><th>synthetic association</th><th>important</th></tr>\n";
  std::vector<std::size_t> pairs(r.pairs.size());
  std::iota(pairs.begin(), pairs.end(), 0);
  auto score = [&](std::size_t i) { return std::isnan(r.pairs[i].score) ? 2.0 : r.pairs[i].score; };
  std::stable_sort(pairs.begin(), pairs.end(), [&](auto a, auto b) { return score(a) < score(b); });
  for (std::size_t k = 0; k < std::min<std::size_t>(15, pairs.size()); ++k) {
    const PairReport& p = r.pairs[pairs[k]];
    html += fmt::format("<tr><td>{} × {}</td><td>{}</td><td class=num>{}</td><td class=num>{}</td>"
                        "<td class=num>{}</td><td>{}</td></tr>\n",
                        Escape(p.first), Escape(p.second), p.metric, Num(p.score),
                        Num(p.real_association), Num(p.synthetic_association),
                        p.important ? "yes" : "");
  }
  html += fmt::format("</table><p class=\"muted\">The {} weakest of {} pairs; all are in the JSON "
                      "report.</p>\n", std::min<std::size_t>(15, pairs.size()), pairs.size());

  // Heat maps over the first columns (wide tables would make unreadable ones).
  std::vector<std::string> names;
  std::map<std::string, int> index;
  for (std::size_t c = 0; c < std::min(kMaxHeatmapColumns, r.columns.size()); ++c) {
    index[r.columns[c].name] = int(c);
    names.push_back(r.columns[c].name);
  }
  std::map<std::pair<int, int>, std::pair<double, double>> cells;
  for (const PairReport& p : r.pairs) {
    auto a = index.find(p.first), b = index.find(p.second);
    if (a == index.end() || b == index.end()) continue;
    cells[{std::min(a->second, b->second), std::max(a->second, b->second)}] = {
        p.real_association, p.synthetic_association};
  }
  html += "<h2>Correlations</h2>\n<p class=\"lead\">Association of every pair (Pearson ρ for two "
          "numeric columns, Cramér's V otherwise; blue positive, red negative) in the real and "
          "the synthetic data, and their absolute difference (darker = further apart; full colour at 0.2). Hover a "
          "cell for its value; grey cells were not scored.</p>\n<div class=\"heatmaps\">\n";
  html += Heatmap("Real", names, cells, 0) + Heatmap("Synthetic", names, cells, 1) +
          Heatmap("Difference", names, cells, 2) + "</div>\n";
  if (r.columns.size() > kMaxHeatmapColumns) {
    html += fmt::format("<p class=\"muted\">Heat maps show the first {} of {} columns.</p>\n",
                        kMaxHeatmapColumns, r.columns.size());
  }
  return html;
}

std::string UtilitySection(const EvaluateReport& r) {
  std::string html = "<h2>Utility</h2>\n";
  if (!r.utility.computed) {
    return html + "<p class=\"muted\">Not computed: give a target column (--target) and a real "
                  "holdout (--holdout).</p>\n";
  }
  const auto& u = r.utility;
  const std::string metric = u.metric == "r2" ? "R²" : "ROC AUC";
  html += fmt::format(
      "<p class=\"lead\">Gradient-boosted trees (XGBoost) predict <b>{}</b> ({}). One model is "
      "trained on the synthetic rows, one on the real training rows; both are scored on the {} "
      "real holdout rows, which neither saw. A ratio near 1 means the synthetic data is as useful "
      "for this task as the real data.</p>\n<table class=\"data\"><tr><th>trained on</th><th>{} on "
      "the real holdout</th></tr><tr><td>real</td><td class=num>{}</td></tr><tr><td>synthetic</td>"
      "<td class=num>{}</td></tr><tr><td>ratio synthetic / real</td><td class=num>{}</td></tr>"
      "</table>\n",
      Escape(u.target), u.task == "regression" ? "regression" : fmt::format("{} classes", u.classes),
      u.test_rows, metric, Num(u.real), Num(u.synthetic), Num(u.ratio));
  return html;
}

std::string AttackRow(const std::string& name, const EvaluateReport::Attack& a) {
  return fmt::format("<tr><td>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td>"
                     "<td class=num>{}</td><td class=num>{}</td></tr>\n",
                     name, Num(a.auc), Num(a.tpr_at_fpr_01), Num(a.tpr_at_fpr_001),
                     Num(a.epsilon, 2), Num(a.epsilon_lower_95, 2));
}

std::string PrivacySection(const EvaluateReport& r) {
  std::string html = "<h2>Privacy</h2>\n";
  const auto& p = r.privacy;
  if (!p.computed) return html + "<p class=\"muted\">Not computed (--no-privacy).</p>\n";
  if (p.alarm) {
    html += "<div class=\"alarm\"><b>Privacy alarm.</b><ul>";
    for (const auto& reason : p.alarm_reasons) html += "<li>" + Escape(reason) + "</li>";
    html += "</ul></div>\n";
  } else {
    html += "<div class=\"fine\"><b>No privacy alarm</b>: no excess of exact copies, synthetic "
            "rows are not closer to training rows than to unseen ones, and the attacks below did "
            "not single out training rows.</div>\n";
  }
  html += "<div class=\"cards\">";
  html += Card("Exact copies", Pct(p.exact_copy_rate), p.exact_copy_rate > 0.01 ? "Poor" : "Excellent",
               fmt::format("synthetic rows equal to a training row (unseen rows: {})",
                           Pct(p.holdout_exact_copy_rate)));
  html += Card("DCR share", Num(p.dcr_share), std::isnan(p.dcr_share) ? "None"
               : p.dcr_share <= 0.53 ? "Excellent" : p.dcr_share <= 0.6 ? "Moderate" : "Poor",
               "share of synthetic rows closer to a training row than to a holdout row; 0.5 is ideal");
  html += Card("NNDR", Num(p.nndr), p.nndr >= 0.5 ? "Excellent" : "Moderate",
               "nearest / second-nearest training distance; near 0 singles out one person");
  html += Card("Membership inference AUC", Num(p.mia_auc), std::isnan(p.mia_auc) ? "None"
               : p.mia_auc <= 0.55 ? "Excellent" : p.mia_auc <= 0.6 ? "Moderate" : "Poor",
               "best attack telling training rows from unseen ones; 0.5 is chance");
  html += "</div>\n";
  html += fmt::format(
      "<h3>Membership-inference attacks</h3><p>The attacker holds {} training rows (members), {} "
      "unseen holdout rows (non-members) and a reference sample of {} other unseen rows, and "
      "ranks each row by how much it looks like a member. <b>Distance</b>: the closer a row is to "
      "its nearest synthetic row, the more likely a member. <b>Density ratio</b> (DOMIAS): rows "
      "where the synthetic data is denser than the population (reference) are likely members; "
      "densities from the distances to the two nearest rows. TPR at a low FPR is the share of "
      "members caught while accusing few non-members; ε is the empirical lower bound max "
      "log(TPR/FPR) on the differential-privacy ε the data could have, with a 95% Clopper–Pearson "
      "lower confidence bound.</p>\n<table class=\"data\"><tr><th>attack</th><th>AUC</th><th>TPR @ "
      "FPR 0.1</th><th>TPR @ FPR 0.01</th><th>ε estimate</th><th>ε lower bound (95%)</th></tr>\n",
      p.attack_members, p.attack_non_members, p.attack_reference);
  html += AttackRow("distance to closest synthetic row", p.distance_attack);
  html += AttackRow("density ratio (DOMIAS)", p.density_attack);
  html += "</table>\n";
  if (!p.attribute_risks.empty()) {
    html += "<h3>Attribute inference</h3><p>An attacker who knows a person's <b>";
    for (std::size_t i = 0; i < p.quasi_identifiers.size(); ++i) {
      html += (i ? ", " : "") + Escape(p.quasi_identifiers[i]);
    }
    html += fmt::format(
        "</b> takes the 5 synthetic rows nearest on those and guesses every other column by "
        "majority vote (numeric columns on deciles). What matters is how much better the guess is "
        "for people in the training data than for unseen people: that difference is what the "
        "synthetic data leaks about individuals (largest difference: {}).</p>\n<table "
        "class=\"data\"><tr><th>column</th><th>accuracy, training rows</th><th>accuracy, unseen "
        "rows</th><th>most-frequent-value baseline</th></tr>\n",
        Pct(p.attribute_inference_risk));
    for (const auto& a : p.attribute_risks) {
      html += fmt::format("<tr><td>{}</td><td class=num>{}</td><td class=num>{}</td>"
                          "<td class=num>{}</td></tr>\n", Escape(a.column), Pct(a.member_accuracy),
                          Pct(a.holdout_accuracy), Pct(a.baseline_accuracy));
    }
    html += "</table>\n";
  }
  html += "<h3>What these numbers do and do not prove</h3><ul>"
          "<li>They show how close the synthetic rows sit to the real people, and how well a few "
          "specific attacks do. A failed attack is evidence, not proof: a stronger attack (a "
          "shadow model, an attacker with more background knowledge) may still succeed.</li>"
          "<li>Only differential privacy gives a guarantee against every attack. The empirical ε "
          "is a <i>lower</i> bound: the true ε of the process is at least this (with the stated "
          "confidence, for one threshold; taking the best threshold makes it optimistic), never "
          "at most.</li><li>An alarm means the data should not be shared as is; no alarm means "
          "these checks found nothing.</li></ul>\n";
  return html;
}

std::string Methodology(const EvaluateReport& r) {
  std::string html =
      "<h2>Methodology</h2><dl class=\"method\">"
      "<dt>Column shapes and pair trends</dt><dd>SDMetrics Quality Report (classic): KSComplement "
      "= 1 − max|CDF<sub>real</sub> − CDF<sub>syn</sub>|, TVComplement = 1 − ½Σ|p<sub>real</sub> − "
      "p<sub>syn</sub>|; CorrelationSimilarity = 1 − |ρ<sub>real</sub> − ρ<sub>syn</sub>|/2; "
      "ContingencySimilarity on 10 equal-width bins. Overall = mean of the two. The “important "
      "pairs” variant (SDMetrics ≥ 0.27) keeps pairs with real |ρ| &gt; 0.5 or Cramér's V &gt; 0.3.</dd>"
      "<dt>Accuracy</dt><dd>MOSTLY AI: columns cut into ≤ 10 bins (deciles / top 10 categories), "
      "1 − ½Σ|f<sub>real</sub> − f<sub>syn</sub>| over single columns, pairs and triples.</dd>"
      "<dt>Synthetic Quality Score</dt><dd>Gretel: field correlation stability, field distribution "
      "stability (Jensen–Shannon) and deep structure stability (2-component PCA), 0–100.</dd>"
      "<dt>Discriminator</dt><dd>XGBoost trees (100 rounds, depth 6) told real from synthetic rows "
      "(equal numbers; numbers as they are, categories as codes, nulls missing); ROC AUC averaged "
      "over stratified cross-validation folds. 0.5 = indistinguishable, 1 = always told apart.</dd>"
      "<dt>Grades</dt><dd>0–1 scores: Excellent ≥ 0.95, Good ≥ 0.90, Moderate ≥ 0.80, Poor ≥ 0.70. "
      "Discriminator AUC: Excellent ≤ 0.55, Good ≤ 0.60, Moderate ≤ 0.70, Poor ≤ 0.85. Utility "
      "ratio: Excellent ≥ 0.98, Good ≥ 0.95, Moderate ≥ 0.90, Poor ≥ 0.80. SQS: Gretel's grades.</dd>"
      "<dt>Privacy distance</dt><dd>Mean over columns of |Δ|/range (numeric, capped at 1) or 0/1 "
      "(categorical); a null is 0 from a null, 1 from a value.</dd></dl>\n";
  if (!r.excluded_columns.empty()) {
    html += "<h3>Columns left out</h3><ul>";
    for (const auto& e : r.excluded_columns) {
      html += fmt::format("<li>{}: {}</li>", Escape(e.name), Escape(e.reason));
    }
    html += "</ul>\n";
  }
  if (r.differential_privacy) {
    const DifferentialPrivacySummary& d = *r.differential_privacy;
    html += "<h3>Differential privacy</h3><p>" + Escape(ersatz::privacy::SummaryLine(d)) + "</p><ul>";
    for (const auto& s : d.spending) {
      html += fmt::format("<li>{}: ε = {:.4g}, δ = {:.3g}</li>", Escape(s.name), s.epsilon, s.delta);
    }
    html += "</ul>\n";
  }
  if (!r.notes.empty()) {
    html += "<h3>Notes</h3><ul>";
    for (const auto& n : r.notes) html += "<li>" + Escape(n) + "</li>";
    html += "</ul>\n";
  }
  return html;
}

}  // namespace

std::string EvaluateReport::ToHtml() const {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>ersatz evaluation report</title>\n<style>";
  html += evaluate::kReportCss;
  html += "</style>\n</head><body>\n<main>\n<h1>Synthetic data evaluation</h1>\n";
  html += fmt::format("<p class=\"lead\">{} real training rows, {} synthetic rows, {} holdout "
                      "rows; {} columns scored.</p>\n",
                      real_rows, synthetic_rows, holdout_rows, columns.size());
  html += "<div class=\"cards\">\n";
  html += Card("Overall fidelity", Num(fidelity.overall), ScoreGrade(fidelity.overall),
               "SDMetrics: mean of column shapes and pair trends");
  html += Card("Accuracy", Num(fidelity.accuracy.overall), ScoreGrade(fidelity.accuracy.overall),
               "MOSTLY AI: uni-, bi- and trivariate, ≤ 10 bins");
  html += Card("Quality score", Num(sqs.score, 0), sqs.grade,
               sqs.not_computed.empty() ? "Gretel SQS, 0–100"
                                        : "Gretel SQS, 0–100; not computed: " + Escape(sqs.not_computed));
  html += Card("Discriminator AUC", Num(fidelity.discriminator_auc),
               DiscriminatorGrade(fidelity.discriminator_auc),
               "real vs synthetic classifier; 0.5 = indistinguishable");
  html += Card("Utility ratio", Num(utility.computed ? utility.ratio : std::nan("")),
               UtilityGrade(utility.computed ? utility.ratio : std::nan("")),
               utility.computed ? fmt::format("{} of '{}': {} synthetic vs {} real",
                                              utility.metric == "r2" ? "R²" : "AUC",
                                              Escape(utility.target), Num(utility.synthetic),
                                              Num(utility.real))
                                : "needs --target and --holdout");
  html += Card("Privacy", privacy.computed ? (privacy.alarm ? "alarm" : "no alarm") : "—",
               !privacy.computed ? "None" : privacy.alarm ? "Alarm" : "No alarm",
               fmt::format("exact copies {}, DCR share {}, attack AUC {}",
                           Pct(privacy.exact_copy_rate), Num(privacy.dcr_share),
                           Num(privacy.mia_auc)));
  html += GuaranteeCard(differential_privacy);
  html += "</div>\n";
  html += fmt::format("<p>Column shapes {} · pair trends {} (important pairs {}) · accuracy "
                      "univariate {} / bivariate {} / trivariate {}</p>\n",
                      Num(fidelity.column_shapes), Num(fidelity.column_pair_trends),
                      Num(fidelity.column_pair_trends_important), Num(fidelity.accuracy.univariate),
                      Num(fidelity.accuracy.bivariate), Num(fidelity.accuracy.trivariate));
  html += FidelitySection(*this) + UtilitySection(*this) + PrivacySection(*this) +
          Methodology(*this);
  html += "</main>\n<script type=\"application/json\" id=\"ersatz-data\">";
  html += ScriptSafe(ToJson());
  html += "</script>\n<script>";
  html += ScriptSafe(evaluate::kChartJsSource);
  html += "</script>\n<script>";
  html += evaluate::kReportScript;
  html += "</script>\n</body></html>\n";
  return html;
}

std::string EvaluateReport::Headline() const {
  std::string text = fmt::format(
      "fidelity {} (shapes {}, pair trends {}), accuracy {}, SQS {}, discriminator AUC {}\n",
      Num(fidelity.overall), Num(fidelity.column_shapes), Num(fidelity.column_pair_trends),
      Num(fidelity.accuracy.overall),
      std::isfinite(sqs.score) ? fmt::format("{} ({})", Num(sqs.score, 0), sqs.grade)
                               : fmt::format("not computed: {}", sqs.not_computed),
      Num(fidelity.discriminator_auc));
  if (std::isfinite(sqs.score) && !sqs.not_computed.empty()) text += "  SQS note: " + sqs.not_computed + "\n";
  if (utility.computed) {
    text += fmt::format("utility '{}' ({}): real {}, synthetic {}, ratio {}\n", utility.target,
                        utility.metric, Num(utility.real), Num(utility.synthetic), Num(utility.ratio));
  }
  if (privacy.computed) {
    text += fmt::format("privacy: exact copies {}, DCR share {}, NNDR {}, membership-inference AUC "
                        "{}{}\n",
                        Pct(privacy.exact_copy_rate), Num(privacy.dcr_share), Num(privacy.nndr),
                        Num(privacy.mia_auc), privacy.alarm ? " — ALARM" : " — no alarm");
    for (const auto& reason : privacy.alarm_reasons) text += "  alarm: " + reason + "\n";
  }
  if (differential_privacy) text += "differential privacy: " + ersatz::privacy::SummaryLine(*differential_privacy) + "\n";
  return text;
}

}  // namespace ersatz
