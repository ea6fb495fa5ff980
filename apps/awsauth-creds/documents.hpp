// apps/awsauth-creds/documents.hpp: reading a document (a file or standard input) and deciding which response it
// is; the library does the reading itself.
#pragma once

#include "command_line.hpp"
#include "credentials_found.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace awsauth_creds {

// The bytes of FILE, or of standard input where there is none or it is "-".
std::string read_input(const std::optional<std::string>& file);

// The credentials the document holds; refuses a document that is not one the tool reads, or has none.
credentials_found read_document(std::string_view text, input_type input, output_format format);

}  // namespace awsauth_creds
