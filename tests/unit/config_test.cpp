// Unit tests for platform::config::reader: types, ranges, environment overrides, unknown keys, bad files.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/config/reader.hpp"

namespace {

using platform::config::config_error;
using platform::config::reader;
using strings = std::vector<std::string>;

// Sets one environment variable for the scope of a test. Every test uses its own prefix, so tests
// never see each other's variables even if a guard is skipped by a fatal failure.
class scoped_env {
 public:
  scoped_env(std::string name, const std::string& value) : name_(std::move(name)) {
    ::setenv(name_.c_str(), value.c_str(), 1);  // NOLINT(concurrency-mt-unsafe): tests run on one thread
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;
  ~scoped_env() { ::unsetenv(name_.c_str()); }  // NOLINT(concurrency-mt-unsafe)

 private:
  std::string name_;
};

// A TOML file in the test's temporary directory, removed at the end of the scope.
class temp_file {
 public:
  explicit temp_file(std::string_view name, std::string_view content)
      : path_(std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_" + std::string(name))) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The message of the config_error thrown by f; fails the test when none is thrown.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const config_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected config_error";
  return {};
}

bool mentions(const std::string& message, std::string_view part) { return message.find(part) != std::string::npos; }

constexpr std::string_view app_toml = R"(
name = "daengtionary"
[http]
port = 8080
host = "0.0.0.0"
tls = false
[http.cors]
origins = ["https://daengtionary.site", "http://localhost:3000"]
[jwt]
ttl_seconds = 1800
)";

TEST(ConfigReader, ReadsTypedValuesWhenFileHasThem) {
  auto config = reader::from_string(app_toml, "CFGT_TYPED");
  EXPECT_EQ(config.text("name", "x"), "daengtionary");
  EXPECT_EQ(config.integer("http.port", 1, 1, 65535), 8080);
  EXPECT_EQ(config.text("http.host", "127.0.0.1"), "0.0.0.0");
  EXPECT_FALSE(config.boolean("http.tls", true));
  EXPECT_EQ(config.texts("http.cors.origins", {}), (strings{"https://daengtionary.site", "http://localhost:3000"}));
  EXPECT_EQ(config.integer("jwt.ttl_seconds", 60, 1, 86400), 1800);
  EXPECT_NO_THROW(config.finish());
}

TEST(ConfigReader, ReturnsFallbacksWhenKeysAreAbsent) {
  auto config = reader::from_string("", "CFGT_FALLBACK");
  EXPECT_EQ(config.text("sql.url", "sqlite:var/app.db"), "sqlite:var/app.db");
  EXPECT_EQ(config.optional_text("jwt.secret"), std::nullopt);
  EXPECT_EQ(config.integer("http.port", 8080, 1, 65535), 8080);
  EXPECT_TRUE(config.boolean("http.tls", true));
  EXPECT_EQ(config.texts("cors.origins", {"*"}), strings{"*"});
  EXPECT_NO_THROW(config.finish());
}

TEST(ConfigReader, RejectsValueWhenTypeIsWrong) {
  auto config = reader::from_string(R"(
port = "8080"
flag = "yes"
name = 42
list = "a,b"
mixed = ["a", 1]
real = 8080.0
[table]
x = 1
)",
                                    "CFGT_TYPES");
  EXPECT_TRUE(mentions(error_of([&] { config.integer("port", 1, 0, 65535); }), "'port'"));
  EXPECT_TRUE(mentions(error_of([&] { config.integer("real", 1, 0, 65535); }), "'real'"));
  EXPECT_TRUE(mentions(error_of([&] { config.boolean("flag", false); }), "'flag'"));
  EXPECT_TRUE(mentions(error_of([&] { config.text("name", ""); }), "'name'"));
  EXPECT_TRUE(mentions(error_of([&] { config.optional_text("table"); }), "'table'"));
  EXPECT_TRUE(mentions(error_of([&] { config.texts("list", {}); }), "'list'"));
  EXPECT_TRUE(mentions(error_of([&] { config.texts("mixed", {}); }), "'mixed'"));
}

TEST(ConfigReader, RejectsIntegerWhenOutsideRange) {
  auto config = reader::from_string("port = 70000\nzero = 0\nneg = -1\n", "CFGT_RANGE");
  const auto message = error_of([&] { config.integer("port", 8080, 1, 65535); });
  EXPECT_TRUE(mentions(message, "'port'")) << message;
  EXPECT_TRUE(mentions(message, "70000")) << message;
  EXPECT_TRUE(mentions(message, "1..65535")) << message;
  EXPECT_TRUE(mentions(error_of([&] { config.integer("zero", 5, 1, 10); }), "'zero'"));
  EXPECT_TRUE(mentions(error_of([&] { config.integer("neg", 5, 0, 10); }), "'neg'"));
  EXPECT_EQ(config.integer("neg", 5, -1, 10), -1) << "bounds are inclusive";
}

TEST(ConfigReader, RejectsFallbackWhenItIsOutsideRange) {
  auto config = reader::from_string("", "CFGT_FALLBACK_RANGE");
  EXPECT_TRUE(mentions(error_of([&] { config.integer("workers", 0, 1, 64); }), "'workers'"));
}

TEST(ConfigReader, PrefersEnvironmentWhenVariableIsSet) {
  scoped_env secret("CFGT_ENV_JWT_SECRET", "s3cr3t");
  scoped_env port("CFGT_ENV_HTTP_PORT", "9090");
  scoped_env tls("CFGT_ENV_HTTP_TLS", "1");
  scoped_env origins("CFGT_ENV_HTTP_CORS_ORIGINS", "https://a.example,,https://b.example,");
  auto config = reader::from_string(app_toml, "CFGT_ENV");
  EXPECT_EQ(config.text("jwt.secret", ""), "s3cr3t");
  EXPECT_EQ(config.integer("http.port", 1, 1, 65535), 9090);
  EXPECT_TRUE(config.boolean("http.tls", false));
  EXPECT_EQ(config.texts("http.cors.origins", {}), (strings{"https://a.example", "https://b.example"}));
}

TEST(ConfigReader, ReadsEnvironmentValueAtCallTimeWhenKeyHasMixedCase) {
  auto config = reader::from_string("[sql]\nMaxConnections = 4\n", "CFGT_CASE");
  scoped_env env("CFGT_CASE_SQL_MAXCONNECTIONS", "16");
  EXPECT_EQ(config.integer("sql.MaxConnections", 1, 1, 100), 16);
  EXPECT_NO_THROW(config.finish());
}

TEST(ConfigReader, DoesNotUseVariableWhenPrefixDiffers) {
  scoped_env other("CFGT_OTHER_HTTP_PORT", "1234");
  auto config = reader::from_string(app_toml, "CFGT_MINE");
  EXPECT_EQ(config.integer("http.port", 1, 1, 65535), 8080);
}

TEST(ConfigReader, RejectsEnvironmentValueWhenTypeIsWrong) {
  scoped_env port("CFGT_BADENV_HTTP_PORT", "80a");
  scoped_env spaced("CFGT_BADENV_SPACED", " 80");
  scoped_env empty("CFGT_BADENV_EMPTY", "");
  scoped_env big("CFGT_BADENV_BIG", "99999999999999999999");
  scoped_env tls("CFGT_BADENV_HTTP_TLS", "yes");
  scoped_env upper("CFGT_BADENV_UPPER", "TRUE");
  auto config = reader::from_string(app_toml, "CFGT_BADENV");
  for (const char* key : {"http.port", "spaced", "empty", "big"}) {
    const auto message = error_of([&] { config.integer(key, 1, 0, 65535); });
    EXPECT_TRUE(mentions(message, "'" + std::string(key) + "'")) << message;
    EXPECT_TRUE(mentions(message, "environment")) << message;
  }
  EXPECT_TRUE(mentions(error_of([&] { config.boolean("http.tls", false); }), "'http.tls'"));
  EXPECT_TRUE(mentions(error_of([&] { config.boolean("upper", false); }), "'upper'"));
}

TEST(ConfigReader, ChecksRangeWhenValueComesFromEnvironment) {
  scoped_env port("CFGT_ENVRANGE_HTTP_PORT", "0");
  auto config = reader::from_string(app_toml, "CFGT_ENVRANGE");
  const auto message = error_of([&] { config.integer("http.port", 8080, 1, 65535); });
  EXPECT_TRUE(mentions(message, "'http.port'")) << message;
  EXPECT_TRUE(mentions(message, "outside")) << message;
}

TEST(ConfigReader, AcceptsEnvironmentOverrideWhenFileHasWrongTypeForKey) {
  // The environment wins before the file's node is looked at.
  scoped_env port("CFGT_ENVWIN_PORT", "81");
  auto config = reader::from_string("port = \"eighty\"\n", "CFGT_ENVWIN");
  EXPECT_EQ(config.integer("port", 1, 1, 65535), 81);
  EXPECT_NO_THROW(config.finish()) << "an overridden key counts as read";
}

TEST(ConfigReader, ReadsEmptyListWhenEnvironmentListIsEmpty) {
  scoped_env origins("CFGT_EMPTYLIST_ORIGINS", "");
  auto config = reader::from_string("origins = [\"x\"]\n", "CFGT_EMPTYLIST");
  EXPECT_EQ(config.texts("origins", {"*"}), strings{});
}

TEST(ConfigReader, ReadsArraysWhenEmptyOrUnicode) {
  auto config = reader::from_string("empty = []\nnames = [\"댕댕이\", \"\"]\n", "CFGT_ARRAYS");
  EXPECT_EQ(config.texts("empty", {"fallback"}), strings{});
  EXPECT_EQ(config.texts("names", {}), (strings{"댕댕이", ""}));
}

TEST(ConfigReader, NamesEveryUnreadKeyWhenFinishing) {
  auto config = reader::from_string(app_toml, "CFGT_UNKNOWN");
  (void)config.integer("http.port", 1, 1, 65535);
  (void)config.text("name", "");
  const auto message = error_of([&] { config.finish(); });
  EXPECT_TRUE(mentions(message, "'http.host'")) << message;
  EXPECT_TRUE(mentions(message, "'http.tls'")) << message;
  EXPECT_TRUE(mentions(message, "'http.cors.origins'")) << message;
  EXPECT_TRUE(mentions(message, "'jwt.ttl_seconds'")) << message;
  EXPECT_FALSE(mentions(message, "'http.port'")) << message;
  EXPECT_FALSE(mentions(message, "'name'")) << message;
}

TEST(ConfigReader, NamesMisspelledKeyWhenFinishing) {
  auto config = reader::from_string("[http]\nprot = 8080\n", "CFGT_TYPO");
  EXPECT_EQ(config.integer("http.port", 8080, 1, 65535), 8080);
  const auto message = error_of([&] { config.finish(); });
  EXPECT_TRUE(mentions(message, "'http.prot'")) << message;
}

TEST(ConfigReader, CountsKeyAsReadWhenReadingItFailed) {
  // A key whose read threw has been reported already; finish() does not report it a second time.
  auto config = reader::from_string("port = \"x\"\n", "CFGT_FAILREAD");
  EXPECT_THROW(config.integer("port", 1, 0, 10), config_error);
  EXPECT_NO_THROW(config.finish());
}

TEST(ConfigReader, ReadsNestedTablesWhenKeysAreDeep) {
  auto config = reader::from_string("[a.b.c]\nd = \"deep\"\n[a]\ne = 1\n", "CFGT_NESTED");
  EXPECT_EQ(config.text("a.b.c.d", ""), "deep");
  EXPECT_EQ(config.integer("a.e", 0, 0, 10), 1);
  EXPECT_EQ(config.optional_text("a.b.x"), std::nullopt);
  EXPECT_EQ(config.optional_text("a.b.c.d.e"), std::nullopt);
  EXPECT_NO_THROW(config.finish());
}

TEST(ConfigReader, ReadsInlineTablesWhenKeysAreDotted) {
  auto config = reader::from_string("http = { port = 81, host = \"h\" }\nsql.url = \"sqlite:x\"\n", "CFGT_INLINE");
  EXPECT_EQ(config.integer("http.port", 0, 0, 65535), 81);
  EXPECT_EQ(config.text("sql.url", ""), "sqlite:x");
  const auto message = error_of([&] { config.finish(); });
  EXPECT_TRUE(mentions(message, "'http.host'")) << message;
}

TEST(ConfigReader, ReportsSyntaxErrorWhenStringIsNotToml) {
  const auto message = error_of([] { (void)reader::from_string("[http\nport = 1\n", "CFGT_SYNTAX"); });
  EXPECT_TRUE(mentions(message, "config")) << message;
  EXPECT_GT(message.size(), std::string_view("config: ").size()) << message;
  EXPECT_THROW((void)reader::from_string("a = 1\na = 2\n", "CFGT_SYNTAX"), config_error) << "duplicate key";
  EXPECT_THROW((void)reader::from_string("a = \n", "CFGT_SYNTAX"), config_error);
}

TEST(ConfigReader, ReadsFileWhenItExists) {
  const temp_file file("config_test_ok.toml", app_toml);
  auto config = reader::from_file(file.path(), "CFGT_FILE");
  EXPECT_EQ(config.integer("http.port", 1, 1, 65535), 8080);
}

TEST(ConfigReader, NamesFileAndLineWhenFileHasSyntaxError) {
  const temp_file file("config_test_bad.toml", "name = \"x\"\n\n[http]\nport = = 1\n");
  const auto message = error_of([&] { (void)reader::from_file(file.path(), "CFGT_FILEBAD"); });
  EXPECT_TRUE(mentions(message, file.path().string())) << message;
  EXPECT_TRUE(mentions(message, "line 4")) << message;
}

TEST(ConfigReader, NamesFileWhenItIsMissing) {
  const auto missing = std::filesystem::temp_directory_path() / "config_test_does_not_exist.toml";
  const auto message = error_of([&] { (void)reader::from_file(missing, "CFGT_MISSING"); });
  EXPECT_TRUE(mentions(message, missing.string())) << message;
}

TEST(ConfigReader, KeepsStateWhenMoved) {
  auto config = reader::from_string("a = 1\nb = 2\n", "CFGT_MOVE");
  (void)config.integer("a", 0, 0, 10);
  reader moved(std::move(config));
  (void)moved.integer("b", 0, 0, 10);
  EXPECT_NO_THROW(moved.finish());
}

}  // namespace

