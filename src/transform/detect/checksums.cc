#include "transform/detect/checksums.h"

#include <cctype>
#include <map>

namespace ersatz::transform {

std::string DigitsOnly(std::string_view text) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.') {
      return {};
    }
  }
  return digits;
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

char LuhnCheckDigit(std::string_view digits_without_check) {
  int sum = 0;
  bool twice = true;  // the check digit will be the rightmost, so its neighbour is doubled
  for (auto it = digits_without_check.rbegin(); it != digits_without_check.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool KnownCardPrefix(std::string_view d) {
  if (d.size() < 13 || d.size() > 19) return false;
  const int two = (d[0] - '0') * 10 + (d[1] - '0');
  const int four = two * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  if (d[0] == '4') return d.size() == 13 || d.size() == 16 || d.size() == 19;           // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return d.size() == 16;  // MC
  if (two == 34 || two == 37) return d.size() == 15;                                     // Amex
  if (four == 6011 || two == 65 || (four >= 6440 && four <= 6499)) return d.size() >= 16;  // Discover
  if (four >= 3528 && four <= 3589) return d.size() >= 16;                                // JCB
  if (two == 36 || two == 38 || (four >= 3000 && four <= 3059)) return d.size() >= 14;    // Diners
  return false;
}

namespace {
// Lengths of whole IBANs per country (ISO 13616 registry, the countries most often met).
const std::map<std::string_view, int>& IbanLengths() {
  static const std::map<std::string_view, int> lengths = {
      {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24},
      {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22},
      {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21},
      {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15},
      {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
      {"TR", 26}, {"AE", 23}, {"SA", 24}, {"BR", 29}, {"IL", 23}, {"UA", 29},
  };
  return lengths;
}

// Remainder mod 97 of the rearranged IBAN (BBAN, country, check digits; letters as 10..35).
int IbanRemainder(std::string_view rearranged) {
  int rem = 0;
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      return -1;
    }
  }
  return rem;
}
}  // namespace

bool IbanValid(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (!std::isupper(static_cast<unsigned char>(s[0])) || !std::isupper(static_cast<unsigned char>(s[1])) ||
      !std::isdigit(static_cast<unsigned char>(s[2])) || !std::isdigit(static_cast<unsigned char>(s[3]))) {
    return false;
  }
  auto it = IbanLengths().find(s.substr(0, 2));
  if (it == IbanLengths().end() || it->second != static_cast<int>(s.size())) return false;
  std::string rearranged(s.substr(4));
  rearranged.append(s.substr(0, 4));
  return IbanRemainder(rearranged) == 1;
}

std::string IbanCheckDigits(std::string_view country, std::string_view bban) {
  std::string rearranged(bban);
  rearranged.append(country);
  rearranged.append("00");
  const int check = 98 - IbanRemainder(rearranged);
  return {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10)};
}

bool UsSsnValid(std::string_view d) {
  if (d.size() != 9) return false;
  const int area = std::stoi(std::string(d.substr(0, 3)));
  const int group = std::stoi(std::string(d.substr(3, 2)));
  const int serial = std::stoi(std::string(d.substr(5, 4)));
  return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

bool UkNinoValid(std::string_view s) {
  if (s.size() != 9) return false;
  constexpr std::string_view kNeverFirst = "DFIQUV";
  constexpr std::string_view kNeverSecond = "DFIQUVO";
  if (!std::isupper(static_cast<unsigned char>(s[0])) || !std::isupper(static_cast<unsigned char>(s[1]))) return false;
  if (kNeverFirst.find(s[0]) != std::string_view::npos || kNeverSecond.find(s[1]) != std::string_view::npos) {
    return false;
  }
  const std::string_view prefix = s.substr(0, 2);
  for (std::string_view bad : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}) {
    if (prefix == bad) return false;
  }
  for (int i = 2; i < 8; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return s[8] >= 'A' && s[8] <= 'D';
}

char EsNifLetter(unsigned long number) {
  constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  return kLetters[number % 23];
}

bool EsNifValid(std::string_view s) {
  if (s.size() != 9) return false;
  std::string digits;
  std::size_t i = 0;
  if (s[0] == 'X' || s[0] == 'Y' || s[0] == 'Z') {
    digits.push_back(static_cast<char>('0' + (s[0] - 'X')));
    i = 1;
  }
  for (; i < 8; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    digits.push_back(s[i]);
  }
  return s[8] == EsNifLetter(std::stoul(digits));
}

}  // namespace ersatz::transform
