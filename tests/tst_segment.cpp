// The shared-memory contract: the ring, the segment's identity checks, and
// ipcscope-worker refusing what is not its segment.
#include "Session.h"
#include "TestSupport.h"
#include "ipc/Segment.h"

#include <QProcess>
#include <QTest>

#include <boost/interprocess/mapped_region.hpp>
#include <boost/interprocess/shared_memory_object.hpp>
#include <sys/stat.h>

using namespace ipcscope;
namespace bip = boost::interprocess;

class TestSegment : public QObject
{
    Q_OBJECT

    struct WorkerRun
    {
        int exitCode;
        QString stderrText;
    };

    static WorkerRun runWorker(const QStringList& arguments)
    {
        QProcess worker;
        worker.start(Session::workerProgram(), arguments);
        if (!worker.waitForFinished(10'000)) {
            worker.kill();
            worker.waitForFinished();
            return {-1, QStringLiteral("timed out")};
        }
        return {worker.exitStatus() == QProcess::NormalExit ? worker.exitCode() : -2,
                QString::fromLocal8Bit(worker.readAllStandardError())};
    }

private slots:
    void ring_deliversInOrder_andCountsOverflow()
    {
        auto ring = std::make_unique<ipc::EventRing>();
        for (uint64_t i = 0; i < ipc::kRingCapacity; ++i)
            QVERIFY(ring->push({i, 1, 0, 0, int64_t(i), 0}));
        QVERIFY(!ring->push({0, 1, 0, 0, -1, 0})); // full: dropped, not blocked
        QVERIFY(!ring->push({0, 1, 0, 0, -1, 0}));
        QCOMPARE(ring->dropped.load(), 2u);
        std::vector<ipc::EventRecord> out(ipc::kRingCapacity);
        QCOMPARE(ring->drain(out.data()), size_t(ipc::kRingCapacity));
        for (uint64_t i = 0; i < ipc::kRingCapacity; ++i)
            QCOMPARE(out[i].a, int64_t(i));
        QVERIFY(ring->push({0, 1, 0, 0, 7, 0}));
        QCOMPARE(ring->drain(out.data()), size_t(1));
        QCOMPARE(out[0].a, 7);
    }

    void name_roundTrips()
    {
        const std::string name = ipc::segmentName(1000, 4242, 0xdeadbeef12345678ull);
        QCOMPARE(QString::fromStdString(name),
                 QStringLiteral("ipcscope_1000_4242_deadbeef12345678"));
        uint32_t uid;
        int32_t pid;
        uint64_t token;
        QVERIFY(ipc::parseSegmentName(name, &uid, &pid, &token));
        QCOMPARE(uid, 1000u);
        QCOMPARE(pid, 4242);
        QCOMPARE(token, 0xdeadbeef12345678ull);
        QVERIFY(!ipc::parseSegmentName("ipcscope_1_2_3x", &uid, &pid, &token));
        QVERIFY(!ipc::parseSegmentName("other", &uid, &pid, &token));
    }

    void segment_isOwnerOnly()
    {
        ipc::OwnedSegment owned(ipc::randomToken(), 4);
        struct stat info;
        const std::string path = "/dev/shm/" + owned.name();
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
    }

    void segment_isRemovedWithItsOwner()
    {
        std::string name;
        {
            ipc::OwnedSegment owned(ipc::randomToken(), 4);
            name = owned.name();
            QCOMPARE(test::ourSegments().size(), 1);
        }
        QCOMPARE(test::ourSegments(), QStringList());
    }

    void worker_refusesForeignSegments_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong token") << "token"
                                     << "token";
        QTest::newRow("wrong magic") << "magic"
                                     << "not an ipcscope segment";
        QTest::newRow("other layout version") << "version"
                                              << "layout version 99";
        QTest::newRow("missing") << "missing"
                                 << "cannot open";
    }

