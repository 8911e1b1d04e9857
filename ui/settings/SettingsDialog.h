#pragma once

#include "settings/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace md {

class ApiKeyKeeper;
class KeyField;
class NoticeLabel;
class PriceTableEditor;

// Settings: the API key (through ApiKeyKeeper, never shown in full), base URL, request timeout,
// theme (applied live, undone on Cancel), language (at the next start) and the price table. OK and Apply save the
// settings with AppSettings::save(), emit settingsApplied, then save a newly typed key; OK closes once the key is
// stored, and stays open with the keychain's message when it was not.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const AppSettings &settings, ApiKeyKeeper *keys, QWidget *parent = nullptr);

    // What the user set (valid when accepted).
    AppSettings settings() const;
    // Why OK/Apply are refused right now; empty when everything is valid.
    QStringList problems() const;

    QTabWidget *tabs() const { return m_tabs; }

signals:
    void settingsApplied(const md::AppSettings &settings);

public slots:
    void apply();
    void accept() override;
    void reject() override;

private:
    QWidget *buildGeneralPage();
    QWidget *buildKeyGroup(QWidget *parent);
    void commit(bool close);
    void refreshKeyStatus();
    void refreshValidity();
    void setKeyBusy(bool busy);
    void showKeyError(const QString &message);

    ApiKeyKeeper *m_keys = nullptr;
    AppSettings m_initial;
    bool m_closeAfterKeySaved = false;
    bool m_keyBusy = false;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_keySource = nullptr;
    NoticeLabel *m_keychainNotice = nullptr;
    KeyField *m_keyField = nullptr;
    QCheckBox *m_sessionOnly = nullptr;
    QPushButton *m_forget = nullptr;
    NoticeLabel *m_keyError = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    NoticeLabel *m_baseUrlError = nullptr;
    QSpinBox *m_timeout = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    NoticeLabel *m_languageNote = nullptr;
    PriceTableEditor *m_prices = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace md
