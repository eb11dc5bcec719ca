// Type inference: the rules of docs/type-inference.md, applied to the evidence of one pass over
// each column. Every decision carries a reason that `ersatz profile` shows.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ersatz/error.h"
#include "ersatz/profile.h"
#include "profile/column_evidence.h"
#include "profile/metadata_document.h"
#include "profile/parsed_numbers.h"

namespace ersatz {

namespace {

// Thresholds (docs/type-inference.md explains how they were tuned).
constexpr std::size_t kMinIdentifierRows = 20;  // fewer rows: distinctness proves nothing
constexpr double kTextDistinctShare = 0.5;
constexpr std::size_t kTextMinDistinct = 20;
constexpr double kTextMinMeanWords = 3.0;
constexpr std::size_t kTextMinDistinctMultiWord = 100;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "id", "key", "customer_id", "customerId", "userID", "order.key", ...
bool NameLooksLikeKey(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view exact : {"id", "key", "uuid", "guid", "pk"}) {
    if (lower == exact) return true;
  }
  for (std::string_view sep : {"_", "-", ".", " "}) {
    for (std::string_view word : {"id", "key", "uuid"}) {
      if (EndsWith(lower, std::string(sep) + std::string(word))) return true;
    }
  }
  // camelCase: a lower-case letter then "Id" / "ID".
  return name.size() > 2 && (EndsWith(name, "Id") || EndsWith(name, "ID")) &&
         std::islower(static_cast<unsigned char>(name[name.size() - 3]));
}

std::string Percent(double share) { return fmt::format("{:.0f}%", share * 100); }

ColumnSpec Decide(std::string name, const ColumnEvidence& ev, bool key_name) {
  ColumnSpec spec;
  spec.name = std::move(name);
  auto set = [&spec](SemanticType type, ColumnKind storage, std::string reason) {
    spec.type = type;
    spec.storage = storage;
    spec.reason = std::move(reason);
  };
  const bool no_nulls = ev.non_null == ev.rows;
  // Strings: an identifier, free text or categories, from distinctness and words.
  auto as_strings = [&] {
    const double share = static_cast<double>(ev.distinct) / ev.non_null;
    if (no_nulls && ev.distinct == ev.rows && !ev.any_whitespace && ev.rows >= kMinIdentifierRows) {
      set(SemanticType::kIdentifier, ColumnKind::kText,
          fmt::format("all {} values distinct, without spaces", ev.rows));
    } else if (share > kTextDistinctShare && ev.distinct > kTextMinDistinct) {
      set(SemanticType::kText, ColumnKind::kText,
          fmt::format("{} distinct strings in {} values ({}): too many for categories",
                      ev.distinct, ev.non_null, Percent(share)));
    } else if (ev.mean_words >= kTextMinMeanWords && ev.distinct > kTextMinDistinctMultiWord) {
      set(SemanticType::kText, ColumnKind::kText,
          fmt::format("multi-word strings ({:.1f} words on average), {} distinct", ev.mean_words,
                      ev.distinct));
    } else {
      set(SemanticType::kCategorical, ColumnKind::kCategorical,
          fmt::format("{} distinct strings in {} values", ev.distinct, ev.non_null));
    }
  };
  // Numbers a double would not hold exactly are kept as strings, and the user is told.
  auto inexact_numbers = [&](std::string why) {
    as_strings();
    spec.warning = fmt::format("column '{}': {}, kept as {} so that every digit survives; declare it "
                               "in the metadata if that is not what it is",
                               spec.name, why, SemanticTypeName(spec.type));
    spec.reason += "; " + why;
  };
  if (ev.non_null == 0) {
    set(SemanticType::kCategorical, ColumnKind::kCategorical,
        fmt::format("all {} values are missing", ev.rows));
  } else if (ev.all_integer) {
    if (no_nulls && key_name && ev.integers_distinct) {
      set(SemanticType::kIdentifier, ColumnKind::kInteger,
          fmt::format("{} distinct integers, none missing, and the name looks like a key", ev.rows));
    } else if (no_nulls && ev.integers_increasing && ev.rows >= kMinIdentifierRows) {
      set(SemanticType::kIdentifier, ColumnKind::kInteger,
          fmt::format("integers strictly increasing over all {} rows", ev.rows));
    } else if (ev.wide_integers) {
      inexact_numbers("integers more than 2^53 apart, which a model cannot generate exactly");
    } else {
      set(SemanticType::kInteger, ColumnKind::kInteger,
          fmt::format("all {} non-missing values are integers", ev.non_null));
    }
  } else if (ev.all_number) {
    set(SemanticType::kFloat, ColumnKind::kFloat,
        fmt::format("all {} non-missing values are numbers, some with decimals (up to {})",
                    ev.non_null, ev.float_decimals));
  } else if (ev.all_boolean) {
    spec.boolean_spelling = ev.boolean_spelling;
    set(SemanticType::kBoolean, ColumnKind::kBoolean,
        fmt::format("only the tokens '{}' and '{}'", ev.boolean_spelling.true_text,
                    ev.boolean_spelling.false_text));
  } else if (ev.datetime_format) {
    spec.datetime_format = ev.datetime_format;
    std::string reason =
        ev.mixed_datetime_counts.empty()
            ? fmt::format("all {} non-missing values match {}", ev.non_null, ev.datetime_format->pattern)
            : fmt::format("all {} non-missing values match one of several formats ({}); each is read "
                          "by its own, all are written as the first",
                          ev.non_null, ev.mixed_datetime_counts);
    if (ev.day_month_ambiguous) {
      reason += "; day-first (%d/%m/%Y) fits too, month-first (US) chosen: override the format "
                "in the metadata if the dates are day-first";
    }
    set(SemanticType::kDatetime, ColumnKind::kDatetime, std::move(reason));
  } else if (!ev.beyond_int64.empty()) {
    inexact_numbers(fmt::format("integers beyond the 64-bit range (such as {})", ev.beyond_int64));
  } else if (!ev.unmixable_datetimes.empty()) {
    as_strings();
    spec.warning = fmt::format(
        "column '{}': {}, which cannot be read as one datetime column, so it is kept as {}; write "
        "the dates in one format (or declare one in the metadata) to have them learned as dates",
        spec.name, ev.unmixable_datetimes, SemanticTypeName(spec.type));
    spec.reason += "; " + ev.unmixable_datetimes;
  } else if (!ev.comma_number.empty()) {
    as_strings();
    spec.warning = fmt::format(
        "column '{}': numbers written with commas (such as \"{}\": a decimal comma or thousands "
        "separators) are not read as numbers, so it is kept as {}; write them with a decimal point "
        "and no separators to have them learned as numbers",
        spec.name, ev.comma_number, SemanticTypeName(spec.type));
    spec.reason += "; numbers written with commas";
  } else {
    as_strings();
  }
  return spec;
}

// A column the metadata names: its type wins; storage, format and spelling come from the data
// when the metadata leaves them out.
ColumnSpec ApplyOverride(const RawTable& raw, std::size_t col, const ColumnSpec& given,
                         const std::string& metadata_source) {
  ColumnSpec spec = given;
  spec.storage = DefaultStorage(spec.type);
  spec.reason = fmt::format("set by {}", metadata_source.empty() ? "metadata" : metadata_source);
  const bool needs_data = spec.type == SemanticType::kIdentifier ||
                          (spec.type == SemanticType::kDatetime && !spec.datetime_format) ||
                          (spec.type == SemanticType::kBoolean && !spec.boolean_spelling);
  if (!needs_data) return spec;
  const ColumnEvidence ev = GatherEvidence(raw, col, false);
  switch (spec.type) {
    case SemanticType::kIdentifier:
      if (ev.all_integer) spec.storage = ColumnKind::kInteger;
      break;
    case SemanticType::kBoolean:
      // Data that is not boolean keeps the default spelling; BuildTable then names the bad cell.
      if (ev.all_boolean) spec.boolean_spelling = ev.boolean_spelling;
      break;
    case SemanticType::kDatetime:
      if (!ev.datetime_format) {
        if (ev.non_null == 0) {
          spec.datetime_format = DatetimeFormat{};
          break;
        }
        const std::size_t r = ev.first_non_datetime_row;
        throw DataError(fmt::format(
            "{}: column '{}': declared datetime in {}, but no known format fits \"{}\"; give one "
            "with \"format\"", raw.Where(col, r), spec.name, metadata_source, raw.Field(col, r)));
      }
      spec.datetime_format = ev.datetime_format;
      spec.reason += fmt::format("; format {} inferred", ev.datetime_format->pattern);
      break;
    default: break;
  }
  return spec;
}

}  // namespace

