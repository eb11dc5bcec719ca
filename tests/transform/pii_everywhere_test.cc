// PII is found wherever it is (issue 13, class 5): past the rows a transform classifies on, in
// columns with terse or meaningless headers, in one-line addresses with unit numbers, in nine
// digits under a tax header; and not where the header says otherwise (a `version` column).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "cli/run_cli.h"
#include "ersatz/transform.h"
#include "transform/test_key.h"
#include "transform/detect/detectors.h"
#include "transform/detect/headers.h"
#include "transform/operators.h"

namespace ersatz::transform {
namespace {

const ColumnAction& ActionOf(const TransformReport& report, const std::string& column) {
  for (const auto& a : report.actions) {
    if (a.column == column) return a;
  }
  throw std::runtime_error("no column " + column);
}

// 3,000 rows; the e-mails of `contact` start at row 2,001, after the rows the column is judged on.
std::string LateEmailsCsv() {
  std::string text = "id,contact,amount\n";
  for (int i = 1; i <= 3000; ++i) {
    text += fmt::format("{},{},{}.50\n", i, i <= 2000 ? "none" : fmt::format("user{}@corp.example.org", i), i);
  }
  return text;
}

TEST(KeptColumnCheck, EmailsAfterTheClassifiedRowsAreAllReplacedConsistently) {
  ersatz::testing::TempDir dir;
  const std::string in = dir.Write("people.csv", LateEmailsCsv());
  const TransformReport report = TransformCsvFile(in, dir.File("out.csv"), {}, DefaultTransformPolicy(), Key(3));
  const ColumnAction& contact = ActionOf(report, "contact");
  EXPECT_EQ(contact.op, TransformOp::kKeep);  // the head holds no e-mail
  EXPECT_EQ(contact.caught[static_cast<int>(PiiEntity::kEmail)], 1000u);
  EXPECT_EQ(contact.total_caught(), 1000u);
  EXPECT_EQ(ActionOf(report, "amount").total_caught(), 0u);
  EXPECT_NE(report.ToText().find("+ 1000 value(s) found one by one and replaced: EMAIL 1000"), std::string::npos)
      << report.ToText();

  const RawTable out = ParseCsv(ersatz::testing::ReadText(dir.File("out.csv")), "out.csv", {});
  const RawTable original = ParseCsv(LateEmailsCsv(), "people.csv", {});
  ASSERT_EQ(out.num_rows(), 3000u);
  Operators ops(Key(3), "default", "en");
  for (std::size_t r = 0; r < 3000; ++r) {
    const std::string value(original.Field(1, r));
    // Replaced as a column classified EMAIL would be: the same keyed fake, in every file.
    EXPECT_EQ(out.Field(1, r), r < 2000 ? value : ops.Fake(PiiEntity::kEmail, value)) << "row " << r;
    EXPECT_EQ(out.Field(2, r), original.Field(2, r));
  }
}

TEST(KeptColumnCheck, RepeatedValuesAreJudgedOnceAndCountedEveryTime) {
  // Seven addresses repeated after the head (the column's cache answers), among repeated words.
  std::string text = "id,contact\n";
  for (int i = 0; i < 6000; ++i) {
    text += fmt::format("{},{}\n", i, i < 2000 || i % 2 ? "none" : fmt::format("desk{}@corp.example.org", i % 7));
  }
  TransformReport report;
  const RawTable in = ParseCsv(text, "contacts.csv", {});
  const RawTable out = TransformRawTable(in, DefaultTransformPolicy(), Key(3), {}, &report);
  EXPECT_EQ(ActionOf(report, "contact").caught[static_cast<int>(PiiEntity::kEmail)], 2000u);
  Operators ops(Key(3), "default", "en");
  for (std::size_t r = 0; r < in.num_rows(); ++r) {
    const std::string value(in.Field(1, r));
    ASSERT_EQ(out.Field(1, r), value == "none" ? value : ops.Fake(PiiEntity::kEmail, value)) << "row " << r;
  }
}

TEST(KeptColumnCheck, TheInMemoryPathOfFitChecksTheSameWay) {
  TransformReport report;
  const RawTable out = TransformRawTable(ParseCsv(LateEmailsCsv(), "people.csv", {}), DefaultTransformPolicy(),
                                         Key(3), {}, &report);
  EXPECT_EQ(ActionOf(report, "contact").caught[static_cast<int>(PiiEntity::kEmail)], 1000u);
  const RawTable in = ParseCsv(LateEmailsCsv(), "people.csv", {});
  for (std::size_t r = 2000; r < 3000; ++r) EXPECT_NE(out.Field(1, r), in.Field(1, r)) << "row " << r;
}

TEST(KeptColumnCheck, ThePolicyForTheEntityDecidesAndAnExplicitKeepIsHonoured) {
  ersatz::testing::TempDir dir;
  const std::string in = dir.Write("people.csv", LateEmailsCsv());
  const std::string hashing = dir.Write("hash.yaml", "rules:\n  - entity: EMAIL\n    operator: hash\n    length: 12\n");
  const TransformReport hashed =
      TransformCsvFile(in, dir.File("hashed.csv"), {}, LoadTransformPolicy(hashing), Key(3));
  EXPECT_EQ(ActionOf(hashed, "contact").total_caught(), 1000u);
  const RawTable out = ParseCsv(ersatz::testing::ReadText(dir.File("hashed.csv")), "hashed.csv", {});
  Operators ops(Key(3), "default", "en");
  EXPECT_EQ(out.Field(1, 2500), ops.Hash("user2501@corp.example.org", 12));
  EXPECT_EQ(out.Field(1, 10), "none");

  const std::string keeping = dir.Write("keep.yaml",
                                        "rules:\n  - column: contact\n    operator: keep\n"
                                        "  - entity: any\n    operator: fake\n");
  const TransformReport kept = TransformCsvFile(in, dir.File("kept.csv"), {}, LoadTransformPolicy(keeping), Key(3));
  EXPECT_EQ(ActionOf(kept, "contact").total_caught(), 0u);
  const RawTable same = ParseCsv(ersatz::testing::ReadText(dir.File("kept.csv")), "kept.csv", {});
  EXPECT_EQ(same.Field(1, 2500), "user2501@corp.example.org");
}

TEST(KeptColumnCheck, ACardInAReferenceColumnAndAnEmailInsideLateProse) {
  std::string text = "id,reference,comment\n";
  for (int i = 1; i <= 2500; ++i) {
    const std::string reference = i == 2300 ? "4111 1111 1111 1111" : fmt::format("REF-{}", i);
    const std::string comment = i <= 2100   ? "ok"
                                : i == 2400 ? "please write to jane.doe@mailbox.example.com about the delivery"
                                            : "nothing to add for this order today";
    text += fmt::format("{},{},{}\n", i, reference, comment);
  }
  TransformReport report;
  const RawTable out =
      TransformRawTable(ParseCsv(text, "orders.csv", {}), DefaultTransformPolicy(), Key(4), {}, &report);
  EXPECT_EQ(ActionOf(report, "reference").caught[static_cast<int>(PiiEntity::kCreditCard)], 1u);
  EXPECT_NE(out.Field(1, 2299), "4111 1111 1111 1111");
  EXPECT_TRUE(IsCreditCard(out.Field(1, 2299)));  // a fake card, as in a card column
  EXPECT_EQ(ActionOf(report, "comment").caught[static_cast<int>(PiiEntity::kEmail)], 1u);
  EXPECT_EQ(out.Field(2, 2399), "please write to <EMAIL> about the delivery");
  EXPECT_EQ(out.Field(2, 2400), "nothing to add for this order today");
}

TEST(KeptColumnCheck, IdentifiersThatPassLuhnByChanceAndVersionsStayAsTheyAre) {
  // 16-digit parcel ids starting with 4 (a tenth pass Luhn, as cards would), dotted-quad versions.
  std::string text = "parcel_id,version\n";
  std::uint64_t x = 88172645463325252ull;
  int luhn_valid = 0;
  for (int i = 0; i < 3000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const std::string parcel = fmt::format("4{:015}", x % 1000000000000000ull);
    luhn_valid += IsCreditCard(parcel);
    text += fmt::format("{},{}.{}.{}.{}\n", parcel, 1 + i % 4, i % 20, i % 30, i % 250);
  }
  ASSERT_GT(luhn_valid, 100);
  TransformReport report;
  const RawTable in = ParseCsv(text, "parcels.csv", {});
  const RawTable out = TransformRawTable(in, DefaultTransformPolicy(), Key(5), {}, &report);
  EXPECT_EQ(ActionOf(report, "parcel_id").total_caught(), 0u);
  EXPECT_EQ(ActionOf(report, "version").total_caught(), 0u);
  for (std::size_t r = 0; r < in.num_rows(); ++r) {
    ASSERT_EQ(out.Field(0, r), in.Field(0, r));
    ASSERT_EQ(out.Field(1, r), in.Field(1, r));
  }
}

TEST(SelfEvidentEntity, JudgesOneValueOnItsOwnEvidence) {
  EXPECT_EQ(SelfEvidentEntity("jane.doe@example.com", "US"), PiiEntity::kEmail);
  EXPECT_EQ(SelfEvidentEntity("(212) 734-5678", "US"), PiiEntity::kPhone);
  EXPECT_EQ(SelfEvidentEntity("+1-213-237-9645x96586", "US"), PiiEntity::kPhone);
  EXPECT_EQ(SelfEvidentEntity("5500-0000-0000-0004", "US"), PiiEntity::kCreditCard);
  EXPECT_EQ(SelfEvidentEntity("DE89 3704 0044 0532 0130 00", "US"), PiiEntity::kIban);
  EXPECT_EQ(SelfEvidentEntity("123-45-6789", "US"), PiiEntity::kUsSsn);
  EXPECT_EQ(SelfEvidentEntity("81.2.69.142", "US"), PiiEntity::kIpAddress);
  EXPECT_EQ(SelfEvidentEntity("2001:db8::8a2e:370:7334", "US"), PiiEntity::kIpAddress);
  EXPECT_EQ(SelfEvidentEntity("62-66-65-16-0d-2c", "US"), PiiEntity::kMacAddress);
  EXPECT_EQ(SelfEvidentEntity("AB 12 34 56 C", "US"), PiiEntity::kUkNino);
  EXPECT_EQ(SelfEvidentEntity("12345678Z", "US"), PiiEntity::kEsNif);
  EXPECT_EQ(SelfEvidentEntity("https://www.example.com/u/42", "US"), PiiEntity::kUrl);
  // Nothing on its own: numbers, dates, times, words, bare digits that need a header.
  for (const char* v : {"1234567.89", "2024-01-15", "15.01.2024", "2024-01-15 12:30:00", "Never-married",
                        "2127345678", "123456789", "Alice Johnson", "77 Birch Row", "SW1A 1AA", "1.2.3"}) {
    EXPECT_EQ(SelfEvidentEntity(v, "US"), std::nullopt) << v;
  }
}

std::vector<std::string> Repeat(const std::vector<std::string>& values, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(values[i % values.size()]);
  return out;
}

std::optional<PiiEntity> Classify(const std::string& header, const std::vector<std::string>& values,
                                  ColumnFinding* finding = nullptr) {
  const auto findings = ClassifyColumns({header}, {values});
  if (finding != nullptr) *finding = findings[0];
  return findings[0].entity;
}

TEST(ColumnClassifier, TerseAndMeaninglessHeadersAreClassifiedFromTheirValues) {
  const std::vector<std::string> first = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael",
                                          "Linda", "William", "Elizabeth", "David", "Barbara"};
  const std::vector<std::string> last = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
                                         "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson"};
  std::vector<std::string> full;
  for (std::size_t i = 0; i < 24; ++i) full.push_back(first[i % 12] + " " + last[(i * 5) % 12]);
  EXPECT_EQ(Classify("fn", Repeat(first, 24)), PiiEntity::kFirstName);
  EXPECT_EQ(Classify("ln", Repeat(last, 24)), PiiEntity::kLastName);
  EXPECT_EQ(Classify("field_3", full), PiiEntity::kPersonName);
  // Two thirds in the dictionaries, the rest single capitalised words they lack: still surnames.
  const std::vector<std::string> mixed = {"Smith", "Scheibe", "Johnson", "Williams", "Pergande", "Brown",
                                          "Jones", "Kraushaar", "Garcia", "Miller", "Blackwood", "Davis"};
  EXPECT_EQ(Classify("col7", Repeat(mixed, 24)), PiiEntity::kLastName);
  EXPECT_EQ(Classify("ln", Repeat(mixed, 24)), PiiEntity::kLastName);
  EXPECT_EQ(Classify("l_name", Repeat(mixed, 24)), PiiEntity::kLastName);
  // Capitalised words that are not names, under a meaningless header, stay unclassified.
  const std::vector<std::string> statuses = {"Active", "Pending", "Closed", "Suspended", "Archived", "Draft"};
  EXPECT_EQ(Classify("field_4", Repeat(statuses, 24)), std::nullopt);
}

