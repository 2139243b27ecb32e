#include "StateStyle.h"

#include <QCoreApplication>

namespace ipcscope {

QColor stateColor(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    switch (state) {
    case S::Starting:
    case S::Ready: return QColor(0x9e, 0x9e, 0x9e);
    case S::Working: return QColor(0x43, 0xa0, 0x47);     // green: making progress
    case S::WaitingLock: return QColor(0xe5, 0x39, 0x35); // red: blocked on the lock
    case S::HoldingLock: return QColor(0x1e, 0x88, 0xe5); // blue: inside the critical section
    case S::BlockedPut: return QColor(0xfb, 0x8c, 0x00);  // orange: queue full
    case S::BlockedGet: return QColor(0x8e, 0x24, 0xaa);  // purple: queue empty
    case S::Paused: return QColor(0x78, 0x90, 0x9c);
    case S::Exited:
    case S::Stopped: return QColor(0xbd, 0xbd, 0xbd);
    case S::Killed: return QColor(0x21, 0x21, 0x21);
    case S::Failed: return QColor(0x88, 0x0e, 0x4f);
    case S::WaitingPermit: return QColor(0xd8, 0x1b, 0x60);  // pink-red: no permit left
    case S::HoldingPermit: return QColor(0x00, 0x89, 0x7b);  // teal: inside the section
    case S::WaitingEvent: return QColor(0xfd, 0xd8, 0x35);   // yellow: waiting for a signal
    case S::WaitingBarrier: return QColor(0x6d, 0x4c, 0x41); // brown: arrived, others not yet
    case S::WaitingCondition: return QColor(0xff, 0xb3, 0x00); // amber: asleep until notified
    case S::WaitingJoin: return QColor(0x39, 0x49, 0xab);      // indigo: waiting for task_done()
    case S::WaitingMessage: return QColor(0x00, 0xac, 0xc1);   // cyan: blocked in recv()
    case S::Count: break;
    }
    return Qt::gray;
}

QString stateLabel(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    auto tr = [](const char* text) { return QCoreApplication::translate("WorkerState", text); };
    switch (state) {
    case S::Starting: return tr("starting");
    case S::Ready: return tr("ready");
    case S::Working: return tr("working");
    case S::WaitingLock: return tr("waiting for lock");
    case S::HoldingLock: return tr("holding lock");
    case S::BlockedPut: return tr("blocked on put (full)");
    case S::BlockedGet: return tr("blocked on get (empty)");
    case S::Paused: return tr("paused");
    case S::Exited: return tr("exited");
    case S::Stopped: return tr("stopped");
    case S::Killed: return tr("killed");
    case S::Failed: return tr("failed");
    case S::WaitingPermit: return tr("waiting for a permit");
    case S::HoldingPermit: return tr("inside (holds a permit)");
    case S::WaitingEvent: return tr("waiting for the event");
    case S::WaitingBarrier: return tr("waiting at the barrier");
    case S::WaitingCondition: return tr("waiting on the condition");
    case S::WaitingJoin: return tr("waiting in join()");
    case S::WaitingMessage: return tr("waiting for a message");
    case S::Count: break;
    }
    return tr("unknown");
}

QString roleLabel(ipc::Role role)
{
    auto tr = [](const char* text) { return QCoreApplication::translate("Role", text); };
    switch (role) {
    case ipc::Role::Incrementer: return tr("incrementer");
    case ipc::Role::Producer: return tr("producer");
    case ipc::Role::Consumer: return tr("consumer");
    case ipc::Role::ArrayWriter: return tr("array writer");
    case ipc::Role::SemaphoreUser: return tr("semaphore user");
    case ipc::Role::EventWaiter: return tr("event waiter");
    case ipc::Role::EventSetter: return tr("event setter");
    case ipc::Role::BarrierParty: return tr("barrier party");
    case ipc::Role::LockPair: return tr("two-lock worker");
    case ipc::Role::ListProducer: return tr("list producer");
    case ipc::Role::ListConsumer: return tr("list consumer");
    case ipc::Role::PipeEnd: return tr("pipe end");
    case ipc::Role::SocketServer: return tr("socket server");
    case ipc::Role::SocketClient: return tr("socket client");
    case ipc::Role::ManagerServer: return tr("manager server");
    case ipc::Role::ManagerClient: return tr("manager client");
    case ipc::Role::None: break;
    }
    return tr("none");
}

} // namespace ipcscope
