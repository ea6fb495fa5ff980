// awsauth/detail/wire_query_request.hpp: the AWS Query protocol's requests, both ways: a request struct as the
// form-encoded body botocore sends (Action, Version, then the members in model order), and such a body read back.
// INTERFACE ONLY: being implemented (issue 11).
#pragma once

#include <awsauth/detail/wire_http.hpp>
#include <awsauth/options.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

template <class Request>
http_request write_query_request(const Request& request, const operation_description& operation);

template <class Request>
Request read_query_request(const http_request& request, const operation_description& operation,
                           const parse_options& options);

bool query_request_is_for(const http_request& request, const operation_description& operation);

}  // namespace detail
AWSAUTH_END_NAMESPACE
