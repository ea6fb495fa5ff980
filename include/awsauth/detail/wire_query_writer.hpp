// awsauth/detail/wire_query_writer.hpp: the AWS Query protocol's XML answers and errors as STS writes them.
// INTERFACE ONLY: being implemented (issue 11).
#pragma once

#include <awsauth/detail/wire_http.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

template <class Response>
http_response write_query_response(const Response& response, const operation_description& operation);

http_response write_query_error(const service_description& service, const service_error& error);

}  // namespace detail
AWSAUTH_END_NAMESPACE
