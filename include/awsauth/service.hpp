// awsauth/service.hpp: what the model says about a service and its operations on the wire: the protocol, the
// HTTP method and request URI of each operation, the XML namespace and result wrapper of the query protocol.
// Plain data the model headers fill in (operation_of, service_of) and the wire codec (awsauth/wire.hpp) reads.
#pragma once

#include <awsauth/version.hpp>

#include <string_view>

AWSAUTH_BEGIN_NAMESPACE

/// The wire protocols of the services awsauth models (botocore's `protocol` metadata).
enum class protocol : unsigned char {
    /// AWS Query: form-encoded POST requests, XML answers and errors (STS).
    query,
    /// restJson1: members in the URI, query string, headers or a JSON body; the error type in a header (EKS Auth).
    rest_json,
};

/// One service as its model's metadata describes it.
struct service_description {
    /// The model's name for it, as in botocore's data folder: "sts", "eks-auth".
    std::string_view name;
    protocol wire_protocol;
    /// The API version the query protocol sends as `Version`: "2011-06-15".
    std::string_view api_version;
    /// The namespace of the query protocol's XML answers ("" for other protocols).
    std::string_view xml_namespace;
};

/// One operation, as its model describes it; operation_of(type_tag<Input>) and operation_of(type_tag<Output>) give it
/// for the operation's input and output structs.
struct operation_description {
    const service_description* service;
    /// "AssumeRole": the query protocol's Action.
    std::string_view name;
    /// "POST"
    std::string_view http_method;
    /// "/" or "/clusters/{clusterName}/assume-role-for-pod-identity", with `{member}` for the members bound to it.
    std::string_view request_uri;
    /// The status of a successful answer.
    int success_status;
    /// The query protocol's element around the output's members: "AssumeRoleResult" ("" where there is none).
    std::string_view result_wrapper;
};

AWSAUTH_END_NAMESPACE