TEST(ConfigReader, ListsEffectiveValuesWithTheirSourcesInReadOrder) {
  const scoped_env port("APP_HTTP_PORT", "9000");
  auto config = reader::from_string("[log]\nlevel = \"debug\"\n[http]\nport = 80\n", "APP");
  config.integer("http.port", 8080, 1, 65535);
  config.text("log.level", "info");
  config.boolean("http.access_log", true);
  config.texts("cors.origins", {"a", "b"});
  const auto& seen = config.effective();
  ASSERT_EQ(seen.size(), 4U);
  EXPECT_EQ(seen[0].key, "http.port");
  EXPECT_EQ(seen[0].value, "9000");
  EXPECT_EQ(seen[0].source, "environment (APP_HTTP_PORT)");
  EXPECT_EQ(seen[1].value, "debug");
  EXPECT_EQ(seen[1].source, "file");
  EXPECT_EQ(seen[2].value, "true");
  EXPECT_EQ(seen[2].source, "default");
  EXPECT_EQ(seen[3].value, "[a, b]");
}

TEST(ConfigReader, MasksSecretsWhenListingEffectiveValues) {
  auto config = reader::from_string(
      "[jwt]\nsecret = \"c2VjcmV0\"\n[kakao]\nadmin_key = \"k\"\nclient_id = \"public\"\n"
      "[sql]\nurl = \"postgresql://app:hunter2@db:5432/app\"\n",
      "APP");
  config.text("jwt.secret", "");
  config.text("kakao.admin_key", "");
  config.text("kakao.client_id", "");
  config.text("sql.url", "");
  config.text("livekit.api_secret", "");
  const auto& seen = config.effective();
  EXPECT_EQ(seen[0].value, "****");
  EXPECT_EQ(seen[1].value, "****");
  EXPECT_EQ(seen[2].value, "public");
  EXPECT_EQ(seen[3].value, "postgresql://app:****@db:5432/app");
  EXPECT_EQ(seen[4].value, "");  // empty stays visibly empty
}

TEST(ConfigReader, ListsOptionalKeysThatAreAbsentAsNotSet) {
  auto config = reader::from_string("[kakao]\ntoken_url = \"https://kauth.example/oauth/token\"\n", "APP");
  config.optional_text("clock.start");
  config.text("kakao.token_url", "");
  const auto& seen = config.effective();
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0].value, "(not set)");
  EXPECT_EQ(seen[0].source, "default");
  EXPECT_EQ(seen[1].value, "https://kauth.example/oauth/token");
}

TEST(ConfigMasking, KeepsUrlsWithoutPasswordsAndPlainValues) {
  EXPECT_EQ(platform::config::masked("sql.url", "postgresql://app@db/app"), "postgresql://app@db/app");
  EXPECT_EQ(platform::config::masked("sql.url", "sqlite:var/a.db"), "sqlite:var/a.db");
  EXPECT_EQ(platform::config::masked("kv.url", "redis://:pw@cache:6379/0"), "redis://:****@cache:6379/0");
  EXPECT_EQ(platform::config::masked("mail.from", "a@b.c"), "a@b.c");
}
