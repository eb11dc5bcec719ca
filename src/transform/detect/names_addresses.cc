// Detectors that read the name and street dictionaries: first names, surnames, person names,
// street addresses (structure: house number, street type, units, city, postcode).
#include <algorithm>
#include <string>
#include <vector>

#include "transform/detect/detectors.h"
#include "transform/detect/dictionary.h"
#include "transform/detect/words.h"

namespace ersatz::transform {

bool IsFirstName(std::string_view v) {
  return IsCapitalisedWord(v) && Dictionaries::Get().IsFirstName(v);
}
bool IsLastName(std::string_view v) {
  return IsCapitalisedWord(v) && Dictionaries::Get().IsLastName(v);
}

namespace {

// One capitalised word of letters ("Scheibe", "O'Neil", "Müller-Lüdenscheidt"): a name the
// dictionaries may lack, or any other capitalised word.
bool IsNameShaped(std::string_view v) {
  if (v.size() < 2 || v.size() > 40 || !IsCapitalisedWord(v)) return false;
  return std::none_of(v.begin(), v.end(), [](char c) { return c == '.'; });
}

Strength DictionaryNameStrength(bool in_dictionary, std::string_view v) {
  if (in_dictionary) return Strength::kStrong;
  return IsNameShaped(v) ? Strength::kWeak : Strength::kNone;
}

}  // namespace

Strength FirstNameStrength(std::string_view v) { return DictionaryNameStrength(IsFirstName(v), v); }
Strength LastNameStrength(std::string_view v) { return DictionaryNameStrength(IsLastName(v), v); }

namespace {

// Titles before a name ("Dr.", "Mrs", "Univ.Prof.", "Sig.ra") and degrees or generations after
// it ("Jr.", "MD", "PhD", "B.A.").
bool IsTitle(std::string_view w) {
  static const std::vector<std::string_view> titles = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir",
                                                       "dame", "herr", "frau", "mme", "mlle", "m", "sr", "sra",
                                                       "srta", "don", "sig", "dott", "ing", "lic"};
  if (EndsWith(w, ".")) return true;
  const std::string lower = Lower(w);
  return std::find(titles.begin(), titles.end(), lower) != titles.end();
}

bool IsNameSuffix(std::string_view w) {
  static const std::vector<std::string_view> suffixes = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "md", "phd",
                                                         "dds", "dvm", "esq", "esq.", "mba", "ba", "bsc", "msc"};
  const std::string lower = Lower(w);
  return std::find(suffixes.begin(), suffixes.end(), lower) != suffixes.end() ||
         (w.size() <= 6 && EndsWith(w, ".") && std::count(w.begin(), w.end(), '.') >= 2);  // "B.A.", "M.Sc."
}

// Inside a name: "van", "von", "de", "du", "del", "di", ...
bool IsSurnameParticle(std::string_view w) {
  static const std::vector<std::string_view> particles = {"van", "von", "de", "du", "da", "del", "della", "di",
                                                          "le", "la", "der", "den", "ter", "y", "dos", "das",
                                                          "des", "zu", "bin", "al"};
  return std::find(particles.begin(), particles.end(), w) != particles.end();
}

}  // namespace

bool IsPersonName(std::string_view v) {
  const auto& dict = Dictionaries::Get();
  std::vector<std::string_view> words = Words(v);
  const bool comma = v.find(',') != std::string_view::npos;
  if (!comma) {
    while (words.size() > 2 && IsTitle(words.front())) words.erase(words.begin());
  }
  while (words.size() > 2 && IsNameSuffix(words.back())) words.pop_back();
  if (words.size() < 2 || words.size() > 5) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!IsCapitalisedWord(words[i]) && !(i > 0 && IsSurnameParticle(words[i]))) return false;
  }
  if (comma) {  // "Last, First", "Last, First M."
    return dict.IsFirstName(words[1]) && !dict.IsStreetWord(words.front()) && !IsTitle(words[1]);
  }
  return dict.IsFirstName(words.front()) && (dict.IsLastName(words.back()) || !dict.IsStreetWord(words.back()));
}

