// What a column's header says about its values: the entity it names (`email`, `tel`, `Vorname`,
// `tax_id`) and the entities it contradicts (a `version` column of dotted quads holds no IP
// addresses, a `part_no` of "AX-12345" no postcodes). Shared by the column classifier and the
// per-value check of `ersatz transform`, so that both read a header the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ersatz/transform.h"

namespace ersatz::transform {

// Lower-case ASCII words: "customerEmail" → customer, email; "e_mail" → e, mail; "zip5" → zip, 5;
// "Téléphone" → telephone (Latin accents folded, ß → ss).
std::vector<std::string> HeaderWords(std::string_view header);

// The header names `entity`: one of its words (or two adjacent ones, or both written together)
// is a hint for it; hints of five letters or more also count at the start or end of a compound
// word ("Telefonnummer", "Kundenname").
bool HeaderNames(const std::vector<std::string>& words, PiiEntity entity);

// The header says the column is something else that the entity's values can look like.
bool HeaderContradicts(const std::vector<std::string>& words, PiiEntity entity);

}  // namespace ersatz::transform
