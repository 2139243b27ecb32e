#include "LiveView.h"

#include <QApplication>
#include <QLayout>
#include <QPainter>
#include <QPicture>
#include <QResizeEvent>

#include <qcustomplot.h>

namespace ipcscope {

namespace {

// A hidden widget's resize() only marks it as pending: neither it nor its
// layout hears of it until it is shown. Delivers what a show would, top
// down, so that a view never shown (a headless export) is laid out too.
void deliverPendingResizes(QWidget* widget)
{
    if (widget->testAttribute(Qt::WA_PendingResizeEvent)) {
        widget->setAttribute(Qt::WA_PendingResizeEvent, false);
        QResizeEvent event(widget->size(), QSize());
        QCoreApplication::sendEvent(widget, &event); // also lays out its children
    }
    if (QLayout* layout = widget->layout())
        layout->activate();
    for (QWidget* child : widget->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        if (!child->isWindow())
            deliverPendingResizes(child);
}

void resizeNow(QWidget* widget, const QSize& size)
{
    widget->resize(size); // a visible widget is laid out right away
    deliverPendingResizes(widget);
}

void renderPlot(QCPPainter* painter, QCustomPlot* plot, const QPoint& offset)
{
    painter->save();
    painter->translate(offset);
    // The views fit their axis labels to the plot's size after each layout:
    // a first pass onto nothing settles them at this size, the second draws.
    {
        QPicture scratch;
        QCPPainter settle(&scratch);
        plot->toPainter(&settle, plot->width(), plot->height());
    }
    plot->toPainter(painter, plot->width(), plot->height());
    painter->restore();
}

// The widget and its shown children, each drawn by its own paint code.
void renderTree(QCPPainter* painter, QWidget* widget, const QPoint& offset)
{
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        renderPlot(painter, plot, offset);
        return;
    }
    // No window background: the chart's page shows through labels, as on a
    // slide; widgets that fill their background still do.
    widget->render(painter, offset, QRegion(), QWidget::RenderFlags());
    for (QWidget* child : widget->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        if (!child->isWindow() && !child->isHidden())
            renderTree(painter, child, offset + child->pos());
}

} // namespace

void LiveView::renderChart(QCPPainter* painter, const QRect& target)
{
    ensurePolished();
    const QSize ownSize = size();
    resizeNow(this, target.size());
    // No clip of our own: QWidget::render maps a painter's clip to the device
    // without the page's transform and would cut the view short on a PDF page.
    renderTree(painter, this, target.topLeft());
    resizeNow(this, ownSize);
    // The plots' hit-testing geometry was the export's for a moment: redraw
    // them (and their axis labels) at the live size on the next frame.
    for (QCustomPlot* plot : findChildren<QCustomPlot*>())
        plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace ipcscope
