<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>EmbeddingInputFile</name>
    <message>
        <source>The file is not UTF-8 text.</source>
        <translation>Le fichier n’est pas du texte UTF-8.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d’ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 is too large (%2 MB; at most %3 MB).</source>
        <translation>%1 est trop volumineux (%2 Mo ; %3 Mo au plus).</translation>
    </message>
    <message>
        <source>The file holds no text.</source>
        <translation>Le fichier ne contient aucun texte.</translation>
    </message>
    <message>
        <source>Line %1: a quote inside an unquoted field.</source>
        <translation>Ligne %1 : un guillemet dans un champ sans guillemets.</translation>
    </message>
    <message>
        <source>Line %1: text after a closing quote.</source>
        <translation>Ligne %1 : du texte après un guillemet fermant.</translation>
    </message>
    <message>
        <source>Line %1: a quoted field is never closed.</source>
        <translation>Ligne %1 : un champ entre guillemets n’est jamais fermé.</translation>
    </message>
    <message>
        <source>The CSV file needs a header row and at least one row of data.</source>
        <translation>Le fichier CSV doit avoir une ligne d’en-tête et au moins une ligne de données.</translation>
    </message>
    <message>
        <source>Row %1 has %2 fields; the header has %3.</source>
        <translation>La ligne %1 a %2 champs ; l’en-tête en a %3.</translation>
    </message>
    <message>
        <source>Line %1 is not JSON: %2.</source>
        <translation>La ligne %1 n’est pas du JSON : %2.</translation>
    </message>
    <message>
        <source>Line %1 is not a JSON object.</source>
        <translation>La ligne %1 n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>Line %1 has no string field to embed.</source>
        <translation>La ligne %1 n’a aucun champ texte à vectoriser.</translation>
    </message>
</context>
<context>
    <name>md::AnswerRunner</name>
    <message>
        <source>No connection to the server</source>
        <translation>Pas de connexion au serveur</translation>
    </message>
    <message>
        <source>The server stopped answering</source>
        <translation>Le serveur ne répond plus</translation>
    </message>
    <message>
        <source>The answer was cut off or garbled</source>
        <translation>La réponse a été tronquée ou altérée</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Mistral did not accept the API key</source>
        <translation>Mistral n’a pas accepté la clé API</translation>
    </message>
    <message>
        <source>Rate limit reached</source>
        <translation>Limite de débit atteinte</translation>
    </message>
    <message>
        <source>Mistral&apos;s servers had a problem</source>
        <translation>Les serveurs de Mistral ont rencontré un problème</translation>
    </message>
    <message>
        <source>The request was refused</source>
        <translation>La requête a été refusée</translation>
    </message>
    <message>
        <source>Open Settings (Ctrl+,) to enter another key.</source>
        <translation>Ouvrez les Paramètres (Ctrl+,) pour saisir une autre clé.</translation>
    </message>
    <message>
        <source>This request would be refused: nothing was sent</source>
        <translation>Cette requête serait refusée : rien n’a été envoyé</translation>
    </message>
    <message>
        <source>The connection broke during the answer</source>
        <translation>La connexion a été coupée pendant la réponse</translation>
    </message>
</context>
<context>
    <name>md::ApiError</name>
    <message>
        <source>Could not reach the server (%1). Check your connection and the base URL in Settings.</source>
        <translation>Impossible de joindre le serveur (%1). Vérifiez votre connexion et l’URL de base dans les Paramètres.</translation>
    </message>
    <message>
        <source>The server stopped answering (%1). The request was ended; try again.</source>
        <translation>Le serveur ne répond plus (%1). La requête a été interrompue ; réessayez.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was malformed: %1.</source>
        <translation>La réponse du serveur était mal formée : %1.</translation>
    </message>
    <message>
        <source>Your API key was refused (HTTP %1: %2). Check the key in Settings.</source>
        <translation>Votre clé API a été refusée (HTTP %1 : %2). Vérifiez la clé dans les Paramètres.</translation>
    </message>
    <message>
        <source>The model is not available: %1. Pick another model.</source>
        <translation>Le modèle n’est pas disponible : %1. Choisissez un autre modèle.</translation>
    </message>
    <message>
        <source>Rate limit reached (%1). You can retry in %2 s.</source>
        <translation>Limite de débit atteinte (%1). Vous pourrez réessayer dans %2 s.</translation>
    </message>
    <message>
        <source>Rate limit reached (%1). Wait a moment and retry.</source>
        <translation>Limite de débit atteinte (%1). Patientez un instant puis réessayez.</translation>
    </message>
    <message>
        <source>Not found (%1). Check the base URL and the model name.</source>
        <translation>Introuvable (%1). Vérifiez l’URL de base et le nom du modèle.</translation>
    </message>
    <message>
        <source>The request is too large (%1). Send less text or fewer files.</source>
        <translation>La requête est trop volumineuse (%1). Envoyez moins de texte ou moins de fichiers.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1: %2). Try again in a moment.</source>
        <translation>Le serveur a rencontré un problème (HTTP %1 : %2). Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The request was rejected (HTTP %1): %2</source>
        <translation>La requête a été rejetée (HTTP %1) : %2</translation>
    </message>
</context>
<context>
    <name>md::ApiKeyKeeper</name>
    <message>
        <source>From the %1 environment variable (ends in %2). It takes precedence over a stored key.</source>
        <translation>Depuis la variable d’environnement %1 (se termine par %2). Elle a priorité sur une clé enregistrée.</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>trousseau</translation>
    </message>
    <message>
        <source>Stored in the system keychain (%1), ends in %2.</source>
        <translation>Enregistrée dans le trousseau du système (%1), se termine par %2.</translation>
    </message>
    <message>
        <source>Kept for this session only (ends in %1): it is gone when Mistral Desk quits.</source>
        <translation>Conservée pour cette session seulement (se termine par %1) : elle disparaît quand Mistral Desk se ferme.</translation>
    </message>
    <message>
        <source>No key is set.</source>
        <translation>Aucune clé n’est définie.</translation>
    </message>
    <message>
        <source>No keychain is available on this system.</source>
        <translation>Aucun trousseau n’est disponible sur ce système.</translation>
    </message>
    <message>
        <source>The key is empty.</source>
        <translation>La clé est vide.</translation>
    </message>
    <message>
        <source>The %1 environment variable is set and takes precedence. Unset it to use a key entered here.</source>
        <translation>La variable d’environnement %1 est définie et a priorité. Supprimez-la pour utiliser une clé saisie ici.</translation>
    </message>
    <message>
        <source>The keychain did not store the key.</source>
        <translation>Le trousseau n’a pas enregistré la clé.</translation>
    </message>
</context>
<context>
    <name>md::ChatActionBar</name>
    <message>
        <source>Message actions</source>
        <translation>Actions sur le message</translation>
    </message>
    <message>
        <source>Ctrl+C</source>
        <translation>Ctrl+C</translation>
    </message>
    <message>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Suppr</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>md::ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Aucun message pour l’instant</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Copy this code block</source>
        <translation>Copier ce bloc de code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>Previous version (Alt+Left)</source>
        <translation>Version précédente (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Next version (Alt+Right)</source>
        <translation>Version suivante (Alt+Droite)</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 sur %2</translation>
    </message>
    <message>
        <source>Copy selection</source>
        <translation>Copier la sélection</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Copier le message</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Version précédente</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Version suivante</translation>
    </message>
    <message>
        <source>Fork from here</source>
        <translation>Bifurquer d’ici</translation>
    </message>
    <message>
        <source>A new conversation with the messages up to this one</source>
        <translation>Une nouvelle conversation avec les messages jusqu’à celui-ci</translation>
    </message>
    <message>
        <source>Hide reasoning</source>
        <translation>Masquer le raisonnement</translation>
    </message>
    <message>
        <source>Show reasoning</source>
        <translation>Afficher le raisonnement</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Tool call</source>
        <translation>Appel d’outil</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <source>%1 prompt · %2 completion tokens</source>
        <translation>%1 jetons de prompt · %2 jetons de complétion</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>first token %1</source>
        <translation>premier jeton %1</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message>
        <source>finish: %1</source>
        <translation>fin : %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt système</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>Résultat d’outil</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>génération…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>interrupted: the app closed while this was arriving</source>
        <translation>interrompu : l’application s’est fermée pendant la réception</translation>
    </message>
    <message>
        <source>prefix</source>
        <translation>préfixe</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Réflexion…</translation>
    </message>
    <message numerus="yes">
        <source>Reasoning (%n words)</source>
        <translation>
            <numerusform>Raisonnement (%n mot)</numerusform>
            <numerusform>Raisonnement (%n mots)</numerusform>
        </translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Retry in %1 s</source>
        <translation>Nouvel essai dans %1 s</translation>
    </message>
</context>
<context>
    <name>md::CommandResponder</name>
    <message>
        <source>The command did not answer within %1 s and was stopped.</source>
        <translation>La commande n’a pas répondu en %1 s et a été arrêtée.</translation>
    </message>
    <message>
        <source>No command is set for this tool.</source>
        <translation>Aucune commande n’est définie pour cet outil.</translation>
    </message>
    <message>
        <source>Could not start the shell (%1): %2</source>
        <translation>Impossible de lancer le shell (%1) : %2</translation>
    </message>
    <message>
        <source>The command printed more than 1 MiB and was stopped.</source>
        <translation>La commande a affiché plus de 1 Mio et a été arrêtée.</translation>
    </message>
    <message>
        <source>The command crashed.</source>
        <translation>La commande a planté.</translation>
    </message>
    <message>
        <source>The command exited with code %1.</source>
        <translation>La commande s’est terminée avec le code %1.</translation>
    </message>
    <message>
        <source>The command exited with code %1: %2</source>
        <translation>La commande s’est terminée avec le code %1 : %2</translation>
    </message>
    <message>
        <source>The command printed nothing; it must print the result as JSON.</source>
        <translation>La commande n’a rien affiché ; elle doit afficher le résultat en JSON.</translation>
    </message>
    <message>
        <source>The command printed text that is not JSON (%1).</source>
        <translation>La commande a affiché du texte qui n’est pas du JSON (%1).</translation>
    </message>
</context>
<context>
    <name>md::CompareColumn</name>
    <message>
        <source>Parameters…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>This column&apos;s system prompt and parameters</source>
        <translation>Le prompt système et les paramètres de cette colonne</translation>
    </message>
    <message>
        <source>Column parameters</source>
        <translation>Paramètres de la colonne</translation>
    </message>
    <message>
        <source>Remove this column</source>
        <translation>Retirer cette colonne</translation>
    </message>
    <message>
        <source>Remove column</source>
        <translation>Retirer la colonne</translation>
    </message>
    <message>
        <source>No answer yet</source>
        <translation>Pas encore de réponse</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <source>temperature %1</source>
        <translation>temperature %1</translation>
    </message>
    <message>
        <source>top_p %1</source>
        <translation>top_p %1</translation>
    </message>
    <message>
        <source>max %1 tokens</source>
        <translation>%1 jetons max.</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>seed %1</translation>
    </message>
    <message>
        <source>system prompt</source>
        <translation>prompt système</translation>
    </message>
    <message>
        <source>JSON output</source>
        <translation>sortie JSON</translation>
    </message>
    <message>
        <source>reasoning %1</source>
        <translation>raisonnement %1</translation>
    </message>
    <message>
        <source>Default parameters</source>
        <translation>Paramètres par défaut</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>En attente du premier jeton…</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>Paramètres : %1</translation>
    </message>
    <message>
        <source>%1 in · %2 out · %3 · first token %4 ms · total %5 ms · %6 tok/s</source>
        <translation>%1 en entrée · %2 en sortie · %3 · premier jeton %4 ms · total %5 ms · %6 jetons/s</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
</context>
<context>
    <name>md::CompareView</name>
    <message>
        <source>Add column</source>
        <translation>Ajouter une colonne</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <source>One prompt, several models or settings, answered side by side. Each column keeps its own history.</source>
        <translation>Un prompt, plusieurs modèles ou réglages, avec les réponses côte à côte. Chaque colonne garde son propre historique.</translation>
    </message>
    <message>
        <source>Compare up to %1 columns</source>
        <translation>Comparer jusqu’à %1 colonnes</translation>
    </message>
    <message>
        <source>Start every column afresh</source>
        <translation>Repartir de zéro dans chaque colonne</translation>
    </message>
    <message>
        <source>A prompt for every column… Ctrl+Enter sends to all</source>
        <translation>Un prompt pour chaque colonne… Ctrl+Entrée l’envoie à toutes</translation>
    </message>
</context>
<context>
    <name>md::Composer</name>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending replaces it and everything after it.</source>
        <translation>Modification d’un message antérieur : l’envoi le remplace, ainsi que tout ce qui suit.</translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation>Annuler la modification</translation>
    </message>
    <message>
        <source>Message the model… Ctrl+Enter sends; drop or paste images for vision models</source>
        <translation>Écrivez au modèle… Ctrl+Entrée envoie ; déposez ou collez des images pour les modèles de vision</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Attach image…</source>
        <translation>Joindre une image…</translation>
    </message>
    <message>
        <source>Attach image</source>
        <translation>Joindre une image</translation>
    </message>
    <message>
        <source>An estimate of the tokens this request sends (the conversation so far plus your message) and their cost at list prices. The exact count comes back with the answer.</source>
        <translation>Une estimation des jetons envoyés par cette requête (la conversation jusqu’ici plus votre message) et de leur coût au prix catalogue. Le nombre exact revient avec la réponse.</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Envoyer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>Arrêter la réponse (Échap)</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>image collée</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>≈ %1 tokens in · ≈ %2 (estimate)</source>
        <translation>≈ %1 jetons en entrée · ≈ %2 (estimation)</translation>
    </message>
    <message>
        <source>This model does not read images. Pick a model with the vision badge to attach one.</source>
        <translation>Ce modèle ne lit pas les images. Choisissez un modèle avec le badge vision pour en joindre une.</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>Joindre des images</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</translation>
    </message>
    <message>
        <source>%1 (%2×%3): click to remove</source>
        <translation>%1 (%2×%3) : cliquer pour retirer</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Attach images (or drop / paste them into the message)</source>
        <translation>Joindre des images (ou les déposer / coller dans le message)</translation>
    </message>
    <message>
        <source>This model does not read images</source>
        <translation>Ce modèle ne lit pas les images</translation>
    </message>
</context>
<context>
    <name>md::ConversationStore</name>
    <message>
        <source>The folder %1 for the history cannot be created.</source>
        <translation>Le dossier %1 de l’historique ne peut pas être créé.</translation>
    </message>
    <message>
        <source>%1 is not a file, so it cannot hold the history.</source>
        <translation>%1 n’est pas un fichier, il ne peut donc pas contenir l’historique.</translation>
    </message>
    <message>
        <source>The history file %1 is read-only (or its folder is), so chats could not be saved; check its permissions.</source>
        <translation>Le fichier d’historique %1 est en lecture seule (ou son dossier l’est), les discussions n’ont donc pas pu être enregistrées ; vérifiez ses permissions.</translation>
    </message>
    <message>
        <source>The history file %1 cannot be created: %2.</source>
        <translation>Le fichier d’historique %1 ne peut pas être créé : %2.</translation>
    </message>
    <message>
        <source>This history was saved by a newer version of Mistral Desk (schema %1; this version reads up to %2). Update Mistral Desk to open it; the file was left unchanged.</source>
        <translation>Cet historique a été enregistré par une version plus récente de Mistral Desk (schéma %1 ; cette version lit jusqu’au %2). Mettez Mistral Desk à jour pour l’ouvrir ; le fichier n’a pas été modifié.</translation>
    </message>
    <message>
        <source>%1 is a database of another program, not a Mistral Desk history; it was left unchanged.</source>
        <translation>%1 est une base de données d’un autre programme, pas un historique Mistral Desk ; il n’a pas été modifié.</translation>
    </message>
    <message>
        <source>The history could not be backed up before upgrading it, so it was left unchanged: %1</source>
        <translation>L’historique n’a pas pu être sauvegardé avant sa mise à niveau, il n’a donc pas été modifié : %1</translation>
    </message>
    <message>
        <source>The history is not open.</source>
        <translation>L’historique n’est pas ouvert.</translation>
    </message>
    <message>
        <source>That conversation no longer exists.</source>
        <translation>Cette conversation n’existe plus.</translation>
    </message>
    <message>
        <source>The message this one answers no longer exists.</source>
        <translation>Le message auquel celui-ci répond n’existe plus.</translation>
    </message>
    <message>
        <source>A message can only follow a message of the same conversation.</source>
        <translation>Un message ne peut suivre qu’un message de la même conversation.</translation>
    </message>
    <message>
        <source>That message no longer exists.</source>
        <translation>Ce message n’existe plus.</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copie)</translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation>Un préréglage doit avoir un nom.</translation>
    </message>
    <message>
        <source>There is no preset named %1.</source>
        <translation>Aucun préréglage ne s’appelle %1.</translation>
    </message>
