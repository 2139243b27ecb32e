// libFuzzer: any bytes as ipcscope-worker's argv (split at NUL bytes, the
// way the kernel hands them over). Parsing either succeeds with every
// required field in range or says what is wrong; never a crash.
#include "WorkerArgs.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ipcscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<std::string> words{"ipcscope-worker"};
    std::string word;
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == 0) {
            words.push_back(word);
            word.clear();
        } else {
            word.push_back(char(data[i]));
        }
    }
    if (!word.empty())
        words.push_back(word);
    std::vector<const char*> argv;
    for (const std::string& w : words)
        argv.push_back(w.c_str());
    argv.push_back(nullptr);

    worker::WorkerArgs args;
    const std::string error = worker::parseWorkerArgs(int(words.size()), argv.data(), &args);
    if (!error.empty())
        return 0;
    if (args.segment.empty() || args.slot < 0 || args.slot >= ipc::kMaxWorkers ||
        args.role == ipc::Role::None || (args.fd != -1 && (args.fd < 3 || args.fd > 1023)) ||
        args.path.size() > 107) {
        std::fprintf(stderr, "accepted arguments out of range\n");
        std::abort();
    }
    return 0;
}
