#pragma once
// The printer page: the status bits as the printer reports them, the paper state, and a test
// receipt (a short ESC/POS job in the printer's own font) printed off the UI thread.
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <string>
#include <vector>

namespace kiosk::devices {
class ReceiptPrinter;
}

namespace kiosk::technician {

class PrinterDiagnostics : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The console creates it")

    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool online READ online NOTIFY statusChanged)
    Q_PROPERTY(bool paperOut READ paperOut NOTIFY statusChanged)
    Q_PROPERTY(bool paperNearEnd READ paperNearEnd NOTIFY statusChanged)
    Q_PROPERTY(bool coverOpen READ coverOpen NOTIFY statusChanged)
    Q_PROPERTY(bool cutterError READ cutterError NOTIFY statusChanged)
    Q_PROPERTY(bool ticketInPresenter READ ticketInPresenter NOTIFY statusChanged)
    Q_PROPERTY(bool canPrint READ canPrint NOTIFY statusChanged)
    Q_PROPERTY(QString paperState READ paperState NOTIFY statusChanged)
    Q_PROPERTY(QString health READ health NOTIFY statusChanged)
    Q_PROPERTY(int dotsPerLine READ dotsPerLine CONSTANT)
    Q_PROPERTY(bool printing READ printing NOTIFY printChanged)
    Q_PROPERTY(QString lastResult READ lastResult NOTIFY printChanged)
    Q_PROPERTY(bool lastPrintOk READ lastPrintOk NOTIFY printChanged)
    Q_PROPERTY(int testPrints READ testPrints NOTIFY printChanged)
    Q_PROPERTY(int pendingReprints READ pendingReprints NOTIFY statusChanged)

public:
    PrinterDiagnostics(std::shared_ptr<devices::ReceiptPrinter> printer, std::string kioskId,
                       QObject* parent = nullptr);
    ~PrinterDiagnostics() override;

    Q_INVOKABLE void refresh();           // reads the status again
    Q_INVOKABLE void printTestReceipt();  // refreshes the status when done
    // Travelers' receipts that failed to print and wait in the kiosk's memory (the workflow's).
    Q_INVOKABLE void reprintPending();
    [[nodiscard]] int pendingReprints() const { return pendingCount_ ? pendingCount_() : 0; }
    void setReprintHooks(std::function<int()> count, std::function<void()> reprint) {
        pendingCount_ = std::move(count);
        reprint_ = std::move(reprint);
    }

    [[nodiscard]] bool available() const { return printer_ != nullptr; }
    [[nodiscard]] bool online() const { return online_; }
    [[nodiscard]] bool paperOut() const { return paperOut_; }
    [[nodiscard]] bool paperNearEnd() const { return paperNearEnd_; }
    [[nodiscard]] bool coverOpen() const { return coverOpen_; }
    [[nodiscard]] bool cutterError() const { return cutterError_; }
    [[nodiscard]] bool ticketInPresenter() const { return ticketInPresenter_; }
    [[nodiscard]] bool canPrint() const;
    [[nodiscard]] QString paperState() const;
    [[nodiscard]] QString health() const { return health_; }
    [[nodiscard]] int dotsPerLine() const;
    [[nodiscard]] bool printing() const { return printing_; }
    [[nodiscard]] QString lastResult() const { return lastResult_; }
    [[nodiscard]] bool lastPrintOk() const { return lastPrintOk_; }
    [[nodiscard]] int testPrints() const { return testPrints_; }

    // The job printTestReceipt sends: plain text in the printer's font, then a partial cut.
    [[nodiscard]] static std::vector<std::uint8_t> testReceiptJob(const std::string& kioskId, const std::string& time,
                                                                 int dotsPerLine);

    // Each technician action taken here ("printer.test_receipt"), for the audit trail.
    void setActionRecorder(std::function<void(std::string)> record) { record_ = std::move(record); }

signals:
    void statusChanged();
    void printChanged();

private:
    std::function<void(std::string)> record_;
    std::function<int()> pendingCount_;
    std::function<void()> reprint_;
    std::shared_ptr<devices::ReceiptPrinter> printer_;
    std::string kioskId_;
    QThreadPool pool_;
    bool online_ = false, paperOut_ = false, paperNearEnd_ = false, coverOpen_ = false, cutterError_ = false,
         ticketInPresenter_ = false;
    QString health_;
    bool printing_ = false;
    QString lastResult_;
    bool lastPrintOk_ = false;
    int testPrints_ = 0;
};

}  // namespace kiosk::technician
