#include "Logging.h"

Q_LOGGING_CATEGORY(lcApi, "mistraldesk.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProxy, "mistraldesk.proxy", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "mistraldesk.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "mistraldesk.secrets", QtInfoMsg)