    void worker_refusesForeignSegments()
    {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        const uint64_t token = ipc::randomToken();
        ipc::OwnedSegment owned(token, 4);
        owned.segment().workerSlots[0].inUse.store(1);
        owned.segment().workerSlots[0].role.store(uint32_t(ipc::Role::Incrementer));
        uint64_t given = token;
        std::string name = owned.name();
        if (damage == QLatin1String("token"))
            given = token ^ 1;
        else if (damage == QLatin1String("magic"))
            owned.segment().header.magic = 42;
        else if (damage == QLatin1String("version"))
            owned.segment().header.layoutVersion = 99;
        else if (damage == QLatin1String("missing"))
            name += "_nope";
        const WorkerRun run = runWorker(test::workerAttachArguments(name, given));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stderrText.contains(message), qPrintable(run.stderrText));
        QCOMPARE(run.stderrText.trimmed().count(QLatin1Char('\n')), 0); // one line
    }

    void worker_refusesTruncatedSegment_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("empty") << qint64(0);
        QTest::newRow("half a header") << qint64(sizeof(ipc::SegmentHeader) / 2);
        QTest::newRow("header only") << qint64(4096);
        QTest::newRow("one byte short") << qint64(sizeof(ipc::Segment) - 1);
    }

    void worker_refusesTruncatedSegment()
    {
        QFETCH(qint64, size);
        const std::string name = ipc::segmentName(getuid(), getpid(), ipc::randomToken());
        {
            bip::shared_memory_object object(bip::create_only, name.c_str(), bip::read_write,
                                             bip::permissions(0600));
            object.truncate(size);
            if (size >= qint64(sizeof(ipc::SegmentHeader))) {
                bip::mapped_region region(object, bip::read_write, 0, sizeof(ipc::SegmentHeader));
                auto* header = static_cast<ipc::SegmentHeader*>(region.get_address());
                header->magic = ipc::kMagic;
                header->layoutVersion = ipc::kLayoutVersion;
                header->segmentSize = sizeof(ipc::Segment);
                header->token = 1;
            }
        }
        const WorkerRun run = runWorker(test::workerAttachArguments(name, 1));
        bip::shared_memory_object::remove(name.c_str());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stderrText.contains(QStringLiteral("truncated")), qPrintable(run.stderrText));
    }

    void worker_badArguments_exit2WithUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("1")};
        QTest::newRow("bad role") << QStringList{
            QStringLiteral("--segment"), QStringLiteral("x"),      QStringLiteral("--token"),
            QStringLiteral("1"),         QStringLiteral("--slot"), QStringLiteral("0"),
            QStringLiteral("--role"),    QStringLiteral("king")};
        QTest::newRow("slot out of range")
            << QStringList{QStringLiteral("--slot"), QStringLiteral("999")};
        QTest::newRow("negative iterations")
            << QStringList{QStringLiteral("--iterations"), QStringLiteral("-5")};
        QTest::newRow("token not hex")
            << QStringList{QStringLiteral("--token"), QStringLiteral("zz")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("--segment")};
    }

    void worker_badArguments_exit2WithUsage()
    {
        QFETCH(QStringList, arguments);
        const WorkerRun run = runWorker(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.stderrText.contains(QStringLiteral("usage:")), qPrintable(run.stderrText));
    }

    void staleSegments_ofDeadCreators_areRemoved()
    {
        // A creator pid that cannot exist (above pid_max).
        const std::string stale = ipc::segmentName(getuid(), 0x3ffffffe, ipc::randomToken());
        {
            bip::shared_memory_object object(bip::create_only, stale.c_str(), bip::read_write,
                                             bip::permissions(0600));
            object.truncate(64);
        }
        ipc::OwnedSegment live(ipc::randomToken(), 1);
        const auto removed = ipc::removeStaleSegments();
        QVERIFY(std::find(removed.begin(), removed.end(), stale) != removed.end());
        QVERIFY(std::find(removed.begin(), removed.end(), live.name()) == removed.end());
        QVERIFY(!QFile::exists(QString::fromStdString("/dev/shm/" + stale)));
        QVERIFY(QFile::exists(QString::fromStdString("/dev/shm/" + live.name())));
    }
};

QTEST_GUILESS_MAIN(TestSegment)
#include "tst_segment.moc"
