#include "PixelStrip.h"

#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ipcscope {

bool PixelStrip::suits(const QPainter& painter)
{
    const QPaintEngine* engine = painter.paintEngine();
    return engine && engine->type() == QPaintEngine::Raster &&
           painter.transform().type() <= QTransform::TxScale;
}

void PixelStrip::reset(int left, int width)
{
    m_left = left;
    width = std::max(1, width);
    if (m_pixels.width() != width)
        m_pixels = QImage(width, 1, QImage::Format_ARGB32_Premultiplied);
    m_pixels.fill(Qt::transparent);
    m_first = width;
    m_last = -1;
}

void PixelStrip::fill(double x0, double x1, const QColor& color)
{
    const int width = m_pixels.width();
    // The columns QPainter::fillRect fills (no antialiasing): from the
    // rounded left edge to the rounded right one. Less than a pixel may be
    // nothing: the views make their bars at least a pixel wide themselves.
    // Rounded before the strip's origin is taken off, as fillRect rounds.
    const long first = std::lround(x0) - m_left;
    const long last = std::lround(x1) - m_left; // one past
    const int from = int(std::max(first, 0L));
    const int to = int(std::min(last, long(width)));
    if (from >= to)
        return; // outside the strip
    const QRgb source = qPremultiply(color.rgba());
    const uint alpha = qAlpha(source);
    auto* line = reinterpret_cast<QRgb*>(m_pixels.scanLine(0));
    for (int x = from; x < to; ++x) {
        const QRgb below = line[x];
        if (alpha == 255 || below == 0) {
            line[x] = source;
            continue;
        }
        // Source over, premultiplied: s + d·(1 − αs), per channel.
        const uint keep = 255 - alpha;
        auto blend = [&](uint s, uint d) { return s + (d * keep + 127) / 255; };
        line[x] =
            qRgba(int(blend(qRed(source), qRed(below))), int(blend(qGreen(source), qGreen(below))),
                  int(blend(qBlue(source), qBlue(below))), int(blend(alpha, qAlpha(below))));
    }
    m_first = std::min(m_first, from);
    m_last = std::max(m_last, to - 1);
}

void PixelStrip::draw(QPainter& painter, double top, double height) const
{
    if (isEmpty() || height <= 0)
        return;
    const int columns = m_last - m_first + 1;
    painter.save();
    // Stretched, never smoothed: a smoothed stretch would blur the bars' edges.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    // Rows as fillRect rounds them: from the rounded top to the rounded bottom.
    const double firstRow = std::round(top);
    const double rows = std::round(top + height) - firstRow;
    if (rows <= 0) {
        painter.restore();
        return;
    }
    painter.drawImage(QRectF(m_left + m_first, firstRow, columns, rows), m_pixels,
                      QRectF(m_first, 0, columns, 1));
    painter.restore();
}

// --------------------------------------------------------------------------
// LineLayer

bool LineLayer::suits(const QPainter& painter)
{
    const QPaintEngine* engine = painter.paintEngine();
    return engine && engine->type() == QPaintEngine::Raster &&
           painter.transform().type() <= QTransform::TxTranslate;
}

void LineLayer::reset(const QSize& size, qreal devicePixelRatio)
{
    m_scale = devicePixelRatio > 0 ? devicePixelRatio : 1;
    const QSize pixels = (QSizeF(size) * m_scale).toSize().expandedTo(QSize(1, 1));
    if (m_pixels.size() != pixels) {
        m_pixels = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_pixels.fill(Qt::transparent);
    } else if (m_touched.isValid()) {
        // Only what the last frame wrote needs clearing.
        for (int y = m_touched.top(); y <= m_touched.bottom(); ++y)
            std::fill_n(reinterpret_cast<QRgb*>(m_pixels.scanLine(y)) + m_touched.left(),
                        m_touched.width(), QRgb(0));
    }
    m_pixels.setDevicePixelRatio(m_scale);
    m_touched = QRect();
}

void LineLayer::blend(int x, int y, QRgb premultiplied, double coverage)
{
    if (x < 0 || y < 0 || x >= m_pixels.width() || y >= m_pixels.height() || coverage <= 0)
        return;
    const uint cover = uint(std::lround(std::min(coverage, 1.0) * 255));
    auto scaled = [&](uint channel) { return (channel * cover + 127) / 255; };
    const uint red = scaled(qRed(premultiplied)), green = scaled(qGreen(premultiplied));
    const uint blue = scaled(qBlue(premultiplied)), alpha = scaled(qAlpha(premultiplied));
    QRgb& pixel = reinterpret_cast<QRgb*>(m_pixels.scanLine(y))[x];
    const uint keep = 255 - alpha;
    auto over = [&](uint s, uint d) { return int(s + (d * keep + 127) / 255); };
    pixel = qRgba(over(red, qRed(pixel)), over(green, qGreen(pixel)), over(blue, qBlue(pixel)),
                  over(alpha, qAlpha(pixel)));
    m_touched |= QRect(x, y, 1, 1);
}

void LineLayer::addLine(QPointF from, QPointF to, const QColor& color, double width)
{
    from *= m_scale;
    to *= m_scale;
    width *= m_scale;
    // Walk the major axis one pixel column (or row) at a time; across it the
    // line covers an interval as wide as the line measured along that axis,
    // and each pixel gets the share of it that falls inside.
    const bool steep = std::fabs(to.y() - from.y()) > std::fabs(to.x() - from.x());
    double a0 = steep ? from.y() : from.x(), b0 = steep ? from.x() : from.y();
    double a1 = steep ? to.y() : to.x(), b1 = steep ? to.x() : to.y();
    if (a0 > a1) {
        std::swap(a0, a1);
        std::swap(b0, b1);
    }
    const double slope = a1 > a0 ? (b1 - b0) / (a1 - a0) : 0;
    const double half = width * std::sqrt(1 + slope * slope) / 2;
    const QRgb source = qPremultiply(color.rgba());
    for (int i = int(std::floor(a0)); i < int(std::ceil(a1)) || i == int(std::floor(a0)); ++i) {
        // Columns the line only partly crosses get that part: the ends fade
        // with the line's true length, not a whole pixel.
        const double along = a1 > a0 ? std::min(a1, i + 1.0) - std::max(a0, double(i)) : 1.0;
        if (along <= 0)
            continue;
        const double centre = b0 + (std::clamp(i + 0.5, a0, a1) - a0) * slope;
        const double low = centre - half, high = centre + half;
        for (int j = int(std::floor(low)); j < int(std::ceil(high)); ++j) {
            const double inside = std::min(high, j + 1.0) - std::max(low, double(j));
            if (steep)
                blend(j, i, source, inside * along);
            else
                blend(i, j, source, inside * along);
        }
    }
}

void LineLayer::draw(QPainter& painter) const
{
    if (m_touched.isEmpty())
        return;
    painter.drawImage(
        QRectF(QPointF(m_touched.topLeft()) / m_scale, QSizeF(m_touched.size()) / m_scale),
        m_pixels, QRectF(m_touched));
}

} // namespace ipcscope
