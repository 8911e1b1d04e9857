#include "settings/SettingsDialog.h"

#include "settings/ApiKeyKeeper.h"
#include "settings/KeyField.h"
#include "settings/NoticeLabel.h"
#include "settings/PriceTableEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace md {

SettingsDialog::SettingsDialog(const AppSettings &settings, ApiKeyKeeper *keys, QWidget *parent)
    : QDialog(parent)
    , m_keys(keys)
    , m_initial(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_tabs->addTab(buildGeneralPage(), tr("&General"));
    m_prices = new PriceTableEditor(this);
    m_prices->setObjectName(QStringLiteral("priceEditor"));
    auto *pricePage = new QWidget(this);
    auto *priceLayout = new QVBoxLayout(pricePage);
    priceLayout->addWidget(m_prices);
    m_tabs->addTab(pricePage, tr("&Prices"));
    layout->addWidget(m_tabs, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    // Fill in the fields after everything exists, so refreshValidity() sees all of them.
    m_baseUrl->setText(settings.baseUrl.toString());
    m_timeout->setValue(settings.timeoutSeconds);
    m_theme->setCurrentIndex(m_theme->findData(int(settings.theme)));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language)));
    m_prices->setTable(settings.prices);
    connect(m_prices, &PriceTableEditor::changed, this, &SettingsDialog::refreshValidity);

    if (m_keys) {
        connect(m_keys, &ApiKeyKeeper::keyLoaded, this, &SettingsDialog::refreshKeyStatus);
        connect(m_keys, &ApiKeyKeeper::keyForgotten, this, [this] {
            setKeyBusy(false);
            refreshKeyStatus();
        });
        connect(m_keys, &ApiKeyKeeper::keySaved, this, [this] {
            setKeyBusy(false);
            m_keyField->clear();
            showKeyError(QString());
            refreshKeyStatus();
            if (m_closeAfterKeySaved)
                QDialog::accept();
        });
        connect(m_keys, &ApiKeyKeeper::saveFailed, this, [this](const QString &message, bool unavailable) {
            setKeyBusy(false);
            m_closeAfterKeySaved = false;
            showKeyError(message);
            if (unavailable)
                m_sessionOnly->setChecked(true);
            refreshKeyStatus();
            m_tabs->setCurrentIndex(0);
            m_keyField->setFocus();
        });
    }
    refreshKeyStatus();
    refreshValidity();
    resize(sizeHint().expandedTo(QSize(620, 560)));
}

