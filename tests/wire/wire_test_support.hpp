// tests/wire/wire_test_support.hpp: what the wire tests share.
#pragma once

#include "catch.hpp"

#include <awsauth/error.hpp>

#include <stdexcept>

namespace awsauth_test {

// The awsauth::error a call throws; fails the test when it throws nothing (anything else escapes to Catch).
template <class Call>
awsauth::error refusal_of(Call&& call) {
    try {
        call();
    } catch (const awsauth::error& refused) {
        return refused;
    }
    FAIL("no awsauth::error was thrown");
    throw std::logic_error("unreachable");
}

}  // namespace awsauth_test