// Adult's `race` ("White" 85%, "Black" 10%) and Ames's `Roof_Style` ("Gable", "Hip") hit the name
// dictionaries on nearly every row, but a handful of values each repeated dozens of times is a
// category; a header that names names still makes such a column PII.
TEST(ColumnClassifier, AFewRepeatedDictionaryWordsAreACategoryUnlessTheHeaderSaysNames) {
  std::vector<std::string> race;
  for (int i = 0; i < 2000; ++i) {
    race.push_back(i % 20 < 17 ? "White" : i % 20 < 19 ? "Black" : i % 40 == 19 ? "Other" : "Asian-Pac-Islander");
  }
  race[7] = "Amer-Indian-Eskimo";
  EXPECT_EQ(Classify("race", race), std::nullopt);
  const std::vector<std::string> roofs = {"Gable", "Gable", "Gable", "Hip", "Gable", "Flat", "Hip", "Gambrel",
                                          "Gable", "Mansard", "Shed", "Gable"};
  EXPECT_EQ(Classify("Roof_Style", Repeat(roofs, 2000)), std::nullopt);
  const std::vector<std::string> first = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda"};
  EXPECT_EQ(Classify("first_name", Repeat(first, 400)), PiiEntity::kFirstName);
  EXPECT_EQ(Classify("field_2", Repeat(first, 400)), std::nullopt);
}

