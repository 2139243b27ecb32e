#pragma once
// One row of pixels, drawn as an image stretched to a height: many narrow
// bars side by side (the lock timeline's spans, the queue's full/empty
// bands) become one blit instead of one fill call each. On the raster
// engine a translucent fill taller than its parallel-fill threshold is
// handed to Qt's GUI thread pool and waited for, call by call; hundreds of
// such round trips made most of a frame (bench row 8). A stretched image is
// one scaled blit on the GUI thread.
//
// LineLayer does the same for many long antialiased lines (the process
// diagram's arrows): the raster engine blends an antialiased line in batches
// of spans that are large enough to be split across that thread pool, so
// each arrow cost several round trips; the layer computes each line's pixel
// coverage itself and the picture is one blit.
//
// For screens and images only: a vector device (SVG, PDF export) would get a
// bitmap, so the views draw their rectangles and lines there (suits()).
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRect>

class QPainter;

namespace ipcscope {

class PixelStrip
{
public:
    // Whether `painter` draws pixels with no rotation or shear, where a strip
    // looks exactly as the rectangles it stands for.
    static bool suits(const QPainter& painter);

    // Transparent columns [left, left + width) of the painter's x.
    void reset(int left, int width);
    // Columns [round(x0), round(x1)) over what is there: the pixels and the
    // blending (source over) of QPainter::fillRect without antialiasing.
    void fill(double x0, double x1, const QColor& color);
    bool isEmpty() const { return m_first > m_last; }
    // Each column one pixel wide, stretched over the rows fillRect would fill.
    void draw(QPainter& painter, double top, double height) const;

private:
    QImage m_pixels; // width × 1, premultiplied
    int m_left = 0;  // the painter's x of column 0
    int m_first = 0;
    int m_last = -1; // the columns painted, for isEmpty() and a smaller blit
};

class LineLayer
{
public:
    // Whether `painter` draws pixels with no transformation but a translation.
    static bool suits(const QPainter& painter);

    // A transparent layer over `size` (logical pixels) at the device's pixel ratio.
    void reset(const QSize& size, qreal devicePixelRatio);
    // A straight line `width` wide, antialiased, over what is there (source over).
    void addLine(QPointF from, QPointF to, const QColor& color, double width);
    // The layer at (0, 0) of the painter's coordinates.
    void draw(QPainter& painter) const;

private:
    void blend(int x, int y, QRgb premultiplied, double coverage);

    QImage m_pixels; // premultiplied, device pixels
    qreal m_scale = 1;
    QRect m_touched; // device pixels written since reset()
};

} // namespace ipcscope
