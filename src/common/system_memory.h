// How much memory ersatz may use: the budgets that must fail early rather than exhaust the machine
// (a network's size, a table read from a stream that may never end) are shares of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ersatz {

// The memory available to this process, in bytes: ERSATZ_MEMORY when set (bytes, or a number
// with K, M, G or T: "8G"), else the smaller of the physical memory and the cgroup's limit (a
// container's memory.max), else 16 GiB when the system says neither. ParameterError for an
// ERSATZ_MEMORY that is not a positive size.
std::size_t AvailableMemory();
std::size_t HalfTheAvailableMemory();

// "8G" → 8 GiB; nullopt for anything but a positive number with an optional K/M/G/T suffix.
std::optional<std::size_t> ParseMemorySize(std::string_view text);

}  // namespace ersatz
