#pragma once
// Checks that every queue item was consumed exactly once, per producer, from
// the ItemPut / ItemGot events. Lost items can only be told at the end (until
// then they may still be in the queue); duplicates and phantoms (a slot read
// that nobody wrote) are known at once.
#include "Recording.h"

#include <QSet>
#include <QVector>

namespace ipcscope {

class DeliveryAudit
{
public:
    void feed(const RecordedEvent& event);
    void observeDepth(qint64 depth);
    // Live figures (lost = 0 until final), or the final verdict; items still
    // in the queue at the end (a stopped run) are left in it, not lost.
    DeliveryFigures figures(bool final, const QSet<quint64>& stillQueued = {}) const;

private:
    struct ProducerItems
    {
        QVector<quint8> produced; // by sequence number, saturating
        QVector<quint8> consumed;
        quint64 duplicated = 0;
    };
    ProducerItems& producer(uint32_t id);
    static void bump(QVector<quint8>& counts, quint64 seq);

    QVector<ProducerItems> m_producers;
    quint64 m_produced = 0;
    quint64 m_consumed = 0;
    quint64 m_duplicated = 0;
    quint64 m_phantom = 0;
    qint64 m_maxDepth = 0;
};

} // namespace ipcscope
