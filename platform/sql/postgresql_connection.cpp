// PostgreSQL driver: libpq with server-side prepared statements cached per connection by SQL text.
#include "platform/sql/postgresql_connection.hpp"

#include <charconv>
#include <climits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <libpq-fe.h>
#include <poll.h>

#include "platform/sql/error.hpp"
#include "platform/sql/placeholders.hpp"

namespace platform::sql {
namespace {

// Type OIDs from pg_type, fixed since PostgreSQL 7; the server headers that name them are not in libpq-dev.
constexpr Oid bool_oid = 16;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;
// Lets the server infer the type from context, so a text parameter can feed a timestamp or a uuid column.
constexpr Oid unknown_oid = 0;

constexpr std::size_t max_cached_statements = 512;

struct conn_closer {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct result_clearer {
  void operator()(PGresult* res) const { PQclear(res); }
};
using conn_handle = std::unique_ptr<PGconn, conn_closer>;
using result_handle = std::unique_ptr<PGresult, result_clearer>;

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

// Throws unless the command succeeded, choosing the exception by SQLSTATE.
void check(PGconn* conn, const result_handle& res) {
  const ExecStatusType status = PQresultStatus(res.get());
  if (res != nullptr && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) {
    return;
  }
  const std::string message =
      "postgresql: " + trimmed(res != nullptr ? PQresultErrorMessage(res.get()) : PQerrorMessage(conn));
  const char* state = res != nullptr ? PQresultErrorField(res.get(), PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = state != nullptr ? state : "";
  if (sqlstate == "23505") {
    throw unique_violation(message);
  }
  if (sqlstate == "23503") {
    throw foreign_key_violation(message);
  }
  throw error(message);
}

template <class T>
T parse_number(const char* text, int length) {
  T out{};
  const char* end = text + length;
  const auto [ptr, ec] = std::from_chars(text, end, out);
  if (ec != std::errc() || ptr != end) {
    throw error("postgresql: cannot read number \"" + std::string(text, end) + "\"");
  }
  return out;
}

value read_cell(const PGresult* res, int r, int c) {
  if (PQgetisnull(res, r, c) != 0) {
    return nullptr;
  }
  const char* text = PQgetvalue(res, r, c);
  const int length = PQgetlength(res, r, c);
  switch (PQftype(res, c)) {
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid:
      return parse_number<std::int64_t>(text, length);
    case float4_oid:
    case float8_oid:
    case numeric_oid:
      return parse_number<double>(text, length);
    case bool_oid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    default:
      return std::string(text, static_cast<std::size_t>(length));
  }
}

// Text-format parameters as libpq wants them: NUL-terminated strings, or null for SQL NULL.
class text_params {
 public:
  explicit text_params(std::span<const value> params) {
    storage_.reserve(params.size());
    for (const value& v : params) {
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        storage_.push_back(std::to_string(*n));
      } else if (const auto* d = std::get_if<double>(&v)) {
        char buffer[32];
        // Shortest text that reads back to the same double; "inf"/"nan" are accepted by float8 input.
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
        storage_.emplace_back(buffer, end);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        if (s->find('\0') != std::string::npos) {
          throw error("postgresql: text parameter contains a NUL byte");
        }
        storage_.push_back(*s);
      } else {
        storage_.emplace_back();
      }
    }
    // Pointers are taken only after storage_ stops growing.
    pointers_.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      pointers_.push_back(std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr : storage_[i].c_str());
    }
  }

  const char* const* data() const { return pointers_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<const char*> pointers_;
};

class postgresql_connection final : public connection {
 public:
  explicit postgresql_connection(conn_handle conn) : conn_(std::move(conn)) {}

  dialect kind() const override { return dialect::postgresql; }

  void execute_script(std::string_view sql) override {
    const result_handle res(PQexec(conn_.get(), std::string(sql).c_str()));
    check(conn_.get(), res);
  }

  bool reusable() const override {
    return PQstatus(conn_.get()) == CONNECTION_OK && PQtransactionStatus(conn_.get()) == PQTRANS_IDLE &&
           !input_waiting();
  }

 private:
  // Between statements the server has nothing to say unless it is ending the session (a restart, an
  // administrator's pg_terminate_backend): its goodbye, or the closed socket, is waiting to be read. Such a
  // connection would fail the next statement, so the pool drops it (one poll, no read, no wait).
  bool input_waiting() const {
    pollfd socket{PQsocket(conn_.get()), POLLIN, 0};
    return ::poll(&socket, 1, 0) != 0;
  }

