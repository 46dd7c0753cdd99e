"""French titles and descriptions for the JSON Schemas editors see (hover and completion in
VS Code's YAML extension): pydantic would title fields with their English names (« Country »)
and models with their English docstrings. `french(schema)` rewrites a generated schema;
a field's own French description (`Field(description=…)` in model.py) is kept."""

from __future__ import annotations

from typing import Any

#: Field name -> (title, description used when the model gives none).
FIELDS: dict[str, tuple[str, str]] = {
    "actor": ("Acteur", "Identifiant de l'acteur."),
    "actors": ("Acteurs", "Acteurs concernés (identifiants), ou la liste des acteurs de l'histoire."),
    "aliases": ("Anciens identifiants", "Identifiants précédents, gardés pour que les anciens liens fonctionnent."),
    "applies_to": ("Ce qui doit être fait", "Ce qui doit être fait avant cette date."),
    "article": ("Article", "Identifiant de l'article (voir seeds/articles.yml)."),
    "articles": ("Articles", "Les articles de seeds/, un par fichier."),
    "as_of": ("Arrêté au", "Date à laquelle s'arrête le récit."),
    "author": ("Auteur", "Auteur de l'article, ou null."),
    "authors": ("Signature", "Les auteurs, dans l'ordre où ils signent."),
    "corrections": ("Signaler une erreur", "Où signaler une erreur : https://… ou mailto:…"),
    "desk": ("Service", "Le service ou la cellule qui tient le site."),
    "changes": ("Journal des modifications", "Modifications datées de la fiche."),
    "claim": ("Affirmation", "Ce que dit ce côté, en une phrase."),
    "context": ("Contexte", "Pourquoi la question se pose, selon les articles."),
    "country": ("Pays", "Code pays ISO à deux lettres, ou null."),
    "date": ("Date", "Date au format AAAA-MM-JJ (ou AAAA-MM)."),
    "date_basis": ("Article de référence de la date", "L'article sur lequel repose une date déduite."),
    "date_note": ("Note sur la date", "Comment la date a été établie quand l'article la donne de façon relative."),
    "date_text": ("Date telle que l'article l'écrit", "La formulation de l'article (« fin août 2020 »)."),
    "deadlines": ("Échéances", "Les dates limites de l'histoire."),
    "deals": ("Accords", "Structures des accords décrits par les articles."),
    "definition": ("Définition", "Définition du terme, en une ou deux phrases."),
    "description": ("Description", "Présentation de la page du thème."),
    "disagreements": ("Divergences", "Points sur lesquels les articles ne disent pas la même chose."),
    "end": ("Fin", "Dernier jour de la période."),
    "essentials": ("Faits essentiels", "Les faits à lire d'abord (identifiants)."),
    "events": ("Événements", "La chronologie de l'histoire."),
    "fact": ("Fait", "Identifiant du fait qui le rapporte."),
    "facts": ("Faits", "Faits (identifiants), ou la liste des faits de la fiche."),
    "file": ("Fichier", "Nom du fichier texte dans seeds/."),
    "general": ("Terme général", "Vrai si le terme est défini sans citer d'article."),
    "glossary": ("Glossaire", "Les termes expliqués sur la page Glossaire."),
    "history": ("Dates antérieures", "Les dates annoncées auparavant, de la plus ancienne à la plus récente."),
    "id": ("Identifiant", "Identifiant permanent : minuscules, chiffres et tirets. C'est l'adresse de l'élément sur le site ; ne le changez jamais."),
    "identified_by": ("Identifié par", "Comment l'article a été identifié (titre, média, adresse)."),
    "ids": ("Éléments concernés", "Identifiants des éléments concernés (faits, acteurs…)."),
    "kind": ("Type", "Type de l'élément (voir les valeurs permises)."),
    "language": ("Langue", "Langue de l'article."),
    "name": ("Nom", "Nom de l'acteur tel que le site l'affiche."),
    "narrative": ("Récit", "Le récit de l'histoire, page d'accueil."),
    "note": ("Note", "Remarque de la rédaction."),
    "nuance": ("Nuance", "Vrai si les articles se complètent plutôt qu'ils ne se contredisent."),
    "outcome": ("Issue", "Ce qu'il en est advenu, selon les articles, ou null."),
    "outlet": ("Média", "Média qui a publié l'article, ou null."),
    "outlet_from": ("Origine du nom du média", "« texte » si le fichier le donne, « comparaison » s'il a été établi hors des articles."),
    "parties": ("Parties", "Les parties à l'accord."),
    "period": ("Période", "Période couverte par les articles."),
    "newsroom": ("Rédaction", "Qui publie le site : rédaction, service, signature, où signaler une erreur."),
    "published": ("Publication", "Date de publication."),
    "question": ("Question", "La question laissée sans réponse."),
    "questions": ("Questions ouvertes", "Ce que les articles laissent sans réponse."),
    "quote": ("Citation", "Citation mot pour mot du texte de l'article."),
    "relations": ("Relations", "Liens de l'acteur avec d'autres acteurs."),
    "role": ("Rôle", "Rôle dans l'histoire."),
    "scope": ("Périmètre", "Ce que le site ne couvre pas."),
    "shows": ("Montre aussi", "Ce que la page du thème montre en plus de ses faits : actors, deadlines ou deals."),
    "sides": ("Versions", "Les versions en présence, chacune avec ses citations."),
    "sources": ("Sources", "Citations des articles qui rapportent l'élément."),
    "stake": ("Part", "Ce que la partie posséderait ou contrôlerait."),
    "start": ("Début", "Premier jour de la période."),
    "status": ("Statut", "confirmé, rapporté ou contesté."),
    "story": ("Le sujet", "Titre, résumé, période et journal de la fiche."),
    "subject": ("Objet", "Ce qui serait vendu ou partagé."),
    "summary": ("Résumé", "Le sujet en un paragraphe."),
    "synonyms": ("Synonymes", "Mots que la vérification des citations tient pour équivalents."),
    "target": ("Cible", "Acteur visé (identifiant)."),
    "term": ("Terme", "Le terme tel qu'il apparaît dans le texte."),
    "text": ("Texte", "Le texte, en français."),
    "themes": ("Thèmes", "Thèmes (identifiants) ; le premier est la page où l'élément est publié."),
    "title": ("Titre", "Titre affiché sur le site."),
    "type": ("Type de relation", "Type de relation (voir les valeurs permises)."),
    "updated": ("Mis à jour le", "Date de la dernière mise à jour."),
    "url": ("Adresse", "Adresse web (https://…), ou null."),
    "wants": ("Objectifs", "Ce qu'il veut, selon les articles, ou null si rien n'est dit."),
    "site_url": ("Adresse du site", "L'adresse où le site est publié."),
    "feed_id": ("Identifiant du flux", "L'identifiant permanent du flux Atom (URI tag:)."),
    "vocabulary": ("Vocabulaire de l'histoire", "Les verbes, rôles et questions de l'histoire, et ses règles de maison."),
    "map_questions": ("Questions de la carte des acteurs", "Un schéma par question, dans l'ordre de la page."),
    "deal_roles": ("Rôles dans les accords", "Les rôles des parties dans un accord."),
    "retired_relations": ("Types de relation retirés", "Ancien id -> ce qu'il faut écrire à la place."),
    "retired_deal_roles": ("Rôles retirés", "Ancien id -> ce qu'il faut écrire à la place."),
    "actor_groups": ("Regroupement des acteurs", "country (par pays), kind (par sorte) ou none."),
    "label": ("Mots imprimés", "Les mots imprimés sur le site et les schémas."),
    "settled": ("Affirme", "true : le verbe affirme et demande un fait confirmé ; false : il rapporte."),
    "hedged": ("Forme au conditionnel", "L'id du verbe au conditionnel proposé quand le fait n'est pas confirmé."),
    "paragraphs": ("Paragraphes des passages", "Combien de paragraphes pour « En bref », l'accueil et l'ouverture des thèmes."),
    "brief": ("En bref", "Combien de puces dans « En bref »."),
    "home": ("Accueil", "Combien de paragraphes dans « Ce qu'il faut savoir »."),
    "theme": ("Ouverture d'un thème", "Combien de paragraphes en tête d'une page de thème."),
    "min": ("Au moins", "Le plus petit nombre permis."),
    "max": ("Au plus", "Le plus grand nombre permis, ou null."),
}