QWidget *SettingsDialog::buildGeneralPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(buildKeyGroup(page));

    auto *connection = new QGroupBox(tr("Connection"), page);
    auto *form = new QFormLayout(connection);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_baseUrl = new QLineEdit(connection);
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setPlaceholderText(QStringLiteral("https://api.mistral.ai"));
    m_baseUrl->setToolTip(tr("Mistral's API, or any server that speaks the same protocol. Without /v1."));
    auto *urlBox = new QVBoxLayout;
    urlBox->setSpacing(2);
    urlBox->addWidget(m_baseUrl);
    auto *urlHint = new NoticeLabel(NoticeLabel::Kind::Hint, connection);
    urlHint->setText(tr("Mistral's API, or any server that speaks the same protocol (without /v1)."));
    urlBox->addWidget(urlHint);
    m_baseUrlError = new NoticeLabel(NoticeLabel::Kind::Error, connection);
    m_baseUrlError->setObjectName(QStringLiteral("baseUrlError"));
    urlBox->addWidget(m_baseUrlError);
    form->addRow(tr("&Base URL:"), urlBox);
    qobject_cast<QLabel *>(form->labelForField(urlBox))->setBuddy(m_baseUrl);

    m_timeout = new QSpinBox(connection);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setAccessibleName(tr("Request timeout in seconds"));
    m_timeout->setRange(AppSettings::kMinTimeoutSeconds, AppSettings::kMaxTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long to wait for the first byte of an answer before giving up"));
    auto *timeoutRow = new QHBoxLayout;
    timeoutRow->addWidget(m_timeout);
    timeoutRow->addStretch(1);
    form->addRow(tr("Request &timeout:"), timeoutRow);
    qobject_cast<QLabel *>(form->labelForField(timeoutRow))->setBuddy(m_timeout);
    layout->addWidget(connection);

    auto *appearance = new QGroupBox(tr("Appearance"), page);
    auto *appearanceForm = new QFormLayout(appearance);
    m_theme = new QComboBox(appearance);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("System"), int(Theme::System));
    m_theme->addItem(tr("Light"), int(Theme::Light));
    m_theme->addItem(tr("Dark"), int(Theme::Dark));
    auto *themeRow = new QHBoxLayout;
    themeRow->addWidget(m_theme);
    themeRow->addStretch(1);
    appearanceForm->addRow(tr("T&heme:"), themeRow);
    qobject_cast<QLabel *>(appearanceForm->labelForField(themeRow))->setBuddy(m_theme);
    if (themeFromEnvironment()) {
        auto *note = new NoticeLabel(NoticeLabel::Kind::Hint, appearance);
        note->setText(tr("MISTRAL_DESK_PALETTE is set in the environment and overrides this choice."));
        appearanceForm->addRow(QString(), note);
    }
    connect(m_theme, &QComboBox::currentIndexChanged, this,
            [this] { applyTheme(Theme(m_theme->currentData().toInt())); });

    // Widgets are not retranslated live: the language takes effect at the next start.
    m_language = new QComboBox(appearance);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System default"), QStringLiteral("system"));
    // Each language under its own name, so that it can be found whatever the current one is.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Fran\u00e7ais"), QStringLiteral("fr"));
    auto *languageRow = new QHBoxLayout;
    languageRow->addWidget(m_language);
    languageRow->addStretch(1);
    appearanceForm->addRow(tr("&Language:"), languageRow);
    qobject_cast<QLabel *>(appearanceForm->labelForField(languageRow))->setBuddy(m_language);
    m_languageNote = new NoticeLabel(NoticeLabel::Kind::Hint, appearance);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->showText(QString());
    if (qEnvironmentVariableIsSet("MD_LANGUAGE"))
        m_languageNote->showText(tr("MD_LANGUAGE is set in the environment and overrides this choice."));
    appearanceForm->addRow(QString(), m_languageNote);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        if (!qEnvironmentVariableIsSet("MD_LANGUAGE"))
            m_languageNote->showText(m_language->currentData().toString() == m_initial.language
                                         ? QString()
                                         : tr("The new language takes effect at the next start."));
    });
    layout->addWidget(appearance);
    layout->addStretch(1);

    connect(m_baseUrl, &QLineEdit::textChanged, this, &SettingsDialog::refreshValidity);
    return page;
}

QWidget *SettingsDialog::buildKeyGroup(QWidget *parent)
{
    auto *group = new QGroupBox(tr("Mistral API key"), parent);
    auto *layout = new QVBoxLayout(group);
    m_keySource = new QLabel(group);
    m_keySource->setObjectName(QStringLiteral("keySource"));
    m_keySource->setWordWrap(true);
    m_keySource->setTextFormat(Qt::PlainText);
    layout->addWidget(m_keySource);

    m_keychainNotice = new NoticeLabel(NoticeLabel::Kind::Info, group);
    m_keychainNotice->setObjectName(QStringLiteral("keychainNotice"));
    layout->addWidget(m_keychainNotice);

    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("New &key:"), group);
    m_keyField = new KeyField(group);
    m_keyField->setObjectName(QStringLiteral("keyField"));
    m_keyField->setPlaceholderText(tr("Paste a key to replace the current one"));
    label->setBuddy(m_keyField->lineEdit());
    m_forget = new QPushButton(tr("&Forget key"), group);
    m_forget->setObjectName(QStringLiteral("forgetKey"));
    m_forget->setToolTip(tr("Remove the key from the keychain and from memory"));
    row->addWidget(label);
    row->addWidget(m_keyField, 1);
    row->addWidget(m_forget);
    layout->addLayout(row);

    m_sessionOnly = new QCheckBox(tr("Keep it for this &session only (not saved anywhere)"), group);
    m_sessionOnly->setObjectName(QStringLiteral("sessionOnly"));
    layout->addWidget(m_sessionOnly);

    m_keyError = new NoticeLabel(NoticeLabel::Kind::Error, group);
    m_keyError->setObjectName(QStringLiteral("keyError"));
    layout->addWidget(m_keyError);

    connect(m_forget, &QPushButton::clicked, this, [this] {
        if (!m_keys)
            return;
        setKeyBusy(true);
        m_keys->forget();
    });
    connect(m_keyField, &KeyField::textChanged, this, [this] { showKeyError(QString()); });
    return group;
}