TEST(ColumnClassifier, OneLineAddressesWithUnitNumbersAreAddressesNotProse) {
  const std::vector<std::string> addresses = {
      "77 Birch Row Suite 12, Millfield, OR 97001", "12 Harbor Way Apt. 4B, Portland, OR 97205",
      "350 Fifth Avenue Unit 3, New York, NY 10118", "9 Elm Street #7, Springfield, IL 62701",
      "45 Oak Lane Suite 300, Austin, TX 78701",      "8 Cedar Court Apt 12, Boulder, CO 80302"};
  ColumnFinding finding;
  EXPECT_EQ(Classify("shipping", Repeat(addresses, 30), &finding), PiiEntity::kStreetAddress);
  EXPECT_FALSE(finding.free_text);
  EXPECT_EQ(StreetAddressStrength("77 Birch Row Suite 12, Millfield, OR 97001"), Strength::kStrong);
  EXPECT_EQ(StreetAddressStrength("Via Agustín Calzada 432 Apt. 03"), Strength::kStrong);
  EXPECT_EQ(StreetAddressStrength("Briemergasse 6/9, 07439 Tübingen"), Strength::kStrong);
  EXPECT_EQ(StreetAddressStrength("81, boulevard Maillot, 07439 Fischer-sur-Laurent"), Strength::kStrong);
  EXPECT_EQ(StreetAddressStrength("rue Sandoz"), Strength::kWeak);
  // A street without a type any dictionary holds, then its number: weak, so an address under an
  // address header only; a product and its number under a meaningless one stays unclassified.
  EXPECT_EQ(StreetAddressStrength("Svibovac 3c/5"), Strength::kWeak);
  EXPECT_EQ(StreetAddressStrength("Na Šafránce 38"), Strength::kWeak);
  const std::vector<std::string> streets = {"Svibovac 3c/5", "Kristoffersengrenda 89", "Wallininpolku 3",
                                            "Na Šafránce 38", "Ilica 112", "Vukovarska 7a"};
  EXPECT_EQ(Classify("addr1", Repeat(streets, 30)), PiiEntity::kStreetAddress);
  const std::vector<std::string> products = {"Galaxy 24", "Pixel 8", "Moto 5", "Xperia 10", "Nokia 3310", "Redmi 9"};
  EXPECT_EQ(Classify("field_2", Repeat(products, 30)), std::nullopt);
  // A sentence that mentions an address is prose, not an address.
  EXPECT_EQ(StreetAddressStrength("Customer asked to deliver at 12 Main Street after six"), Strength::kNone);
  EXPECT_EQ(StreetAddressStrength("12 Main Street was closed so the driver went back to the depot"),
            Strength::kNone);
}

