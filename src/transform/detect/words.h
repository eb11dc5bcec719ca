// Words of a value as the name and address detectors read them.
#pragma once

#include <string_view>
#include <vector>

namespace ersatz::transform {

// Split on spaces, commas, tabs and line breaks: "77 Birch Row Suite 12, Millfield" → 77, Birch,
// Row, Suite, 12, Millfield.
std::vector<std::string_view> Words(std::string_view v);
// An upper-case letter (any script), then letters, apostrophes, dots or hyphens: "O'Neil", "Jäntsch".
bool IsCapitalisedWord(std::string_view w);
bool EndsWith(std::string_view s, std::string_view suffix);

}  // namespace ersatz::transform
