// tests/catch.hpp: one include for Catch2 v2 (Debian 12's 2.13) and v3 (FetchContent fallback).
#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif
