#include "DeliveryAudit.h"

namespace ipcscope {

namespace {
// Sequence numbers beyond this are treated as garbage (a torn or stale slot).
constexpr quint64 kMaxTrackedSeq = 1'000'000'000ull;
constexpr uint32_t kMaxProducers = 65535;
} // namespace

DeliveryAudit::ProducerItems& DeliveryAudit::producer(uint32_t id)
{
    if (id >= uint32_t(m_producers.size()))
        m_producers.resize(id + 1);
    return m_producers[id];
}

void DeliveryAudit::bump(QVector<quint8>& counts, quint64 seq)
{
    if (seq >= quint64(counts.size()))
        counts.resize(qsizetype(std::max<quint64>(seq + 1, quint64(counts.size()) * 2)));
    if (counts[seq] < 255)
        ++counts[seq];
}

void DeliveryAudit::feed(const RecordedEvent& event)
{
    if (event.type != ipc::EventType::ItemPut && event.type != ipc::EventType::ItemGot)
        return;
    const auto key = uint64_t(event.a);
    if (event.type == ipc::EventType::ItemPut)
        m_maxDepth = std::max(m_maxDepth, event.b);
    const bool valid = ipc::itemKeyValid(key) && ipc::itemProducer(key) < kMaxProducers &&
                       ipc::itemSeq(key) < kMaxTrackedSeq;
    if (event.type == ipc::EventType::ItemPut) {
        ++m_produced;
        if (valid)
            bump(producer(ipc::itemProducer(key)).produced, ipc::itemSeq(key));
        return;
    }
    ++m_consumed;
    if (!valid) {
        ++m_phantom;
        return;
    }
    ProducerItems& items = producer(ipc::itemProducer(key));
    const quint64 seq = ipc::itemSeq(key);
    const bool seenBefore = seq < quint64(items.consumed.size()) && items.consumed[seq] > 0;
    bump(items.consumed, seq);
    if (seenBefore) {
        ++items.duplicated;
        ++m_duplicated;
    }
}

void DeliveryAudit::observeDepth(qint64 depth)
{
    m_maxDepth = std::max(m_maxDepth, depth);
}

DeliveryFigures DeliveryAudit::figures(bool final, const QSet<quint64>& stillQueued) const
{
    DeliveryFigures figures;
    figures.produced = m_produced;
    figures.consumed = m_consumed;
    figures.duplicated = m_duplicated;
    figures.phantom = m_phantom;
    figures.maxDepth = m_maxDepth;
    figures.final = final;
    if (!final)
        return figures;
    for (qsizetype producer = 0; producer < m_producers.size(); ++producer) {
        const ProducerItems& items = m_producers[producer];
        quint64 lost = 0;
        for (qsizetype seq = 0; seq < items.produced.size(); ++seq) {
            const bool consumed = seq < items.consumed.size() && items.consumed[seq] > 0;
            if (items.produced[seq] == 0 || consumed)
                continue;
            // Stopped with items still in the queue: they are not lost.
            if (stillQueued.contains(ipc::itemKey(uint32_t(producer), quint64(seq))))
                ++figures.leftInQueue;
            else
                ++lost;
        }
        figures.lost += lost;
        figures.lostPerProducer.append(lost);
        figures.duplicatedPerProducer.append(items.duplicated);
    }
    return figures;
}

} // namespace ipcscope
