// libFuzzer: hostile session files (.ipcscope). The SHA-256 in the header
// would turn away almost every mutation at the door, so the harness writes
// a valid checksum for whatever it was given, and the body parser itself
// gets the hostile bytes. First input byte: 'B' = the rest is a plain body
// (the harness builds the header around it), anything else = the rest is a
// whole file (magic, version, flags and sizes as mutated).
// Every input is loaded or refused with a message; never a crash, a hang or
// a huge allocation (run.sh: -rss_limit_mb, which caps single mallocs too).
#include "SessionFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace ipcscope;

namespace {

constexpr qsizetype kHeaderSize = 64;
constexpr qsizetype kHashedHeaderSize = 32;

QByteArray sessionFile(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    QByteArray file;
    if (!input.isEmpty() && input[0] == 'B') {
        const QByteArray body = input.mid(1);
        file = QByteArray(kHeaderSize, '\0');
        auto* h = reinterpret_cast<uchar*>(file.data());
        std::memcpy(h, "IPCSCOPE", 8);
        qToBigEndian<quint32>(quint32(kSessionFormatVersion), h + 8);
        qToBigEndian<quint32>(0, h + 12); // stored plain
        qToBigEndian<quint64>(quint64(body.size()), h + 16);
        qToBigEndian<quint64>(quint64(body.size()), h + 24);
        file += body;
    } else {
        file = input.mid(1);
    }
    if (file.size() >= kHeaderSize) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(QByteArrayView(file).first(kHashedHeaderSize));
        hash.addData(QByteArrayView(file).sliced(kHeaderSize));
        file.replace(kHashedHeaderSize, 32, hash.result());
    }
    return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("fuzz.ipcscope"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        file.write(sessionFile(data, size));
    }
    QString error;
    const auto loaded = loadSession(path, &error);
    if (!loaded && error.trimmed().isEmpty()) {
        std::fprintf(stderr, "refused without a message\n");
        std::abort();
    }
    if (loaded && (!loaded->scenario || !loaded->recording)) {
        std::fprintf(stderr, "loaded without a scenario or a recording\n");
        std::abort();
    }
    return 0;
}
