#include "transform/detect/headers.h"

#include <array>

namespace ersatz::transform {

namespace {

struct EntityWords {
  PiiEntity entity;
  std::vector<std::string_view> words;  // "first name": two adjacent words, or written as one
};

// Words that name an entity, in the languages of the dictionaries (en, de, fr, es, it) and the
// abbreviations exports use (`fn`, `ln`, `ph`, `tin`).
const std::vector<EntityWords>& Hints() {
  static const std::vector<EntityWords> hints = {
      {PiiEntity::kEmail, {"email", "mail", "e mail", "eml", "courriel", "correo", "posta elettronica"}},
      {PiiEntity::kPhone, {"phone", "tel", "telephone", "mobile", "cell", "fax", "telefon", "telefono", "handy",
                           "mobil", "ph", "phn", "mob", "portable", "cellulare", "movil", "rufnummer"}},
      {PiiEntity::kCreditCard, {"card", "cc", "ccn", "credit card", "card number", "pan", "kreditkarte",
                                "kartennummer", "tarjeta", "carta", "carte"}},
      {PiiEntity::kIban, {"iban", "bank account", "account", "acct", "kontonummer", "bankverbindung", "rib", "conto",
                          "cuenta"}},
      {PiiEntity::kUsSsn, {"ssn", "social security", "social", "soc sec", "ss no", "ss number", "tax id",
                           "tax number", "tax no", "taxid", "tin", "itin", "taxpayer"}},
      {PiiEntity::kIpAddress, {"ip", "ip address", "ipv", "client ip"}},
      {PiiEntity::kMacAddress, {"mac", "mac address", "hwaddr", "hw addr", "bssid"}},
      {PiiEntity::kUrl, {"url", "uri", "website", "homepage", "link", "web", "www", "webseite", "site", "sitio",
                         "sito"}},
      {PiiEntity::kDateOfBirth, {"dob", "birth", "birthday", "birthdate", "born", "bdate", "bday", "geburtsdatum",
                                 "geburtstag", "geb", "naissance", "nacimiento", "nascita"}},
      {PiiEntity::kPersonName, {"name", "full name", "fullname", "customer", "cust", "patient", "person", "contact",
                                "employee", "holder", "nm", "kunde", "ansprechpartner", "client", "cliente", "titular",
                                "titulaire", "nominativo"}},
      {PiiEntity::kFirstName, {"first name", "firstname", "given", "given name", "forename", "fn", "fname", "f name",
                               "vorname", "prenom", "nombre", "nome"}},
      {PiiEntity::kLastName, {"last name", "lastname", "surname", "family name", "ln", "lname", "l name", "sn",
                              "nachname", "familienname", "nom", "apellido", "apellidos", "cognome"}},
      {PiiEntity::kStreetAddress, {"address", "street", "addr", "adr", "adresse", "anschrift", "strasse", "direccion",
                                   "domicilio", "calle", "indirizzo", "residenza", "rue"}},
      {PiiEntity::kPostalCode, {"zip", "zipcode", "zip code", "postal", "postcode", "postal code", "plz",
                                "postleitzahl", "cap", "cp"}},
      {PiiEntity::kLatitudeLongitude, {"lat", "latitude", "lon", "lng", "long", "longitude", "coordinates", "coords",
                                       "geo", "location", "gps"}},
      {PiiEntity::kUkNino, {"nino", "nin", "national insurance", "ni number", "ni no"}},
      {PiiEntity::kEsNif, {"nif", "dni", "nie", "documento"}},
  };
  return hints;
}

// Words that say a column is something else that the entity's values can look like.
const std::vector<EntityWords>& Contradictions() {
  static const std::vector<std::string_view> not_a_person = {
      "product", "item", "sku", "city", "town", "country", "state", "company", "brand", "model", "category",
      "version", "order", "invoice", "code", "team", "store", "shop", "region", "street", "road", "job", "title",
      "role", "occupation", "employer", "vendor", "merchant", "org", "organisation", "organization", "color",
      "colour", "device", "file", "ort", "stadt", "ville", "ciudad", "citta", "comune", "land", "pays", "pais",
      "paese", "firma", "empresa", "azienda", "entreprise", "beruf", "profession", "puesto", "professione"};
  static const std::vector<EntityWords> words = {
      {PiiEntity::kIpAddress, {"version", "ver", "build", "release", "firmware", "fw", "revision", "rev", "oid",
                               "semver"}},
      {PiiEntity::kPhone, {"version", "ver", "build", "release", "isbn", "ean", "gtin", "upc", "barcode", "sku",
                           "serial", "tracking", "parcel", "order", "invoice", "price", "amount", "model", "imei"}},
      {PiiEntity::kCreditCard, {"isbn", "ean", "gtin", "upc", "barcode", "tracking", "parcel", "imei", "serial",
                                "order", "invoice", "shipment", "iccid"}},
      {PiiEntity::kPostalCode, {"part", "model", "sku", "item", "product", "store", "branch", "warehouse", "qty",
                                "quantity", "count", "year", "amount", "price", "phone"}},
      {PiiEntity::kUsSsn, {"routing", "aba", "order", "invoice", "phone", "zip"}},
      {PiiEntity::kLatitudeLongitude, {"score", "price", "amount", "ratio", "rate", "temperature", "reading",
                                       "value", "sensor", "delta", "balance", "total"}},
      {PiiEntity::kStreetAddress, {"ip", "mac", "email", "mail", "web", "url"}},
      {PiiEntity::kPersonName, not_a_person},
      {PiiEntity::kFirstName, not_a_person},
      {PiiEntity::kLastName, not_a_person},
  };
  return words;
}

// ASCII for the Latin-1 letters of UTF-8 (C3 80..BF); nullptr for the others.
const char* FoldLatin1(unsigned char second) {
  static const std::array<const char*, 64> folded = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // À..Ï
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", nullptr, "ss",  // Ð..ß
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // à..ï
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", nullptr, "y"};  // ð..ÿ
  return second >= 0x80 && second <= 0xBF ? folded[second - 0x80] : nullptr;
}

enum class CharKind { kSeparator, kLower, kUpper, kDigit };

bool Matches(const std::vector<std::string>& words, std::string_view hint) {
  const auto space = hint.find(' ');
  if (space == std::string_view::npos) {
    for (const auto& w : words) {
      if (w == hint) return true;
      // Compounds: "telefonnummer", "kundenname", "homephone" (short hints would match too much).
      if (hint.size() >= 5 && w.size() > hint.size() &&
          (w.compare(0, hint.size(), hint) == 0 || w.compare(w.size() - hint.size(), hint.size(), hint) == 0)) {
        return true;
      }
    }
    return false;
  }
  const std::string_view first = hint.substr(0, space), second = hint.substr(space + 1);
  std::string joined(first);
  joined += second;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == joined) return true;  // "firstname", "zipcode"
    if (i + 1 < words.size() && words[i] == first && words[i + 1] == second) return true;
  }
  return false;
}

