#include "StateStyle.h"

#include <QCoreApplication>

namespace ipcscope {

QColor stateColor(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    switch (state) {
    case S::Starting:
    case S::Ready:
        return QColor(0x9e, 0x9e, 0x9e);
    case S::Working:
        return QColor(0x43, 0xa0, 0x47); // green: making progress
    case S::WaitingLock:
        return QColor(0xe5, 0x39, 0x35); // red: blocked on the lock
    case S::HoldingLock:
        return QColor(0x1e, 0x88, 0xe5); // blue: inside the critical section
    case S::BlockedPut:
        return QColor(0xfb, 0x8c, 0x00); // orange: queue full
    case S::BlockedGet:
        return QColor(0x8e, 0x24, 0xaa); // purple: queue empty
    case S::Paused:
        return QColor(0x78, 0x90, 0x9c);
    case S::Exited:
    case S::Stopped:
        return QColor(0xbd, 0xbd, 0xbd);
    case S::Killed:
        return QColor(0x21, 0x21, 0x21);
    case S::Failed:
        return QColor(0x88, 0x0e, 0x4f);
    case S::WaitingPermit:
        return QColor(0xd8, 0x1b, 0x60); // pink-red: no permit left
    case S::HoldingPermit:
        return QColor(0x00, 0x89, 0x7b); // teal: inside the section
    case S::WaitingEvent:
        return QColor(0xfd, 0xd8, 0x35); // yellow: waiting for a signal
    case S::WaitingBarrier:
        return QColor(0x6d, 0x4c, 0x41); // brown: arrived, others not yet
    case S::WaitingCondition:
        return QColor(0xff, 0xb3, 0x00); // amber: asleep until notified
    case S::WaitingJoin:
        return QColor(0x39, 0x49, 0xab); // indigo: waiting for task_done()
    case S::WaitingMessage:
        return QColor(0x00, 0xac, 0xc1); // cyan: blocked in recv()
    case S::Count:
        break;
    }
    return Qt::gray;
}

QString stateLabel(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    switch (state) {
    case S::Starting:
        return QCoreApplication::translate("WorkerState", "starting");
    case S::Ready:
        return QCoreApplication::translate("WorkerState", "ready");
    case S::Working:
        return QCoreApplication::translate("WorkerState", "working");
    case S::WaitingLock:
        return QCoreApplication::translate("WorkerState", "waiting for lock");
    case S::HoldingLock:
        return QCoreApplication::translate("WorkerState", "holding lock");
    case S::BlockedPut:
        return QCoreApplication::translate("WorkerState", "blocked on put (full)");
    case S::BlockedGet:
        return QCoreApplication::translate("WorkerState", "blocked on get (empty)");
    case S::Paused:
        return QCoreApplication::translate("WorkerState", "paused");
    case S::Exited:
        return QCoreApplication::translate("WorkerState", "exited");
    case S::Stopped:
        return QCoreApplication::translate("WorkerState", "stopped");
    case S::Killed:
        return QCoreApplication::translate("WorkerState", "killed");
    case S::Failed:
        return QCoreApplication::translate("WorkerState", "failed");
    case S::WaitingPermit:
        return QCoreApplication::translate("WorkerState", "waiting for a permit");
    case S::HoldingPermit:
        return QCoreApplication::translate("WorkerState", "inside (holds a permit)");
    case S::WaitingEvent:
        return QCoreApplication::translate("WorkerState", "waiting for the event");
    case S::WaitingBarrier:
        return QCoreApplication::translate("WorkerState", "waiting at the barrier");
    case S::WaitingCondition:
        return QCoreApplication::translate("WorkerState", "waiting on the condition");
    case S::WaitingJoin:
        return QCoreApplication::translate("WorkerState", "waiting in join()");
    case S::WaitingMessage:
        return QCoreApplication::translate("WorkerState", "waiting for a message");
    case S::Count:
        break;
    }
    return QCoreApplication::translate("WorkerState", "unknown");
}

} // namespace ipcscope
