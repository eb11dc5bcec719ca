// PII detection and transformation: `ersatz scan` finds the personal data of a CSV column by
// column (and inside free text), `ersatz transform` replaces it consistently under a secret key.
// Entity names and operators are documented in docs/pii.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ersatz/csv.h"

namespace ersatz {

// The one list of entity types (docs/pii.md); names as EntityName spells them.
enum class PiiEntity : std::uint8_t {
  kEmail,
  kPhone,
  kCreditCard,
  kIban,
  kUsSsn,
  kIpAddress,
  kMacAddress,
  kUrl,
  kDateOfBirth,
  kPersonName,
  kFirstName,
  kLastName,
  kStreetAddress,
  kPostalCode,
  kLatitudeLongitude,
  kUkNino,   // UK National Insurance number
  kEsNif,    // Spanish DNI / NIE (check letter)
};
inline constexpr int kPiiEntityCount = 17;

std::string_view EntityName(PiiEntity entity);  // "EMAIL", "PHONE", ...
// Inverse of EntityName; false when `name` is not an entity.
bool ParseEntityName(std::string_view name, PiiEntity* entity);

// One entity found inside a text: bytes [begin, end).
struct TextEntity {
  PiiEntity entity;
  std::size_t begin = 0;
  std::size_t end = 0;
  double confidence = 0;
  std::string_view explanation;  // static text, e.g. "13-19 digits passing the Luhn checksum"
};

// The decision for one column, with every reason that led to it.
struct ColumnFinding {
  std::string column;
  std::optional<PiiEntity> entity;  // none: not PII as a whole column
  double confidence = 0;
  std::vector<std::string> reasons;
  bool free_text = false;                   // long, varied text: scanned cell by cell
  std::vector<PiiEntity> entities_in_text;  // what the cell-by-cell scan found
};

struct ScanOptions {
  // Decisions are made on at most this many non-missing values per column, drawn evenly from
  // the whole file (scan) or from its first rows (transform, which reads the file once).
  std::size_t sample_rows = 2000;
  std::string default_region = "US";  // phone numbers written without a country code
};

struct ScanReport {
  std::string source;
  std::size_t rows = 0;
  std::size_t bytes = 0;
  std::vector<ColumnFinding> columns;
  // {"columns": [{"column", "entity" (or null), "confidence", "reasons", "free_text",
  //   "entities_in_text"}...], "rows", "source"}
  std::string ToJson() const;
  std::string ToText() const;  // one aligned line per column: column, entity, confidence, why
};

// Reads `path` in bounded chunks and classifies every column.
ScanReport ScanCsvFile(const std::string& path, const CsvReadOptions& options,
                       const ScanOptions& scan_options = {});

// Classifies the columns of cells already split (column-major: cells[c][i]).
std::vector<ColumnFinding> ClassifyColumns(const std::vector<std::string>& header,
                                           const std::vector<std::vector<std::string>>& cells,
                                           const ScanOptions& options = {});

// Entities found inside free text, left to right, not overlapping.
std::vector<TextEntity> FindEntitiesInText(std::string_view text,
                                           std::string_view default_region = "US");

// The secret behind every fake and hash: 32 bytes, never written into outputs or logs.
class TransformKey {
 public:
  // Reads the key file; when it does not exist, creates it (mode 0600, its missing folders 0700)
  // from OpenSSL's CSPRNG and sets *created. IoError when it cannot be read or written;
  // ParameterError when it is not a key (64 hex digits), when other users may read or write it,
  // or when it is no secret (all 32 bytes the same, e.g. all zeros).
  static TransformKey LoadOrCreate(const std::string& path, bool* created = nullptr);
  static TransformKey FromBytes(const std::array<std::uint8_t, 32>& bytes);
  const std::array<std::uint8_t, 32>& bytes() const { return bytes_; }