bool AnyWord(const std::vector<EntityWords>& table, const std::vector<std::string>& words, PiiEntity entity) {
  for (const EntityWords& e : table) {
    if (e.entity != entity) continue;
    for (std::string_view w : e.words) {
      if (Matches(words, w)) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> HeaderWords(std::string_view header) {
  // Each character folded to lower-case ASCII with its kind; a word ends at a separator, at a
  // letter/digit boundary and at camelCase humps ("customerEmail", "SSNumber" → ss, number).
  std::vector<std::pair<std::string, CharKind>> chars;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(header[i]);
    if (c == 0xC3 && i + 1 < header.size()) {
      const unsigned char next = static_cast<unsigned char>(header[i + 1]);
      if (const char* ascii = FoldLatin1(next)) {
        chars.emplace_back(ascii, next < 0xA0 && next != 0x9F ? CharKind::kUpper : CharKind::kLower);
        ++i;
        continue;
      }
    }
    if (c >= 'a' && c <= 'z') {
      chars.emplace_back(std::string(1, static_cast<char>(c)), CharKind::kLower);
    } else if (c >= 'A' && c <= 'Z') {
      chars.emplace_back(std::string(1, static_cast<char>(c - 'A' + 'a')), CharKind::kUpper);
    } else if (c >= '0' && c <= '9') {
      chars.emplace_back(std::string(1, static_cast<char>(c)), CharKind::kDigit);
    } else {
      chars.emplace_back("", CharKind::kSeparator);
    }
  }
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const CharKind kind = chars[i].second;
    if (kind == CharKind::kSeparator) {
      flush();
      continue;
    }
    if (i > 0) {
      const CharKind prev = chars[i - 1].second;
      const bool next_lower = i + 1 < chars.size() && chars[i + 1].second == CharKind::kLower;
      if ((kind == CharKind::kDigit) != (prev == CharKind::kDigit) && prev != CharKind::kSeparator) flush();
      if (kind == CharKind::kUpper && (prev == CharKind::kLower || (prev == CharKind::kUpper && next_lower))) flush();
    }
    current += chars[i].first;
  }
  flush();
  return words;
}

bool HeaderNames(const std::vector<std::string>& words, PiiEntity entity) { return AnyWord(Hints(), words, entity); }

bool HeaderContradicts(const std::vector<std::string>& words, PiiEntity entity) {
  return AnyWord(Contradictions(), words, entity);
}

}  // namespace ersatz::transform
