#include "transform/detect/dictionary.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

#include "ersatz/error.h"

namespace ersatz::transform {

namespace fs = std::filesystem;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

fs::path FakerLocalesFolder() {
  if (const char* env = std::getenv("ERSATZ_FAKER_LOCALES"); env != nullptr && *env != 0) return env;
  const fs::path gems = "/usr/share/rubygems-integration/all/gems";
  std::error_code ec;
  if (fs::is_directory(gems, ec)) {
    for (const auto& entry : fs::directory_iterator(gems, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("faker-", 0) == 0 && fs::is_directory(entry.path() / "lib/locales")) {
        return entry.path() / "lib/locales";
      }
    }
  }
  throw IoError(
      "name and address dictionaries not found: install Debian's ruby-faker (scripts/install-deps.sh) "
      "or set ERSATZ_FAKER_LOCALES to its lib/locales folder");
}

// Plain entries of a YAML list; templates such as "#{female_first_name}" are skipped.
void AppendPlain(const YAML::Node& node, std::vector<std::string>* out) {
  if (!node || !node.IsSequence()) return;
  for (const auto& item : node) {
    if (!item.IsScalar()) continue;
    const std::string& s = item.Scalar();
    if (s.empty() || s.find("#{") != std::string::npos || s.find('#') != std::string::npos) continue;
    out->push_back(s);
  }
}

// The `faker:` mapping of a locale, merged from `<locale>.yml` or every file of `<locale>/`
// that holds names or addresses.
std::vector<YAML::Node> FakerSections(const fs::path& folder, const std::string& locale) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(folder / (locale + ".yml"))) files.push_back(folder / (locale + ".yml"));
  if (fs::is_directory(folder / locale)) {
    for (const char* part : {"name.yml", "address.yml"}) {
      if (fs::is_regular_file(folder / locale / part)) files.push_back(folder / locale / part);
    }
  }
  std::vector<YAML::Node> sections;
  for (const auto& file : files) {
    try {
      YAML::Node root = YAML::LoadFile(file.string());
      if (root[locale] && root[locale]["faker"]) sections.push_back(root[locale]["faker"]);
    } catch (const YAML::Exception& e) {
      throw IoError(fmt::format("{}: cannot read dictionary: {}", file.string(), e.what()));
    }
  }
  return sections;
}

}  // namespace

const std::vector<std::string>& Dictionaries::Locales() {
  static const std::vector<std::string> locales = {"en", "de", "fr", "es", "it"};
  return locales;
}

const Dictionaries& Dictionaries::Get() {
  static const Dictionaries* dictionaries = [] {
    auto* d = new Dictionaries();
    d->Load();
    return d;
  }();
  return *dictionaries;
}

namespace {

// Locales read for detection only (fakes come from Locales()): regional variants of those
// languages and the other Latin-script languages the files hold names for, as people in one
// table come from many places. Each file is parsed whole at start-up (yaml-cpp), so those that
// add no name to the five above (en-US, en-GB, en-CA, de-AT, de-CH, fr-CA) or few for their size
// (es-AR: 140 KB for ~200 names) are left out.
const std::vector<std::string>& DetectionOnlyLocales() {
  static const std::vector<std::string> locales = {
      "en-AU", "en-NZ", "en-IND", "en-ZA", "en-NG", "en-UG", "fr-CH", "es-MX", "ca", "pt", "pt-BR",
      "nl",    "pl",    "sk",     "lt",    "lv",    "ee",    "fi-FI", "sv",    "da-DK", "nb-NO", "tr", "id"};
  return locales;
}

}  // namespace