  rows do_query(std::string_view sql, std::span<const value> params) override {
    const result_handle res = run(sql, params);
    const int count = PQntuples(res.get());
    const int columns = PQnfields(res.get());
    auto names = std::make_shared<std::vector<std::string>>();
    names->reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      names->emplace_back(PQfname(res.get(), c));
    }
    const column_names shared_names = std::move(names);
    std::vector<row> result;
    result.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      std::vector<value> cells;
      cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        cells.push_back(read_cell(res.get(), r, c));
      }
      result.emplace_back(shared_names, std::move(cells));
    }
    return rows(std::move(result));
  }

  std::int64_t do_execute(std::string_view sql, std::span<const value> params) override {
    const result_handle res = run(sql, params);
    // PQcmdTuples also counts what SELECT, FETCH and COPY return; SQLite counts only changed rows.
    const std::string_view tag = PQcmdStatus(res.get());
    if (!tag.starts_with("INSERT") && !tag.starts_with("UPDATE") && !tag.starts_with("DELETE") &&
        !tag.starts_with("MERGE")) {
      return 0;
    }
    const char* affected = PQcmdTuples(res.get());
    const int length = static_cast<int>(std::char_traits<char>::length(affected));
    return length == 0 ? 0 : parse_number<std::int64_t>(affected, length);
  }

  result_handle run(std::string_view sql, std::span<const value> params) {
    if (params.size() > 65535) {
      throw error("postgresql: too many parameters");
    }
    std::vector<Oid> types;
    types.reserve(params.size());
    for (const value& v : params) {
      types.push_back(std::holds_alternative<std::int64_t>(v) ? int8_oid
                      : std::holds_alternative<double>(v)     ? float8_oid
                                                              : unknown_oid);
    }
    const std::string& name = prepare(sql, types);
    const text_params values(params);
    result_handle res(
        PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0));
    check(conn_.get(), res);
    return res;
  }

  // The parameter types are part of the key: `SELECT ?` prepared for an integer must return an integer,
  // not the text an earlier NULL or string argument made the server infer.
  const std::string& prepare(std::string_view sql, const std::vector<Oid>& types) {
    std::string key(sql);
    key += '\0';
    for (const Oid type : types) {
      key += type == int8_oid ? 'i' : type == float8_oid ? 'd' : 'u';
    }
    if (const auto found = statements_.find(key); found != statements_.end()) {
      return found->second;
    }
    const numbered_sql numbered = number_placeholders(sql);
    if (numbered.parameters != types.size()) {
      throw error("postgresql: statement has " + std::to_string(numbered.parameters) + " parameters, " +
                  std::to_string(types.size()) + " given");
    }
    if (statements_.size() >= max_cached_statements) {
      check(conn_.get(), result_handle(PQexec(conn_.get(), "DEALLOCATE ALL")));
      statements_.clear();
    }
    std::string name = "platform_sql_" + std::to_string(next_statement_++);
    const result_handle res(
        PQprepare(conn_.get(), name.c_str(), numbered.text.c_str(), static_cast<int>(types.size()), types.data()));
    check(conn_.get(), res);
    return statements_.emplace(std::move(key), std::move(name)).first->second;
  }

  conn_handle conn_;
  std::unordered_map<std::string, std::string> statements_;  // key (SQL + parameter types) -> name
  std::uint64_t next_statement_ = 0;
};

}  // namespace

std::unique_ptr<connection> open_postgresql(const std::string& url) {
  conn_handle conn(PQconnectdb(url.c_str()));
  if (conn == nullptr) {
    throw error("postgresql: out of memory while connecting");
  }
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw error("postgresql: cannot connect: " + trimmed(PQerrorMessage(conn.get())));
  }
  if (PQsetClientEncoding(conn.get(), "UTF8") != 0) {
    throw error("postgresql: cannot set client encoding: " + trimmed(PQerrorMessage(conn.get())));
  }
  // NOTICEs (such as "drop cascades to ...") would otherwise be printed on stderr by libpq.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return std::make_unique<postgresql_connection>(std::move(conn));
}

}  // namespace platform::sql