namespace {

// "77", "12a", "6/9", "12-14", "3bis".
bool IsHouseNumber(std::string_view w) {
  if (w.empty() || w.size() > 8 || w[0] < '0' || w[0] > '9') return false;
  std::size_t letters = 0;
  for (char c : w) {
    if ((c >= '0' && c <= '9') || c == '/' || c == '-') continue;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    ++letters;
  }
  return letters <= 3;
}

// Street types in the dictionaries (Street, Row, rue, Via, Calle, ...) and German compounds
// (Bergstraße, Dörschnerstr., Ahornweg, Marktplatz).
bool IsStreetType(std::string_view w) {
  const std::string lower = Lower(w);
  if (Dictionaries::Get().IsStreetWord(lower)) return true;
  for (std::string_view suffix : {"str.", "straße", "strasse", "weg", "platz", "allee", "gasse", "ring", "damm",
                                  "ufer", "chaussee", "steig", "pfad"}) {
    if (lower.size() > suffix.size() + 2 && EndsWith(lower, suffix)) return true;
  }
  return false;
}

// Apartment, suite and floor words: "Suite 12", "Apt. 4B", "#12", "Piso 8", "Zimmer 3".
bool IsUnitWord(std::string_view w) {
  static const std::vector<std::string_view> units = {
      "apt", "apt.", "apartment", "suite", "ste", "ste.", "unit", "flat", "floor", "fl", "fl.", "room", "rm",
      "bldg", "building", "studio", "po", "p.o.", "box", "piso", "puerta", "planta", "esc.", "appartamento",
      "piano", "interno", "scala", "zimmer", "stiege", "top", "og", "etage", "étage", "bureau", "bte", "#"};
  const std::string lower = Lower(w);
  return std::find(units.begin(), units.end(), lower) != units.end();
}

// Lower-case words that belong inside street and city names.
bool IsNameParticle(std::string_view w) {
  static const std::vector<std::string_view> particles = {
      "de", "la", "le", "les", "du", "des", "del", "della", "delle", "di", "da", "dei", "el", "los", "las", "y",
      "e", "am", "an", "der", "die", "das", "im", "in", "auf", "sur", "en", "of", "the", "upon", "on", "vial",
      "bis", "ter", "c/", "s/n"};
  return std::find(particles.begin(), particles.end(), w) != particles.end();
}

bool IsNameWord(std::string_view w) { return IsCapitalisedWord(w) || IsNameParticle(w); }

// What may follow the street: units, numbers, cities, states, postal codes ("Suite 12, Millfield,
// OR 97001"), not a sentence.
bool IsAddressTail(const std::vector<std::string_view>& words, std::size_t from) {
  int other = 0;  // "Quarto Secondo lido", "Borgo Miriam calabro": a few, not a sentence
  for (std::size_t i = from; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (IsNameWord(w) || IsUnitWord(w) || IsHouseNumber(w) || w[0] == '#' || w[0] == '(') continue;
    bool has_digit = false;
    for (char c : w) has_digit |= c >= '0' && c <= '9';
    if (has_digit && w.size() <= 10) continue;  // "95145-4752", "LU6E", "N2N5R6"
    if (IsStreetType(w)) continue;               // en-GB "Palmer corners"
    if (++other > 2) return false;
  }
  return true;
}

}  // namespace

Strength StreetAddressStrength(std::string_view v) {
  const auto words = Words(v);
  if (words.size() < 2 || words.size() > 16) return Strength::kNone;
  std::size_t i = 0;
  // "Flat 7, 22 Palmer Road", "Apt 3, ...": a unit before the street.
  if (words.size() > 3 && IsUnitWord(words[0]) && IsHouseNumber(words[1])) i = 2;
  if ((Lower(words[i]) == "po" || Lower(words[i]) == "p.o.") && i + 2 < words.size() && Lower(words[i + 1]) == "box" &&
      IsHouseNumber(words[i + 2])) {
    return IsAddressTail(words, i + 3) ? Strength::kStrong : Strength::kNone;
  }
  // "77 Birch Row ...", "72 rue de la Gare", "81, boulevard Maillot": a number, then a street
  // type within five name words.
  if (IsHouseNumber(words[i])) {
    for (std::size_t j = i + 1; j < words.size() && j <= i + 6; ++j) {
      if (IsStreetType(words[j])) return IsAddressTail(words, j + 1) ? Strength::kStrong : Strength::kNone;
      if (!IsNameWord(words[j])) break;
    }
    return Strength::kNone;
  }
  // "Bergstraße 57", "Via Agustín Calzada 432 Apt. 03", "Calle Mayor 5": a street type, a few name
  // words, then the number.
  if (IsStreetType(words[i])) {
    for (std::size_t j = i + 1; j < words.size() && j <= i + 6; ++j) {
      if (IsHouseNumber(words[j])) return IsAddressTail(words, j + 1) ? Strength::kStrong : Strength::kNone;
      if (!IsNameWord(words[j])) return Strength::kNone;
    }
    // "rue Sandoz", "Via Roma": a street without its number.
    return words.size() <= 6 && IsAddressTail(words, i + 1) ? Strength::kWeak : Strength::kNone;
  }
  // "Svibovac 3c/5", "Kristoffersengrenda 89", "Na Šafránce 38": name words, then the number, the
  // street type left unsaid or one no dictionary holds. Weak: an address under an address header.
  if (IsCapitalisedWord(words[i])) {
    std::size_t j = i + 1;
    while (j < words.size() && j < i + 4 && IsNameWord(words[j])) ++j;
    if (j < words.size() && IsHouseNumber(words[j]) && IsAddressTail(words, j + 1)) return Strength::kWeak;
  }
  return Strength::kNone;
}

bool IsStreetAddress(std::string_view v) { return StreetAddressStrength(v) == Strength::kStrong; }

}  // namespace ersatz::transform
