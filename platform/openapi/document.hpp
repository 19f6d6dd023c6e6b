// An app's OpenAPI document: the text served as written, and the operations the drift check compares.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace platform::openapi {

struct document {
  std::string text;                     // served byte for byte
  std::vector<std::string> operations;  // "GET /hospital/{mapNo}", one per operation under `paths`
  // `x-realtime[].path`: endpoints described in prose (SockJS, Socket.IO, STOMP over WebSocket); every route
  // at or under such a path counts as documented.
  std::vector<std::string> realtime_paths;
};

// Throws std::runtime_error when the text is not JSON or has no `paths` object.
document parse_document(std::string text);

// nullopt when the file does not exist; throws std::runtime_error (naming the file) when it cannot be read
// or parsed. Blocking: called at start, before the I/O threads serve.
std::optional<document> load_document(const std::filesystem::path& file);

}  // namespace platform::openapi
