// Whole-value detectors used to classify columns. Each says how strongly a value is an entity:
// kStrong needs nothing else (a checksum passed, an unmistakable syntax), kWeak counts only
// when the column's header points the same way (a bare 9-digit number as an SSN, a date as a
// date of birth, a 5-digit number as a ZIP code).
#pragma once

#include <optional>
#include <string_view>

#include "ersatz/transform.h"

namespace ersatz::transform {

enum class Strength { kNone, kWeak, kStrong };

Strength DetectValue(PiiEntity entity, std::string_view value, std::string_view region);
// What a strong match of `entity` means, for the reasons of a decision.
std::string_view DetectorExplanation(PiiEntity entity);

// Single detectors (value already trimmed).
bool IsEmail(std::string_view v);
bool IsUrl(std::string_view v);
bool IsIpAddress(std::string_view v);
bool IsMacAddress(std::string_view v);
bool IsCreditCard(std::string_view v);
bool IsIban(std::string_view v);
Strength UsSsnStrength(std::string_view v);
// The characters of a phone number: 7-15 digits, separators, '+', parentheses, an extension
// ("x984", "ext. 12") left out; digits == 0 when `v` is not written like one (or is a date).
struct PhoneShape {
  int digits = 0;
  bool separators = false;      // any of " -./()+"
  bool dialling_marks = false;  // '+' or parentheses
  bool grouped = false;         // three digit groups or more, or dialling marks: written as a phone
  std::string_view number;      // `v` without its extension
};
PhoneShape ShapeOfPhone(std::string_view v);
// Strong: a valid number written with separators. Weak: a valid bare digit string, or a number
// written as a phone number that is not valid for its region.
Strength PhoneStrength(std::string_view v, std::string_view region);
bool IsValidPhone(std::string_view v, std::string_view region);
// A calendar date (no time of day) between 1900 and 2030; *days since the epoch on success.
bool ParseDate(std::string_view v, long long* days = nullptr);
Strength PostalCodeStrength(std::string_view v);
Strength LatLonStrength(std::string_view v);
bool IsUkNino(std::string_view v);
bool IsEsNif(std::string_view v);
// Names and addresses (names_addresses.cc): the dictionaries and the shape of a street address.
bool IsFirstName(std::string_view v);
bool IsLastName(std::string_view v);
// Strong: in the dictionaries; weak: another single capitalised word.
Strength FirstNameStrength(std::string_view v);
Strength LastNameStrength(std::string_view v);
bool IsPersonName(std::string_view v);
// Strong: a house number and a street ("77 Birch Row Suite 12, Millfield, OR 97001", "Bergstraße
// 57", "72 rue de la Gare"); weak: a street without its number ("rue Sandoz").
Strength StreetAddressStrength(std::string_view v);
bool IsStreetAddress(std::string_view v);  // strong

std::string_view Trim(std::string_view v);

// Text long and spaced like a sentence: at least 25 bytes and 4 spaces (per cell on average, for
// a column). Such text is scanned for entities inside it rather than judged whole.
inline constexpr std::size_t kProseBytes = 25, kProseSpaces = 4;
bool LooksLikeProse(std::string_view v);

// The entity one value is on its own evidence, whatever its column (self_evident.cc): a syntax
// or checksum that random data rarely passes (e-mail, URL, IBAN, payment card, NNN-NN-NNNN, IP,
// MAC, UK NINO, Spanish NIF, a valid phone number written with separators). Names, addresses, postcodes,
// coordinates and dates need their column's evidence and are not judged here. One pass over the
// bytes picks the few detectors worth running, so numbers, words and dates cost little.
std::optional<PiiEntity> SelfEvidentEntity(std::string_view value, std::string_view region);

}  // namespace ersatz::transform
