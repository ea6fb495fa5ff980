// awsauth/detail/wire_query_response.hpp: the AWS Query protocol's XML answers and errors read with expat, streaming
// into the structs through their descriptors.
// INTERFACE ONLY: being implemented (issue 11).
#pragma once

#include <awsauth/detail/wire_http.hpp>
#include <awsauth/options.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

template <class Response>
Response read_query_response(const http_response& response, const operation_description& operation,
                             const parse_options& options);

service_error read_query_error(const http_response& response, const parse_options& options);

}  // namespace detail
AWSAUTH_END_NAMESPACE
