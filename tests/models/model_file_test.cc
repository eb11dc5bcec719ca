#include "models/model_file.h"

#include <gtest/gtest.h>

#include "cli/run_cli.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

ModelFile Sample() {
  ModelFile m;
  m.header = {{"kind", "test"}, {"columns", {"a", "b"}}};
  m.tensors.push_back({"w", {2, 3}, {1, 2, 3, 4, 5, -6.5f}});
  m.tensors.push_back({"b", {3}, {0.25f, 0, 1e-30f}});
  m.tensors.push_back({"empty", {0, 4}, {}});
  m.tensors.push_back({"hashes", {3}, {}, TensorType::kUint64, {0, 0xFEDCBA9876543210ull, ~0ull}});
  return m;
}

std::string ErrorOf(std::string_view bytes) {
  try {
    ParseModelFile(bytes, "m.ersatz");
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ModelFile, RoundTripsHeaderAndTensorsExactly) {
  testing::TempDir dir;
  WriteModelFile(dir.File("m.ersatz"), Sample());
  const ModelFile back = ReadModelFile(dir.File("m.ersatz"));
  EXPECT_EQ(back.header, Sample().header);
  ASSERT_EQ(back.tensors.size(), 4u);
  EXPECT_EQ(back.Find("w")->shape, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(back.Find("w")->data, Sample().tensors[0].data);
  EXPECT_EQ(back.Find("b")->data, Sample().tensors[1].data);
  EXPECT_TRUE(back.Find("empty")->data.empty());
  EXPECT_EQ(back.Find("hashes")->type, TensorType::kUint64);
  EXPECT_EQ(back.Find("hashes")->words, Sample().tensors[3].words);
  EXPECT_EQ(back.Find("nope"), nullptr);
}

TEST(ModelFile, RejectsFilesThatAreNotModels) {
  EXPECT_EQ(ErrorOf("age,sex\n1,F\n"),
            "m.ersatz: not an ersatz model file (it does not start with the model file signature)");
  EXPECT_EQ(ErrorOf(""),
            "m.ersatz: not an ersatz model file (it does not start with the model file signature)");
}

TEST(ModelFile, EveryTruncationIsACleanError) {
  const std::string bytes = SerializeModelFile(Sample());
  for (std::size_t n = 8; n < bytes.size(); ++n) {
    const std::string error = ErrorOf(bytes.substr(0, n));
    EXPECT_NE(error, "no error") << "truncated at " << n;
    EXPECT_EQ(error.rfind("m.ersatz: ", 0), 0u) << error;
  }
  EXPECT_EQ(ErrorOf(bytes.substr(0, bytes.size() - 1)),
            "m.ersatz: checksum mismatch: the model file is corrupted or truncated");
}

TEST(ModelFile, AnyFlippedByteIsDetected) {
  const std::string bytes = SerializeModelFile(Sample());
  for (std::size_t i = 8; i < bytes.size(); i += 7) {
    std::string corrupt = bytes;
    corrupt[i] = static_cast<char>(corrupt[i] ^ 0x10);
    EXPECT_NE(ErrorOf(corrupt), "no error") << "flipped byte " << i;
  }
}

// Found by the fuzzer: a tensor count written as a float too large for any integer was cast
// without a range check (undefined behaviour); it is a malformed file like any other.
TEST(ModelFile, ATensorCountThatIsNotAnIntegerIsRefused) {
  const std::string bytes =
      testing::ReadText(std::string(ERSATZ_SOURCE_DIR) + "/tests/fuzz/corpus/model/float-tensor-count");
  try {
    ParseModelFile(bytes, "m.ersatz", /*verify_checksum=*/false);
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "malformed model header: count: expected an integer from 0 to 18446744073709551615, "
                  "found 2.2222222222222223e+22"),
              std::string::npos)
        << e.what();
  }
}

TEST(ModelFile, NewerFormatVersionAsksForAnUpgrade) {
  std::string bytes = SerializeModelFile(Sample());
  bytes[8] = static_cast<char>(kModelFormatVersion + 1);
  EXPECT_EQ(ErrorOf(bytes),
            "m.ersatz: model format version 4 is newer than this ersatz reads (3); upgrade ersatz "
            "to load it");
}

// Rebuilds `bytes` with its header replaced (the checksum is left stale).
std::string WithHeader(const std::string& bytes, const nlohmann::json& header) {
  std::uint64_t length = 0;
  for (int i = 0; i < 8; ++i) length |= std::uint64_t{static_cast<unsigned char>(bytes[12 + i])} << (8 * i);
  const std::string text = header.dump();
  std::string out = bytes.substr(0, 12);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((text.size() >> (8 * i)) & 0xFF));
  return out + text + bytes.substr(20 + length);
}

nlohmann::json HeaderOf(const std::string& bytes) {
  std::uint64_t length = 0;
  for (int i = 0; i < 8; ++i) length |= std::uint64_t{static_cast<unsigned char>(bytes[12 + i])} << (8 * i);
  return nlohmann::json::parse(bytes.substr(20, length));
}

TEST(ModelFile, TensorsPointingOutsideTheFileAreRejectedEvenWithoutChecksum) {
  const std::string bytes = SerializeModelFile(Sample());
  nlohmann::json header = HeaderOf(bytes);
  header["tensors"][1]["offset"] = 1'000'000;
  try {
    ParseModelFile(WithHeader(bytes, header), "m.ersatz", /*verify_checksum=*/false);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "m.ersatz: malformed model file: tensor 'b' does not fit in the file");
  }
  header = HeaderOf(bytes);
  header["tensors"][0]["shape"] = {2, 4};
  try {
    ParseModelFile(WithHeader(bytes, header), "m.ersatz", /*verify_checksum=*/false);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "m.ersatz: malformed model file: tensor 'w' does not fit in the file");
  }
}

}  // namespace
}  // namespace ersatz
