#pragma once

#include <QLoggingCategory>

// The project's logging categories (DESIGN.md): enable with QT_LOGGING_RULES="mistraldesk.*=true".
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcProxy)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
