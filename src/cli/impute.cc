// `ersatz impute model.ersatz data.csv -o filled.csv`: fill missing cells.
#include "cli/given_rows.h"
#include "cli/verb.h"
#include "ersatz/generator.h"
#include "models/argn/params.h"

namespace ersatz::cli {

namespace {

void RunImpute(const VerbContext& ctx) {
  const std::string model = ctx.positionals.at(0);
  const std::string output = ctx.params.GetString("output");
  const Generator generator = Generator::Load(model);
  RunGiven(ctx, generator,
           {.input = ctx.positionals.at(1), .csv = {}, .per_row = 1, .strict = ctx.params.GetFlag("strict"),
            .output = output},
           "rows", /*no_nulls=*/true);
}

}  // namespace

VerbSpec ImputeVerb() {
  return VerbSpec{
      .name = "impute",
      .summary = "Fill the missing cells of a CSV file from a model.",
      .details =
          "Each missing (null) cell of a column the model learned is sampled from the model "
          "conditioned on the row's present cells; present cells are written exactly as they "
          "were. Columns the model does not know pass through. The file is read and written in "
          "chunks, so memory stays bounded; the output appears only when complete.",
      .example = "ersatz impute adult.ersatz gappy.csv -o filled.csv --seed 7",
      .positionals = {{"model.ersatz", "A model file written by `ersatz fit`."},
                      {"data.csv", "The CSV file with missing cells."}},
      .param_tables = {kImputeParams},
      .run = RunImpute,
  };
}

}  // namespace ersatz::cli
