#pragma once
// What every benchmark program shares: its output ("key value" lines that
// bench/run.py reads) and the median of its rounds.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace ipcscope::bench {

inline void report(const std::string& key, double value)
{
    std::printf("%s %.6g\n", key.c_str(), value);
    std::fflush(stdout);
}

inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace ipcscope::bench