</context>
<context>
    <name>md::ConversationTab</name>
    <message>
        <source>New chat</source>
        <translation>Nouvelle discussion</translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s (attempt %3)…</source>
        <translation>%1 Nouvel essai dans %2 s (tentative %3)…</translation>
    </message>
    <message>
        <source>Could not fork: %1</source>
        <translation>Bifurcation impossible : %1</translation>
    </message>
    <message>
        <source>%1 (fork)</source>
        <translation>%1 (bifurcation)</translation>
    </message>
    <message>
        <source>View code</source>
        <translation>Voir le code</translation>
    </message>
    <message>
        <source>This tab&apos;s request as curl, Python and TypeScript (Ctrl+Shift+V)</source>
        <translation>La requête de cet onglet en curl, Python et TypeScript (Ctrl+Maj+V)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Show or hide the parameter panel (Ctrl+Shift+P)</source>
        <translation>Afficher ou masquer le panneau des paramètres (Ctrl+Maj+P)</translation>
    </message>
    <message>
        <source>Every call this tab made, at list prices (regenerated answers count too)</source>
        <translation>Chaque appel fait par cet onglet, au prix catalogue (les réponses régénérées comptent aussi)</translation>
    </message>
    <message>
        <source>Answer the tool calls first (or delete that answer): the model is waiting for their results.</source>
        <translation>Répondez d’abord aux appels d’outils (ou supprimez cette réponse) : le modèle attend leurs résultats.</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Only the last answer can be continued.</source>
        <translation>Seule la dernière réponse peut être poursuivie.</translation>
    </message>
    <message numerus="yes">
        <source>This tab: %n call(s) · %1 in · %2 out · %3</source>
        <translation>
            <numerusform>Cet onglet : %n appel · %1 en entrée · %2 en sortie · %3</numerusform>
            <numerusform>Cet onglet : %n appels · %1 en entrée · %2 en sortie · %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (+%n call(s) without a price)</source>
        <translation>
            <numerusform> (+%n appel sans prix)</numerusform>
            <numerusform> (+%n appels sans prix)</numerusform>
        </translation>
    </message>
    <message>
        <source>The history could not be saved: %1</source>
        <translation>L’historique n’a pas pu être enregistré : %1</translation>
    </message>