Metadata InferSchema(const RawTable& raw, const Metadata* overrides) {
  return InferSchema(raw, overrides, nullptr);
}

Metadata InferSchema(const RawTable& raw, const Metadata* overrides,
                     std::vector<ParsedNumbers>* parsed) {
  if (overrides != nullptr) {
    for (const auto& spec : overrides->columns) {
      if (std::find(raw.header.begin(), raw.header.end(), spec.name) == raw.header.end()) {
        throw ParameterError(fmt::format("{}: column '{}' is not in {}",
                                         overrides->source.empty() ? "metadata" : overrides->source,
                                         spec.name, raw.source));
      }
    }
  }
  Metadata schema;
  schema.source = raw.source;
  schema.columns.reserve(raw.header.size());
  if (parsed != nullptr) {
    parsed->clear();
    parsed->resize(raw.header.size());
  }
  for (std::size_t c = 0; c < raw.header.size(); ++c) {
    const std::string& name = raw.header[c];
    const ColumnSpec* given = overrides != nullptr ? overrides->Find(name) : nullptr;
    if (given != nullptr) {
      schema.columns.push_back(ApplyOverride(raw, c, *given, overrides->source));
      continue;
    }
    const bool key_name = NameLooksLikeKey(name);
    ParsedNumbers* numbers = parsed != nullptr ? &(*parsed)[c] : nullptr;
    schema.columns.push_back(
        Decide(name, GatherEvidence(raw, c, key_name, false, numbers), key_name));
  }
  return schema;
}

}  // namespace ersatz
