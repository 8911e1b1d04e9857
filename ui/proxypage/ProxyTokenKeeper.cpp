#include "ProxyTokenKeeper.h"

#include "proxy/ProxyServer.h"
#include "secrets/SecretStore.h"

#include <QPointer>

namespace md {

ProxyTokenKeeper::ProxyTokenKeeper(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
}

void ProxyTokenKeeper::load()
{
    const quint64 generation = m_generation;
    QPointer<ProxyTokenKeeper> self(this);
    m_secrets->read(kSecretName, [self, generation](const SecretResult &result) {
        if (!self || self->m_generation != generation)
            return;
        // Only tokens this app made are used; anything else under that name is replaced.
        if (result.ok() && result.value.startsWith(QLatin1String("mdp_"))) {
            self->m_token = result.value;
            self->setNote(self->m_secrets->isPersistent(),
                          self->m_secrets->isPersistent()
                              ? tr("Kept in %1.").arg(self->m_secrets->backendName())
                              : tr("Kept for this session only (%1).").arg(self->m_secrets->backendName()));
            emit self->tokenChanged(self->m_token);
            return;
        }
        if (result.ok() || result.status == SecretResult::Status::NotFound) {
            self->useNewToken(false);
            return;
        }
        // The keychain is there but refused, or is missing: a token for this session, stored nowhere.
        ++self->m_generation;
        self->m_token = ProxyServer::generateToken();
        self->setNote(
            false,
            tr("Could not read the saved token: %1 This token works until Mistral Desk quits.").arg(result.message));
        emit self->tokenChanged(self->m_token);
    });
}

void ProxyTokenKeeper::regenerate()
{
    useNewToken(true);
}

void ProxyTokenKeeper::useNewToken(bool replacing)
{
    const quint64 generation = ++m_generation;
    m_token = ProxyServer::generateToken();
    emit tokenChanged(m_token);
    QPointer<ProxyTokenKeeper> self(this);
    m_secrets->write(kSecretName, m_token, [self, generation, replacing](const SecretResult &result) {
        if (!self || self->m_generation != generation)
            return;
        SecretStore *store = self->m_secrets;
        if (!result.ok()) {
            self->setNote(false,
                          tr("Could not save the token: %1 It works until Mistral Desk quits; clients will "
                             "need a new one next time.")
                              .arg(result.message));
        } else if (!store->isPersistent()) {
            self->setNote(false, tr("Kept for this session only (%1).").arg(store->backendName()));
        } else {
            self->setNote(true,
                          replacing ? tr("New token saved in %1.").arg(store->backendName())
                                    : tr("Made on first use and kept in %1.").arg(store->backendName()));
        }
    });
}

void ProxyTokenKeeper::setNote(bool saved, const QString &note)
{
    m_saved = saved;
    m_note = note;
    emit storageNoteChanged(note);
}

} // namespace md