</context>
<context>
    <name>md::ConversationTabs</name>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+T)</source>
        <translation>Nouvelle conversation (Ctrl+T)</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>%1 (answering…)</source>
        <translation>%1 (réponse en cours…)</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copie)</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Renommer la conversation</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>md::EmbeddingsInputPanel</name>
    <message>
        <source>Load file…</source>
        <translation>Charger un fichier…</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>One text per line, or load a .txt, .csv or .jsonl file</source>
        <translation>Un texte par ligne, ou chargez un fichier .txt, .csv ou .jsonl</translation>
    </message>
    <message>
        <source>Texts to embed, one per line</source>
        <translation>Textes à vectoriser, un par ligne</translation>
    </message>
    <message>
        <source>Load texts from a file</source>
        <translation>Charger des textes depuis un fichier</translation>
    </message>
    <message>
        <source>.txt: one text per line · .csv: a header row, then pick the column · .jsonl: the &quot;text&quot; field of each line, else its first string field</source>
        <translation>.txt : un texte par ligne · .csv : une ligne d’en-tête, puis choisissez la colonne · .jsonl : le champ &quot;text&quot; de chaque ligne, sinon son premier champ texte</translation>
    </message>
    <message>
        <source>CSV column to embed</source>
        <translation>Colonne CSV à vectoriser</translation>
    </message>
    <message>
        <source>File error</source>
        <translation>Erreur de fichier</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modifié</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>saisi</translation>
    </message>
    <message>
        <source>from %1, column %2</source>
        <translation>depuis %1, colonne %2</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>depuis %1</translation>
    </message>
    <message>
        <source>Load texts to embed</source>
        <translation>Charger les textes à vectoriser</translation>
    </message>
    <message>
        <source>Texts (*.txt *.csv *.jsonl *.ndjson);;All files (*)</source>
        <translation>Textes (*.txt *.csv *.jsonl *.ndjson);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not load %1: %2 Your texts are unchanged.</source>
        <translation>Impossible de charger %1 : %2 Vos textes sont inchangés.</translation>
    </message>
    <message>
        <source> (empty skipped: %1)</source>
        <translation> (vides ignorés : %1)</translation>
    </message>
    <message>
        <source>Column “%1” holds no text.</source>
        <translation>La colonne « %1 » ne contient aucun texte.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln text(s)%2</source>
        <translation>
            <numerusform>%1 : %Ln texte%2</numerusform>
            <numerusform>%1 : %Ln textes%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::EmbeddingsPage</name>
    <message>
        <source>Embedded %1 of %2 · %3 of %4 requests</source>
        <translation>%1 sur %2 vectorisés · %3 requêtes sur %4</translation>
    </message>
    <message>
        <source>Vectors exported: %1.</source>
        <translation>Vecteurs exportés : %1.</translation>
    </message>
    <message>
        <source>Model and output</source>
        <translation>Modèle et sortie</translation>
    </message>
    <message>
        <source>Embedding model</source>
        <translation>Modèle d’embeddings</translation>
    </message>
    <message>
        <source>model default</source>
        <translation>par défaut du modèle</translation>
    </message>
    <message>
        <source>Output dimension</source>
        <translation>Dimension de sortie</translation>
    </message>
    <message>
        <source>codestral-embed: 1 to 3072 (default 1536). Shorter vectors are cheaper to store and compare.</source>
        <translation>codestral-embed : de 1 à 3072 (1536 par défaut). Des vecteurs plus courts coûtent moins à stocker et à comparer.</translation>
    </message>
    <message>
        <source>float (default)</source>
        <translation>float (par défaut)</translation>
    </message>
    <message>
        <source>Output data type</source>
        <translation>Type de données de sortie</translation>
    </message>
    <message>
        <source>binary / ubinary pack 8 dimensions per byte; similarities then follow the Hamming distance (bits unpacked to ±1).</source>
        <translation>binary / ubinary regroupent 8 dimensions par octet ; les similarités suivent alors la distance de Hamming (bits dépliés en ±1).</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>Type de données</translation>
    </message>
    <message>
        <source>Embed</source>
        <translation>Vectoriser</translation>
    </message>
    <message>
        <source>Embed every text (Ctrl+Enter)</source>
        <translation>Vectoriser tous les textes (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the run; vectors embedded so far are discarded</source>
        <translation>Arrêter l’exécution ; les vecteurs déjà calculés sont abandonnés</translation>
    </message>
    <message>
        <source>Embedding progress</source>
        <translation>Progression de la vectorisation</translation>
    </message>
    <message>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <source>Run status</source>
        <translation>État de l’exécution</translation>
    </message>
    <message>
        <source>Tokens and cost</source>
        <translation>Jetons et coût</translation>
    </message>
    <message>
        <source>Export vectors:</source>
        <translation>Exporter les vecteurs :</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>.npy…</source>
        <translation>.npy…</translation>
    </message>
    <message>
        <source>Export vectors as %1</source>
        <translation>Exporter les vecteurs en %1</translation>
    </message>
    <message>
        <source>%1  ·  $%2 / M tokens</source>
        <translation>%1  ·  %2 $ / M jetons</translation>
    </message>
    <message>
        <source>Dimension and data type are sent as output_dimension / output_dtype.</source>
        <translation>La dimension et le type de données sont envoyés comme output_dimension / output_dtype.</translation>
    </message>
    <message>
        <source>%1 returns 1024 float dimensions; dimension and data type apply to codestral-embed.</source>
        <translation>%1 renvoie 1024 dimensions float ; la dimension et le type de données s’appliquent à codestral-embed.</translation>
    </message>
    <message>
        <source>No texts yet.</source>
        <translation>Pas encore de textes.</translation>
    </message>
    <message>
        <source>Texts: %1 · ≈ %2 tokens · ≈ %3</source>
        <translation>Textes : %1 · ≈ %2 jetons · ≈ %3</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>%1 tokens · %2 · requests: %3</source>
        <translation>%1 jetons · %2 · requêtes : %3</translation>
    </message>
    <message>
        <source>Normalising the vectors…</source>
        <translation>Normalisation des vecteurs…</translation>
    </message>
    <message>
        <source>Cancelled. The vectors of this run were discarded; finished requests (%1) are counted in the usage.</source>
        <translation>Annulé. Les vecteurs de cette exécution ont été abandonnés ; les requêtes terminées (%1) sont comptées dans l’utilisation.</translation>
    </message>
    <message>
        <source>The run failed (nothing from it was kept): %1</source>
        <translation>L’exécution a échoué (rien n’en a été conservé) : %1</translation>
    </message>
    <message>
        <source>The query&apos;s answer was not usable: %1</source>
        <translation>La réponse à la requête n’était pas utilisable : %1</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>La requête a échoué : %1</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>NumPy array (*.npy)</source>
        <translation>Tableau NumPy (*.npy)</translation>
    </message>
    <message>
        <source>Export vectors</source>
        <translation>Exporter les vecteurs</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>Embedded %Ln text(s) with %1 in %2 s: %3 dimensions.</source>
        <translation>
            <numerusform>%Ln texte vectorisé avec %1 en %2 s : %3 dimensions.</numerusform>
            <numerusform>%Ln textes vectorisés avec %1 en %2 s : %3 dimensions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::EmbeddingsResultsView</name>
    <message>
        <source>Embedding results</source>
        <translation>Résultats des embeddings</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>Similarité</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>Voisins</translation>
    </message>
    <message>
        <source>Map (PCA)</source>
        <translation>Carte (ACP)</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Hovered pair</source>
        <translation>Paire survolée</translation>
    </message>
    <message>
        <source>Hover a cell to compare two texts; click it to list the first one&apos;s neighbours.</source>
        <translation>Survolez une cellule pour comparer deux textes ; cliquez dessus pour lister les voisins du premier.</translation>
    </message>
    <message>
        <source>%1  cosine between #%2 and #%3
%4  ↔  %5</source>
        <translation>%1  cosinus entre n°%2 et n°%3
%4  ↔  %5</translation>
    </message>
    <message>
        <source>Inputs: pick one</source>
        <translation>Entrées : choisissez-en une</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Entrées</translation>
    </message>
    <message>
        <source>top </source>
        <translation>top </translation>
    </message>
    <message>
        <source>Number of neighbours</source>
        <translation>Nombre de voisins</translation>
    </message>
    <message>
        <source>Closest pairs in the whole set</source>
        <translation>Paires les plus proches de tout l’ensemble</translation>
    </message>
    <message>
        <source>A query, embedded with the same model and settings…</source>
        <translation>Une requête, vectorisée avec le même modèle et les mêmes réglages…</translation>
    </message>
    <message>
        <source>Query text</source>
        <translation>Texte de la requête</translation>
    </message>
    <message>
        <source>Rank the set</source>
        <translation>Classer l’ensemble</translation>
    </message>
    <message>
        <source>Rank the set against the query</source>
        <translation>Classer l’ensemble par rapport à la requête</translation>
    </message>
    <message>
        <source>Pick a text to list its nearest neighbours.</source>
        <translation>Choisissez un texte pour lister ses plus proches voisins.</translation>
    </message>
    <message>
        <source>No embeddings yet.</source>
        <translation>Pas encore d’embeddings.</translation>
    </message>
    <message>
        <source>Computing the similarity matrix…</source>
        <translation>Calcul de la matrice de similarité…</translation>
    </message>
    <message>
        <source>Computing the projection…</source>
        <translation>Calcul de la projection…</translation>
    </message>
    <message>
        <source>Finding the closest pairs among %1 inputs…</source>
        <translation>Recherche des paires les plus proches parmi %1 entrées…</translation>
    </message>
    <message>
        <source>Downsampled: %1 of %2 inputs, evenly spaced (every %3th). Each cell is still a real pair; the neighbours tab searches all of them.</source>
        <translation>Sous-échantillonné : %1 entrées sur %2, régulièrement espacées (une sur %3). Chaque cellule reste une vraie paire ; l’onglet des voisins les parcourt toutes.</translation>
    </message>
    <message>
        <source>Cosine similarity of every pair (%1 inputs). Colours span the range of the set.</source>
        <translation>Similarité cosinus de chaque paire (%1 entrées). Les couleurs couvrent l’étendue de l’ensemble.</translation>
    </message>
    <message>
        <source>The map needs at least three texts.</source>
        <translation>La carte nécessite au moins trois textes.</translation>
    </message>
    <message>
        <source>The first two principal components of the normalised vectors. Nearby dots mean similar texts; click one to list its neighbours.</source>
        <translation>Les deux premières composantes principales des vecteurs normalisés. Des points proches signifient des textes similaires ; cliquez sur l’un d’eux pour lister ses voisins.</translation>
    </message>
    <message>
        <source>No pairs: the set has a single text.</source>
        <translation>Aucune paire : l’ensemble ne contient qu’un texte.</translation>
    </message>
    <message>
        <source>Near-duplicates first. Double-click a pair to list the neighbours of its first text.</source>
        <translation>Les quasi-doublons d’abord. Double-cliquez sur une paire pour lister les voisins de son premier texte.</translation>
    </message>
    <message>
        <source>Nearest to #%1: %2</source>
        <translation>Plus proches de n°%1 : %2</translation>
    </message>
    <message>
        <source>Embedding the query…</source>
        <translation>Vectorisation de la requête…</translation>
    </message>
    <message>
        <source>The query came back with %1 dimensions, the set has %2: embed the set again with the current settings.</source>
        <translation>La requête est revenue avec %1 dimensions, l’ensemble en a %2 : vectorisez à nouveau l’ensemble avec les réglages actuels.</translation>
    </message>
    <message>
        <source>Every input ranked by cosine similarity to “%1” (%2 in all).</source>
        <translation>Chaque entrée classée par similarité cosinus avec « %1 » (%2 en tout).</translation>
    </message>
</context>
<context>
    <name>md::FimCombinedView</name>
    <message>
        <source>Completion between prefix and suffix</source>
        <translation>Complétion entre préfixe et suffixe</translation>
    </message>
</context>
<context>
    <name>md::FimPage</name>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>TypeScript</source>
        <translation>TypeScript</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>C++</source>
        <translation>C++</translation>
    </message>
    <message>
        <source>C#</source>
        <translation>C#</translation>
    </message>
    <message>
        <source>Rust</source>
        <translation>Rust</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Go</translation>
    </message>
    <message>
        <source>Java</source>
        <translation>Java</translation>
    </message>
    <message>
        <source>Kotlin</source>
        <translation>Kotlin</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Bash</source>
        <translation>Bash</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Code language for highlighting</source>
        <translation>Langage du code pour la coloration</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Compléter</translation>
    </message>
    <message>
        <source>Fill in the middle between prompt and suffix (Ctrl+Enter)</source>
        <translation>Remplir le milieu entre le prompt et le suffixe (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop the stream; what arrived stays</source>
        <translation>Arrêter le flux ; ce qui est arrivé reste</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Insérer</translation>
    </message>
    <message>
        <source>Accept: append the completion to the prompt</source>
        <translation>Accepter : ajouter la complétion au prompt</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langage</translation>
    </message>
    <message>
        <source>Completion in place</source>
        <translation>Complétion en place</translation>
    </message>
    <message>
        <source>prompt · tinted: the model&apos;s middle · suffix</source>
        <translation>prompt · en couleur : le milieu proposé par le modèle · suffixe</translation>
    </message>
    <message>
        <source>Tokens, cost and timing</source>
        <translation>Jetons, coût et durée</translation>
    </message>
    <message>
        <source>Completion status</source>
        <translation>État de la complétion</translation>
    </message>
    <message>
        <source>Prompt (code before the cursor)</source>
        <translation>Prompt (code avant le curseur)</translation>
    </message>
    <message>
        <source>def fibonacci(n):</source>
        <translation>def fibonacci(n):</translation>
    </message>
    <message>
        <source>Prompt: the code before the completion</source>
        <translation>Prompt : le code avant la complétion</translation>
    </message>
    <message>
        <source>Suffix (code after the cursor)</source>
        <translation>Suffixe (code après le curseur)</translation>
    </message>
    <message>
        <source>Optional: the code that follows, e.g.
print(fibonacci(10))</source>
        <translation>Facultatif : le code qui suit, par ex.
print(fibonacci(10))</translation>
    </message>
    <message>
        <source>Suffix: the code after the completion</source>
        <translation>Suffixe : le code après la complétion</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
    </message>
    <message>
        <source>Low gives the likeliest code; higher gives more varied completions.</source>
        <translation>Une valeur basse donne le code le plus probable ; plus haute, des complétions plus variées.</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Jetons max.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>The longest the completion may get, in tokens.</source>
        <translation>La longueur maximale de la complétion, en jetons.</translation>
    </message>
    <message>
        <source>Min tokens</source>
        <translation>Jetons min.</translation>
    </message>
    <message>
        <source>The completion goes on at least this long (FIM only).</source>
        <translation>La complétion dure au moins cette longueur (FIM uniquement).</translation>
    </message>
    <message>
        <source>The completion ends before any of these; \n is a line break</source>
        <translation>La complétion s’arrête avant l’une de ces chaînes ; \n est un saut de ligne</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>Séquences d’arrêt</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>En attente de %1…</translation>
    </message>
    <message>
        <source>Streaming… first token after %1 ms</source>
        <translation>Réception… premier jeton après %1 ms</translation>
    </message>
    <message>
        <source>Retrying (attempt %1) in %2 ms…</source>
        <translation>Nouvel essai (tentative %1) dans %2 ms…</translation>
    </message>
    <message>
        <source>Done: cut at max tokens. Insert accepts it; Complete again for another.</source>
        <translation>Terminé : coupé au maximum de jetons. Insérer l’accepte ; Compléter à nouveau pour une autre.</translation>
    </message>
    <message>
        <source>Done. Insert accepts the completion; Complete again for another.</source>
        <translation>Terminé. Insérer accepte la complétion ; Compléter à nouveau pour une autre.</translation>
    </message>
    <message>
        <source>Stopped. What arrived stays; Insert accepts it.</source>
        <translation>Arrêté. Ce qui est arrivé reste ; Insérer l’accepte.</translation>
    </message>
    <message>
        <source>The completion failed: %1</source>
        <translation>La complétion a échoué : %1</translation>
    </message>
    <message>
        <source>%1 in · %2 out tokens</source>
        <translation>%1 jetons en entrée · %2 en sortie</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>first token %1 ms</source>
        <translation>premier jeton %1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message>
        <source>finish: %1</source>
        <translation>fin : %1</translation>
    </message>
    <message>
        <source>Inserted: the completion is now part of the prompt.</source>
        <translation>Inséré : la complétion fait maintenant partie du prompt.</translation>
    </message>
</context>
<context>
    <name>md::HistoryExport</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Outil</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>image: %1, %2, not included</source>
        <translation>image : %1, %2, non incluse</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>type inconnu</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>Conversation sans titre</translation>
    </message>
    <message>
        <source>Exported from Mistral Desk on %1</source>
        <translation>Exporté depuis Mistral Desk le %1</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>modèle %1</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Raisonnement</translation>
    </message>
    <message>
        <source>document: %1</source>
        <translation>document : %1</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>sans nom</translation>
    </message>
    <message>
        <source>attachment not shown</source>
        <translation>pièce jointe non affichée</translation>
    </message>
    <message>
        <source>Tool call `%1`:</source>
        <translation>Appel d’outil `%1` :</translation>
    </message>
    <message>
        <source>(answer incomplete)</source>
        <translation>(réponse incomplète)</translation>
    </message>
</context>
<context>
    <name>md::HistoryImport</name>
    <message>
        <source>This file is not a Mistral Desk history export (its &quot;format&quot; is not &quot;%1&quot;).</source>
        <translation>Ce fichier n’est pas un export d’historique Mistral Desk (son &quot;format&quot; n’est pas &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>The export has no valid &quot;version&quot; number.</source>
        <translation>L’export n’a pas de numéro de &quot;version&quot; valide.</translation>
    </message>
    <message>
        <source>This export was made by a newer Mistral Desk (format version %1; this version reads up to %2). Update Mistral Desk to import it.</source>
        <translation>Cet export a été fait par une version plus récente de Mistral Desk (version de format %1 ; cette version lit jusqu’à la %2). Mettez Mistral Desk à jour pour l’importer.</translation>
    </message>
    <message>
        <source>The export has no &quot;conversations&quot; list.</source>
        <translation>L’export n’a pas de liste &quot;conversations&quot;.</translation>
    </message>
    <message>
        <source>Conversation %1 of the file</source>
        <translation>La conversation %1 du fichier</translation>
    </message>
    <message>
        <source>%1 is not an object.</source>
        <translation>%1 n’est pas un objet.</translation>
    </message>
    <message>
        <source>%1 has no &quot;title&quot;.</source>
        <translation>%1 n’a pas de &quot;title&quot;.</translation>
    </message>
    <message>
        <source>%1 has no &quot;messages&quot; list.</source>
        <translation>%1 n’a pas de liste &quot;messages&quot;.</translation>
    </message>
    <message>
        <source>Message %1 of conversation %2</source>
        <translation>Le message %1 de la conversation %2</translation>
    </message>
    <message>
        <source>%1 has no &quot;id&quot;.</source>
        <translation>%1 n’a pas d’&quot;id&quot;.</translation>
    </message>
    <message>
        <source>%1 repeats the id %2.</source>
        <translation>%1 répète l’id %2.</translation>
    </message>
    <message>
        <source>%1 answers message %2, which does not come before it.</source>
        <translation>%1 répond au message %2, qui ne le précède pas.</translation>
    </message>
    <message>
        <source>%1 has no &quot;entry&quot; with a message role.</source>
        <translation>%1 n’a pas d’&quot;entry&quot; avec un rôle de message.</translation>
    </message>
    <message>
        <source>The history is not open.</source>
        <translation>L’historique n’est pas ouvert.</translation>
    </message>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation>Le fichier n’est pas du JSON valide (%1 à l’octet %2).</translation>
    </message>
    <message>
        <source>This file is not a Mistral Desk history export.</source>
        <translation>Ce fichier n’est pas un export d’historique Mistral Desk.</translation>
    </message>
</context>
<context>
    <name>md::HistoryItemDelegate</name>
    <message>
        <source>pinned</source>
        <translation>épinglée</translation>
    </message>
    <message>
        <source>%1 · pinned</source>
        <translation>%1 · épinglée</translation>
    </message>
</context>
<context>
    <name>md::HistoryKeeper</name>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’exportation</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversation</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exporter la conversation</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Mistral Desk history (*.json)</source>
        <translation>Historique Mistral Desk (*.json)</translation>
    </message>
    <message>
        <source>Export all conversations</source>
        <translation>Exporter toutes les conversations</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>Importer des conversations</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Échec de l’importation</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1

Nothing was changed.</source>
        <translation>%1

Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) imported.</source>
        <translation>
            <numerusform>%n conversation importée.</numerusform>
            <numerusform>%n conversations importées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::HistoryListModel</name>
    <message>
        <source>Untitled conversation</source>
        <translation>Conversation sans titre</translation>
    </message>
    <message>
        <source>Section %1</source>
        <translation>Section %1</translation>
    </message>
    <message>
        <source>%1, %2, %3%4</source>
        <translation>%1, %2, %3%4</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>aucun modèle</translation>
    </message>
    <message>
        <source>, pinned</source>
        <translation>, épinglée</translation>
    </message>
</context>
<context>
    <name>md::HistorySidebar</name>
    <message>
        <source>Pinned</source>
        <translation>Épinglées</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation history</source>
        <translation>Historique des conversations</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>Rechercher dans toutes les conversations</translation>
    </message>
    <message>
        <source>Search the text of every conversation (Ctrl+Shift+F)</source>
        <translation>Rechercher dans le texte de chaque conversation (Ctrl+Maj+F)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>No conversations yet.
Start one with New.</source>
        <translation>Aucune conversation pour l’instant.
Commencez-en une avec Nouvelle.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Nothing found for “%1”</source>
        <translation>Rien trouvé pour « %1 »</translation>
    </message>
    <message>
        <source>The 50 best matches for “%1”</source>
        <translation>Les 50 meilleurs résultats pour « %1 »</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 résultat</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 résultats</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversation</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Désépingler</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Épingler</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>As Markdown…</source>
        <translation>En Markdown…</translation>
    </message>
    <message>
        <source>As JSON…</source>
        <translation>En JSON…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Could not pin</source>
        <translation>Impossible d’épingler</translation>
    </message>
    <message>
        <source>Could not duplicate</source>
        <translation>Impossible de dupliquer</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Impossible de supprimer</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>Conversation sans titre</translation>
    </message>
    <message>
        <source>Export conversation as Markdown</source>
        <translation>Exporter la conversation en Markdown</translation>
    </message>
    <message>
        <source>Export conversation as JSON</source>
        <translation>Exporter la conversation en JSON</translation>
    </message>
    <message>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’exportation</translation>
    </message>
    <message>
        <source>The conversation could not be read.</source>
        <translation>La conversation n’a pas pu être lue.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>md::ImageAttachment</name>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 n’est pas un fichier.</translation>
    </message>
    <message>
        <source>%1 is too large (%2 MB); pick an image under 64 MB.</source>
        <translation>%1 est trop volumineux (%2 Mo) ; choisissez une image de moins de 64 Mo.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not an image this app can read (PNG, JPEG, WebP, GIF, BMP).</source>
        <translation>%1 n’est pas une image que cette application sait lire (PNG, JPEG, WebP, GIF, BMP).</translation>
    </message>
</context>
<context>
    <name>md::JsonSchemaEditor</name>
    <message>
        <source>Schema name, e.g. answer</source>
        <translation>Nom du schéma, par ex. answer</translation>
    </message>
    <message>
        <source>Schema name</source>
        <translation>Nom du schéma</translation>
    </message>
    <message>
        <source>A short name for the schema (letters, digits, _ and -), required by the API.</source>
        <translation>Un nom court pour le schéma (lettres, chiffres, _ et -), exigé par l’API.</translation>
    </message>
    <message>
        <source>Strict</source>
        <translation>Strict</translation>
    </message>
    <message>
        <source>Strict schema</source>
        <translation>Schéma strict</translation>
    </message>
    <message>
        <source>Asks the model to follow the schema exactly instead of loosely.</source>
        <translation>Demande au modèle de suivre le schéma exactement plutôt qu’approximativement.</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>Schéma JSON</translation>
    </message>
    <message>
        <source>The JSON Schema the answer must follow; its top level must be an object.</source>
        <translation>Le JSON Schema que la réponse doit suivre ; son niveau supérieur doit être un objet.</translation>
    </message>
    <message>
        <source>Schema check</source>
        <translation>Vérification du schéma</translation>
    </message>
    <message>
        <source>Enter a JSON schema.</source>
        <translation>Saisissez un schéma JSON.</translation>
    </message>
    <message>
        <source>The schema must be a JSON object, {…}.</source>
        <translation>Le schéma doit être un objet JSON, {…}.</translation>
    </message>
    <message>
        <source>The schema&apos;s top level must be an object schema: &quot;type&quot;: &quot;object&quot;.</source>
        <translation>Le niveau supérieur du schéma doit être un schéma d’objet : &quot;type&quot;: &quot;object&quot;.</translation>
    </message>
    <message>
        <source>Give the schema a name.</source>
        <translation>Donnez un nom au schéma.</translation>
    </message>
    <message>
        <source>The name may only hold letters, digits, _ and - (at most 64).</source>
        <translation>Le nom ne peut contenir que des lettres, des chiffres, _ et - (64 au plus).</translation>
    </message>
    <message>
        <source>✓ Valid schema</source>
        <translation>✓ Schéma valide</translation>
    </message>
    <message>
        <source>%1 Not sent until fixed.</source>
        <translation>%1 Rien n’est envoyé tant que ce n’est pas corrigé.</translation>
    </message>
</context>
<context>
    <name>md::JsonText</name>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Ligne %1, colonne %2 : %3</translation>
    </message>
</context>
<context>
    <name>md::KeyField</name>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation>Afficher la clé</translation>
    </message>
    <message>
        <source>Show or hide the characters you typed</source>
        <translation>Afficher ou masquer les caractères saisis</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Hide the key</source>
        <translation>Masquer la clé</translation>
    </message>
</context>
<context>
    <name>md::KeychainSecretStore</name>
    <message>
        <source>No system keychain is available (on Linux: a Secret Service such as GNOME Keyring or KWallet). You can use a session-only key instead; it is forgotten when the app quits.</source>
        <translation>Aucun trousseau système n’est disponible (sous Linux : un Secret Service comme GNOME Keyring ou KWallet). Vous pouvez utiliser à la place une clé pour la session seulement ; elle est oubliée quand l’application se ferme.</translation>
    </message>
    <message>
        <source>Nothing is stored under &quot;%1&quot; in the system keychain.</source>
        <translation>Rien n’est enregistré sous « %1 » dans le trousseau système.</translation>
    </message>
    <message>
        <source>The system keychain is locked or refused access. Unlock it and try again.</source>
        <translation>Le trousseau système est verrouillé ou a refusé l’accès. Déverrouillez-le et réessayez.</translation>
    </message>
    <message>
        <source>no details given</source>
        <translation>aucun détail fourni</translation>
    </message>
    <message>
        <source>The system keychain reported an error: %1. Try again; if it keeps happening, check the keychain, or use a session-only key instead.</source>
        <translation>Le trousseau système a signalé une erreur : %1. Réessayez ; si cela se reproduit, vérifiez le trousseau, ou utilisez plutôt une clé pour la session seulement.</translation>
    </message>
</context>
<context>
    <name>md::MainWindow</name>
    <message>
        <source>Mistral Desk</source>
        <translation>Mistral Desk</translation>
    </message>
    <message>
        <source>The history is not available: %1</source>
        <translation>L’historique n’est pas disponible : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available</source>
        <translation>
            <numerusform>%n modèle disponible</numerusform>
            <numerusform>%n modèles disponibles</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the model list: %1</source>
        <translation>Impossible de charger la liste des modèles : %1</translation>
    </message>
    <message>
        <source>Could not refresh the model list (%1); using the one from %2.</source>
        <translation>Impossible d’actualiser la liste des modèles (%1) ; utilisation de celle du %2.</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Conversations, one per tab, and the history (Ctrl+1)</source>
        <translation>Conversations, une par onglet, et l’historique (Ctrl+1)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>One prompt, several models side by side (Ctrl+2)</source>
        <translation>Un prompt, plusieurs modèles côte à côte (Ctrl+2)</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>Embed texts, compare them, export the vectors (Ctrl+4)</source>
        <translation>Vectoriser des textes, les comparer, exporter les vecteurs (Ctrl+4)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Code completion between a prefix and a suffix (Ctrl+5)</source>
        <translation>Complétion de code entre un préfixe et un suffixe (Ctrl+5)</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>Cost and tokens per day and per model (Ctrl+6)</source>
        <translation>Coût et jetons par jour et par modèle (Ctrl+6)</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>Historique : %1</translation>
    </message>
    <message>
        <source>Mistral did not accept the API key. Open Settings (Ctrl+,) to change it.</source>
        <translation>Mistral n’a pas accepté la clé API. Ouvrez les Paramètres (Ctrl+,) pour la modifier.</translation>
    </message>
    <message>
        <source>Proxy on · %1</source>
        <translation>Proxy actif · %1</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>The local endpoint other programs use (Ctrl+3)</source>
        <translation>Le point d’accès local utilisé par les autres programmes (Ctrl+3)</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>&amp;Proxy</translation>
    </message>
    <message>
        <source>The last answer: tokens in and out, cost at list prices, time to first token, speed</source>
        <translation>La dernière réponse : jetons en entrée et en sortie, coût au prix catalogue, délai du premier jeton, vitesse</translation>
    </message>
    <message>
        <source>Tokens and cost this session, at list prices: your chats, and other programs through the local proxy</source>
        <translation>Jetons et coût de cette session, au prix catalogue : vos conversations et les autres programmes via le proxy local</translation>
    </message>
    <message>
        <source>What the server&apos;s rate-limit headers said on the last call</source>
        <translation>Ce qu’indiquaient les en-têtes de limite de débit du serveur lors du dernier appel</translation>
    </message>
    <message>
        <source>The local proxy is running (View → Proxy)</source>
        <translation>Le proxy local est en cours d’exécution (Affichage → Proxy)</translation>
    </message>
    <message>
        <source>Mistral did not accept this key. Check that you copied all of it, and that it is active at console.mistral.ai → API keys.</source>
        <translation>Mistral n’a pas accepté cette clé. Vérifiez que vous l’avez copiée en entier et qu’elle est active sur console.mistral.ai → API keys.</translation>
    </message>
    <message>
        <source>Could not check the key (%1). It is kept; the first message will tell.</source>
        <translation>Impossible de vérifier la clé (%1). Elle est conservée ; le premier message le dira.</translation>
    </message>
    <message>
        <source>%1: %2 in · %3 out · %4 · first token %5 ms · %6 tok/s</source>
        <translation>%1 : %2 en entrée · %3 en sortie · %4 · premier jeton %5 ms · %6 jetons/s</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 jetons</translation>
    </message>
    <message>
        <source>Left this minute: %1</source>
        <translation>Restant cette minute : %1</translation>
    </message>
    <message>
        <source>Session: chat %1 tokens %2</source>
        <translation>Session : chat %1 jetons %2</translation>
    </message>
    <message>
        <source>proxy %1 tokens %2</source>
        <translation>proxy %1 jetons %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Nouvelle conversation</translation>
    </message>
    <message>
        <source>&amp;Duplicate conversation</source>
        <translation>&amp;Dupliquer la conversation</translation>
    </message>
    <message>
        <source>&amp;Rename conversation…</source>
        <translation>&amp;Renommer la conversation…</translation>
    </message>
    <message>
        <source>&amp;Close conversation</source>
        <translation>&amp;Fermer la conversation</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>This conversation as &amp;Markdown…</source>
        <translation>Cette conversation en &amp;Markdown…</translation>
    </message>
    <message>
        <source>This conversation as &amp;JSON…</source>
        <translation>Cette conversation en &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;All conversations as JSON…</source>
        <translation>&amp;Toutes les conversations en JSON…</translation>
    </message>
    <message>
        <source>&amp;Import conversations…</source>
        <translation>&amp;Importer des conversations…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Choose &amp;model…</source>
        <translation>Choisir le &amp;modèle…</translation>
    </message>
    <message>
        <source>Show &amp;parameters</source>
        <translation>Afficher les &amp;paramètres</translation>
    </message>
    <message>
        <source>&amp;Tools…</source>
        <translation>&amp;Outils…</translation>
    </message>
    <message>
        <source>&amp;View code…</source>
        <translation>&amp;Voir le code…</translation>
    </message>
    <message>
        <source>&amp;Refresh model list</source>
        <translation>Actualiser la &amp;liste des modèles</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>C&amp;ompare</source>
        <translation>C&amp;omparer</translation>
    </message>
    <message>
        <source>&amp;Embeddings</source>
        <translation>&amp;Embeddings</translation>
    </message>
    <message>
        <source>Code &amp;completion</source>
        <translation>&amp;Complétion de code</translation>
    </message>
    <message>
        <source>&amp;Usage</source>
        <translation>&amp;Utilisation</translation>
    </message>
    <message>
        <source>&amp;History sidebar</source>
        <translation>Panneau d’&amp;historique</translation>
    </message>
    <message>
        <source>&amp;Search history…</source>
        <translation>&amp;Rechercher dans l’historique…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About Mistral Desk</source>
        <translation>À &amp;propos de Mistral Desk</translation>
    </message>
    <message>
        <source>About Mistral Desk</source>
        <translation>À propos de Mistral Desk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mistral Desk %1&lt;/b&gt;&lt;p&gt;A native playground for the Mistral API, with a local OpenAI-compatible proxy. Your key stays in the system keychain.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Mistral Desk %1&lt;/b&gt;&lt;p&gt;Un playground natif pour l’API Mistral, avec un proxy local compatible OpenAI. Votre clé reste dans le trousseau du système.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln requête</numerusform>
            <numerusform>%Ln requêtes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::MemorySecretStore</name>
    <message>
        <source>memory (this session only)</source>
        <translation>mémoire (cette session uniquement)</translation>
    </message>
</context>
<context>
    <name>md::ModelCardDelegate</name>
    <message>
        <source>%1 ctx</source>
        <translation>contexte %1</translation>
    </message>
    <message>
        <source>also %1</source>
        <translation>aussi %1</translation>
    </message>
</context>
<context>
    <name>md::ModelListModel</name>
    <message>
        <source>Use “%1” as the model id</source>
        <translation>Utiliser « %1 » comme identifiant de modèle</translation>
    </message>
    <message>
        <source>Sends this id as it is; the model list does not hold it.</source>
        <translation>Envoie cet identifiant tel quel ; la liste des modèles ne le contient pas.</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratuit</translation>
    </message>
    <message>
        <source>%1 in per M</source>
        <translation>%1 en entrée par M</translation>
    </message>
    <message>
        <source>%1 / %2 per M</source>
        <translation>%1 / %2 par M</translation>
    </message>
    <message>
        <source>Deprecated, retires %1</source>
        <translation>Obsolète, retiré le %1</translation>
    </message>
    <message>
        <source>Deprecated since %1</source>
        <translation>Obsolète depuis le %1</translation>
    </message>
    <message>
        <source>%1: use %2</source>
        <translation>%1 : utilisez %2</translation>
    </message>
</context>
<context>
    <name>md::ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Chooses the model this conversation talks to (Ctrl+K).</source>
        <translation>Choisit le modèle avec lequel cette conversation échange (Ctrl+K).</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>Détails du modèle</translation>
    </message>
    <message>
        <source>Model deprecation</source>
        <translation>Obsolescence du modèle</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Choisir un modèle</translation>
    </message>
    <message>
        <source>%1 context</source>
        <translation>Contexte de %1</translation>
    </message>
    <message>
        <source>Can do: %1</source>
        <translation>Capacités : %1</translation>
    </message>
    <message>
        <source>not in the model list</source>
        <translation>absent de la liste des modèles</translation>
    </message>
    <message>
        <source>Sent as typed; the server decides whether it exists.</source>
        <translation>Envoyé tel que saisi ; le serveur décide s’il existe.</translation>
    </message>
    <message>
        <source>Deprecated (%1)</source>
        <translation>Obsolète (%1)</translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>Passer à %1</translation>
    </message>
    <message>
        <source>Requests to a retired model fail.</source>
        <translation>Les requêtes vers un modèle retiré échouent.</translation>
    </message>
</context>
<context>
    <name>md::ModelPickerPopup</name>
    <message>
        <source>Choose a model</source>
        <translation>Choisir un modèle</translation>
    </message>
    <message>
        <source>Search models, or type any model id</source>
        <translation>Rechercher des modèles, ou saisir n’importe quel identifiant de modèle</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>Filtrer les modèles</translation>
    </message>
    <message>
        <source>Narrows the list by name; Up and Down move, Enter chooses, Esc closes.</source>
        <translation>Restreint la liste par nom ; Haut et Bas pour se déplacer, Entrée pour choisir, Échap pour fermer.</translation>
    </message>
    <message>
        <source>Only:</source>
        <translation>Uniquement :</translation>
    </message>
    <message>
        <source>Shows only models that can do everything switched on here.</source>
        <translation>N’affiche que les modèles capables de tout ce qui est activé ici.</translation>
    </message>
    <message>
        <source>Only models with %1</source>
        <translation>Uniquement les modèles avec %1</translation>
    </message>
    <message>
        <source>Lists only models with the “%1” capability.</source>
        <translation>N’affiche que les modèles ayant la capacité « %1 ».</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>No model list yet (offline or no key): type a model id and press Enter.</source>
        <translation>Pas encore de liste des modèles (hors ligne ou sans clé) : saisissez un identifiant de modèle et appuyez sur Entrée.</translation>
    </message>
    <message>
        <source>%1 of %2 models shown</source>
        <translation>%1 modèles affichés sur %2</translation>
    </message>
    <message>
        <source> · list of %1</source>
        <translation> · liste du %1</translation>
    </message>
</context>
<context>
    <name>md::ParameterPanel</name>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Reset parameters to defaults</source>
        <translation>Réinitialiser les paramètres par défaut</translation>
    </message>
    <message>
        <source>Sets every parameter back to the API&apos;s default; the system prompt and the tools are kept.</source>
        <translation>Remet chaque paramètre à la valeur par défaut de l’API ; le prompt système et les outils sont conservés.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt système</translation>
    </message>
    <message>
        <source>Instructions the model reads before the conversation, such as its role, tone or rules.</source>
        <translation>Instructions que le modèle lit avant la conversation, comme son rôle, son ton ou ses règles.</translation>
    </message>
    <message>
        <source>None: the model gets only the conversation.</source>
        <translation>Aucun : le modèle ne reçoit que la conversation.</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Échantillonnage</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
    </message>
    <message>
        <source>How varied the answers are: low gives focused, repeatable answers, high gives more creative ones.</source>
        <translation>Variété des réponses : une valeur basse donne des réponses ciblées et reproductibles, une valeur haute des réponses plus créatives.</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Picks only among the most likely words that together reach this probability; lower is more focused. Change this or temperature, not both.</source>
        <translation>Ne choisit que parmi les mots les plus probables qui atteignent ensemble cette probabilité ; plus bas est plus ciblé. Modifiez ce réglage ou la température, pas les deux.</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>Pénalité de présence</translation>
    </message>
    <message>
        <source>Above 0, nudges the model toward new topics by penalising any word it has already used.</source>
        <translation>Au-dessus de 0, pousse le modèle vers de nouveaux sujets en pénalisant tout mot déjà utilisé.</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>Pénalité de fréquence</translation>
    </message>
    <message>
        <source>Above 0, reduces repetition by penalising words the more often they have already appeared.</source>
        <translation>Au-dessus de 0, réduit les répétitions en pénalisant les mots d’autant plus qu’ils sont déjà apparus souvent.</translation>
    </message>
    <message>
        <source>Length and stopping</source>
        <translation>Longueur et arrêt</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Jetons max.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>The longest the answer may get, in tokens (a token is about ¾ of a word); longer answers are cut off.</source>
        <translation>La longueur maximale de la réponse, en jetons (un jeton vaut environ ¾ d’un mot) ; les réponses plus longues sont coupées.</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>Séquences d’arrêt</translation>
    </message>
    <message>
        <source>The answer ends as soon as the model writes one of these.</source>
        <translation>La réponse s’arrête dès que le modèle écrit l’une d’elles.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>Objet JSON</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>Schéma JSON</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>Format de réponse</translation>
    </message>
    <message>
        <source>Whether the answer is free text, any JSON object, or JSON that follows your schema.</source>
        <translation>Indique si la réponse est du texte libre, un objet JSON quelconque ou du JSON conforme à votre schéma.</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Effort de raisonnement</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>How long the model thinks before answering: more effort is slower and uses more tokens, but solves harder problems.</source>
        <translation>Durée de réflexion du modèle avant de répondre : plus d’effort est plus lent et consomme plus de jetons, mais résout des problèmes plus difficiles.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Safe prompt</source>
        <translation>Prompt de sécurité</translation>
    </message>
    <message>
        <source>Adds Mistral&apos;s safety instructions before the conversation, so the model avoids harmful content.</source>
        <translation>Ajoute les consignes de sécurité de Mistral avant la conversation, pour que le modèle évite les contenus nuisibles.</translation>
    </message>
</context>
<context>
    <name>md::PresetBar</name>
    <message>
        <source>Preset…</source>
        <translation>Préréglage…</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Préréglage</translation>
    </message>
    <message>
        <source>Applies a saved system prompt and parameters; the model stays as it is.</source>
        <translation>Applique un prompt système et des paramètres enregistrés ; le modèle reste inchangé.</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save as preset</source>
        <translation>Enregistrer comme préréglage</translation>
    </message>
    <message>
        <source>Saves the system prompt and parameters under a name, for every tab.</source>
        <translation>Enregistre le prompt système et les paramètres sous un nom, pour tous les onglets.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>Supprimer le préréglage</translation>
    </message>
    <message>
        <source>Deletes the preset shown on the left.</source>
        <translation>Supprime le préréglage affiché à gauche.</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Enregistrer le préréglage</translation>
    </message>
    <message>
        <source>Name for this system prompt and these parameters:</source>
        <translation>Nom pour ce prompt système et ces paramètres :</translation>
    </message>
    <message>
        <source>Replace preset</source>
        <translation>Remplacer le préréglage</translation>
    </message>
    <message>
        <source>Replace the preset “%1”?</source>
        <translation>Remplacer le préréglage « %1 » ?</translation>
    </message>
    <message>
        <source>Delete the preset “%1” for every tab?</source>
        <translation>Supprimer le préréglage « %1 » pour tous les onglets ?</translation>
    </message>
</context>
<context>
    <name>md::PriceTableEditor</name>
    <message>
        <source>Used to show what each request costs, in USD per million tokens. Prices change: correct them here when Mistral&apos;s pricing page says otherwise.</source>
        <translation>Sert à afficher le coût de chaque requête, en USD par million de jetons. Les prix changent : corrigez-les ici si la page de tarifs de Mistral indique autre chose.</translation>
    </message>
    <message>
        <source>Prices as &amp;of:</source>
        <translation>Prix en da&amp;te du :</translation>
    </message>
    <message>
        <source>Date of the prices</source>
        <translation>Date des prix</translation>
    </message>
    <message>
        <source>Prices by model</source>
        <translation>Prix par modèle</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Input $/M</source>
        <translation>Entrée $/M</translation>
    </message>
    <message>
        <source>Output $/M</source>
        <translation>Sortie $/M</translation>
    </message>
    <message>
        <source>&amp;Add model</source>
        <translation>&amp;Ajouter un modèle</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Remove the selected rows</source>
        <translation>Retirer les lignes sélectionnées</translation>
    </message>
    <message>
        <source>Reset to &amp;defaults</source>
        <translation>Rétablir les valeurs par &amp;défaut</translation>
    </message>
    <message>
        <source>Replace the whole table with the built-in list prices</source>
        <translation>Remplacer tout le tableau par les prix catalogue intégrés</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>« %1 » figure deux fois.</translation>
    </message>
    <message>
        <source>A row has no model name.</source>
        <translation>Une ligne n’a pas de nom de modèle.</translation>
    </message>
</context>
<context>
    <name>md::ProjectionPlot</name>
    <message>
        <source>2-D projection of the embeddings (PCA)</source>
        <translation>Projection 2D des embeddings (ACP)</translation>
    </message>
    <message>
        <source>Embed three or more texts to see them on a map.</source>
        <translation>Vectorisez au moins trois textes pour les voir sur une carte.</translation>
    </message>
    <message>
        <source>PC1 → %1% of variance   ·   PC2 ↑ %2%</source>
        <translation>CP1 → %1 % de la variance   ·   CP2 ↑ %2 %</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>n° %1 %2</translation>
    </message>
</context>
<context>
    <name>md::ProxyCounterView</name>
    <message>
        <source>Proxy traffic since Mistral Desk started</source>
        <translation>Trafic du proxy depuis le démarrage de Mistral Desk</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Requests the proxy has answered</source>
        <translation>Requêtes auxquelles le proxy a répondu</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Requests answered with an error status, or not answered</source>
        <translation>Requêtes ayant reçu un statut d’erreur, ou sans réponse</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <source>Requests in progress now</source>
        <translation>Requêtes en cours</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>Jetons en entrée</translation>
    </message>
    <message>
        <source>Prompt tokens sent to Mistral through the proxy</source>
        <translation>Jetons de prompt envoyés à Mistral via le proxy</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>Jetons en sortie</translation>
    </message>
    <message>
        <source>Completion tokens Mistral returned through the proxy</source>
        <translation>Jetons de complétion renvoyés par Mistral via le proxy</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>At list prices. Included, as proxy, in the session total in the status bar.</source>
        <translation>Au prix catalogue. Inclus, sous « proxy », dans le total de la session affiché dans la barre d’état.</translation>
    </message>
</context>
<context>
    <name>md::ProxyPanel</name>
    <message>
        <source>Local endpoint</source>
        <translation>Point d’accès local</translation>
    </message>
    <message>
        <source>Run the local proxy</source>
        <translation>Exécuter le proxy local</translation>
    </message>
    <message>
        <source>Lets other programs on this computer use your Mistral key through Mistral Desk, with the local token instead of the key</source>
        <translation>Permet aux autres programmes de cet ordinateur d’utiliser votre clé Mistral via Mistral Desk, avec le jeton local au lieu de la clé</translation>
    </message>
    <message>
        <source>Proxy status</source>
        <translation>État du proxy</translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation>Cet ordinateur uniquement (127.0.0.1)</translation>
    </message>
    <message>
        <source>All network interfaces (0.0.0.0)</source>
        <translation>Toutes les interfaces réseau (0.0.0.0)</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Écouter sur</translation>
    </message>
    <message>
        <source>Where the proxy accepts connections. Turn the proxy off to change it.</source>
        <translation>Où le proxy accepte les connexions. Désactivez le proxy pour le modifier.</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Écouter sur :</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>N’importe quel port libre</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>The TCP port clients connect to (default %1). Turn the proxy off to change it.</source>
        <translation>Le port TCP auquel les clients se connectent (%1 par défaut). Désactivez le proxy pour le modifier.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port :</translation>
    </message>
    <message>
        <source>Anyone on your network who has the token can use the proxy and spend your Mistral credit. Choose this only on a network you trust.</source>
        <translation>Toute personne de votre réseau qui possède le jeton peut utiliser le proxy et dépenser votre crédit Mistral. Ne choisissez cette option que sur un réseau de confiance.</translation>
    </message>
    <message>
        <source>Proxy error</source>
        <translation>Erreur du proxy</translation>
    </message>
    <message>
        <source>Waiting for the local token…</source>
        <translation>En attente du jeton local…</translation>
    </message>
    <message>
        <source>Local token</source>
        <translation>Jeton local</translation>
    </message>
    <message>
        <source>The password clients use to reach the proxy</source>
        <translation>Le mot de passe utilisé par les clients pour accéder au proxy</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show or hide the token</source>
        <translation>Afficher ou masquer le jeton</translation>
    </message>
    <message>
        <source>Show token</source>
        <translation>Afficher le jeton</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the token to the clipboard</source>
        <translation>Copier le jeton dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>Copier le jeton</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>Make a new token. The old one stops working at once; clients need the new one.</source>
        <translation>Créer un nouveau jeton. L’ancien cesse de fonctionner immédiatement ; les clients ont besoin du nouveau.</translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation>Régénérer le jeton</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>Recent requests (newest first, last %1 kept)</source>
        <translation>Requêtes récentes (les plus récentes d’abord, %1 dernières conservées)</translation>
    </message>
    <message>
        <source>Recent proxy requests</source>
        <translation>Requêtes récentes du proxy</translation>
    </message>
    <message>
        <source>The proxy did not start (%1).</source>
        <translation>Le proxy n’a pas démarré (%1).</translation>
    </message>
    <message>
        <source>If another program uses port %1, choose another port and turn the proxy on again.</source>
        <translation>Si un autre programme utilise le port %1, choisissez un autre port et réactivez le proxy.</translation>
    </message>
    <message>
        <source>The proxy did not restart (%1).</source>
        <translation>Le proxy n’a pas redémarré (%1).</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#2fa34a&quot;&gt;●&lt;/span&gt; &lt;b&gt;Running&lt;/b&gt; — clients use %1</source>
        <translation>&lt;span style=&quot;color:#2fa34a&quot;&gt;●&lt;/span&gt; &lt;b&gt;Actif&lt;/b&gt; — les clients utilisent %1</translation>
    </message>
    <message>
        <source>Other computers use %1</source>
        <translation>Les autres ordinateurs utilisent %1</translation>
    </message>
    <message>
        <source>○ &lt;b&gt;Off&lt;/b&gt; — nothing is listening.</source>
        <translation>○ &lt;b&gt;Arrêté&lt;/b&gt; — rien n’est à l’écoute.</translation>
    </message>
    <message>
        <source>Stop the proxy. Requests already in progress finish.</source>
        <translation>Arrêter le proxy. Les requêtes déjà en cours se terminent.</translation>
    </message>
    <message>
        <source>Start the proxy so other programs can use Mistral through this app</source>
        <translation>Démarrer le proxy pour que d’autres programmes puissent utiliser Mistral via cette application</translation>
    </message>
    <message>
        <source>Clients send it as “Authorization: Bearer &lt;token&gt;”. It is not your Mistral key, which never leaves this app.</source>
        <translation>Les clients l’envoient sous la forme « Authorization: Bearer &lt;token&gt; ». Ce n’est pas votre clé Mistral, qui ne quitte jamais cette application.</translation>
    </message>
    <message>
        <source>Clients still using the old token are refused until they use the new one.</source>
        <translation>Les clients qui utilisent encore l’ancien jeton sont refusés jusqu’à ce qu’ils utilisent le nouveau.</translation>
    </message>
</context>
<context>
    <name>md::ProxyRequestModel</name>
    <message>
        <source>aborted</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <source>First byte after %1 ms</source>
        <translation>Premier octet après %1 ms</translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation>En flux (streaming)</translation>
    </message>
    <message>
        <source>Translated for Mistral: %1</source>
        <translation>Traduite pour Mistral : %1</translation>
    </message>
    <message>
        <source>failed, status %1</source>
        <translation>échec, statut %1</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>statut %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latence (ms)</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>Jetons en entrée</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>Jetons en sortie</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>From the request arriving to the answer being complete</source>
        <translation>De l’arrivée de la requête à la fin de la réponse</translation>
    </message>
</context>
<context>
    <name>md::ProxySnippetView</name>
    <message>
        <source>Connect a client</source>
        <translation>Connecter un client</translation>
    </message>
    <message>
        <source>&amp;Example:</source>
        <translation>&amp;Exemple :</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Exemple</translation>
    </message>
    <message>
        <source>Choose the client or tool to set up</source>
        <translation>Choisir le client ou l’outil à configurer</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy example</source>
        <translation>Copier l’exemple</translation>
    </message>
    <message>
        <source>Copy this example to the clipboard. It refers to the token as $%1 and never holds the token or your Mistral key.</source>
        <translation>Copier cet exemple dans le presse-papiers. Il désigne le jeton par $%1 et ne contient jamais le jeton ni votre clé Mistral.</translation>
    </message>
    <message>
        <source>Example code</source>
        <translation>Exemple de code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>md::ProxySnippets</name>
    <message>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <source>Python · openai</source>
        <translation>Python · openai</translation>
    </message>
    <message>
        <source>TypeScript · openai</source>
        <translation>TypeScript · openai</translation>
    </message>
    <message>
        <source>Python · mistralai</source>
        <translation>Python · mistralai</translation>
    </message>
    <message>
        <source>TypeScript · @mistralai/mistralai</source>
        <translation>TypeScript · @mistralai/mistralai</translation>
    </message>
    <message>
        <source>Environment variables (other tools)</source>
        <translation>Variables d’environnement (autres outils)</translation>
    </message>
</context>
<context>
    <name>md::ProxyTokenKeeper</name>
    <message>
        <source>Kept in %1.</source>
        <translation>Conservé dans %1.</translation>
    </message>
    <message>
        <source>Kept for this session only (%1).</source>
        <translation>Conservé pour cette session uniquement (%1).</translation>
    </message>
    <message>
        <source>Could not read the saved token: %1 This token works until Mistral Desk quits.</source>
        <translation>Impossible de lire le jeton enregistré : %1 Ce jeton fonctionne jusqu’à la fermeture de Mistral Desk.</translation>
    </message>
    <message>
        <source>Could not save the token: %1 It works until Mistral Desk quits; clients will need a new one next time.</source>
        <translation>Impossible d’enregistrer le jeton : %1 Il fonctionne jusqu’à la fermeture de Mistral Desk ; les clients auront besoin d’un nouveau jeton la prochaine fois.</translation>
    </message>
    <message>
        <source>New token saved in %1.</source>
        <translation>Nouveau jeton enregistré dans %1.</translation>
    </message>
    <message>
        <source>Made on first use and kept in %1.</source>
        <translation>Créé à la première utilisation et conservé dans %1.</translation>
    </message>
</context>
<context>
    <name>md::RankingModel</name>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Cosinus</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
</context>
<context>
    <name>md::SchemaValidator</name>
    <message>
        <source>wrong type, expected %1</source>
        <translation>type incorrect, %1 attendu</translation>
    </message>
    <message>
        <source>must be one of %1</source>
        <translation>doit valoir l’un de %1</translation>
    </message>
    <message>
        <source>The schema cannot be used: %1</source>
        <translation>Le schéma est inutilisable : %1</translation>
    </message>
</context>
<context>
    <name>md::SearchResultDelegate</name>
    <message>
        <source>Match in the title: %1</source>
        <translation>Correspondance dans le titre : %1</translation>
    </message>
</context>
<context>
    <name>md::SearchResultModel</name>
    <message>
        <source>Untitled conversation</source>
        <translation>Conversation sans titre</translation>
    </message>
    <message>
        <source>Title: %1</source>
        <translation>Titre : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>md::SeedField</name>
    <message>
        <source>With a fixed seed the same request gives the same answer again; off, every answer is sampled afresh.</source>
        <translation>Avec une graine fixe, la même requête redonne la même réponse ; désactivée, chaque réponse est échantillonnée à nouveau.</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Graine aléatoire</translation>
    </message>
    <message>
        <source>Fixed random seed</source>
        <translation>Graine aléatoire fixe</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <source>New random seed</source>
        <translation>Nouvelle graine aléatoire</translation>
    </message>
    <message>
        <source>Fixes a new random seed.</source>
        <translation>Fixe une nouvelle graine aléatoire.</translation>
    </message>
</context>
<context>
    <name>md::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Général</translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation>&amp;Prix</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL de base</translation>
    </message>
    <message>
        <source>Mistral&apos;s API, or any server that speaks the same protocol. Without /v1.</source>
        <translation>L’API de Mistral, ou tout serveur utilisant le même protocole. Sans /v1.</translation>
    </message>
    <message>
        <source>Mistral&apos;s API, or any server that speaks the same protocol (without /v1).</source>
        <translation>L’API de Mistral, ou tout serveur utilisant le même protocole (sans /v1).</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;URL de base :</translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation>Délai d’expiration des requêtes en secondes</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long to wait for the first byte of an answer before giving up</source>
        <translation>Durée d’attente du premier octet d’une réponse avant d’abandonner</translation>
    </message>
    <message>
        <source>Request &amp;timeout:</source>
        <translation>&amp;Délai d’expiration des requêtes :</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>T&amp;hème :</translation>
    </message>
    <message>
        <source>MISTRAL_DESK_PALETTE is set in the environment and overrides this choice.</source>
        <translation>MISTRAL_DESK_PALETTE est défini dans l’environnement et remplace ce choix.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>MD_LANGUAGE is set in the environment and overrides this choice.</source>
        <translation>MD_LANGUAGE est définie dans l’environnement et remplace ce choix.</translation>
    </message>
    <message>
        <source>The new language takes effect at the next start.</source>
        <translation>La nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>Mistral API key</source>
        <translation>Clé API Mistral</translation>
    </message>
    <message>
        <source>New &amp;key:</source>
        <translation>Nouvelle &amp;clé :</translation>
    </message>
    <message>
        <source>Paste a key to replace the current one</source>
        <translation>Collez une clé pour remplacer la clé actuelle</translation>
    </message>
    <message>
        <source>&amp;Forget key</source>
        <translation>&amp;Oublier la clé</translation>
    </message>
    <message>
        <source>Remove the key from the keychain and from memory</source>
        <translation>Supprimer la clé du trousseau et de la mémoire</translation>
    </message>
    <message>
        <source>Keep it for this &amp;session only (not saved anywhere)</source>
        <translation>La conserver pour cette &amp;session uniquement (enregistrée nulle part)</translation>
    </message>
    <message>
        <source>No key is set.</source>
        <translation>Aucune clé n’est définie.</translation>
    </message>
    <message>
        <source>Current key: %1</source>
        <translation>Clé actuelle : %1</translation>
    </message>
    <message>
        <source>No keychain is available on this system, so the key cannot be stored. You can keep it for this session only: you will enter it again next time.</source>
        <translation>Aucun trousseau n’est disponible sur ce système, la clé ne peut donc pas être enregistrée. Vous pouvez la conserver pour cette session uniquement : vous la saisirez à nouveau la prochaine fois.</translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https:// and name a host, e.g. https://api.mistral.ai.</source>
        <translation>L’URL de base doit commencer par http:// ou https:// et indiquer un hôte, par ex. https://api.mistral.ai.</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// address with a host name.</source>
        <translation>Saisissez une adresse http:// ou https:// avec un nom d’hôte.</translation>
    </message>
</context>
<context>
    <name>md::SimilarityHeatmap</name>
    <message>
        <source>Cosine similarity heatmap</source>
        <translation>Carte de chaleur de similarité cosinus</translation>
    </message>
    <message>
        <source>Embed two or more texts to see how similar they are.</source>
        <translation>Vectorisez au moins deux textes pour voir à quel point ils se ressemblent.</translation>
    </message>
    <message>
        <source>#%1 %2
#%3 %4
cosine %5</source>
        <translation>n° %1 %2
n° %3 %4
cosinus %5</translation>
    </message>
</context>
<context>
    <name>md::SliderField</name>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>Use the default for %1</source>
        <translation>Utiliser la valeur par défaut pour %1</translation>
    </message>
    <message>
        <source>Stop sending this value, so the API&apos;s default applies.</source>
        <translation>Ne plus envoyer cette valeur, pour que la valeur par défaut de l’API s’applique.</translation>
    </message>
    <message>
        <source>%1 slider</source>
        <translation>Curseur %1</translation>
    </message>
    <message>
        <source>default %1</source>
        <translation>par défaut %1</translation>
    </message>
</context>
<context>
    <name>md::StopListEditor</name>
    <message>
        <source>Add a sequence, e.g. \n\n</source>
        <translation>Ajouter une séquence, par ex. \n\n</translation>
    </message>
    <message>
        <source>New stop sequence</source>
        <translation>Nouvelle séquence d’arrêt</translation>
    </message>
    <message>
        <source>The answer ends as soon as the model writes one of these; type \n for a line break.</source>
        <translation>La réponse s’arrête dès que le modèle écrit l’une d’elles ; tapez \n pour un saut de ligne.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add stop sequence</source>
        <translation>Ajouter une séquence d’arrêt</translation>
    </message>
    <message>
        <source>Adds the typed sequence to the list.</source>
        <translation>Ajoute la séquence saisie à la liste.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove selected stop sequences</source>
        <translation>Retirer les séquences d’arrêt sélectionnées</translation>
    </message>
    <message>
        <source>Removes the sequences selected in the list.</source>
        <translation>Retire les séquences sélectionnées dans la liste.</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>Séquences d’arrêt</translation>
    </message>
    <message>
        <source>Select a sequence and press Delete, or use Remove, to drop it.</source>
        <translation>Sélectionnez une séquence et appuyez sur Suppr, ou utilisez Retirer, pour l’enlever.</translation>
    </message>
    <message>
        <source>Stops at: %1</source>
        <translation>S’arrête à : %1</translation>
    </message>
</context>
<context>
    <name>md::StoreError</name>
    <message>
        <source>The history database is locked by another program (perhaps another Mistral Desk); close it and try again.</source>
        <translation>La base de données de l’historique est verrouillée par un autre programme (peut-être une autre instance de Mistral Desk) ; fermez-le et réessayez.</translation>
    </message>
    <message>
        <source>The history database cannot be written (the file or its folder is read-only); check its permissions.</source>
        <translation>La base de données de l’historique ne peut pas être modifiée (le fichier ou son dossier est en lecture seule) ; vérifiez ses permissions.</translation>
    </message>
    <message>
        <source>The disk is full, so the history could not be saved; free some space and try again.</source>
        <translation>Le disque est plein, l’historique n’a donc pas pu être enregistré ; libérez de l’espace et réessayez.</translation>
    </message>
    <message>
        <source>The history file is damaged or is not a Mistral Desk database; move it aside to start a new history.</source>
        <translation>Le fichier d’historique est endommagé ou n’est pas une base de données Mistral Desk ; déplacez-le ailleurs pour commencer un nouvel historique.</translation>
    </message>
    <message>
        <source>The history file cannot be opened; check that its folder exists and is writable.</source>
        <translation>Le fichier d’historique ne peut pas être ouvert ; vérifiez que son dossier existe et est accessible en écriture.</translation>
    </message>
    <message>
        <source>The disk reported an error while reading or writing the history.</source>
        <translation>Le disque a signalé une erreur lors de la lecture ou de l’écriture de l’historique.</translation>
    </message>
    <message>
        <source>There is not enough memory to use the history database.</source>
        <translation>La mémoire est insuffisante pour utiliser la base de données de l’historique.</translation>
    </message>
    <message>
        <source>The history database reported an error.</source>
        <translation>La base de données de l’historique a signalé une erreur.</translation>
    </message>
</context>
<context>
    <name>md::ToolCallCard</name>
    <message>
        <source>Tool call %1</source>
        <translation>Appel d’outil %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;font-family:monospace&apos;&gt;(%2)&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;font-family:monospace&apos;&gt;(%2)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>État de l’appel</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Arguments</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Type or paste the result (JSON or text)</source>
        <translation>Saisissez ou collez le résultat (JSON ou texte)</translation>
    </message>
    <message>
        <source>waiting for a result</source>
        <translation>en attente d’un résultat</translation>
    </message>
    <message>
        <source>running the command…</source>
        <translation>exécution de la commande…</translation>
    </message>
    <message>
        <source>✓ result typed</source>
        <translation>✓ résultat saisi</translation>
    </message>
    <message>
        <source>✓ answered automatically</source>
        <translation>✓ réponse automatique</translation>
    </message>
    <message>
        <source>✗ the responder failed</source>
        <translation>✗ le répondeur a échoué</translation>
    </message>
    <message>
        <source>Run command</source>
        <translation>Exécuter la commande</translation>
    </message>
    <message>
        <source>Use fixed answer</source>
        <translation>Utiliser la réponse fixe</translation>
    </message>
</context>
<context>
    <name>md::ToolCallFlow</name>
    <message>
        <source>These calls were waiting when the conversation was opened: nothing ran by itself. Use the buttons or type the results.</source>
        <translation>Ces appels étaient en attente à l’ouverture de la conversation : rien ne s’est exécuté tout seul. Utilisez les boutons ou saisissez les résultats.</translation>
    </message>
    <message>
        <source>Paused after %1 automatic rounds in a row: check the results, then Send results.</source>
        <translation>En pause après %1 tours automatiques d’affilée : vérifiez les résultats, puis cliquez sur Envoyer les résultats.</translation>
    </message>
</context>
<context>
    <name>md::ToolCallsPanel</name>
    <message>
        <source>Tool calls</source>
        <translation>Appels d’outils</translation>
    </message>
    <message>
        <source>Continue by itself when every call is answered automatically</source>
        <translation>Continuer automatiquement quand chaque appel reçoit une réponse automatique</translation>
    </message>
    <message>
        <source>Fixed answers and allowed commands then send their results and the model goes on, up to 10 rounds in a row.</source>
        <translation>Les réponses fixes et les commandes autorisées envoient alors leurs résultats et le modèle continue, jusqu’à 10 tours d’affilée.</translation>
    </message>
    <message>
        <source>Send results</source>
        <translation>Envoyer les résultats</translation>
    </message>
    <message>
        <source>Sends every result as a tool message and lets the model continue</source>
        <translation>Envoie chaque résultat sous forme de message d’outil et laisse le modèle continuer</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The model called %n tool(s)&lt;/b&gt; · %1 of %2 answered</source>
        <translation>
            <numerusform>&lt;b&gt;Le modèle a appelé %n outil&lt;/b&gt; · %1 sur %2 avec réponse</numerusform>
            <numerusform>&lt;b&gt;Le modèle a appelé %n outils&lt;/b&gt; · %1 sur %2 avec réponse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::ToolEditorDialog</name>
    <message>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <source>Functions the model may call in this tab. Ticked tools are sent with every request; tool sets are saved with presets.</source>
        <translation>Fonctions que le modèle peut appeler dans cet onglet. Les outils cochés sont envoyés avec chaque requête ; les ensembles d’outils sont enregistrés avec les préréglages.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>A new function</source>
        <translation>Une nouvelle fonction</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>All three</source>
        <translation>Les trois</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Import tools…</source>
        <translation>Importer des outils…</translation>
    </message>
    <message>
        <source>Import tools</source>
        <translation>Importer des outils</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Fichiers JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export tools…</source>
        <translation>Exporter les outils…</translation>
    </message>
    <message>
        <source>Export tools</source>
        <translation>Exporter les outils</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>No tools yet. Add a function, start from an example, or import a tool set.</source>
        <translation>Aucun outil pour l’instant. Ajoutez une fonction, partez d’un exemple ou importez un ensemble d’outils.</translation>
    </message>
    <message>
        <source>%1 is larger than 16 MB: not a tool set.</source>
        <translation>%1 dépasse 16 Mo : ce n’est pas un ensemble d’outils.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>Tool %1</source>
        <translation>Outil %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 is defined twice.</source>
        <translation>%1 est défini deux fois.</translation>
    </message>
</context>
<context>
    <name>md::ToolForm</name>
    <message>
        <source>e.g. get_weather</source>
        <translation>par ex. get_weather</translation>
    </message>
    <message>
        <source>Function name</source>
        <translation>Nom de la fonction</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>What the function does and when to call it: the model reads this.</source>
        <translation>Ce que fait la fonction et quand l’appeler : le modèle lit ce texte.</translation>
    </message>
    <message>
        <source>Function description</source>
        <translation>Description de la fonction</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Parameters schema</source>
        <translation>Schéma des paramètres</translation>
    </message>
    <message>
        <source>A JSON Schema for the arguments; empty means the function takes none.</source>
        <translation>Un schéma JSON pour les arguments ; vide signifie que la fonction n’en prend aucun.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Strict: the model must follow the schema exactly</source>
        <translation>Strict : le modèle doit suivre exactement le schéma</translation>
    </message>
    <message>
        <source>I type each result</source>
        <translation>Je saisis chaque résultat</translation>
    </message>
    <message>
        <source>A fixed JSON answer</source>
        <translation>Une réponse JSON fixe</translation>
    </message>
    <message>
        <source>A local command</source>
        <translation>Une commande locale</translation>
    </message>
    <message>
        <source>How calls are answered</source>
        <translation>Mode de réponse aux appels</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Réponse par</translation>
    </message>
    <message>
        <source>Each call waits for you to type or paste its result.</source>
        <translation>Chaque appel attend que vous saisissiez ou colliez son résultat.</translation>
    </message>
    <message>
        <source>Fixed answer</source>
        <translation>Réponse fixe</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Runs in the shell. Gets the call&apos;s arguments as JSON on stdin and must print the result as JSON on stdout. MISTRAL_DESK_TOOL and MISTRAL_DESK_TOOL_CALL_ID are set.</source>
        <translation>S’exécute dans le shell. Reçoit les arguments de l’appel en JSON sur stdin et doit écrire le résultat en JSON sur stdout. MISTRAL_DESK_TOOL et MISTRAL_DESK_TOOL_CALL_ID sont définies.</translation>
    </message>
    <message>
        <source>Allow Mistral Desk to run this command</source>
        <translation>Autoriser Mistral Desk à exécuter cette commande</translation>
    </message>
    <message>
        <source>Nothing runs until you allow it, for this tool only. Imported tool sets never come with this allowed.</source>
        <translation>Rien ne s’exécute tant que vous ne l’autorisez pas, pour cet outil uniquement. Les ensembles d’outils importés ne sont jamais autorisés d’office.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Délai d’expiration</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Command timeout</source>
        <translation>Délai d’expiration de la commande</translation>
    </message>
    <message>
        <source>Tool check</source>
        <translation>Vérification de l’outil</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>Paramètres : %1</translation>
    </message>
    <message>
        <source>Parameters: the schema must be a JSON object, {…}.</source>
        <translation>Paramètres : le schéma doit être un objet JSON, {…}.</translation>
    </message>
    <message>
        <source>✓ Valid. The command will not run until you allow it; calls wait for a typed result.</source>
        <translation>✓ Valide. La commande ne s’exécutera pas tant que vous ne l’aurez pas autorisée ; les appels attendent un résultat saisi.</translation>
    </message>
    <message>
        <source>✓ Valid tool</source>
        <translation>✓ Outil valide</translation>
    </message>
</context>
<context>
    <name>md::ToolRound</name>
    <message>
        <source>No tool named “%1” is defined in this tab.</source>
        <translation>Aucun outil nommé « %1 » n’est défini dans cet onglet.</translation>
    </message>
    <message>
        <source>The arguments are not valid JSON. %1</source>
        <translation>Les arguments ne sont pas du JSON valide. %1</translation>
    </message>
    <message>
        <source>The arguments are not a JSON object.</source>
        <translation>Les arguments ne sont pas un objet JSON.</translation>
    </message>
    <message>
        <source>Does not fit the schema: %1</source>
        <translation>Non conforme au schéma : %1</translation>
    </message>
    <message>
        <source>The fixed answer is not valid JSON. %1</source>
        <translation>La réponse fixe n’est pas du JSON valide. %1</translation>
    </message>
    <message>
        <source>Its command has not been allowed to run: allow it in the tool editor, or type the result.</source>
        <translation>Sa commande n’a pas été autorisée à s’exécuter : autorisez-la dans l’éditeur d’outils, ou saisissez le résultat.</translation>
    </message>
</context>
<context>
    <name>md::ToolSet</name>
    <message>
        <source>The file is not JSON. %1</source>
        <translation>Le fichier n’est pas du JSON. %1</translation>
    </message>
    <message>
        <source>Expected a list of tools, [ … ], or an object with a &quot;tools&quot; list.</source>
        <translation>Attendu : une liste d’outils, [ … ], ou un objet avec une liste &quot;tools&quot;.</translation>
    </message>
    <message>
        <source>Tool %1 is not a JSON object.</source>
        <translation>L’outil %1 n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>Tool %1</source>
        <translation>Outil %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 is defined twice.</source>
        <translation>%1 est défini deux fois.</translation>
    </message>
    <message>
        <source>Current weather for a city.</source>
        <translation>Météo actuelle d’une ville.</translation>
    </message>
    <message>
        <source>Evaluates an arithmetic expression.</source>
        <translation>Évalue une expression arithmétique.</translation>
    </message>
    <message>
        <source>Searches the web and returns the top results.</source>
        <translation>Recherche sur le web et renvoie les meilleurs résultats.</translation>
    </message>
</context>
<context>
    <name>md::ToolSpec</name>
    <message>
        <source>Give the function a name.</source>
        <translation>Donnez un nom à la fonction.</translation>
    </message>
    <message>
        <source>A function name may only hold letters, digits, _ and - (at most 64).</source>
        <translation>Un nom de fonction ne peut contenir que des lettres, des chiffres, _ et - (64 au maximum).</translation>
    </message>
    <message>
        <source>The parameters schema&apos;s top level must be &quot;type&quot;: &quot;object&quot;.</source>
        <translation>Le niveau supérieur du schéma des paramètres doit être &quot;type&quot;: &quot;object&quot;.</translation>
    </message>
    <message>
        <source>Enter the fixed answer.</source>
        <translation>Saisissez la réponse fixe.</translation>
    </message>
    <message>
        <source>Fixed answer: %1</source>
        <translation>Réponse fixe : %1</translation>
    </message>
    <message>
        <source>Enter the command to run.</source>
        <translation>Saisissez la commande à exécuter.</translation>
    </message>
</context>
<context>
    <name>md::ToolsSection</name>
    <message>
        <source>Tools offered</source>
        <translation>Outils proposés</translation>
    </message>
    <message>
        <source>Edit tools…</source>
        <translation>Modifier les outils…</translation>
    </message>
    <message>
        <source>Define functions the model may call, with their JSON Schema and how calls are answered</source>
        <translation>Définir les fonctions que le modèle peut appeler, avec leur schéma JSON et le mode de réponse aux appels</translation>
    </message>
    <message>
        <source>This model does not take tools: requests with tools will be refused.</source>
        <translation>Ce modèle ne prend pas en charge les outils : les requêtes avec des outils seront refusées.</translation>
    </message>
    <message>
        <source>Tool choice</source>
        <translation>Choix de l’outil</translation>
    </message>
    <message>
        <source>auto: the model decides; none: it never calls; any or required: it must call one; or it must call the function named.</source>
        <translation>auto : le modèle décide ; none : il n’appelle jamais ; any ou required : il doit en appeler un ; ou il doit appeler la fonction indiquée.</translation>
    </message>
    <message>
        <source>Parallel tool calls</source>
        <translation>Appels d’outils parallèles</translation>
    </message>
    <message>
        <source>default (on)</source>
        <translation>par défaut (activé)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Whether one answer may call several functions at once.</source>
        <translation>Indique si une réponse peut appeler plusieurs fonctions à la fois.</translation>
    </message>
    <message>
        <source>Parallel calls</source>
        <translation>Appels parallèles</translation>
    </message>
    <message>
        <source>No tools: the model answers in text.</source>
        <translation>Aucun outil : le modèle répond en texte.</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s): %1</source>
        <translation>
            <numerusform>%n outil : %1</numerusform>
            <numerusform>%n outils : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 tools on: %3</source>
        <translation>%1 outils actifs sur %2 : %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>default (auto)</source>
        <translation>par défaut (auto)</translation>
    </message>
    <message>
        <source>call %1</source>
        <translation>appeler %1</translation>
    </message>
</context>
<context>
    <name>md::UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Annuler la suppression</translation>
    </message>
    <message>
        <source>Bring the conversation back</source>
        <translation>Restaurer la conversation</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>« %1 » supprimée</translation>
    </message>
</context>
<context>
    <name>md::UsageChartView</name>
    <message>
        <source>Usage per day and model</source>
        <translation>Utilisation par jour et par modèle</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <source>(unknown model)</source>
        <translation>(modèle inconnu)</translation>
    </message>
    <message>
        <source>Cost (USD)</source>
        <translation>Coût (USD)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Jetons</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>md::UsagePage</name>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>Au (inclus)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Toutes les sources</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Chart shows</source>
        <translation>Le graphique montre</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Jetons</translation>
    </message>
    <message>
        <source>Export the records as CSV</source>
        <translation>Exporter les enregistrements en CSV</translation>
    </message>
    <message>
        <source>Every request of the range and source, one line each</source>
        <translation>Chaque requête de la période et de la source, une par ligne</translation>
    </message>
    <message>
        <source>Usage per model</source>
        <translation>Utilisation par modèle</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Source :</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>A&amp;fficher :</translation>
    </message>
    <message>
        <source>No requests in this range.</source>
        <translation>Aucune requête sur cette période.</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 requête</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 requêtes</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 prompt + %4 completion tokens</source>
        <translation>%1 · %2 · %3 jetons de prompt + %4 jetons de complétion</translation>
    </message>
    <message>
        <source> · %1 without a price (not counted)</source>
        <translation> · %1 sans prix (non comptées)</translation>
    </message>
    <message>
        <source>Export usage as CSV</source>
        <translation>Exporter l’utilisation en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’exportation</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>Code completion</source>
        <translation>Complétion de code</translation>
    </message>
</context>
<context>
    <name>md::UsageTableModel</name>
    <message>
        <source>(unknown model)</source>
        <translation>(modèle inconnu)</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>pas de prix</translation>
    </message>
    <message>
        <source>Requests without a known price: their cost is not in the total</source>
        <translation>Requêtes sans prix connu : leur coût n’est pas inclus dans le total</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>Jetons de prompt</translation>
    </message>
    <message>
        <source>Completion tokens</source>
        <translation>Jetons de complétion</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Unpriced</source>
        <translation>Sans prix</translation>
    </message>
</context>
<context>
    <name>md::ViewCodeDialog</name>
    <message>
        <source>View code</source>
        <translation>Voir le code</translation>
    </message>
    <message>
        <source>This request as code. The key is read from the %1 environment variable: set it first, e.g. &lt;code&gt;export %1=…&lt;/code&gt;</source>
        <translation>Cette requête sous forme de code. La clé est lue dans la variable d’environnement %1 : définissez-la d’abord, par ex. &lt;code&gt;export %1=…&lt;/code&gt;</translation>
    </message>
    <message>
        <source>&amp;Streaming</source>
        <translation>&amp;Streaming</translation>
    </message>
    <message>
        <source>Show the streaming variant (server-sent events) instead of one complete answer</source>
        <translation>Afficher la variante en streaming (server-sent events) au lieu d’une réponse complète</translation>
    </message>
    <message>
        <source>%1 code</source>
        <translation>Code %1</translation>
    </message>
    <message>
        <source>&amp;Copy %1</source>
        <translation>&amp;Copier %1</translation>
    </message>
    <message>
        <source>Copy the %1 code</source>
        <translation>Copier le code %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>md::WelcomePage</name>
    <message>
        <source>Welcome to Mistral Desk</source>
        <translation>Bienvenue dans Mistral Desk</translation>
    </message>
    <message>
        <source>Chat with Mistral&apos;s models, tune every parameter and compare answers side by side, with the cost of each request in view. A local proxy lets your other tools use your key without ever seeing it.</source>
        <translation>Discutez avec les modèles de Mistral, ajustez chaque paramètre et comparez les réponses côte à côte, avec le coût de chaque requête sous les yeux. Un proxy local permet à vos autres outils d’utiliser votre clé sans jamais la voir.</translation>
    </message>
    <message>
        <source>To begin, paste your Mistral API key. To get one, sign in at &lt;b&gt;console.mistral.ai&lt;/b&gt; and open &lt;b&gt;API keys&lt;/b&gt;.</source>
        <translation>Pour commencer, collez votre clé API Mistral. Pour en obtenir une, connectez-vous sur &lt;b&gt;console.mistral.ai&lt;/b&gt; et ouvrez &lt;b&gt;API keys&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&amp;API key</source>
        <translation>Clé &amp;API</translation>
    </message>
    <message>
        <source>Paste your key here</source>
        <translation>Collez votre clé ici</translation>
    </message>
    <message>
        <source>The key is kept in your system keychain, never in a file.</source>
        <translation>La clé est conservée dans le trousseau de votre système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>Checking the key with Mistral…</source>
        <translation>Vérification de la clé auprès de Mistral…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>Utiliser pour cette session uniquement</translation>
    </message>
    <message>
        <source>No keychain was found on this computer, so Mistral Desk cannot store your key. It can keep it in memory for this session only; you will paste it again next time.</source>
        <translation>Aucun trousseau n’a été trouvé sur cet ordinateur, Mistral Desk ne peut donc pas enregistrer votre clé. Il peut la conserver en mémoire pour cette session uniquement ; vous la collerez à nouveau la prochaine fois.</translation>
    </message>
</context>
</TS>
