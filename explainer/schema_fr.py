"""French titles and descriptions for the JSON Schemas editors see (hover and completion in
VS Code's YAML extension): pydantic would title fields with their English names (« Country »)
and models with their English docstrings. `french(schema)` rewrites a generated schema;
a field's own French description (`Field(description=…)` in model.py) is kept."""

from __future__ import annotations

from typing import Any

#: Field name -> (title, description for the fields the model describes nowhere, else None).
#: The title is written here only; a description is written once: in model.py's
#: `Field(description=…)`, or here for a field no model describes (tests/engine/test_schema.py).
FIELDS: dict[str, tuple[str, str | None]] = {
    "actor": ("Acteur", None),
    "actors": ("Acteurs", "Acteurs concernés (identifiants), ou la liste des acteurs de l'histoire."),
    "aliases": ("Anciens identifiants", "Identifiants précédents, gardés pour que les anciens liens fonctionnent."),
    "applies_to": ("Ce qui doit être fait", None),
    "article": ("Article", None),
    "articles": ("Articles", "Les articles de seeds/, un par fichier."),
    "as_of": ("Arrêté au", None),
    "author": ("Auteur", None),
    "authors": ("Signature", None),
    "corrections": ("Signaler une erreur", None),
    "locale": ("Langue", None),
    "desk": ("Service", None),
    "changes": ("Journal des modifications", None),
    "claim": ("Affirmation", None),
    "context": ("Contexte", "Pourquoi la question se pose, selon les articles."),
    "country": ("Pays", None),
    "date": ("Date", None),
    "date_basis": ("Article de référence de la date", None),
    "date_note": ("Note sur la date", "Comment la date a été établie quand l'article la donne de façon relative."),
    "date_text": ("Date telle que l'article l'écrit", None),
    "deadlines": ("Échéances", "Les dates limites de l'histoire."),
    "deals": ("Accords", None),
    "definition": ("Définition", "Définition du terme, en une ou deux phrases."),
    "detail": ("Note en entier", None),
    "description": ("Description", "Présentation de la page du thème."),
    "disagreements": ("Divergences", "Points sur lesquels les articles ne disent pas la même chose."),
    "end": ("Fin", None),
    "essentials": ("Faits essentiels", None),
    "events": ("Événements", "La chronologie de l'histoire."),
    "fact": ("Fait", None),
    "facts": ("Faits", "Faits (identifiants), ou la liste des faits de la fiche."),
    "file": ("Fichier", None),
    "general": ("Terme général", None),
    "glossary": ("Glossaire", "Les termes expliqués sur la page Glossaire."),
    "history": ("Dates antérieures", None),
    "id": ("Identifiant", "Identifiant permanent : minuscules, chiffres et tirets. C'est l'adresse de l'élément sur le site ; ne le changez jamais."),
    "identified_by": ("Identifié par", None),
    "ids": ("Éléments concernés", None),
    "kind": ("Type", "Type de l'élément (voir les valeurs permises)."),
    "language": ("Langue", None),
    "name": ("Nom", "Nom de l'acteur tel que le site l'affiche."),
    "narrative": ("Récit", None),
    "note": ("Note", None),
    "nuance": ("Nuance", None),
    "outcome": ("Issue", None),
    "outlet": ("Média", None),
    "outlet_from": ("Origine du nom du média", None),
    "parties": ("Parties", "Les parties à l'accord."),
    "period": ("Période", None),
    "newsroom": ("Rédaction", None),
    "published": ("Publication", None),
    "question": ("Question", "La question laissée sans réponse."),
    "questions": ("Questions ouvertes", "Ce que les articles laissent sans réponse."),
    "quote": ("Citation", None),
    "relations": ("Relations", "Liens de l'acteur avec d'autres acteurs."),
    "role": ("Rôle", None),
    "scope": ("Périmètre", None),
    "shows": ("Montre aussi", None),
    "sides": ("Versions", "Les versions en présence, chacune avec ses citations."),
    "sources": ("Sources", "Citations des articles qui rapportent l'élément."),
    "stake": ("Part", None),
    "start": ("Début", None),
    "status": ("Statut", "confirmé, rapporté ou contesté."),
    "story": ("Le sujet", "Titre, résumé, période et journal de la fiche."),
    "subject": ("Objet", None),
    "summary": ("Résumé", "Le sujet en un paragraphe."),
    "synonyms": ("Synonymes", None),
    "target": ("Cible", None),
    "term": ("Terme", None),
    "text": ("Texte", None),
    "themes": ("Thèmes", "Thèmes (identifiants) ; le premier est la page où l'élément est publié."),
    "title": ("Titre", "Titre affiché sur le site."),
    "type": ("Type de relation", None),
    "updated": ("Mis à jour le", None),
    "url": ("Adresse", None),
    "wants": ("Objectifs", None),
    "site_url": ("Adresse du site", None),
    "feed_id": ("Identifiant du flux", None),
    "vocabulary": ("Vocabulaire de l'histoire", None),
    "map_questions": ("Questions de la carte des acteurs", None),
    "deal_roles": ("Rôles dans les accords", None),
    "retired_relations": ("Types de relation retirés", None),
    "retired_deal_roles": ("Rôles retirés", None),
    "actor_groups": ("Regroupement des acteurs", None),
    "label": ("Mots imprimés", None),
    "settled": ("Affirme", None),
    "hedged": ("Forme au conditionnel", None),
    "paragraphs": ("Paragraphes des passages", None),
    "brief": ("En bref", None),
    "home": ("Accueil", None),
    "theme": ("Ouverture d'un thème", None),
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
                    if "description" not in prop:
                        if description is None:
                            raise KeyError(f"{key}: no description, in model.py or in schema_fr.FIELDS")
                        prop["description"] = description
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
