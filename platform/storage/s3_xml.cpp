// S3's XML answers read with expat: the elements of interest are collected by their parent's name.
#include "platform/storage/s3_xml.hpp"

#include <charconv>
#include <ctime>
#include <memory>
#include <stdexcept>

#include <expat.h>

namespace platform::storage {
namespace {

struct parser_deleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

// Calls on_element(parent, name, text) for every element that holds text, in document order, and
// on_end(name) when any element closes. Nothing may throw through expat's C frames: a callback that finds the
// document wanting calls fail(), which stops the parser, and parse() throws once expat has returned.
class element_reader {
 public:
  virtual ~element_reader() = default;

  void parse(std::string_view xml) {
    const std::unique_ptr<XML_ParserStruct, parser_deleter> parser(XML_ParserCreate("UTF-8"));
    if (!parser) throw std::runtime_error("XML_ParserCreate failed");
    parser_ = parser.get();
    XML_SetUserData(parser.get(), this);
    XML_SetElementHandler(parser.get(), &element_reader::start, &element_reader::end);
    XML_SetCharacterDataHandler(parser.get(), &element_reader::characters);
    const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    parser_ = nullptr;
    if (!failure_.empty()) throw std::runtime_error(failure_);
    if (status != XML_STATUS_OK) {
      throw std::runtime_error(std::string("malformed XML from S3: ") +
                               XML_ErrorString(XML_GetErrorCode(parser.get())));
    }
  }

 protected:
  virtual void on_element(std::string_view parent, std::string_view name, std::string_view text) = 0;
  virtual void on_end(std::string_view name) = 0;

  void fail(std::string message) {
    failure_ = std::move(message);
    XML_StopParser(parser_, XML_FALSE);
  }

 private:
  static void start(void* self, const XML_Char* name, const XML_Char**) {
    auto& reader = *static_cast<element_reader*>(self);
    reader.path_.emplace_back(name);
    reader.text_.clear();
  }
  static void end(void* self, const XML_Char*) {
    auto& reader = *static_cast<element_reader*>(self);
    const std::string name = std::move(reader.path_.back());
    reader.path_.pop_back();
    reader.on_element(reader.path_.empty() ? std::string_view() : std::string_view(reader.path_.back()), name,
                      reader.text_);
    reader.on_end(name);
    reader.text_.clear();
  }
  static void characters(void* self, const XML_Char* data, int size) {
    static_cast<element_reader*>(self)->text_.append(data, static_cast<std::size_t>(size));
  }

  XML_Parser parser_ = nullptr;
  std::string failure_;
  std::vector<std::string> path_;
  std::string text_;
};

class listing_reader final : public element_reader {
 public:
  list_objects_v2 result;

 private:
  void on_element(std::string_view parent, std::string_view name, std::string_view text) override {
    if (parent == "Contents" && name == "Key") {
      key_ = text;
    } else if (parent == "Contents" && name == "LastModified") {
      modified_ = parse_iso8601_utc(text);
    } else if (parent == "ListBucketResult" && name == "IsTruncated") {
      result.truncated = text == "true";
    } else if (parent == "ListBucketResult" && name == "NextContinuationToken") {
      result.next_continuation_token = text;
    }
  }
  void on_end(std::string_view name) override {
    if (name != "Contents") return;
    if (!key_ || !modified_) return fail("S3 listing entry without a Key or a readable LastModified");
    result.objects.push_back(object_info{std::move(*key_), *modified_});
    key_.reset();
    modified_.reset();
  }

  std::optional<std::string> key_;
  std::optional<std::chrono::system_clock::time_point> modified_;
};

class error_reader final : public element_reader {
 public:
  std::optional<std::string> code;

 private:
  void on_element(std::string_view parent, std::string_view name, std::string_view text) override {
    if (parent == "Error" && name == "Code") code = std::string(text);
  }
  void on_end(std::string_view) override {}
};

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int& out) {
  if (at + digits > text.size()) return false;
  const char* first = text.data() + at;
  const auto [end, ec] = std::from_chars(first, first + digits, out);
  return ec == std::errc() && end == first + digits;
}

}  // namespace

list_objects_v2 parse_list_objects_v2(std::string_view xml) {
  listing_reader reader;
  reader.parse(xml);
  return std::move(reader.result);
}

std::optional<std::string> parse_error_code(std::string_view xml) {
  error_reader reader;
  try {
    reader.parse(xml);
  } catch (const std::runtime_error&) {
    return std::nullopt;  // an error page from a proxy, not S3's XML
  }
  return reader.code;
}

std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, then optional .fraction, then Z.
  std::tm tm{};
  int year = 0;
  int month = 0;
  const bool fields_read = read_number(text, 0, 4, year) && read_number(text, 5, 2, month) &&
                           read_number(text, 8, 2, tm.tm_mday) && read_number(text, 11, 2, tm.tm_hour) &&
                           read_number(text, 14, 2, tm.tm_min) && read_number(text, 17, 2, tm.tm_sec);
  if (!fields_read || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      !text.ends_with('Z')) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty() && (rest.front() != '.' || rest.size() == 1 ||
                        rest.substr(1).find_first_not_of("0123456789") != std::string_view::npos)) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  const std::time_t seconds = timegm(&tm);
  if (seconds == -1) return std::nullopt;
  return std::chrono::system_clock::from_time_t(seconds);  // the fraction is dropped: the grace is in seconds
}

}  // namespace platform::storage
