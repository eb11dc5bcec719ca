// Name and address dictionaries, read at run time from Debian's ruby-faker locale files (MIT,
// /usr/share/rubygems-integration/all/gems/faker-*/lib/locales; ERSATZ_FAKER_LOCALES overrides
// the folder). Never fetched: without the package, detection by dictionary is an IoError.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ersatz::transform {

// What fakes draw from, for one locale.
struct LocaleNames {
  std::string locale;
  std::vector<std::string> first_names;
  std::vector<std::string> last_names;
  std::vector<std::string> street_roots;     // whole street names (de) or suffix words (en: Avenue)
  bool suffix_after_name = true;             // "Smith Avenue" (en) or "Via Rossi" (it, es, fr)
  std::vector<std::string> cities;
};

class Dictionaries {
 public:
  // Loaded once per process (thread-safe); IoError when the locale files are missing.
  static const Dictionaries& Get();
  // Lower-cased lookups over every loaded locale.
  bool IsFirstName(std::string_view word) const;
  bool IsLastName(std::string_view word) const;
  bool IsStreetWord(std::string_view word) const;  // suffixes and roots: "avenue", "str.", "rue"
  bool IsCity(std::string_view word) const;
  // Fakes for `locale`; falls back to "en" for a locale not loaded.
  const LocaleNames& Locale(std::string_view locale) const;
  static const std::vector<std::string>& Locales();  // en, de, fr, es, it

 private:
  Dictionaries() = default;
  void Load();
  // Transparent hashing: words are looked up through a lower-cased stack copy, not a new string.
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;
  static bool Contains(const WordSet& set, std::string_view word);
  WordSet first_, last_, street_, city_;
  std::vector<LocaleNames> locales_;
};

std::string Lower(std::string_view text);  // ASCII lower case; other bytes unchanged

}  // namespace ersatz::transform