#: Model name -> (title, description).
MODELS: dict[str, tuple[str, str]] = {
    "FactSheet": ("Fiche de faits", "La fiche de faits du site (facts.yml)."),
    "ArticleList": ("Liste des articles", "Les articles de seeds/ et ce que leurs fichiers disent d'eux (seeds/articles.yml)."),
    "Actor": ("Acteur", "Une personne, une entreprise ou une institution de l'histoire."),
    "Article": ("Article", "Un article de seeds/ ; une valeur que le fichier ne donne pas est null."),
    "Change": ("Modification", "Une modification datée de la fiche, listée dans le journal et le flux Atom."),
    "Deadline": ("Échéance", "Une date limite ; si elle a bougé, history liste les dates antérieures."),
    "DeadlineStep": ("Date antérieure", "Une date annoncée auparavant pour une échéance."),
    "Deal": ("Accord", "Un accord tel que les articles le décrivent."),
    "DealParty": ("Partie à l'accord", "Une partie : qui, dans quel rôle, et le fait qui le rapporte."),
    "Disagreement": ("Divergence", "Une question sur laquelle les articles ne disent pas la même chose."),
    "Event": ("Événement", "Un événement daté de la chronologie."),
    "Fact": ("Fait", "Un fait rapporté par les articles, en une phrase, avec ses citations."),
    "Newsroom": ("Rédaction", "Qui publie le site : rédaction, service, signature, où signaler une erreur."),
    "Period": ("Période", "Une période, du premier au dernier jour."),
    "Question": ("Question ouverte", "Ce que les articles laissent sans réponse."),
    "Relation": ("Relation", "Un lien d'un acteur vers un autre, établi par un fait."),
    "Side": ("Version", "Une version d'une divergence, avec ses citations."),
    "Source": ("Citation", "Une citation : l'article et un passage recopié mot pour mot."),
    "Vocabulary": ("Vocabulaire", "Les mots de l'histoire et ses règles de maison (voir STARTER.md)."),
    "Verb": ("Verbe", "Un verbe de l'histoire : ses mots, et s'il affirme ou rapporte."),
    "RelationVerb": ("Verbe de relation", "Un verbe de relation entre acteurs, et la question de la carte où il est dessiné."),
    "MapQuestion": ("Question de la carte", "Un schéma de la carte des acteurs."),
    "Paragraphs": ("Paragraphes", "Combien de paragraphes la maison permet aux passages de la rédaction."),
    "Count": ("Nombre", "Combien d'éléments la maison demande."),
    "Story": ("Le sujet", "Le sujet de la fiche : titre, résumé, période, journal."),
    "Term": ("Terme", "Un terme du glossaire."),
    "Theme": ("Thème", "Une page thématique du site."),
}


def french(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with French titles everywhere and a French description on every field and
    model (a field's own description from model.py wins). Unknown names raise KeyError, so a
    new field cannot reach editors with an English title."""

    def node(value: Any, name: str | None = None) -> Any:
        if isinstance(value, dict):
            out = {k: node(v) for k, v in value.items()}
            if "properties" in value:
                props = {}
                for key, prop in value["properties"].items():
                    title, description = FIELDS[key]
                    prop = node(prop)
                    prop["title"] = title
                    prop.setdefault("description", description)
                    props[key] = prop
                out["properties"] = props
            if name is not None:
                out["title"], out["description"] = MODELS[name]
            if "$defs" in value:
                out["$defs"] = {k: node(v, k) for k, v in value["$defs"].items()}
            return out
        if isinstance(value, list):
            return [node(v) for v in value]
        return value

    top = schema.get("title")
    return node(schema, top)
