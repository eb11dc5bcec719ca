// The fixed parts of the HTML report: its style sheet and the script that draws the charts.
#pragma once

#include <string_view>

namespace ersatz::evaluate {

extern const std::string_view kReportCss;
// Draws a Chart.js bar chart in every <canvas data-column="i"> from the JSON in
// <script id="ersatz-data">, then sets <body data-charts-expected data-charts-rendered
// data-errors> and appends " — charts ready" to the title once every chart has pixels and no
// script error occurred (what the headless-browser test checks).
extern const std::string_view kReportScript;
// Chart.js (Debian's libjs-chart.js), compiled in by CMake.
extern const std::string_view kChartJsSource;

}  // namespace ersatz::evaluate
