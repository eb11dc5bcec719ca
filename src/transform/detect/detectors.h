// Whole-value detectors used to classify columns. Each says how strongly a value is an entity:
// kStrong needs nothing else (a checksum passed, an unmistakable syntax), kWeak counts only
// when the column's header points the same way (a bare 9-digit number as an SSN, a date as a
// date of birth, a 5-digit number as a ZIP code).
#pragma once

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
Strength PhoneStrength(std::string_view v, std::string_view region);
bool IsValidPhone(std::string_view v, std::string_view region);
// A calendar date (no time of day) between 1900 and 2030; *days since the epoch on success.
bool ParseDate(std::string_view v, long long* days = nullptr);
Strength PostalCodeStrength(std::string_view v);
Strength LatLonStrength(std::string_view v);
bool IsUkNino(std::string_view v);
bool IsEsNif(std::string_view v);
bool IsFirstName(std::string_view v);
bool IsLastName(std::string_view v);
bool IsPersonName(std::string_view v);
bool IsStreetAddress(std::string_view v);

std::string_view Trim(std::string_view v);

}  // namespace ersatz::transform
