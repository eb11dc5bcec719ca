// Each detector with values it must accept and values it must refuse (checksums first).
#include <gtest/gtest.h>

#include "ersatz/transform.h"
#include "transform/detect/checksums.h"
#include "transform/detect/detectors.h"

namespace ersatz::transform {
namespace {

TEST(Checksums, LuhnAcceptsKnownTestCardsAndRejectsOneDigitOff) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("79927398713"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_FALSE(LuhnValid("79927398710"));
  EXPECT_EQ(LuhnCheckDigit("7992739871"), '3');
}

TEST(Detectors, CreditCardNeedsANetworkPrefixAndTheLuhnChecksum) {
  EXPECT_TRUE(IsCreditCard("4111 1111 1111 1111"));
  EXPECT_TRUE(IsCreditCard("5500-0000-0000-0004"));
  EXPECT_TRUE(IsCreditCard("378282246310005"));        // Amex, 15 digits
  EXPECT_FALSE(IsCreditCard("4111 1111 1111 1112"));   // checksum fails
  EXPECT_FALSE(IsCreditCard("1234567812345670"));      // passes Luhn, no network starts with 1
  EXPECT_FALSE(IsCreditCard("4111-1111-1111-111a"));
}

TEST(Detectors, IbanChecksMod97AndTheCountryLength) {
  EXPECT_TRUE(IsIban("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(IsIban("GB82WEST12345698765432"));
  EXPECT_TRUE(IsIban("fr1420041010050500013m02606"));
  EXPECT_FALSE(IsIban("DE89 3704 0044 0532 0130 01"));  // one digit changed
  EXPECT_FALSE(IsIban("DE89370400440532013"));          // too short for DE
  EXPECT_FALSE(IsIban("XX89370400440532013000"));       // no such country
  EXPECT_EQ(IbanCheckDigits("DE", "370400440532013000"), "89");
}

TEST(Detectors, UsSsnRefusesTheNeverIssuedRanges) {
  EXPECT_EQ(UsSsnStrength("123-45-6789"), Strength::kStrong);
  EXPECT_EQ(UsSsnStrength("123456789"), Strength::kWeak);
  EXPECT_EQ(UsSsnStrength("000-45-6789"), Strength::kNone);
  EXPECT_EQ(UsSsnStrength("666-45-6789"), Strength::kNone);
  EXPECT_EQ(UsSsnStrength("912-45-6789"), Strength::kNone);
  EXPECT_EQ(UsSsnStrength("123-00-6789"), Strength::kNone);
  EXPECT_EQ(UsSsnStrength("123-45-0000"), Strength::kNone);
}

TEST(Detectors, EmailUrlIpAndMac) {
  EXPECT_TRUE(IsEmail("alice.martin+news@example.co.uk"));
  EXPECT_FALSE(IsEmail("alice@localhost"));
  EXPECT_FALSE(IsEmail("not an email"));
  EXPECT_TRUE(IsUrl("https://www.example.com/a?b=1"));
  EXPECT_TRUE(IsUrl("www.example.org"));
  EXPECT_FALSE(IsUrl("example"));
  EXPECT_TRUE(IsIpAddress("192.168.0.1"));
  EXPECT_TRUE(IsIpAddress("2001:db8::1"));
  EXPECT_FALSE(IsIpAddress("256.1.1.1"));
  EXPECT_FALSE(IsIpAddress("1.2.3"));
  EXPECT_TRUE(IsMacAddress("00:1A:2b:3C:4d:5E"));
  EXPECT_TRUE(IsMacAddress("00-1a-2b-3c-4d-5e"));
  EXPECT_FALSE(IsMacAddress("00:1A:2b:3C:4d"));
}

TEST(Detectors, PhoneNumbersAreValidatedByLibphonenumber) {
  EXPECT_EQ(PhoneStrength("(212) 734-5678", "US"), Strength::kStrong);
  EXPECT_EQ(PhoneStrength("+44 20 7946 0958", "US"), Strength::kStrong);
  EXPECT_EQ(PhoneStrength("+49 30 12345678", "US"), Strength::kStrong);
  EXPECT_EQ(PhoneStrength("2127345678", "US"), Strength::kWeak);  // bare digits: header decides
  // No US area code starts with 0, but it is written as a phone number: weak, a header decides.
  EXPECT_EQ(PhoneStrength("(012) 345-6789", "US"), Strength::kWeak);
  EXPECT_EQ(PhoneStrength("0160 5560883", "US"), Strength::kWeak);  // a German number, written nationally
  EXPECT_EQ(PhoneStrength("2024-01-15", "US"), Strength::kNone);      // a date
  EXPECT_EQ(PhoneStrength("12345", "US"), Strength::kNone);
}

TEST(Detectors, NationalIdentifiersCheckTheirLetters) {
  EXPECT_TRUE(IsUkNino("AB 12 34 56 C"));
  EXPECT_FALSE(IsUkNino("GB123456A"));  // never-issued prefix
  EXPECT_FALSE(IsUkNino("DA123456A"));  // D never first
  EXPECT_FALSE(IsUkNino("AB123456E"));  // suffix A-D only
  EXPECT_TRUE(IsEsNif("12345678Z"));
  EXPECT_TRUE(IsEsNif("X1234567L"));
  EXPECT_FALSE(IsEsNif("12345678A"));
}

TEST(Detectors, DatesPostalCodesAndCoordinates) {
  long long days = 0;
  EXPECT_TRUE(ParseDate("1985-03-14", &days));
  EXPECT_EQ(days, 5551);
  EXPECT_TRUE(ParseDate("14.03.1985"));
  EXPECT_FALSE(ParseDate("1985-02-30"));
  EXPECT_FALSE(ParseDate("1850-01-01"));
  EXPECT_EQ(PostalCodeStrength("SW1A 1AA"), Strength::kStrong);
  EXPECT_EQ(PostalCodeStrength("K1A 0B1"), Strength::kStrong);
  EXPECT_EQ(PostalCodeStrength("90210"), Strength::kWeak);
  EXPECT_EQ(PostalCodeStrength("ABCDE"), Strength::kNone);
  EXPECT_EQ(LatLonStrength("48.8566, 2.3522"), Strength::kStrong);
  EXPECT_EQ(LatLonStrength("95.1234, 2.3522"), Strength::kNone);
  EXPECT_EQ(LatLonStrength("-122.41942"), Strength::kWeak);
}

TEST(Detectors, NamesAndAddressesComeFromTheDictionaries) {
  EXPECT_TRUE(IsFirstName("Alice"));
  EXPECT_TRUE(IsLastName("Schneider"));
  EXPECT_FALSE(IsFirstName("Widget"));
  EXPECT_TRUE(IsPersonName("Alice Johnson"));
  EXPECT_TRUE(IsPersonName("Johnson, Alice"));
  EXPECT_FALSE(IsPersonName("Ultra Widget Pro"));
  EXPECT_TRUE(IsStreetAddress("1600 Pennsylvania Avenue"));
  EXPECT_TRUE(IsStreetAddress("Hauptstraße 5"));
  EXPECT_TRUE(IsStreetAddress("12 rue de la Paix"));
  EXPECT_FALSE(IsStreetAddress("Main Street"));  // no house number
}

TEST(TextScan, FindsEntitiesInsideSentencesWithTheirPositions) {
  const std::string text =
      "Call Alice Johnson at (212) 734-5678 or write to alice@example.com; card 4111 1111 1111 1111.";
  const auto found = FindEntitiesInText(text);
  std::vector<std::string> names;
  for (const auto& e : found) names.push_back(std::string(EntityName(e.entity)) + "=" + text.substr(e.begin, e.end - e.begin));
  EXPECT_EQ(names, (std::vector<std::string>{"PERSON_NAME=Alice Johnson", "PHONE=(212) 734-5678",
                                             "EMAIL=alice@example.com", "CREDIT_CARD=4111 1111 1111 1111"}));
}

TEST(TextScan, FindsPatternsWithoutDigitsAndSkipsTextThatCannotHoldOne) {
  const std::string text = "See www.example.com or the box ab:cd:ef:ab:cd:ef, asked Maria Garcia";
  std::vector<std::string> names;
  for (const auto& e : FindEntitiesInText(text)) {
    names.push_back(std::string(EntityName(e.entity)) + "=" + text.substr(e.begin, e.end - e.begin));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"URL=www.example.com", "MAC_ADDRESS=ab:cd:ef:ab:cd:ef",
                                             "PERSON_NAME=Maria Garcia"}));
  const auto found = FindEntitiesInText("shipped on time, Maria Garcia said nothing else");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity, PiiEntity::kPersonName);
}

TEST(TextScan, IgnoresNumbersThatFailTheirChecks) {
  EXPECT_TRUE(FindEntitiesInText("order 4111 1111 1111 1112 shipped in 3 days").empty());
}

}  // namespace
}  // namespace ersatz::transform
