// Check digits of identifiers: a passing checksum makes a match certain, a failing one drops it.
#pragma once

#include <string>
#include <string_view>

namespace ersatz::transform {

// Only the digits of `text` (separators removed); empty if any other character but ' ', '-', '.'.
std::string DigitsOnly(std::string_view text);
bool LuhnValid(std::string_view digits);
char LuhnCheckDigit(std::string_view digits_without_check);
// Issuer prefixes of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners).
bool KnownCardPrefix(std::string_view digits);
// ISO 13616: country code, two check digits, BBAN of the country's length; mod 97 == 1.
// `compact` is upper case without spaces.
bool IbanValid(std::string_view compact);
// The two check digits that make "CC??BBAN" valid.
std::string IbanCheckDigits(std::string_view country, std::string_view bban);
// US SSN area/group/serial rules: area not 000, 666 or 900-999; group not 00; serial not 0000.
bool UsSsnValid(std::string_view nine_digits);
// UK National Insurance number: two prefix letters (not D F I Q U V; second not O; not BG GB KN
// NK NT TN ZZ), six digits, suffix A-D. `compact` without spaces, upper case.
bool UkNinoValid(std::string_view compact);
// Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): letter = table[n mod 23].
bool EsNifValid(std::string_view compact);
char EsNifLetter(unsigned long number);

}  // namespace ersatz::transform
