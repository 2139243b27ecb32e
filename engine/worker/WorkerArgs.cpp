#include "WorkerArgs.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace ipcscope::worker {

namespace {

bool parseUnsigned(const char* text, int base, uint64_t max, uint64_t* out)
{
    if (!text || !*text || *text == '-' || *text == '+')
        return false;
    errno = 0;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, base);
    if (errno != 0 || *end != '\0' || value > max)
        return false;
    *out = value;
    return true;
}

} // namespace

std::string parseWorkerArgs(int argc, const char* const* argv, WorkerArgs* out)
{
    WorkerArgs args;
    bool haveToken = false;
    for (int i = 1; i < argc; ++i) {
        const char* option = argv[i];
        if (!option)
            return "missing argument";
        if (i + 1 >= argc || !argv[i + 1])
            return std::string("option ") + option + " needs a value";
        const char* value = argv[++i];
        uint64_t number = 0;
        auto bad = [&](const std::string& what) {
            return std::string("option ") + option + ": " + what + ", got '" + value + "'";
        };
        if (!std::strcmp(option, "--segment")) {
            if (!*value || std::strlen(value) > 200)
                return bad("must be a segment name");
            args.segment = value;
        } else if (!std::strcmp(option, "--token")) {
            if (!parseUnsigned(value, 16, UINT64_MAX, &args.token))
                return bad("must be a hexadecimal number");
            haveToken = true;
        } else if (!std::strcmp(option, "--slot")) {
            if (!parseUnsigned(value, 10, ipc::kMaxWorkers - 1, &number))
                return bad("must be 0.." + std::to_string(ipc::kMaxWorkers - 1));
            args.slot = int(number);
        } else if (!std::strcmp(option, "--role")) {
            args.role = ipc::Role::None;
            std::string known;
            for (const ipc::Role role : ipc::kAllRoles) {
                if (!std::strcmp(value, ipc::roleId(role)))
                    args.role = role;
                known += known.empty() ? "" : ", ";
                known += ipc::roleId(role);
            }
            if (args.role == ipc::Role::None)
                return bad("must be one of " + known);
        } else if (!std::strcmp(option, "--parent")) {
            if (!parseUnsigned(value, 10, INT32_MAX, &number) || number == 0)
                return bad("must be a process id");
            args.parentPid = int32_t(number);
        } else if (!std::strcmp(option, "--iterations")) {
            if (!parseUnsigned(value, 10, 1'000'000'000'000ull, &args.iterations))
                return bad("must be 0..10^12");
        } else if (!std::strcmp(option, "--items")) {
            if (!parseUnsigned(value, 10, 1'000'000'000'000ull, &args.items))
                return bad("must be 0..10^12");
        } else if (!std::strcmp(option, "--producer-id")) {
            if (!parseUnsigned(value, 10, 65534, &number))
                return bad("must be 0..65534");
            args.producerId = uint32_t(number);
        } else if (!std::strcmp(option, "--fd")) {
            if (!parseUnsigned(value, 10, 1023, &number) || number < 3)
                return bad("must be an inherited descriptor 3..1023");
            args.fd = int(number);
        } else if (!std::strcmp(option, "--path")) {
            // sockaddr_un.sun_path holds 108 bytes with the terminating NUL
            if (*value != '/' || std::strlen(value) > 107)
                return bad("must be an absolute path of at most 107 bytes");
            args.path = value;
        } else {
            return std::string("unknown option '") + option + "'";
        }
    }
    if (args.segment.empty())
        return "--segment is required";
    if (!haveToken)
        return "--token is required";
    if (args.slot < 0)
        return "--slot is required";
    if (args.role == ipc::Role::None)
        return "--role is required";
    *out = args;
    return {};
}

} // namespace ipcscope::worker
