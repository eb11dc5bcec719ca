// Operators: consistent under one key, different under another, intervals kept by date shift,
// checksums kept by fakes, the key never in the output.
#include <gtest/gtest.h>

#include "ersatz/transform.h"
#include "transform/test_key.h"
#include "transform/detect/detectors.h"
#include "transform/operators.h"

namespace ersatz::transform {
namespace {

TEST(Operators, SameKeySameFakeEverywhereAndAnotherKeyAnotherFake) {
  Operators a(Key(1), "default", "en"), again(Key(1), "default", "en"), other(Key(2), "default", "en");
  for (PiiEntity e : {PiiEntity::kFirstName, PiiEntity::kEmail, PiiEntity::kPersonName}) {
    const std::string value = e == PiiEntity::kEmail ? "alice@example.org" : "Alice";
    EXPECT_EQ(a.Fake(e, value), again.Fake(e, value));
    EXPECT_NE(a.Fake(e, value), other.Fake(e, value));
    EXPECT_NE(a.Fake(e, value), value);
  }
  EXPECT_EQ(a.Hash("Alice", 16), again.Hash("Alice", 16));
  EXPECT_NE(a.Hash("Alice", 16), other.Hash("Alice", 16));
  EXPECT_EQ(a.Hash("Alice", 16).size(), 16u);
}

TEST(Operators, FakesAreValidValuesOfTheirEntity) {
  Operators ops(Key(3), "default", "en");
  EXPECT_TRUE(IsCreditCard(ops.Fake(PiiEntity::kCreditCard, "4111 1111 1111 1111")));
  EXPECT_TRUE(IsIban(ops.Fake(PiiEntity::kIban, "DE89 3704 0044 0532 0130 00")));
  EXPECT_EQ(UsSsnStrength(ops.Fake(PiiEntity::kUsSsn, "123-45-6789")), Strength::kStrong);
  EXPECT_TRUE(IsEmail(ops.Fake(PiiEntity::kEmail, "bob@corp.com")));
  EXPECT_TRUE(IsMacAddress(ops.Fake(PiiEntity::kMacAddress, "00:1a:2b:3c:4d:5e")));
  EXPECT_TRUE(IsIpAddress(ops.Fake(PiiEntity::kIpAddress, "192.168.1.20")));
  EXPECT_TRUE(IsEsNif(ops.Fake(PiiEntity::kEsNif, "12345678Z")));
  EXPECT_TRUE(IsUkNino(ops.Fake(PiiEntity::kUkNino, "AB 12 34 56 C")));
  const std::string card = ops.Fake(PiiEntity::kCreditCard, "4111-1111-1111-1111");
  EXPECT_EQ(card.substr(0, 2), "41");  // network kept
  EXPECT_EQ(card[4], '-');             // separators kept
}

TEST(Operators, FakeNamesFollowTheLocale) {
  Operators de(Key(4), "default", "de");
  const std::string street = de.Fake(PiiEntity::kStreetAddress, "Hauptstraße 5");
  EXPECT_TRUE(IsStreetAddress(street)) << street;
}

TEST(Operators, DateShiftKeepsTheIntervalsOfOneEntity) {
  Operators ops(Key(5), "default", "en");
  const std::string admitted = ops.DateShift("2020-03-01", "patient-17", 180);
  const std::string discharged = ops.DateShift("2020-03-11", "patient-17", 180);
  long long a = 0, b = 0;
  ASSERT_TRUE(ParseDate(admitted, &a));
  ASSERT_TRUE(ParseDate(discharged, &b));
  EXPECT_EQ(b - a, 10);
  EXPECT_NE(admitted, "2020-03-01");
  EXPECT_EQ(ops.DateShift("01.03.2020", "patient-17", 180).size(), 10u);  // format kept
  EXPECT_EQ(ops.DateShift("not a date", "patient-17", 180), "");
}

TEST(Operators, MaskRoundBucketAndNoise) {
  EXPECT_EQ(Operators::Mask("4111 1111 1111 1234", 0, 4, "*"), "**** **** **** 1234");
  EXPECT_EQ(Operators::Mask("Zoë", 1, 0, "#"), "Z##");
  EXPECT_EQ(Operators::Round("1234.5", 100), "1200");
  EXPECT_EQ(Operators::Bucket("37", 10), "30-40");
  EXPECT_EQ(Operators::Round("abc", 10), "");
  Operators ops(Key(6), "default", "en");
  EXPECT_EQ(ops.Noise("50000", 1000), ops.Noise("50000", 1000));
  EXPECT_NE(ops.Noise("50000", 1000), "50000");
}

TEST(Operators, ReplacesTheEntitiesInsideFreeText) {
  Operators ops(Key(7), "default", "en");
  const std::string text = "Write to alice@example.com or call (212) 734-5678.";
  EXPECT_EQ(ops.ReplaceEntities(text, TransformOp::kRedact, "US"), "Write to <EMAIL> or call <PHONE>.");
  const std::string faked = ops.ReplaceEntities(text, TransformOp::kFake, "US");
  EXPECT_EQ(faked.find("alice@example.com"), std::string::npos);
  EXPECT_EQ(faked.find("734-5678"), std::string::npos);
}

}  // namespace
}  // namespace ersatz::transform