void SettingsDialog::refreshKeyStatus()
{
    if (!m_keys) {
        m_keySource->setText(tr("No key is set."));
        return;
    }
    m_keySource->setText(tr("Current key: %1").arg(m_keys->describeSource()));
    const bool fromEnvironment = m_keys->source() == QLatin1String("environment");
    m_keyField->setEnabled(!fromEnvironment && !m_keyBusy);
    m_forget->setEnabled(!m_keyBusy && !m_keys->key().isEmpty() && !fromEnvironment);
    m_sessionOnly->setEnabled(!fromEnvironment && !m_keyBusy);
    if (!m_keys->keychainAvailable()) {
        m_keychainNotice->showText(tr("No keychain is available on this system, so the key cannot be stored. "
                                      "You can keep it for this session only: you will enter it again next time."));
        m_sessionOnly->setChecked(true);
    } else {
        m_keychainNotice->showText(QString());
    }
}

void SettingsDialog::setKeyBusy(bool busy)
{
    m_keyBusy = busy;
    m_buttons->setEnabled(!busy);
    refreshKeyStatus();
}

void SettingsDialog::showKeyError(const QString &message)
{
    m_keyError->showText(message);
}

QStringList SettingsDialog::problems() const
{
    QStringList out;
    if (!AppSettings::isValidBaseUrl(AppSettings::normalizedBaseUrl(m_baseUrl->text())))
        out.append(tr("The base URL must start with http:// or https:// and name a host, e.g. "
                      "https://api.mistral.ai."));
    out += m_prices->problems();
    return out;
}

void SettingsDialog::refreshValidity()
{
    const bool urlOk = AppSettings::isValidBaseUrl(AppSettings::normalizedBaseUrl(m_baseUrl->text()));
    m_baseUrlError->showText(urlOk ? QString() : tr("Enter an http:// or https:// address with a host name."));
    const bool ok = problems().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(ok);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    const QUrl url = AppSettings::normalizedBaseUrl(m_baseUrl->text());
    s.baseUrl = AppSettings::isValidBaseUrl(url) ? url : m_initial.baseUrl;
    s.timeoutSeconds = m_timeout->value();
    s.theme = Theme(m_theme->currentData().toInt());
    s.language = m_language->currentData().toString();
    s.prices = m_prices->table();
    return s;
}

void SettingsDialog::commit(bool close)
{
    if (!problems().isEmpty() || m_keyBusy)
        return;
    const AppSettings s = settings();
    s.save();
    m_initial = s; // Cancel after Apply keeps what was applied
    emit settingsApplied(s);

    const QString key = m_keyField->text();
    if (key.isEmpty() || !m_keys) {
        if (close)
            QDialog::accept();
        return;
    }
    m_closeAfterKeySaved = close;
    setKeyBusy(true);
    m_keys->save(key, m_sessionOnly->isChecked());
}

void SettingsDialog::apply()
{
    commit(false);
}

void SettingsDialog::accept()
{
    commit(true);
}

void SettingsDialog::reject()
{
    applyTheme(m_initial.theme); // the live preview is undone
    QDialog::reject();
}

} // namespace md