 private:
  std::array<std::uint8_t, 32> bytes_{};
};

// The key file used when none is given, by the XDG rules: $XDG_CONFIG_HOME/ersatz/transform.key,
// else $HOME/.config/ersatz/transform.key (relative values are ignored, as the rules say).
// ParameterError naming --key-file when neither is set: never the current folder.
std::string DefaultKeyPath();
// The key a transform uses: `given` (--key-file), else `config_key_file` (a transform.yaml's
// key-file), else DefaultKeyPath().
std::string ChooseKeyPath(const std::string& given, const std::string& config_key_file);

// Operators (docs/pii.md).
enum class TransformOp : std::uint8_t {
  kKeep,
  kDrop,
  kFake,
  kHash,
  kMask,
  kRedact,
  kDateShift,
  kNoise,
  kRound,
  kBucket,
  kReplaceEntities,  // free text: the entities inside it are replaced (by `with`)
};
std::string_view OperatorName(TransformOp op);

// One rule of the policy: which columns (selectors, all given ones must hold) and what to do.
struct TransformRule {
  std::string column_pattern;           // glob on the column name ('*', '?'), "" = any
  std::optional<PiiEntity> entity;      // detected entity type
  bool any_entity = false;              // `entity: any`: whatever entity was detected
  std::optional<bool> free_text;        // condition on the column being free text
  TransformOp op = TransformOp::kKeep;
  // Operator parameters (those the operator does not use keep their defaults).
  int keep_first = 0, keep_last = 0;    // mask
  std::string mask_char = "*";          // mask
  std::string text;                     // redact: replacement ("" = "<ENTITY>" or "[REDACTED]")
  int length = 16;                      // hash: hex digits kept
  int max_days = 180;                   // date_shift: offsets in [-max_days, max_days]
  std::string entity_column;            // date_shift: one offset per value of this column
  double scale = 0;                     // noise: standard deviation, absolute
  double step = 1;                      // round: multiple; bucket: width
  TransformOp with = TransformOp::kRedact;  // replace_entities: fake | hash | redact | mask
  std::string where;                    // "file:line" of the rule, for messages
};

struct TransformPolicy {
  std::vector<TransformRule> rules;  // the first rule that matches a column decides
  std::string locale = "en";         // fakes: en, de, fr, es, it
  std::string scope = "default";     // mixed into every HMAC: same scope, same fakes
  bool is_default = false;
  // The rules as YAML, as the user would write them (printed when the default policy is used).
  std::string ToYaml() const;
};

// Fake detected PII columns, replace the entities inside free text by tags, keep the rest.
TransformPolicy DefaultTransformPolicy();
// Reads the `rules:` list of a YAML file (other top-level keys are the verb's parameters and are
// left to ParamValues). ParameterError naming file:line:column for unknown keys, operators,
// entities and malformed values.
TransformPolicy LoadTransformPolicy(const std::string& path);

struct ColumnAction {
  std::string column;
  std::optional<PiiEntity> entity;
  bool free_text = false;
  TransformOp op = TransformOp::kKeep;
  std::string rule;  // where the deciding rule came from, "default policy" or "no rule"
  // A kept column is still checked value by value: values that are PII on their own evidence
  // (an e-mail after row 2,000, a card number in a comment field) are replaced as the policy
  // replaces a column of that entity; here, how many of each (for prose cells: entities inside).
  std::array<std::size_t, kPiiEntityCount> caught{};
  std::size_t total_caught() const;
};

struct TransformReport {
  std::size_t rows = 0;
  std::size_t bytes_in = 0;
  std::size_t bytes_out = 0;
  std::vector<ColumnAction> actions;
  std::string ToText() const;
};

// Reads `input` in chunks, decides each column's operator from the policy and the detections on
// the first ScanOptions::sample_rows rows, checks every value of the kept columns on its own
// (ColumnAction::caught), and writes the transformed CSV to `output` atomically.
// ParameterError when a rule's column pattern matches no column.
TransformReport TransformCsvFile(const std::string& input, const std::string& output,
                                 const CsvReadOptions& options, const TransformPolicy& policy,
                                 const TransformKey& key, const ScanOptions& scan_options = {});

// The same transformation of cells already in memory (`ersatz fit --transform`, before types are
// inferred, so the model learns the replacements' types): decides on the first
// scan_options.sample_rows rows like TransformCsvFile and returns the transformed cells, missing
// values as empty cells. `report` (optional) receives the decisions. ParameterError naming
// table.source as TransformCsvFile does.
RawTable TransformRawTable(const RawTable& table, const TransformPolicy& policy, const TransformKey& key,
                           const ScanOptions& scan_options = {}, TransformReport* report = nullptr);

}  // namespace ersatz