void Dictionaries::Load() {
  const fs::path folder = FakerLocalesFolder();
  auto read = [&](const std::string& locale, LocaleNames* names, std::vector<std::string>* street_types) {
    for (const YAML::Node& faker : FakerSections(folder, locale)) {
      if (const YAML::Node name = faker["name"]) {
        AppendPlain(name["first_name"], &names->first_names);
        AppendPlain(name["male_first_name"], &names->first_names);
        AppendPlain(name["female_first_name"], &names->first_names);
        AppendPlain(name["last_name"], &names->last_names);
      }
      if (const YAML::Node address = faker["address"]) {
        AppendPlain(address["street_suffix"], &names->street_roots);
        AppendPlain(address["street_root"], &names->street_roots);
        AppendPlain(address["city_name"], &names->cities);
        AppendPlain(address["city"], &names->cities);
        // Street types: the prefixes where a locale has them (fr: "Avenue" + a person's name, whose
        // names are then its "suffixes"), else the suffixes (en: "Street", it: "Via"); de's roots
        // are whole street names ("Ahornweg").
        AppendPlain(address["street_prefix"] ? address["street_prefix"] : address["street_suffix"], street_types);
        AppendPlain(address["street_root"], street_types);
      }
    }
  };
  std::vector<std::string> street_types;
  for (const std::string& locale : Locales()) {
    LocaleNames names;
    names.locale = locale;
    names.suffix_after_name = locale == "en";
    read(locale, &names, &street_types);
    if (names.first_names.empty() || names.last_names.empty()) {
      throw IoError(fmt::format("{}: no names for locale '{}' in the ruby-faker files", folder.string(), locale));
    }
    for (const auto& n : names.first_names) first_.insert(Lower(n));
    for (const auto& n : names.last_names) last_.insert(Lower(n));
    for (const auto& n : names.cities) city_.insert(Lower(n));
    locales_.push_back(std::move(names));
  }
  for (const std::string& locale : DetectionOnlyLocales()) {
    LocaleNames names;
    read(locale, &names, &street_types);
    for (const auto& n : names.first_names) first_.insert(Lower(n));
    for (const auto& n : names.last_names) last_.insert(Lower(n));
    for (const auto& n : names.cities) city_.insert(Lower(n));
  }
  for (const auto& n : street_types) street_.insert(Lower(n));
  // Common abbreviations and types the locale files spell out in full or leave out.
  for (const char* w : {"st", "st.", "ave", "ave.", "rd", "rd.", "blvd", "blvd.", "dr", "dr.", "ln", "ln.",
                        "ct", "ct.", "pl", "pl.", "way", "road", "street", "lane", "drive", "court", "hwy", "pkwy",
                        "cir", "ter", "trl", "sq", "str.", "straße", "strasse", "weg", "platz", "allee", "gasse",
                        "ring", "damm", "ufer", "rue", "avenue", "av.", "boulevard", "bd", "bd.", "chemin", "impasse",
                        "place", "allée", "quai", "route", "calle", "c/", "avenida", "avda.", "plaza", "paseo",
                        "camino", "ronda", "pasaje", "travesía", "carretera", "rambla", "glorieta", "calzada",
                        "cerrada", "circuito", "privada", "prolongación", "retorno", "andador", "corredor", "eje",
                        "via", "viale", "piazza", "piazzale", "corso", "vicolo", "largo", "strada", "borgo",
                        "contrada", "rotonda", "stretto", "canale"}) {
    street_.insert(w);
  }
}

bool Dictionaries::Contains(const WordSet& set, std::string_view word) {
  char lower[64];
  if (word.size() > sizeof lower) return set.find(Lower(word)) != set.end();
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return set.find(std::string_view(lower, word.size())) != set.end();
}

bool Dictionaries::IsFirstName(std::string_view w) const { return Contains(first_, w); }
bool Dictionaries::IsLastName(std::string_view w) const { return Contains(last_, w); }
bool Dictionaries::IsStreetWord(std::string_view w) const { return Contains(street_, w); }
bool Dictionaries::IsCity(std::string_view w) const { return Contains(city_, w); }

const LocaleNames& Dictionaries::Locale(std::string_view locale) const {
  for (const auto& l : locales_) {
    if (l.locale == locale) return l;
  }
  return locales_.front();
}

}  // namespace ersatz::transform
