// libFuzzer: any bytes as a scenario file. Every input is either a valid
// scenario or a rejection with a message; never a crash, a hang or silence.
#include "Scenario.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

using ipcscope::Scenario;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    const auto scenario = Scenario::fromJson(
        QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), &error);
    if (!scenario) {
        if (error.trimmed().isEmpty()) {
            std::fprintf(stderr, "rejected without a message\n");
            std::abort();
        }
        return 0;
    }
    // Accepted: what it saves loads back to the same values.
    QString again;
    const auto reloaded = Scenario::fromJson(QJsonDocument(scenario->toJson()).toJson(), &again);
    if (!reloaded || reloaded->kind() != scenario->kind() ||
        reloaded->values() != scenario->values()) {
        std::fprintf(stderr, "an accepted scenario does not load back: %s\n", qPrintable(again));
        std::abort();
    }
    return 0;
}
