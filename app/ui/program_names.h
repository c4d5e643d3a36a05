#pragma once
// Programs as travelers and officers know them.
#include <QString>

namespace kiosk::ui {

inline QString programDisplayName(const QString& program) {
    if (program == QLatin1String("GLOBAL_ENTRY")) return QStringLiteral("Global Entry");
    if (program == QLatin1String("NEXUS")) return QStringLiteral("NEXUS");
    if (program == QLatin1String("SENTRI")) return QStringLiteral("SENTRI");
    if (program == QLatin1String("KOREA_SES")) return QStringLiteral("Korea SES");
    return program;
}

}  // namespace kiosk::ui