TEST(ColumnClassifier, NineDigitsUnderATaxOrSsnHeaderAreSocialSecurityNumbers) {
  const std::vector<std::string> ids = {"123456789", "234567890", "345678901", "456789012", "567890123",
                                        "678901234", "789012345", "890123456", "012345678", "102938475"};
  for (const char* header : {"tax_id", "TaxID", "TIN", "taxpayer_number", "ssn", "SocialSecurityNo", "ss_no"}) {
    EXPECT_EQ(Classify(header, Repeat(ids, 30)), PiiEntity::kUsSsn) << header;
  }
  EXPECT_EQ(Classify("order_id", Repeat(ids, 30)), std::nullopt);
  EXPECT_EQ(Classify("routing_number", Repeat(ids, 30)), std::nullopt);
}

TEST(ColumnClassifier, AHeaderThatContradictsThePatternVetoesIt) {
  const std::vector<std::string> quads = {"1.4.12.200", "2.0.3.17", "1.4.12.201", "3.1.0.5", "4.2.0.11"};
  ColumnFinding finding;
  EXPECT_EQ(Classify("version", Repeat(quads, 30), &finding), std::nullopt);
  EXPECT_NE(std::find(finding.reasons.begin(), finding.reasons.end(), "header 'version' contradicts IP_ADDRESS"),
            finding.reasons.end());
  EXPECT_EQ(Classify("firmwareVersion", Repeat(quads, 30)), std::nullopt);
  EXPECT_EQ(Classify("client_ip", Repeat(quads, 30)), PiiEntity::kIpAddress);
  EXPECT_EQ(Classify("field_9", Repeat(quads, 30)), PiiEntity::kIpAddress);  // nothing says otherwise
}

TEST(HeaderWords, SplitsCamelCaseDigitsAndFoldsAccents) {
  EXPECT_EQ(HeaderWords("customerEmail"), (std::vector<std::string>{"customer", "email"}));
  EXPECT_EQ(HeaderWords("SSNumber"), (std::vector<std::string>{"ss", "number"}));
  EXPECT_EQ(HeaderWords("zip5"), (std::vector<std::string>{"zip", "5"}));
  EXPECT_EQ(HeaderWords("Téléphone"), (std::vector<std::string>{"telephone"}));
  EXPECT_EQ(HeaderWords("Straße"), (std::vector<std::string>{"strasse"}));
  EXPECT_TRUE(HeaderNames(HeaderWords("Telefonnummer"), PiiEntity::kPhone));
  EXPECT_TRUE(HeaderNames(HeaderWords("ln"), PiiEntity::kLastName));
  EXPECT_FALSE(HeaderNames(HeaderWords("zip"), PiiEntity::kIpAddress));
  EXPECT_TRUE(HeaderContradicts(HeaderWords("phone_model"), PiiEntity::kPhone));
}

}  // namespace
}  // namespace ersatz::transform
